"""Helpers for tests that write to a database: a settable wall clock, a quick session.

And for the fault tests: a full disk (SQLite's own, a refusing writer, or a real
small tmpfs) and a read-only view of a folder. Mounting needs root; where it is not
allowed, `mounted` raises MountRefusedError and the test skips, saying why. And for
the look of the pages: the WCAG contrast of two colours.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hypothesis import settings

from coach.domain.red_flags import OTHER, RedFlag

if TYPE_CHECKING:
    from PySide6.QtGui import QColor

    from coach.domain.timeline import Timeline
    from coach.storage.history import History

ZONE = timezone(timedelta(hours=1))


def examples(on_ci: int) -> int:
    """Hypothesis examples for a test that tries `on_ci` of them on CI: locally, the share
    of them that the profile loaded in tests/conftest.py takes of CI's 100, at least 10."""
    return max(10, on_ci * settings().max_examples // 100)


def flag(label: str) -> RedFlag:
    """A red flag recorded under `label`: what an imported file or an older Coach may hold."""
    return RedFlag("test", label, OTHER.action, label, OTHER.urgency, OTHER.steps, OTHER.still)


class WallClock:
    """Local time with a UTC offset that only moves when the test says so."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 8, 0, 0, tzinfo=ZONE)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def run_sets(store: History, tl: Timeline, wall: WallClock, count: int) -> str:
    """Begin a session and finish `count` sets, as the workout view does."""
    from coach.domain.record import SessionRecord  # noqa: PLC0415 - keeps this module light

    journal = store.sessions.journal(tl)
    journal.begin()
    record = SessionRecord(tl)
    for span in tl.spans[:count]:
        journal.set_started(span.index)
        wall.advance(seconds=30)
        journal.add(record.add_completed(span))
    assert journal.id is not None
    return journal.id


# Every table of the database, and the key its rows are ordered by.
TABLES = {
    "sessions": "id",
    "sets": "session_id, position",
    "programs": "id",
    "checkins": "day",
    "visa_a": "id",
    "events": "id",
}


def table_rows(store: History) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in a fixed order: two databases with equal rows compare equal."""
    return {
        table: list(store.db.sql.query(f"SELECT * FROM {table} ORDER BY {key}"))  # noqa: S608 - TABLES
        for table, key in TABLES.items()
    }


def fill_the_disk(store: History, session_id: str) -> None:
    """Make SQLite report a full disk: cap the file at its size, then fill every page.

    The sets table is packed with rows down to a few bytes shorter than a real set,
    so the next real set needs a page the "disk" does not have.
    """
    pages = store.db.sql.execute("PRAGMA page_count").fetchone()[0]
    store.db.sql.execute(f"PRAGMA max_page_count = {pages + 4}")
    position = 1000
    for size in (2000, 500, 100, 20, 1):
        with contextlib.suppress(sqlite3.OperationalError):
            for _ in range(1000):
                position += 1
                store.db.sql.execute(
                    "INSERT INTO sets SELECT session_id, ?, substr(hex(zeroblob(?)), 1, ?), "
                    "number, side, reps, load_kg, lower_seconds, pain, started, finished "
                    "FROM sets WHERE session_id = ? AND position = 0",
                    [position, size, size, session_id],
                )


_WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE"})


def refusing_writer(allowed: int = 0) -> Callable[[str, object], None]:
    """A sqlite-utils tracer that fails writes as SQLite does on a full disk.

    Use as `with store.db.sql.tracer(refusing_writer()):`. The first `allowed` writes go
    through, so a transaction can fail half-way. The tracer runs before each statement
    that History's code sends through sqlite-utils: the storage layer's boundary.
    """
    count = 0

    def tracer(sql: str, _params: object) -> None:
        nonlocal count
        if sql.split(None, 1)[0].upper() in _WRITES:
            count += 1
            if count > allowed:
                raise sqlite3.OperationalError("database or disk is full")

    return tracer


def fill_up(folder: Path) -> Path:
    """Write a file in `folder` until the file system has no byte left. Returns it."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as f:
        try:
            while True:
                f.write(bytes(65536))
        except OSError:
            pass
        with contextlib.suppress(OSError):
            while True:
                f.write(b"\0")  # the last bytes of the last block
    return filler


class MountRefusedError(Exception):
    """This machine does not let the tests mount (not root, or no mount command)."""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False)


@contextlib.contextmanager
def mounted(at: Path, *args: str, remount: str = "") -> Iterator[Path]:
    """`mount <args> <at>` (then `mount -o <remount> <at>`), unmounted on exit."""
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if mount is None or umount is None:
        raise MountRefusedError("no mount command")
    at.mkdir(parents=True, exist_ok=True)
    done = _run(mount, *args, str(at))
    if done.returncode:
        raise MountRefusedError(done.stderr.strip() or f"mount exited with {done.returncode}")
    try:
        if remount:
            done = _run(mount, "-o", remount, str(at))
            if done.returncode:
                raise MountRefusedError(done.stderr.strip() or "remount failed")
        yield at
    finally:
        if _run(umount, str(at)).returncode:
            _run(umount, "-l", str(at))  # still busy: detach it now, freed when last closed


def tmpfs(at: Path, size: str) -> contextlib.AbstractContextManager[Path]:
    """A file system of `size` bytes (tmpfs: "1m") at `at`, gone on exit."""
    return mounted(at, "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs")


def read_only_view(source: Path, at: Path) -> contextlib.AbstractContextManager[Path]:
    """`source` seen read-only at `at` (a bind mount): even root cannot write there."""
    return mounted(at, "--bind", str(source), remount="remount,ro,bind")


def contrast(a: str | QColor, b: str | QColor) -> float:
    """WCAG 2 contrast ratio of two colours."""
    from PySide6.QtGui import QColor  # noqa: PLC0415 - only the UI tests need Qt here

    def luminance(colour: str | QColor) -> float:
        c = QColor(colour)
        r, g, b = (
            v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
            for v in (c.redF(), c.greenF(), c.blueF())
        )
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
