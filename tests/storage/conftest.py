"""Histories that the export and import tests share."""

from __future__ import annotations

from datetime import date

import pytest

from coach.domain.timeline import Timeline
from coach.domain.visa_a import VisaAnswers
from coach.storage.history import History
from tests.helpers import WallClock, flag, run_sets
from tests.storage.exports import ANSWERS, program


@pytest.fixture
def filled(store: History, short_timeline: Timeline, wall: WallClock) -> History:
    """Two sessions on two days; the first with pains and a formula-like note."""
    first = run_sets(store, short_timeline, wall, 2)
    store.sessions.set_pain(first, 0, 3)
    store.sessions.set_note(first, '=HYPERLINK("http://x")')
    wall.advance(days=1)
    run_sets(store, short_timeline, wall, 1)
    return store


@pytest.fixture
def complete(filled: History, wall: WallClock) -> History:
    """`filled` plus two programs (the first ended), two events, check-ins and VISA-A."""
    progress = filled.programs
    progress.start_program(program("p1", date(2026, 11, 16)))
    wall.advance(minutes=1)
    progress.start_program(program("p2", date(2026, 11, 21)))
    progress.pause("p2", flag("a snap in the heel"))
    wall.advance(minutes=1)
    progress.resume("p2")
    progress.save_checkin(date(2026, 11, 21), 2, 10)
    progress.save_checkin(date(2026, 11, 22), None, None)  # skipped
    progress.save_visa(ANSWERS)
    wall.advance(minutes=1)
    progress.save_visa(VisaAnswers(10, 10, 10, 10, 10, 10, 10, "A", 30))
    return filled
