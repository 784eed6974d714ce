from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.program import Part, Program
from coach.domain.settings import Injured
from coach.domain.trends import (
    RECENT_DAYS,
    CalendarWeek,
    LoadPoint,
    Mark,
    PainPoint,
    Span,
    VisaPoint,
    adherence_calendar,
    by_side,
    calendar_span,
    load_steps,
    planned_calendar,
    rolling_mean,
    span_dates,
    tally,
    visa_by_side,
    visa_target,
)

T0 = datetime(2026, 3, 2, 8, 0)  # noqa: DTZ001 - a Monday, on the program's wall clock
MONDAY = T0.date()
AM, PM = Part.MORNING, Part.EVENING


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


# -- rolling_mean -------------------------------------------------------------------
def test_rolling_mean_takes_the_seven_days_up_to_each_point() -> None:
    points = [(at(0), 2.0), (at(3), 4.0), (at(8), 6.0), (at(8.5), 1.0)]
    assert rolling_mean(points) == [
        (at(0), 2.0),
        (at(3), 3.0),
        (at(8), 5.0),  # day 0 is more than 7 days back; day 3 is not
        (at(8.5), 11 / 3),
    ]


def test_a_point_exactly_seven_days_back_has_left_the_window() -> None:
    assert rolling_mean([(at(0), 10.0), (at(7), 0.0)])[1] == (at(7), 0.0)
    assert rolling_mean([(at(0), 10.0), (at(7), 0.0)], days=8)[1] == (at(7), 5.0)


def test_rolling_mean_of_nothing_is_nothing() -> None:
    assert rolling_mean([]) == []


@given(st.lists(st.tuples(st.integers(0, 60 * 24 * 90), st.floats(0, 10)), max_size=60))
def test_rolling_mean_matches_a_plain_window(raw: list[tuple[int, float]]) -> None:
    points = sorted((T0 + timedelta(minutes=m), v) for m, v in raw)
    for i, (t, mean) in enumerate(rolling_mean(points)):
        # Points at the same time count up to this one, in the given order.
        window = [v for u, v in points[: i + 1] if u > t - timedelta(days=7)]
        assert mean == pytest.approx(sum(window) / len(window))


# -- load_steps ----------------------------------------------------------------------
def test_load_steps_keep_the_first_point_and_each_change() -> None:
    loads = [LoadPoint(at(d), kg) for d, kg in ((0, 0.0), (1, 0.0), (2, 5.0), (3, 5.0), (4, 0.0))]
    assert load_steps(loads) == [loads[0], loads[2], loads[4]]
    assert load_steps([]) == []


# -- adherence calendar --------------------------------------------------------------
def test_the_calendar_runs_monday_to_sunday_with_none_outside_the_range() -> None:
    first, last = MONDAY + timedelta(days=2), MONDAY + timedelta(days=8)  # Wed to next Tue
    done = {(first, AM), (first + timedelta(days=1), PM)}
    weeks = adherence_calendar(first, last, done, today=MONDAY + timedelta(days=5))
    assert [w.first for w in weeks] == [MONDAY, MONDAY + timedelta(days=7)]
    assert weeks[0].days[:2] == ((None, None), (None, None))  # Mon, Tue: before the range
    assert weeks[0].days[2] == (Mark.DONE, Mark.MISSED)
    assert weeks[0].days[3] == (Mark.MISSED, Mark.DONE)
    assert weeks[0].days[4] == (Mark.MISSED, Mark.MISSED)
    assert weeks[0].days[5] == (Mark.TO_COME, Mark.TO_COME)  # today, not done yet
    assert weeks[1].days[1] == (Mark.TO_COME, Mark.TO_COME)
    assert weeks[1].days[2:] == ((None, None),) * 5  # after the range


def test_planned_calendar_plans_only_the_program_days() -> None:
    program = (MONDAY + timedelta(days=1), MONDAY + timedelta(days=3))  # Tue to Thu
    done = {(MONDAY, PM), (MONDAY + timedelta(days=1), AM)}
    weeks = planned_calendar(MONDAY, MONDAY + timedelta(days=6), done,
                             MONDAY + timedelta(days=3), [program])  # fmt: skip
    assert weeks[0].days == (
        (None, Mark.DONE),  # a workout outside the program still counts as done
        (Mark.DONE, Mark.MISSED),
        (Mark.MISSED, Mark.MISSED),
        (Mark.TO_COME, Mark.TO_COME),
        (None, None),  # nothing planned: nothing missed, nothing to come
        (None, None),
        (None, None),
    )
    assert tally(weeks) == {Mark.DONE: 2, Mark.MISSED: 3, Mark.TO_COME: 2}


def test_tally_of_an_empty_calendar_is_zero() -> None:
    assert tally([CalendarWeek(MONDAY, ((None, None),) * 7)]) == dict.fromkeys(Mark, 0)


def test_calendar_span_fills_open_ends() -> None:
    today = MONDAY + timedelta(days=30)
    program = (MONDAY + timedelta(days=10), MONDAY + timedelta(days=93))
    assert calendar_span(MONDAY, today, [], [], today) == (MONDAY, today)
    assert calendar_span(None, None, [MONDAY], [program], today) == (MONDAY, program[1])
    assert calendar_span(None, None, [], [program], today) == program
    assert calendar_span(None, None, [MONDAY], [], today) == (MONDAY, today)
    assert calendar_span(None, None, [], [], today) is None


# -- spans, sides and VISA-A ---------------------------------------------------------
def test_span_dates() -> None:
    today = date(2026, 11, 21)
    program = Program("p", date(2026, 9, 1), "alfredson", Injured.RIGHT)
    assert span_dates(Span.PROGRAM, today, program) == (program.start, program.end)
    assert span_dates(Span.PROGRAM, today, None) == (None, None)  # no program: everything
    assert span_dates(Span.LAST_4_WEEKS, today, program) == (date(2026, 10, 25), today)
    assert (today - date(2026, 10, 25)).days + 1 == RECENT_DAYS
    assert span_dates(Span.EVERYTHING, today, program) == (None, None)
    assert [s.value for s in Span] == ["This program", "Last 4 weeks", "Everything"]


def pain(day: float, side: str | None, mean: float) -> PainPoint:
    return PainPoint(at(day), side, mean, round(mean), 2)


def test_by_side_splits_only_when_both_legs_were_trained() -> None:
    right = [pain(0, "right", 2.0), pain(1, "right", 3.0)]
    assert by_side(right) == {None: right}
    both = [pain(0, "left", 1.0), pain(0, "right", 4.0), pain(1, "right", 3.0)]
    assert by_side(both) == {"left": both[:1], "right": both[1:]}
    assert by_side([]) == {None: []}


def test_visa_target_is_the_first_score_plus_the_smallest_change() -> None:
    assert visa_target([40, 70]) == 54
    assert visa_target([86]) == 100
    assert visa_target([87]) is None  # beyond the scale
    assert visa_target([]) is None


def test_visa_target_uses_the_important_change_of_the_pain_site() -> None:
    assert visa_target([40, 70], "midportion") == 54
    assert visa_target([40, 70], "insertional") == 47
    assert visa_target([93], "insertional") == 100
    assert visa_target([94], "insertional") is None


def visa(day: float, side: str | None, value: int) -> VisaPoint:
    return VisaPoint(at(day), side, value)


def test_visa_by_side_splits_once_a_score_records_its_leg() -> None:
    one = [visa(0, None, 40), visa(14, None, 50)]
    assert visa_by_side(one) == {None: one}
    both = [visa(0, "left", 40), visa(0, "right", 60), visa(14, "right", 64)]
    assert visa_by_side(both) == {"left": both[:1], "right": both[1:]}
    mixed = [visa(0, None, 30), visa(14, "right", 50), visa(14, "left", 45)]
    split = visa_by_side(mixed)
    assert list(split) == ["left", "right", None]  # the legs first, then those with none
    assert split[None] == mixed[:1]
    assert visa_by_side([]) == {None: []}
