"""What the report says, before any drawing: periods, programs, weeks and notes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from coach.domain.advice import Kind, Morning, advise
from coach.domain.program import Program, Status, Workout
from coach.domain.red_flags import CALF, FEVER_OR_REST_PAIN, OTHER, RUPTURE
from coach.domain.settings import Injured, Side
from coach.domain.trends import LoadPoint, PainPoint
from coach.domain.visa_a import VisaAnswers
from coach.reports.content import MAX_NOTE_CHARS, Gap, Records, WeekRow, gather, weekly
from coach.storage import demo
from coach.storage.history import History
from tests.helpers import WallClock

TODAY = date(2026, 11, 21)  # the wall clock's day


def program(start: date, pid: str = "p1") -> Program:
    return Program(pid, start, "jonsson", Injured.LEFT)


def test_an_empty_history_has_no_period(store: History) -> None:
    report = gather(store)
    assert report.empty
    assert not report.has_period
    assert report.advice is None
    limited = gather(store, date(2026, 1, 1), date(2026, 1, 31))
    assert limited.empty
    assert limited.has_period
    assert (limited.first, limited.last) == (date(2026, 1, 1), date(2026, 1, 31))


def test_a_backwards_range_is_a_programming_error(store: History) -> None:
    with pytest.raises(ValueError, match="after the last day"):
        gather(store, date(2026, 2, 1), date(2026, 1, 1))


def test_adherence_is_the_today_pages_figure(store: History) -> None:
    demo.fill(store.db, 5, seed=3)
    report = gather(store)
    current = store.programs.program()
    assert current is not None
    assert [line.program.id for line in report.programs] == [current.id]
    line = report.programs[0]
    assert line.adherence == store.queries.day_plan(current, store.db.now()).adherence
    assert (line.current, line.status, line.week_reached) == (True, "active", 6)  # today: day 36
    assert report.advice == advise(store.queries.history(current, store.db.now()))
    weeks = [w for w in report.weeks if isinstance(w, WeekRow)]
    assert sum(w.planned for w in weeks) == line.adherence.planned
    assert sum(w.done + w.partial for w in weeks) == report.sessions
    assert sum(w.done for w in weeks) == line.adherence.done  # complete sessions only
    assert sum(w.partial for w in weeks) == report.partial > 0  # the demo ends some early
    assert [w.program_week for w in weeks] == [1, 2, 3, 4, 5, 6]
    assert report.last == TODAY  # the program runs: up to today


def test_a_replaced_program_counts_until_the_next_one_starts(
    store: History, wall: WallClock
) -> None:
    old = program(TODAY - timedelta(days=30), "old")
    store.programs.start_program(old)
    wall.advance(minutes=1)
    store.programs.start_program(program(TODAY - timedelta(days=9), "new"))
    report = gather(store)
    assert [(p.program.id, p.status) for p in report.programs] == [
        ("old", "replaced"),
        ("new", "active"),
    ]
    replaced = report.programs[0]
    assert replaced.program.status is Status.ENDED
    assert replaced.last_day == TODAY - timedelta(days=10)
    assert replaced.week_reached == 3
    assert replaced.adherence.planned == 2 * 21  # 21 days before the new one, none done
    assert report.first == old.start


def test_a_red_flag_is_reported_with_the_pause(store: History) -> None:
    store.programs.start_program(program(TODAY - timedelta(days=3)))
    store.programs.pause("p1", CALF)
    report = gather(store)
    assert report.paused_for == "a hot, red or swollen calf"
    assert [e.detail for e in report.events] == ["a hot, red or swollen calf"]
    assert report.advice is not None
    assert report.advice.kind is Kind.PAUSED


def test_each_red_flag_says_what_became_of_its_pause(store: History, wall: WallClock) -> None:
    store.programs.pause(None, FEVER_OR_REST_PAIN)  # before any program: nothing to pause
    wall.advance(days=1)
    store.programs.start_program(program(TODAY - timedelta(days=3), "old"))
    store.programs.pause("old", CALF)
    wall.advance(days=1)
    store.programs.start_program(program(TODAY, "new"))  # replaces the paused one
    store.programs.pause("new", RUPTURE)
    wall.advance(hours=5)
    store.programs.resume("new")
    wall.advance(hours=1)
    store.programs.pause("new", OTHER)
    flags = gather(store).red_flags
    assert [(f.what, f.had_program, f.resumed, f.still_paused) for f in flags] == [
        ("a fever, or pain at night or at rest", False, None, False),
        ("a hot, red or swollen calf", True, None, False),
        ("signs of a possible tendon tear", True, at(TODAY + timedelta(days=2), 13), False),
        ("something that worried you", True, None, True),
    ]
    assert flags[0].when == at(TODAY, 8)  # local wall-clock time


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour))


def test_notes_are_one_paragraph_and_cut_when_very_long(store: History) -> None:
    demo.fill(store.db, 2, seed=1)
    newest = store.sessions.sessions()[0]
    store.sessions.set_note(newest.id, "first line\nsecond\tline " + "y" * (2 * MAX_NOTE_CHARS))
    note = gather(store).notes[0]
    assert note.text.startswith("first line second line yyy")
    assert note.cut
    assert len(note.text) == MAX_NOTE_CHARS + 1
    assert note.text.endswith("…")


def test_visa_a_rows_keep_their_leg_and_change_from_that_legs_first(
    store: History, wall: WallClock
) -> None:
    progress = store.programs
    for days_ago, left, right in ((28, 4, 2), (14, 5, 2), (0, 7, 3)):
        when = datetime.combine(TODAY - timedelta(days=days_ago), time(8), wall.now.tzinfo)
        progress.save_visa(VisaAnswers(left, left, left, left, left, left, 0, "C", 0), when,
                           Side.LEFT)  # fmt: skip
        progress.save_visa(VisaAnswers(right, right, right, right, right, right, 0, "C", 0),
                           when + timedelta(minutes=5), Side.RIGHT)  # fmt: skip
    report = gather(store)
    assert [(v.side, v.score, v.change) for v in report.visa] == [
        ("left", 24, None), ("right", 12, None),
        ("left", 30, 6), ("right", 12, 0),
        ("left", 42, 18), ("right", 18, 6),
    ]  # fmt: skip


def test_empty_weeks_in_a_row_are_one_gap() -> None:
    first = date(2026, 1, 5)
    noon = time(12)
    pain = [
        PainPoint(datetime.combine(first + timedelta(days=d), noon), None, 3.0, 4, 3)
        for d in (0, 1, 36)
    ]
    mornings = [Morning(first + timedelta(days=1), 2, 10)]
    loads = [LoadPoint(p.when, 5.0) for p in pain]
    workouts = [Workout(p.when, 6, 6) for p in pain]
    records = Records(pain, mornings, loads, workouts)
    rows = weekly(first, first + timedelta(days=41), [], [], records)
    assert rows[1] == Gap(first + timedelta(days=7), first + timedelta(days=34))
    assert [type(r) for r in rows] == [WeekRow, Gap, WeekRow]
    week = rows[0]
    assert isinstance(week, WeekRow)
    assert (week.done, week.mean_pain, week.max_pain, week.morning_pain, week.stiffness) == (
        2, 3.0, 4, 2.0, 10.0,
    )  # fmt: skip
    assert week.program_week is None


def test_weeks_start_on_the_programs_weekday() -> None:
    p = program(date(2026, 11, 4))  # a Wednesday
    due = [s for s in p.all_slots() if s.day <= date(2026, 11, 20)]
    rows = weekly(date(2026, 11, 1), date(2026, 11, 20), [p], due, Records([], [], []))
    firsts = [r.first for r in rows if isinstance(r, WeekRow)]
    assert firsts == [date(2026, 11, 1), date(2026, 11, 4), date(2026, 11, 11), date(2026, 11, 18)]
    assert [r.program_week for r in rows if isinstance(r, WeekRow)] == [None, 1, 2, 3]
    assert [r.planned for r in rows if isinstance(r, WeekRow)] == [0, 14, 14, 6]


# -- the week table on varied data: which mean is which ------------------------------------
MONDAY = date(2026, 1, 5)


def on(day: int, hour: int = 12) -> datetime:
    return at(MONDAY + timedelta(days=day), hour)


def varied_weeks() -> list[WeekRow | Gap]:
    """Four weeks: uneven sessions and sets, skipped answers, a week with no session."""
    pain = [  # (when, side, mean of the rated sets, max, rated sets)
        PainPoint(on(0), None, 1.0, 1, 1),  # one set rated 1
        PainPoint(on(2), None, 4.0, 6, 5),  # five sets, mean 4
        PainPoint(on(14), None, 2.0, 3, 3),
        PainPoint(on(16), None, 6.0, 7, 1),
    ]
    mornings = [
        Morning(MONDAY, 2, None),  # stiffness not answered
        Morning(MONDAY + timedelta(days=1), None, 30),  # pain not answered
        Morning(MONDAY + timedelta(days=3), 5, 10),
        Morning(MONDAY + timedelta(days=8), 1, None),  # the week without a session
    ]
    loads = [LoadPoint(on(0), 0.0), LoadPoint(on(2), 5.0), LoadPoint(on(14), 7.5)]
    workouts = [
        Workout(on(0), 6, 6),
        Workout(on(2), 3, 6),  # partial
        Workout(on(4), 6, 6),  # done, but no set rated: no pain figure
        Workout(on(14), 6, 6),
        Workout(on(16), 1, 6),
    ]
    records = Records(pain, mornings, loads, workouts)
    return weekly(MONDAY, MONDAY + timedelta(days=27), [], [], records)


def test_the_week_s_set_pain_is_the_mean_of_every_rated_set() -> None:
    """Weighted by rated sets, as the report's caption says ("mean of every rated set").

    Week 1: one set at 1 and five at a mean of 4 make 21 / 6 = 3.5, not the 2.5 of the
    two sessions' means; week 3: three sets at 2 and one at 6 make 3.0, not 4.0.
    """
    weeks = [w for w in varied_weeks() if isinstance(w, WeekRow)]
    assert [w.mean_pain for w in weeks] == [3.5, None, 3.0, None]
    assert [w.max_pain for w in weeks] == [6, None, 7, None]


def test_morning_means_count_each_answer_once_and_skip_what_was_not_answered() -> None:
    """Unweighted means of the week's check-ins; a skipped answer is not a zero."""
    weeks = [w for w in varied_weeks() if isinstance(w, WeekRow)]
    assert [w.morning_pain for w in weeks] == [3.5, 1.0, None, None]  # (2 + 5) / 2
    assert [w.stiffness for w in weeks] == [20.0, None, None, None]  # (30 + 10) / 2


def test_sessions_are_counted_complete_or_partial_and_the_load_is_the_last() -> None:
    rows = varied_weeks()
    assert [type(r) for r in rows] == [WeekRow] * 4  # one empty week alone is no gap
    weeks = [r for r in rows if isinstance(r, WeekRow)]
    assert [(w.done, w.partial) for w in weeks] == [(2, 1), (0, 0), (1, 1), (0, 0)]
    assert [w.load_kg for w in weeks] == [5.0, None, 7.5, None]
    assert [(w.first, w.last) for w in weeks] == [
        (MONDAY + timedelta(days=7 * i), MONDAY + timedelta(days=7 * i + 6)) for i in range(4)
    ]
