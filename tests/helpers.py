"""Helpers for tests that write to a database: a settable wall clock, a quick session."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.domain.timeline import Timeline
    from coach.storage.store import Store

ZONE = timezone(timedelta(hours=1))


class WallClock:
    """Local time with a UTC offset that only moves when the test says so."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 8, 0, 0, tzinfo=ZONE)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


def run_sets(store: Store, tl: Timeline, wall: WallClock, count: int) -> str:
    """Begin a session and finish `count` sets, as the workout view does."""
    from coach.domain.record import SessionRecord  # noqa: PLC0415 - keeps this module light

    journal = store.journal(tl)
    journal.begin()
    record = SessionRecord(tl)
    for span in tl.spans[:count]:
        journal.set_started(span.index)
        wall.advance(seconds=30)
        journal.add(record.add_completed(span))
    assert journal.id is not None
    return journal.id


def fill_the_disk(store: Store, session_id: str) -> None:
    """Make SQLite report a full disk: cap the file at its size, then fill every page.

    The sets table is packed with rows down to a few bytes shorter than a real set,
    so the next real set needs a page the "disk" does not have.
    """
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 4}")
    position = 1000
    for size in (2000, 500, 100, 20, 1):
        with contextlib.suppress(sqlite3.OperationalError):
            for _ in range(1000):
                position += 1
                store.db.execute(
                    "INSERT INTO sets SELECT session_id, ?, substr(hex(zeroblob(?)), 1, ?), "
                    "number, side, reps, load_kg, lower_seconds, pain, started, finished "
                    "FROM sets WHERE session_id = ? AND position = 0",
                    [position, size, size, session_id],
                )
