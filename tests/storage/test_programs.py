"""The program tables: programs, check-ins, VISA-A, events, and how the programs split the day."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, time, timedelta

import pytest

from coach.domain.advice import Kind, Morning, advise
from coach.domain.program import Program, Status
from coach.domain.red_flags import RUPTURE
from coach.domain.settings import Injured, Side
from coach.domain.timeline import Timeline
from coach.domain.visa_a import VisaAnswers
from coach.storage.history import History
from coach.storage.programs import EventKind
from coach.storage.schema import StorageError
from tests.helpers import WallClock, fill_the_disk, run_sets

TODAY = date(2026, 11, 21)  # the wall clock's day


def program(start: date = TODAY - timedelta(days=10), pid: str = "p1", **kw: object) -> Program:
    return Program(pid, start, "alfredson", Injured.RIGHT, **kw)  # type: ignore[arg-type]


def answers(points: int) -> VisaAnswers:
    """Answers scoring `points` on each of Q1-Q6 (Q7 0, Q8 branch C 0)."""
    return VisaAnswers(points, points, points, points, points, points, 0, "C", 0)


def test_a_new_program_keeps_the_old_one_as_ended(store: History, wall: WallClock) -> None:
    store.programs.start_program(program(pid="old"))
    wall.advance(minutes=1)
    store.programs.start_program(program(pid="new", morning=time(7), evening=time(20)))
    current = store.programs.program()
    assert current is not None
    assert (current.id, current.morning, current.evening) == ("new", time(7), time(20))
    assert [(p.id, p.status) for p in store.programs.programs()] == [
        ("new", Status.ACTIVE),
        ("old", Status.ENDED),
    ]


def test_the_program_keeps_its_pace_and_the_settings_change_it(
    store: History, wall: WallClock
) -> None:
    store.programs.start_program(program(lower_seconds=4, load_kg=2.5))
    current = store.programs.program()
    assert current is not None
    assert (current.lower_seconds, current.rest_seconds, current.load_kg) == (4, 60, 2.5)
    changed = Program(
        current.id, date(2020, 1, 1), "jonsson", Injured.BOTH,  # not what settings change
        morning=time(6, 45), evening=time(21), visa_every_weeks=4,
        lower_seconds=6, rest_seconds=120, get_ready_seconds=0, load_kg=5.0,
    )  # fmt: skip
    store.programs.change_program(changed)
    after = store.programs.program()
    assert after is not None
    assert (after.start, after.protocol, after.injured) == (
        current.start, current.protocol, current.injured
    )  # fmt: skip
    assert (after.morning, after.evening, after.visa_every_weeks) == (time(6, 45), time(21), 4)
    assert (after.lower_seconds, after.rest_seconds, after.get_ready_seconds, after.load_kg) == (
        6, 120, 0, 5.0
    )  # fmt: skip


def test_no_program_until_one_is_started(store: History) -> None:
    assert store.programs.program() is None
    assert store.programs.programs() == []


def test_a_red_flag_pauses_the_program_and_is_recorded(store: History) -> None:
    store.programs.start_program(program())
    store.programs.pause("p1", RUPTURE)
    paused = store.programs.program()
    assert paused is not None
    assert (paused.status, paused.reason) == (Status.PAUSED, "signs of a possible tendon tear")
    advice = advise(store.queries.history(paused, store.db.now()))
    assert advice.kind is Kind.PAUSED
    assert "signs of a possible tendon tear" in advice.text
    store.programs.resume("p1")
    resumed = store.programs.program()
    assert resumed is not None
    assert resumed.status is Status.ACTIVE
    events = store.programs.events()
    assert [e.red_flag for e in events] == [RUPTURE, None]
    assert [(e.kind, e.detail, e.program_id) for e in events] == [
        (EventKind.RED_FLAG, "signs of a possible tendon tear", "p1"),
        (EventKind.RESUMED, "", "p1"),
    ]


def test_a_check_in_is_saved_replaced_skipped_and_forgotten(store: History) -> None:
    assert store.programs.checkin(TODAY) is None
    store.programs.save_checkin(TODAY, 3, 20)
    assert store.programs.checkin(TODAY) == Morning(TODAY, 3, 20)
    store.programs.save_checkin(TODAY, 2, None)  # edited later
    assert store.programs.checkin(TODAY) == Morning(TODAY, 2, None)
    store.programs.save_checkin(TODAY - timedelta(days=1), None, None)  # skipped
    assert store.programs.checkin(TODAY - timedelta(days=1)) == Morning(
        TODAY - timedelta(days=1), None, None
    )
    assert store.programs.checkins() == [Morning(TODAY, 2, None)]  # skipped ones left out
    store.programs.forget_checkin(TODAY)
    assert store.programs.checkin(TODAY) is None


@pytest.mark.parametrize(("pain", "stiffness"), [(11, 0), (-1, 0), (2, -5), (2, 1441)])
def test_a_check_in_out_of_range_is_refused_and_not_saved(
    store: History, pain: int, stiffness: int
) -> None:
    with pytest.raises(ValueError, match="from 0 to"):
        store.programs.save_checkin(TODAY, pain, stiffness)
    assert store.programs.checkin(TODAY) is None


def test_visa_a_answers_are_stored_with_their_score(store: History, wall: WallClock) -> None:
    first = store.programs.save_visa(answers(4))
    wall.advance(days=14)
    second = store.programs.save_visa(answers(7))
    found = store.programs.visa()
    assert [(v.score, v.answers) for v in found] == [(24, answers(4)), (42, answers(7))]
    assert found[0] == first
    assert found[1] == second
    store.programs.forget_visa(first.id)
    assert store.programs.visa() == [second]


def test_a_visa_a_result_keeps_the_leg_it_is_about(store: History, wall: WallClock) -> None:
    left = store.programs.save_visa(answers(4), side=Side.LEFT)
    wall.advance(minutes=1)
    right = store.programs.save_visa(answers(6), side=Side.RIGHT)
    wall.advance(minutes=1)
    one = store.programs.save_visa(answers(5))
    assert (left.side, right.side, one.side) == (Side.LEFT, Side.RIGHT, None)
    assert store.programs.visa() == [left, right, one]
    assert [r["side"] for r in store.db.sql.query("SELECT side FROM visa_a ORDER BY score")] == [
        "left", None, "right",
    ]  # fmt: skip


def test_the_tables_refuse_bad_values_even_past_the_code(store: History) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.db.sql.execute("INSERT INTO checkins VALUES ('2026-11-21', 'x', 11, NULL)")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.sql.execute(
            "INSERT INTO programs VALUES ('x', 'c', '2026-11-21', 'alfredson', 'right', "
            "'18:00', '08:00', 12, 2, 'active', '', NULL, 3, 60, 5, 0)"
        )
    with pytest.raises(sqlite3.IntegrityError):  # lowering faster than the 2 s minimum
        store.db.sql.execute(
            "INSERT INTO programs VALUES ('x', 'c', '2026-11-21', 'alfredson', 'right', "
            "'08:00', '18:00', 12, 2, 'active', '', NULL, 1, 60, 5, 0)"
        )
    with pytest.raises(sqlite3.IntegrityError):
        store.db.sql.execute("INSERT INTO visa_a VALUES ('x', 't', 'not json', 50, NULL)")
    with pytest.raises(sqlite3.IntegrityError):  # a leg that is not one
        store.db.sql.execute("INSERT INTO visa_a VALUES ('x', 't', '{}', 50, 'middle')")


def test_a_full_disk_is_a_clear_error_and_nothing_half_saved(
    store: History, wall: WallClock, short_timeline: Timeline
) -> None:
    store.programs.start_program(program())
    sid = run_sets(store, short_timeline, wall, 1)
    fill_the_disk(store, sid)

    def save_until_full(write: Callable[[int], object]) -> None:
        for n in range(200):  # the first rows may still fit in a page's free space
            write(n)

    with pytest.raises(StorageError, match="Could not save the VISA-A answers"):
        save_until_full(lambda _: store.programs.save_visa(answers(5)))
    before = store.programs.program()
    with pytest.raises(StorageError, match="Could not save the program"):
        save_until_full(lambda n: store.programs.start_program(program(pid=f"new{n}")))
    # The old program is still the current one, or a complete new one replaced it.
    current = store.programs.program()
    assert current is not None
    assert current == before or current.id.startswith("new")
    assert len([p for p in store.programs.programs() if p.status is not Status.ENDED]) == 1
