"""Helpers for tests that write to a database: a settable wall clock, a quick session."""

from __future__ import annotations

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
