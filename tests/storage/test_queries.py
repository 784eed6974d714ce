"""What the rules, the pages, the charts and the report read across the tables."""

from __future__ import annotations

import csv
from datetime import date, time, timedelta
from pathlib import Path

from coach.domain.advice import Kind, advise
from coach.domain.program import Part, Program
from coach.domain.settings import Injured
from coach.domain.timeline import Timeline
from coach.storage.csv_export import export_csv
from coach.storage.history import History
from tests.helpers import WallClock, run_sets

TODAY = date(2026, 11, 21)  # the wall clock's day


def program(start: date = TODAY - timedelta(days=10), pid: str = "p1", **kw: object) -> Program:
    return Program(pid, start, "alfredson", Injured.RIGHT, **kw)  # type: ignore[arg-type]


def test_adherence_and_today_count_complete_sessions_and_show_partial_ones(
    store: History, wall: WallClock, short_timeline: Timeline
) -> None:
    p = program(start=TODAY - timedelta(days=1))
    store.programs.start_program(p)
    run_sets(store, short_timeline, wall, 0)  # started, nothing done: does not count
    store.db.sql.execute("UPDATE sessions SET status = 'stopped'")
    run_sets(store, short_timeline, wall, 1)  # 08:00, today's morning: 1 of its 4 sets
    store.db.sql.execute("UPDATE sessions SET status = 'stopped' WHERE status = 'in progress'")
    wall.advance(hours=2)
    plan = store.queries.day_plan(p, store.db.now())
    assert plan.done == ()
    assert [s.part for s in plan.pending] == [Part.MORNING, Part.EVENING]
    assert [(d.slot.part, d.sets_done, d.sets_planned) for d in plan.partial] == [
        (Part.MORNING, 1, 4)
    ]
    # Due by 10:00 today: yesterday's two and this morning's; none done in full.
    assert (plan.adherence.done, plan.adherence.planned) == (0, 3)
    assert store.queries.done_slots(p) == set()
    run_sets(store, short_timeline, wall, 4)  # 10:00, all four sets: the morning is done
    store.db.sql.execute("UPDATE sessions SET status = 'completed' WHERE status = 'in progress'")
    plan = store.queries.day_plan(p, store.db.now())
    assert [s.part for s in plan.done] == [Part.MORNING]
    assert [s.part for s in plan.pending] == [Part.EVENING]
    assert plan.partial == ()
    assert (plan.adherence.done, plan.adherence.planned) == (1, 3)


def test_the_rules_read_the_sessions_pain(
    store: History, wall: WallClock, short_timeline: Timeline
) -> None:
    p = program()
    store.programs.start_program(p)
    for hours in (0, 7 * 24):  # a week apart: a load is kept a week before the next step
        wall.advance(hours=hours)
        sid = run_sets(store, short_timeline, wall, 4)
        for position in range(4):
            store.sessions.set_pain(sid, position, 1)
        store.db.sql.execute("UPDATE sessions SET status = 'completed' WHERE id = ?", [sid])
    assert (
        advise(store.queries.history(p, store.db.now())).kind is Kind.HOLD
    )  # no check-in: no more load
    wall.advance(hours=24)
    today = store.db.now().date()
    for n in range(14):  # settled mornings, the last one the 24-hour response
        store.programs.save_checkin(today - timedelta(days=n), 1, 5)
    assert advise(store.queries.history(p, store.db.now())).kind is Kind.ADD_LOAD
    store.sessions.set_pain(sid, 3, 6)
    assert advise(store.queries.history(p, store.db.now())).kind is Kind.LOWER


def test_series_for_the_charts(store: History, wall: WallClock, short_timeline: Timeline) -> None:
    sid = run_sets(store, short_timeline, wall, 3)
    for position, pain in enumerate([2, 4, None]):
        store.sessions.set_pain(sid, position, pain)
    [point] = store.queries.pain_points()
    assert (point.mean, point.max, point.sets, point.side) == (3.0, 4, 2, None)
    assert point.when.isoformat() == "2026-11-21T08:00:00"  # local wall-clock time
    by_side = store.queries.pain_points(by_side=True)
    assert [p.side for p in by_side] == ["right"]
    [load] = store.queries.load_points()
    assert load.load_kg == 0.0
    assert store.queries.done_parts() == {(TODAY, Part.MORNING)}
    assert store.queries.pain_points(first=TODAY + timedelta(days=1)) == []


def test_history_exports_and_adherence_split_the_day_alike(
    store: History, wall: WallClock, short_timeline: Timeline, tmp_path: Path
) -> None:
    """A workout counts as the same session everywhere: halfway between the session times."""
    wall.advance(hours=5, minutes=30)  # 13:30 on TODAY: past 13:00, halfway of 08:00/18:00
    no_program = run_sets(store, short_timeline, wall, 1)
    assert store.sessions.session(no_program).part_of_day == "evening"
    store.programs.start_program(program(pid="old", start=TODAY - timedelta(days=10)))
    wall.advance(minutes=1)
    store.programs.start_program(
        program(pid="new", start=TODAY + timedelta(days=1), morning=time(6), evening=time(22))
    )  # halfway 14:00
    wall.advance(days=1)  # 13:31 the next day, in the new program's days
    late_morning = run_sets(store, short_timeline, wall, 1)
    assert [r.part_of_day for r in store.sessions.sessions()] == ["morning", "evening"]
    assert (
        store.sessions.session(no_program).part_of_day == "evening"
    )  # the old program's 08:00/18:00
    assert store.queries.done_parts() == {
        (TODAY, Part.EVENING),
        (TODAY + timedelta(days=1), Part.MORNING),
    }
    export_csv(store.db, tmp_path / "h.csv")
    with (tmp_path / "h.csv").open(newline="") as f:
        parts = {r["session_id"]: r["part_of_day"] for r in csv.DictReader(f)}
    assert parts == {no_program: "evening", late_morning: "morning"}


def test_a_session_that_ran_to_its_end_after_a_skipped_set_is_partial_for_the_rules(
    store: History, wall: WallClock, short_timeline: Timeline
) -> None:
    """The add-load rule needs whole sessions: 'completed' with a set skipped is not one."""
    p = program()
    store.programs.start_program(p)
    skipped = run_sets(store, short_timeline, wall, 3)  # 3 of its 4 sets
    whole = run_sets(store, short_timeline, wall, 4)
    for sid in (skipped, whole):
        store.db.sql.execute("UPDATE sessions SET status = 'completed' WHERE id = ?", [sid])
    today = store.db.now().date()
    assert [s.complete for s in store.queries.session_pains(p.start, today)] == [False, True]
