"""Writes that wait: what the disk refused is kept in memory and tried again.

A workout must go on when the disk is full. Each write of a session goes through a
`WriteQueue`: written at once if it can be, otherwise kept (with what it saves, in
words) and tried again, oldest first, before every later write and at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from coach.storage.schema import StorageError


@dataclass(frozen=True)
class Write:
    what: str  # what it saves, in words: "set 2 of Straight-knee drop (left leg)"
    run: Callable[[], None]
    # A newer write of the same thing (a set's pain, the note, the ending) replaces one
    # that still waits: a retry of the older must never write over the newer.
    same: Hashable | None = None
    first: bool = False  # the session row: every other write waits behind it


class WriteQueue:
    """Writes in order; those the disk refuses wait and are tried again."""

    def __init__(self) -> None:
        self._waiting: list[Write] = []
        self.problem = ""  # the disk's latest refusal, in words; "" when all went through
        self.recovered = False  # the last flush wrote everything that had been refused

    @property
    def unsaved(self) -> list[str]:
        """What the disk has refused so far and is still to be saved, in words."""
        return [w.what for w in self._waiting]

    def write(self, write: Write) -> None:
        """Write now, after whatever waits."""
        if write.same is not None:
            self._waiting = [w for w in self._waiting if w.same != write.same]
        self._waiting.append(write)
        self.flush()

    def flush(self) -> None:
        """Try each write that waits, oldest first.

        Each stands alone (the journal writes a refused set again with its latest
        pain), so one refusal does not hold back the rest; but nothing is written
        before the session row itself.
        """
        had_problem = bool(self.problem)
        for write in list(self._waiting):
            try:
                write.run()
            except StorageError as e:
                self.problem = str(e)
                if write.first:
                    break
                continue
            self._waiting.remove(write)
        self.recovered = had_problem and not self._waiting
        if not self._waiting:
            self.problem = ""
