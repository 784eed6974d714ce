"""What the Today page shows: the program's day, the advice, the check-in, the VISA-A due."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from coach.app.today import today, visa_due
from coach.domain.program import Program
from coach.domain.settings import Injured, Side
from coach.domain.timeline import Timeline
from coach.domain.visa_a import VisaAnswers
from coach.storage import demo
from coach.storage.database import naive
from coach.storage.history import History
from tests.helpers import WallClock, run_sets

TODAY = date(2026, 11, 21)  # the wall clock's day


def program(start: date = TODAY - timedelta(days=10), pid: str = "p1", **kw: object) -> Program:
    return Program(pid, start, "alfredson", Injured.RIGHT, **kw)  # type: ignore[arg-type]


def answers(points: int) -> VisaAnswers:
    """Answers scoring `points` on each of Q1-Q6 (Q7 0, Q8 branch C 0)."""
    return VisaAnswers(points, points, points, points, points, points, 0, "C", 0)


def test_visa_a_is_due_at_the_start_and_then_every_two_weeks(
    store: History, wall: WallClock
) -> None:
    p = program(start=TODAY)
    store.programs.start_program(p)
    assert visa_due(store.programs, p, naive(store.db.now()).date())
    store.programs.save_visa(answers(5))
    wall.advance(days=13)
    assert not visa_due(store.programs, p, naive(store.db.now()).date())
    wall.advance(days=1)
    assert visa_due(store.programs, p, naive(store.db.now()).date())


def test_with_both_legs_painful_visa_a_is_due_until_each_leg_has_its_own(
    store: History, wall: WallClock
) -> None:
    p = Program("p1", TODAY, "alfredson", Injured.BOTH)
    store.programs.start_program(p)
    assert visa_due(store.programs, p, naive(store.db.now()).date())
    store.programs.save_visa(answers(5), side=Side.LEFT)
    assert visa_due(store.programs, p, naive(store.db.now()).date())  # the right leg still has none
    store.programs.save_visa(answers(5), side=Side.RIGHT)
    assert not visa_due(store.programs, p, naive(store.db.now()).date())
    wall.advance(days=7)
    store.programs.save_visa(answers(6), side=Side.LEFT)  # early, for the left only
    wall.advance(days=7)
    assert visa_due(
        store.programs, p, naive(store.db.now()).date()
    )  # the right leg's is two weeks old
    store.programs.save_visa(answers(6), side=Side.RIGHT)
    assert not visa_due(store.programs, p, naive(store.db.now()).date())
    wall.advance(days=7)
    assert visa_due(store.programs, p, naive(store.db.now()).date())  # now the left leg's is


def test_a_result_that_records_no_leg_counts_for_both(store: History, wall: WallClock) -> None:
    p = Program("p1", TODAY, "alfredson", Injured.BOTH)
    store.programs.start_program(p)
    store.programs.save_visa(answers(5))  # as saved before Coach recorded the leg
    assert not visa_due(store.programs, p, naive(store.db.now()).date())
    wall.advance(days=14)
    assert visa_due(store.programs, p, naive(store.db.now()).date())


def test_the_next_load_is_the_starting_load_until_a_session_of_the_program(
    store: History, wall: WallClock, short_timeline: Timeline
) -> None:
    run_sets(store, short_timeline, wall, 1)  # 0 kg, the day before the program: not its load
    wall.advance(days=1)
    store.programs.start_program(program(start=TODAY + timedelta(days=1), load_kg=5.0))
    state = today(store.programs, store.queries, store.db.now())
    assert state is not None
    assert state.last_load_kg == 5.0
    wall.advance(hours=9)
    run_sets(store, short_timeline, wall, 1)  # this evening, at 0 kg
    state = today(store.programs, store.queries, store.db.now())
    assert state is not None
    assert state.last_load_kg == 0.0


def test_reading_today_loads_neither_sqlite_utils_nor_numpy(tmp_path: Path) -> None:
    """The Today page is usable before sqlite-utils (about 0.2 s, with numpy) loads."""
    with History.open(tmp_path) as history:
        demo.fill(history.db, weeks=2, seed=1)
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from coach.app.today import today\n"
        "from coach.storage.history import History\n"
        f"with History.open(Path({str(tmp_path)!r})) as h:\n"
        "    state = today(h.programs, h.queries, h.db.now())\n"
        "    h.db.latest_stamp()\n"
        "assert state is not None\n"
        "print(sorted(m for m in ('sqlite_utils', 'numpy') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
