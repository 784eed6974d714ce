"""The program tables: programs, check-ins, VISA-A, events, and what the rules read."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from coach.domain.advice import Kind, Morning
from coach.domain.program import Part, Program, Status
from coach.domain.settings import Injured, Side
from coach.domain.timeline import Timeline
from coach.domain.visa_a import VisaAnswers
from coach.storage.csv_export import export_csv
from coach.storage.schema import StorageError
from coach.storage.store import Store
from tests.helpers import WallClock, fill_the_disk, run_sets

TODAY = date(2026, 11, 21)  # the wall clock's day


def program(start: date = TODAY - timedelta(days=10), pid: str = "p1", **kw: object) -> Program:
    return Program(pid, start, "alfredson", Injured.RIGHT, **kw)  # type: ignore[arg-type]


def answers(points: int) -> VisaAnswers:
    """Answers scoring `points` on each of Q1-Q6 (Q7 0, Q8 branch C 0)."""
    return VisaAnswers(points, points, points, points, points, points, 0, "C", 0)


def test_a_new_program_keeps_the_old_one_as_ended(store: Store, wall: WallClock) -> None:
    store.progress.start_program(program(pid="old"))
    wall.advance(minutes=1)
    store.progress.start_program(program(pid="new", morning=time(7), evening=time(20)))
    current = store.progress.program()
    assert current is not None
    assert (current.id, current.morning, current.evening) == ("new", time(7), time(20))
    assert [(p.id, p.status) for p in store.progress.programs()] == [
        ("new", Status.ACTIVE),
        ("old", Status.ENDED),
    ]


def test_the_program_keeps_its_pace_and_the_settings_change_it(
    store: Store, wall: WallClock
) -> None:
    store.progress.start_program(program(lower_seconds=4, load_kg=2.5))
    current = store.progress.program()
    assert current is not None
    assert (current.lower_seconds, current.rest_seconds, current.load_kg) == (4, 60, 2.5)
    changed = Program(
        current.id, date(2020, 1, 1), "jonsson", Injured.BOTH,  # not what settings change
        morning=time(6, 45), evening=time(21), visa_every_weeks=4,
        lower_seconds=6, rest_seconds=120, get_ready_seconds=0, load_kg=5.0,
    )  # fmt: skip
    store.progress.change_program(changed)
    after = store.progress.program()
    assert after is not None
    assert (after.start, after.protocol, after.injured) == (
        current.start, current.protocol, current.injured
    )  # fmt: skip
    assert (after.morning, after.evening, after.visa_every_weeks) == (time(6, 45), time(21), 4)
    assert (after.lower_seconds, after.rest_seconds, after.get_ready_seconds, after.load_kg) == (
        6, 120, 0, 5.0
    )  # fmt: skip


def test_no_program_until_one_is_started(store: Store) -> None:
    assert store.progress.program() is None
    assert store.progress.programs() == []


def test_a_red_flag_pauses_the_program_and_is_recorded(store: Store) -> None:
    store.progress.start_program(program())
    store.progress.pause("p1", "a snap in the heel")
    paused = store.progress.program()
    assert paused is not None
    assert (paused.status, paused.reason) == (Status.PAUSED, "a snap in the heel")
    advice = store.progress.advice(paused)
    assert advice.kind is Kind.PAUSED
    assert "a snap in the heel" in advice.text
    store.progress.resume("p1")
    resumed = store.progress.program()
    assert resumed is not None
    assert resumed.status is Status.ACTIVE
    events = store.progress.events()
    assert [(e.kind, e.detail, e.program_id) for e in events] == [
        ("red flag", "a snap in the heel", "p1"),
        ("resumed", "", "p1"),
    ]


def test_a_check_in_is_saved_replaced_skipped_and_forgotten(store: Store) -> None:
    assert store.progress.checkin(TODAY) is None
    store.progress.save_checkin(TODAY, 3, 20)
    assert store.progress.checkin(TODAY) == Morning(TODAY, 3, 20)
    store.progress.save_checkin(TODAY, 2, None)  # edited later
    assert store.progress.checkin(TODAY) == Morning(TODAY, 2, None)
    store.progress.save_checkin(TODAY - timedelta(days=1), None, None)  # skipped
    assert store.progress.checkin(TODAY - timedelta(days=1)) == Morning(
        TODAY - timedelta(days=1), None, None
    )
    assert store.progress.checkins() == [Morning(TODAY, 2, None)]  # skipped ones left out
    store.progress.forget_checkin(TODAY)
    assert store.progress.checkin(TODAY) is None


@pytest.mark.parametrize(("pain", "stiffness"), [(11, 0), (-1, 0), (2, -5), (2, 1441)])
def test_a_check_in_out_of_range_is_refused_and_not_saved(
    store: Store, pain: int, stiffness: int
) -> None:
    with pytest.raises(ValueError, match="from 0 to"):
        store.progress.save_checkin(TODAY, pain, stiffness)
    assert store.progress.checkin(TODAY) is None


def test_visa_a_answers_are_stored_with_their_score(store: Store, wall: WallClock) -> None:
    first = store.progress.save_visa(answers(4))
    wall.advance(days=14)
    second = store.progress.save_visa(answers(7))
    found = store.progress.visa()
    assert [(v.score, v.answers) for v in found] == [(24, answers(4)), (42, answers(7))]
    assert found[0] == first
    assert found[1] == second
    store.progress.forget_visa(first.id)
    assert store.progress.visa() == [second]


def test_visa_a_is_due_at_the_start_and_then_every_two_weeks(store: Store, wall: WallClock) -> None:
    p = program(start=TODAY)
    store.progress.start_program(p)
    assert store.progress.visa_due(p)
    store.progress.save_visa(answers(5))
    wall.advance(days=13)
    assert not store.progress.visa_due(p)
    wall.advance(days=1)
    assert store.progress.visa_due(p)


def test_a_visa_a_result_keeps_the_leg_it_is_about(store: Store, wall: WallClock) -> None:
    left = store.progress.save_visa(answers(4), side=Side.LEFT)
    wall.advance(minutes=1)
    right = store.progress.save_visa(answers(6), side=Side.RIGHT)
    wall.advance(minutes=1)
    one = store.progress.save_visa(answers(5))
    assert (left.side, right.side, one.side) == (Side.LEFT, Side.RIGHT, None)
    assert store.progress.visa() == [left, right, one]
    assert [r["side"] for r in store.db.query("SELECT side FROM visa_a ORDER BY score")] == [
        "left", None, "right",
    ]  # fmt: skip


def test_with_both_legs_painful_visa_a_is_due_until_each_leg_has_its_own(
    store: Store, wall: WallClock
) -> None:
    p = Program("p1", TODAY, "alfredson", Injured.BOTH)
    store.progress.start_program(p)
    assert store.progress.visa_due(p)
    store.progress.save_visa(answers(5), side=Side.LEFT)
    assert store.progress.visa_due(p)  # the right leg still has none
    store.progress.save_visa(answers(5), side=Side.RIGHT)
    assert not store.progress.visa_due(p)
    wall.advance(days=7)
    store.progress.save_visa(answers(6), side=Side.LEFT)  # early, for the left only
    wall.advance(days=7)
    assert store.progress.visa_due(p)  # the right leg's is two weeks old
    store.progress.save_visa(answers(6), side=Side.RIGHT)
    assert not store.progress.visa_due(p)
    wall.advance(days=7)
    assert store.progress.visa_due(p)  # now the left leg's is


def test_a_result_that_records_no_leg_counts_for_both(store: Store, wall: WallClock) -> None:
    p = Program("p1", TODAY, "alfredson", Injured.BOTH)
    store.progress.start_program(p)
    store.progress.save_visa(answers(5))  # as saved before Coach recorded the leg
    assert not store.progress.visa_due(p)
    wall.advance(days=14)
    assert store.progress.visa_due(p)


def test_adherence_and_today_count_complete_sessions_and_show_partial_ones(
    store: Store, wall: WallClock, short_timeline: Timeline
) -> None:
    p = program(start=TODAY - timedelta(days=1))
    store.progress.start_program(p)
    run_sets(store, short_timeline, wall, 0)  # started, nothing done: does not count
    store.db.execute("UPDATE sessions SET status = 'stopped'")
    run_sets(store, short_timeline, wall, 1)  # 08:00, today's morning: 1 of its 4 sets
    store.db.execute("UPDATE sessions SET status = 'stopped' WHERE status = 'in progress'")
    wall.advance(hours=2)
    plan = store.progress.day_plan(p)
    assert plan.done == ()
    assert [s.part for s in plan.pending] == [Part.MORNING, Part.EVENING]
    assert [(d.slot.part, d.sets_done, d.sets_planned) for d in plan.partial] == [
        (Part.MORNING, 1, 4)
    ]
    # Due by 10:00 today: yesterday's two and this morning's; none done in full.
    assert (plan.adherence.done, plan.adherence.planned) == (0, 3)
    assert store.progress.done_slots(p) == set()
    run_sets(store, short_timeline, wall, 4)  # 10:00, all four sets: the morning is done
    store.db.execute("UPDATE sessions SET status = 'completed' WHERE status = 'in progress'")
    plan = store.progress.day_plan(p)
    assert [s.part for s in plan.done] == [Part.MORNING]
    assert [s.part for s in plan.pending] == [Part.EVENING]
    assert plan.partial == ()
    assert (plan.adherence.done, plan.adherence.planned) == (1, 3)


def test_the_next_load_is_the_starting_load_until_a_session_of_the_program(
    store: Store, wall: WallClock, short_timeline: Timeline
) -> None:
    run_sets(store, short_timeline, wall, 1)  # 0 kg, the day before the program: not its load
    wall.advance(days=1)
    store.progress.start_program(program(start=TODAY + timedelta(days=1), load_kg=5.0))
    today = store.progress.today()
    assert today is not None
    assert today.last_load_kg == 5.0
    wall.advance(hours=9)
    run_sets(store, short_timeline, wall, 1)  # this evening, at 0 kg
    today = store.progress.today()
    assert today is not None
    assert today.last_load_kg == 0.0


def test_the_rules_read_the_sessions_pain(
    store: Store, wall: WallClock, short_timeline: Timeline
) -> None:
    p = program()
    store.progress.start_program(p)
    for hours in (0, 7 * 24):  # a week apart: a load is kept a week before the next step
        wall.advance(hours=hours)
        sid = run_sets(store, short_timeline, wall, 4)
        for position in range(4):
            store.set_pain(sid, position, 1)
        store.db.execute("UPDATE sessions SET status = 'completed' WHERE id = ?", [sid])
    assert store.progress.advice(p).kind is Kind.HOLD  # no check-in: no more load
    wall.advance(hours=24)
    today = store.now().date()
    for n in range(14):  # settled mornings, the last one the 24-hour response
        store.progress.save_checkin(today - timedelta(days=n), 1, 5)
    assert store.progress.advice(p).kind is Kind.ADD_LOAD
    store.set_pain(sid, 3, 6)
    assert store.progress.advice(p).kind is Kind.LOWER


def test_series_for_the_charts(store: Store, wall: WallClock, short_timeline: Timeline) -> None:
    sid = run_sets(store, short_timeline, wall, 3)
    for position, pain in enumerate([2, 4, None]):
        store.set_pain(sid, position, pain)
    [point] = store.progress.pain_points()
    assert (point.mean, point.max, point.sets, point.side) == (3.0, 4, 2, None)
    assert point.when.isoformat() == "2026-11-21T08:00:00"  # local wall-clock time
    by_side = store.progress.pain_points(by_side=True)
    assert [p.side for p in by_side] == ["right"]
    [load] = store.progress.load_points()
    assert load.load_kg == 0.0
    assert store.progress.done_parts() == {(TODAY, Part.MORNING)}
    assert store.progress.pain_points(first=TODAY + timedelta(days=1)) == []


def test_the_tables_refuse_bad_values_even_past_the_code(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO checkins VALUES ('2026-11-21', 'x', 11, NULL)")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(
            "INSERT INTO programs VALUES ('x', 'c', '2026-11-21', 'alfredson', 'right', "
            "'18:00', '08:00', 12, 2, 'active', '', NULL, 3, 60, 5, 0)"
        )
    with pytest.raises(sqlite3.IntegrityError):  # lowering faster than the 2 s minimum
        store.db.execute(
            "INSERT INTO programs VALUES ('x', 'c', '2026-11-21', 'alfredson', 'right', "
            "'08:00', '18:00', 12, 2, 'active', '', NULL, 1, 60, 5, 0)"
        )
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO visa_a VALUES ('x', 't', 'not json', 50, NULL)")
    with pytest.raises(sqlite3.IntegrityError):  # a leg that is not one
        store.db.execute("INSERT INTO visa_a VALUES ('x', 't', '{}', 50, 'middle')")


def test_a_full_disk_is_a_clear_error_and_nothing_half_saved(
    store: Store, wall: WallClock, short_timeline: Timeline
) -> None:
    store.progress.start_program(program())
    sid = run_sets(store, short_timeline, wall, 1)
    fill_the_disk(store, sid)

    def save_until_full(write: Callable[[int], object]) -> None:
        for n in range(200):  # the first rows may still fit in a page's free space
            write(n)

    with pytest.raises(StorageError, match="Could not save the VISA-A answers"):
        save_until_full(lambda _: store.progress.save_visa(answers(5)))
    before = store.progress.program()
    with pytest.raises(StorageError, match="Could not save the program"):
        save_until_full(lambda n: store.progress.start_program(program(pid=f"new{n}")))
    # The old program is still the current one, or a complete new one replaced it.
    current = store.progress.program()
    assert current is not None
    assert current == before or current.id.startswith("new")
    assert len([p for p in store.progress.programs() if p.status is not Status.ENDED]) == 1


def test_history_exports_and_adherence_split_the_day_alike(
    store: Store, wall: WallClock, short_timeline: Timeline, tmp_path: Path
) -> None:
    """A workout counts as the same session everywhere: halfway between the session times."""
    wall.advance(hours=5, minutes=30)  # 13:30 on TODAY: past 13:00, halfway of 08:00/18:00
    no_program = run_sets(store, short_timeline, wall, 1)
    assert store.session(no_program).part_of_day == "evening"
    store.progress.start_program(program(pid="old", start=TODAY - timedelta(days=10)))
    wall.advance(minutes=1)
    store.progress.start_program(
        program(pid="new", start=TODAY + timedelta(days=1), morning=time(6), evening=time(22))
    )  # halfway 14:00
    wall.advance(days=1)  # 13:31 the next day, in the new program's days
    late_morning = run_sets(store, short_timeline, wall, 1)
    assert [r.part_of_day for r in store.sessions()] == ["morning", "evening"]
    assert store.session(no_program).part_of_day == "evening"  # the old program's 08:00/18:00
    assert store.progress.done_parts() == {
        (TODAY, Part.EVENING),
        (TODAY + timedelta(days=1), Part.MORNING),
    }
    export_csv(store, tmp_path / "h.csv")
    with (tmp_path / "h.csv").open(newline="") as f:
        parts = {r["session_id"]: r["part_of_day"] for r in csv.DictReader(f)}
    assert parts == {no_program: "evening", late_morning: "morning"}


def test_a_session_that_ran_to_its_end_after_a_skipped_set_is_partial_for_the_rules(
    store: Store, wall: WallClock, short_timeline: Timeline
) -> None:
    """The add-load rule needs whole sessions: 'completed' with a set skipped is not one."""
    p = program()
    store.progress.start_program(p)
    skipped = run_sets(store, short_timeline, wall, 3)  # 3 of its 4 sets
    whole = run_sets(store, short_timeline, wall, 4)
    for sid in (skipped, whole):
        store.db.execute("UPDATE sessions SET status = 'completed' WHERE id = ?", [sid])
    today = store.now().date()
    assert [s.complete for s in store.progress.session_pains(p.start, today)] == [False, True]
