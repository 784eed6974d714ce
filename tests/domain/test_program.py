"""The program's calendar: weeks, the two daily sessions, what counts as done, adherence."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.program import (
    DaySplit,
    Part,
    PartDone,
    Program,
    ProgramError,
    Slot,
    Status,
    Workout,
    adherence,
    day_plan,
    filled,
    parse_time,
    part_done,
    part_of_day,
)
from coach.domain.settings import Injured

START = date(2026, 11, 2)  # a Monday


def program(**kw: object) -> Program:
    values: dict[str, object] = {
        "id": "p",
        "start": START,
        "protocol": "alfredson",
        "injured": Injured.RIGHT,
    }
    values.update(kw)
    return Program(**values)  # type: ignore[arg-type]  # test helper


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(START + timedelta(days=day), time(hour, minute))


def test_twelve_weeks_of_two_sessions_a_day_by_default() -> None:
    p = program()
    assert p.end == date(2027, 1, 24)
    assert p.week(START) == 1
    assert p.week(START + timedelta(days=6)) == 1
    assert p.week(START + timedelta(days=7)) == 2
    assert p.week(p.end) == 12
    assert p.week(START - timedelta(days=1)) is None
    assert p.week(p.end + timedelta(days=1)) is None
    assert len(list(p.all_slots())) == 12 * 7 * 2
    assert [s.at for s in p.slots(START)] == [time(8), time(18)]


def test_a_workout_fills_the_session_of_its_half_of_the_day() -> None:
    p = program(morning=time(7), evening=time(19))  # the day splits at 13:00
    assert p.part_of(at(0, 12, 59)) is Part.MORNING
    assert p.part_of(at(0, 13)) is Part.EVENING
    assert p.slot_of(at(0, 6)) == Slot(START, Part.MORNING, time(7))
    assert p.slot_of(at(-1, 8)) is None  # before the program


def test_the_day_splits_at_the_halfway_minute_by_the_wall_clock() -> None:
    """The one rule of the day's split: before the halfway minute morning, from it evening."""
    half = 13 * 60.0
    assert part_of_day(datetime.fromisoformat("2026-11-21T12:59:59"), half) is Part.MORNING
    assert part_of_day(datetime.fromisoformat("2026-11-21T13:00"), half) is Part.EVENING
    far = datetime.fromisoformat("2026-11-21T12:59:59-05:00")  # 17:59:59 in UTC
    assert part_of_day(far, half) is Part.MORNING  # its own wall clock, not UTC


def test_the_day_splits_halfway_between_the_session_times_of_the_program_of_that_day() -> None:
    split = DaySplit.of([
        (date(2026, 11, 22), time(8), time(20)),  # halfway: 14:00
        (date(2026, 11, 11), time(8), time(18)),  # 13:00
    ])  # fmt: skip

    def part(split: DaySplit, stamp: str) -> Part:
        return split.part(datetime.fromisoformat(stamp))

    assert part(split, "2026-11-21T13:30:00+01:00") is Part.EVENING  # the older program: 13:00
    assert part(split, "2026-11-22T13:30:00+01:00") is Part.MORNING  # the newer one: 14:00
    assert part(split, "2026-11-01T13:30:00+01:00") is Part.EVENING  # before both: the first's
    assert part(split, "2026-11-21T12:59:59-05:00") is Part.MORNING  # its own local time
    assert part(DaySplit(), "2026-11-21T12:59:59+01:00") is Part.MORNING  # no program: 08/18
    assert part(DaySplit(), "2026-11-21T13:00:00+01:00") is Part.EVENING


@given(st.times().map(lambda t: t.replace(microsecond=0)))  # records keep whole seconds
def test_a_program_and_the_day_split_of_its_days_agree(moment: time) -> None:
    p = program(morning=time(6, 30), evening=time(21, 15))
    when = datetime.combine(START, moment)
    split = DaySplit.of([(p.start, p.morning, p.evening)])
    assert p.part_of(when) is split.part(when)
    morning = p.slots(START)[0]
    assert (when < p.closes(morning)) is (p.part_of(when) is Part.MORNING)


def test_two_workouts_in_one_half_day_fill_one_session() -> None:
    p = program()
    done = filled(p, [at(0, 8), at(0, 9), at(0, 18)])
    assert len(done) == 2
    assert adherence(p, done, at(0, 23)).describe() == "2 of 2 sessions done (100%)"


def test_adherence_counts_sessions_due_so_far() -> None:
    p = program()
    done = filled(p, [at(0, 8), at(1, 8), at(1, 18)])
    # Day 2 at 12:00: due are days 0 and 1 (4) and day 2's morning (5).
    result = adherence(p, done, at(2, 12))
    assert (result.done, result.planned, result.percent) == (3, 5, 60)
    assert adherence(p, set(), at(-1, 12)).describe() == "No sessions due yet"


def test_a_session_done_early_never_takes_adherence_above_100() -> None:
    p = program()
    done = filled(p, [at(0, 7)])  # before its 08:00 time
    assert adherence(p, done, at(0, 7, 30)).percent == 100


def test_the_day_plan_shows_done_pending_and_next() -> None:
    p = program()
    done = filled(p, [at(3, 8)])
    plan = day_plan(p, done, at(3, 10))
    assert plan.week == 1
    assert [s.part for s in plan.done] == [Part.MORNING]
    assert [s.part for s in plan.pending] == [Part.EVENING]
    assert plan.next == Slot(START + timedelta(days=3), Part.EVENING, time(18))


def test_a_session_begun_but_not_finished_is_partial_not_done() -> None:
    p = program()
    workouts = [
        Workout(at(3, 8), 1, 6),  # one set of six, then stopped
        Workout(at(3, 9), 4, 6),  # another try at the same morning: the best counts
        Workout(at(3, 18), 6, 6),  # the evening, complete
        Workout(at(2, 18), 2, 6),  # yesterday evening
    ]
    done = filled(p, (w.started for w in workouts if w.complete))
    assert done == {Slot(START + timedelta(days=3), Part.EVENING, time(18))}
    morning = Slot(START + timedelta(days=3), Part.MORNING, time(8))
    assert part_done(p, workouts, done) == (
        PartDone(Slot(START + timedelta(days=2), Part.EVENING, time(18)), 2, 6),
        PartDone(morning, 4, 6),
    )
    plan = day_plan(p, done, at(3, 20), part_done(p, workouts, done))
    assert plan.partial == (PartDone(morning, 4, 6),)  # today's only
    assert [s.part for s in plan.pending] == [Part.MORNING]
    assert [s.part for s in plan.done] == [Part.EVENING]
    assert (plan.adherence.done, plan.adherence.planned) == (1, 8)
    # A partial try does not hide a complete one of the same session.
    again = [*workouts, Workout(at(3, 10), 6, 6)]
    done = filled(p, (w.started for w in again if w.complete))
    assert morning in done
    assert morning not in {d.slot for d in part_done(p, again, done)}


def test_a_morning_missed_past_its_window_is_not_next() -> None:
    p = program()  # 08:00 and 18:00: mornings count until 13:00
    plan = day_plan(p, set(), at(0, 14))
    assert plan.next is not None
    assert plan.next.part is Part.EVENING
    assert day_plan(p, set(), at(0, 23, 59)).next == Slot(START, Part.EVENING, time(18))
    assert day_plan(p, set(), at(1, 0)).next == Slot(
        START + timedelta(days=1), Part.MORNING, time(8)
    )


def test_a_paused_program_has_no_next_session() -> None:
    assert day_plan(program(status=Status.PAUSED), set(), at(0, 7)).next is None


def test_after_the_last_day_there_is_no_next_session() -> None:
    p = program(weeks=1)
    plan = day_plan(p, set(), at(7, 7))
    assert (plan.week, plan.next, plan.pending) == (None, None, ())
    assert plan.adherence.planned == 14


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"morning": time(18), "evening": time(8)}, "must come before"),
        ({"morning": time(8), "evening": time(8)}, "must come before"),
        ({"weeks": 0}, "weeks must be"),
        ({"weeks": 53}, "weeks must be"),
        ({"weeks": True}, "weeks must be"),
        ({"visa_every_weeks": 13}, "visa_every_weeks must be"),
    ],
)
def test_bad_settings_are_refused(kw: dict[str, object], message: str) -> None:
    with pytest.raises(ProgramError, match=message):
        program(**kw)


@pytest.mark.parametrize(
    ("text", "expected"), [("08:00", time(8)), ("23:59", time(23, 59)), ("00:00", time(0))]
)
def test_times_of_day_parse(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["8:00", "24:00", "12:60", "noon", "", "12:3a", "+1:00"])
def test_bad_times_of_day_are_refused(text: str) -> None:
    with pytest.raises(ProgramError, match="HH:MM"):
        parse_time(text)


@given(
    st.lists(st.integers(min_value=-3 * 24 * 60, max_value=90 * 24 * 60), max_size=60),
    st.integers(min_value=0, max_value=90 * 24 * 60),
)
def test_adherence_stays_between_zero_and_all_due(minutes: list[int], now_minutes: int) -> None:
    p = program()
    base = datetime.combine(START, time())
    now = base + timedelta(minutes=now_minutes)
    starts = [base + timedelta(minutes=m) for m in minutes if m <= now_minutes]
    result = adherence(p, filled(p, starts), now)
    assert 0 <= result.done <= result.planned <= 12 * 7 * 2
    assert result.percent is None or 0 <= result.percent <= 100


def test_the_program_carries_the_workouts_pace_and_starting_load() -> None:
    p = program(lower_seconds=5, rest_seconds=90, get_ready_seconds=10, load_kg=2.5)
    s = p.settings(sets=2, load_kg=5.0)
    assert (s.injured, s.lower_seconds, s.rest_seconds, s.get_ready_seconds) == (
        Injured.RIGHT, 5, 90, 10,
    )  # fmt: skip
    assert (s.sets, s.load_kg) == (2, 5.0)  # the workout's own choice, not the program's


@pytest.mark.parametrize(
    ("name", "value"),
    [("lower_seconds", 1), ("lower_seconds", 11), ("rest_seconds", -1), ("load_kg", 201.0),
     ("get_ready_seconds", 31), ("lower_seconds", True), ("load_kg", float("nan"))],
)  # fmt: skip
def test_a_dose_out_of_range_is_refused_with_its_range(name: str, value: object) -> None:
    with pytest.raises(ProgramError, match=f"^{name} must be .* from "):
        program(**{name: value})
