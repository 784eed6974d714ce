"""A JSON export is a full backup: whatever Coach wrote, however wrong the clock was,
`export --format json` then `import` into an empty folder gives every row back.

Histories are generated: sessions (whole, partial, stopped), pains, notes in any script,
morning check-ins, VISA-A results, programs started, paused and resumed, while the
computer's clock moves on, jumps back to 1970 or 1999, runs days or a year ahead, and
changes its UTC offset.
"""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.domain.program import Program
from coach.domain.record import Outcome
from coach.domain.settings import Injured, Side
from coach.domain.timeline import Timeline
from coach.domain.visa_a import VisaAnswers
from coach.storage import json_export, json_import
from coach.storage.history import History
from tests.helpers import WallClock, examples, flag, run_sets, table_rows


@dataclass(frozen=True)
class Clock:
    """Where the computer's clock goes before the next thing is recorded."""

    kind: str  # "on" (minutes to days later), "1970", "1999", "ahead" (days), "back" (hours)
    amount: int
    offset_minutes: int  # the UTC offset it then shows


def clocks() -> st.SearchStrategy[Clock]:
    return st.builds(
        Clock,
        st.sampled_from(["on", "on", "on", "1970", "1999", "ahead", "back"]),
        st.integers(1, 400),
        st.sampled_from([0, 60, 120, -300, 330, 840, -720]),
    )


def move(wall: WallClock, clock: Clock) -> None:
    zone = timezone(timedelta(minutes=clock.offset_minutes))
    if clock.kind == "on":
        wall.now = (wall.now + timedelta(minutes=clock.amount * 37)).astimezone(zone)
    elif clock.kind == "1970":
        wall.now = datetime(1970, 1, 1, 8, 0, tzinfo=zone) + timedelta(minutes=clock.amount)
    elif clock.kind == "1999":
        wall.now = datetime(1999, 12, 31, 23, 0, tzinfo=zone) + timedelta(minutes=clock.amount)
    elif clock.kind == "ahead":
        wall.now = (wall.now + timedelta(days=clock.amount)).astimezone(zone)
    else:  # set back, as a correction would, but not before the Unix epoch
        wall.now = max(wall.now - timedelta(hours=clock.amount), EPOCH).astimezone(zone)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def before_2000(clock: Clock) -> bool:
    """Whether the next record is stamped before 2000 (1999-12-31 23:00 plus minutes)."""
    return clock.kind == "1970" or (clock.kind == "1999" and clock.amount < 60)


NOTES = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40
)  # emoji, right-to-left text, control characters: whatever a user may paste


@st.composite
def steps(draw: st.DrawFn) -> list[tuple[Clock, tuple[str, Any]]]:
    actions = st.one_of(
        st.tuples(st.just("session"), st.tuples(st.integers(0, 4), st.sampled_from(list(Outcome)),
                                                st.integers(0, 3), st.none() | st.integers(0, 10),
                                                NOTES)),
        st.tuples(st.just("checkin"), st.tuples(st.none() | st.integers(0, 10),
                                                st.none() | st.integers(0, 1440))),
        st.tuples(st.just("visa"), st.sampled_from([None, Side.LEFT, Side.RIGHT])),
        st.tuples(st.just("program"), st.sampled_from(list(Injured))),
        st.tuples(st.just("pause"), NOTES),
    )  # fmt: skip
    return draw(st.lists(st.tuples(clocks(), actions), min_size=1, max_size=12))


def record(store: History, tl: Timeline, wall: WallClock, action: str, args: Any) -> None:
    if action == "session":
        sets, outcome, rated, pain, note = args
        session_id = run_sets(store, tl, wall, sets)
        journal, _, _ = store.sessions.resume(session_id)  # as Coach goes on with an open session
        for position in range(min(rated, sets)):
            journal.rate(position, pain)
        journal.note(note)
        journal.finish(outcome, 30.0 * sets)
    elif action == "checkin":
        store.programs.save_checkin(wall.now.date(), *args)
    elif action == "visa":
        store.programs.save_visa(VisaAnswers(5, 5, 5, 5, 5, 5, 4, "B", 10), side=args)
    elif action == "program":
        pid = uuid.uuid4().hex
        store.programs.start_program(
            Program(id=pid, start=wall.now.date(), protocol="alfredson", injured=args)
        )
    else:
        program = store.programs.program()
        store.programs.pause(None if program is None else program.id, flag(args or "a red flag"))
        if program is not None:
            store.programs.resume(program.id)


# short_timeline is a value no example changes.
@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(history=steps(), import_clock=clocks())
def test_a_json_export_imports_back_whole_whatever_the_clock_said(
    history: list[tuple[Clock, tuple[str, Any]]], import_clock: Clock, short_timeline: Timeline
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        wall = WallClock()
        with History.open(Path(folder) / "data", now=wall) as store:
            for clock, (action, args) in history:
                move(wall, clock)
                record(store, short_timeline, wall, action, args)
            out = Path(folder) / "backup.json"
            json_export.export_json(store.db, out)
            written = table_rows(store)
        move(wall, import_clock)  # the computer it is restored on has a clock of its own
        with History.open(Path(folder) / "restored", now=wall) as restored:
            result = json_import.import_file(restored.db, out)
            assert table_rows(restored) == written
        assert result.sessions_added == len(written["sessions"])
        if any(before_2000(clock) for clock, _ in history):
            assert result.odd_dates  # a record was stamped before 2000: said, not hidden
        if result.odd_dates:
            assert "Some dates in the file look wrong" in result.describe()
