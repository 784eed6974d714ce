from __future__ import annotations

from datetime import date, datetime

import pytest

from coach.domain.advice import Morning
from coach.domain.chart_data import (
    PAIN_BANDS,
    PAIN_TICKS,
    ROLLING_LABEL,
    clip,
    day_span,
    every_day,
    month_has_year,
    month_starts,
    morning_pain,
    morning_stiffness,
    session_means,
)
from coach.domain.pain import Zone, zone
from coach.domain.trends import PainPoint


def test_the_bands_are_the_pain_zones_meeting_between_whole_ratings() -> None:
    assert [(b.zone, b.low, b.high) for b in PAIN_BANDS] == [
        (Zone.SAFE, -0.5, 2.5),
        (Zone.ACCEPTABLE, 2.5, 5.5),
        (Zone.TOO_MUCH, 5.5, 10.5),
    ]
    for rating in range(11):  # each rating inside the band of its zone
        (band,) = [b for b in PAIN_BANDS if b.low < rating < b.high]
        assert band.zone is zone(rating).zone
    assert [b.label("-") for b in PAIN_BANDS] == ["0-2 safe", "3-5 acceptable", "6-10 too much"]
    assert [b.middle for b in PAIN_BANDS] == [1.0, 4.0, 8.0]


def test_a_band_is_cut_to_the_axis() -> None:
    assert [clip(b.low, b.high, (0, 10)) for b in PAIN_BANDS] == [(0, 2.5), (2.5, 5.5), (5.5, 10)]
    assert clip(2.5, 5.5, (0, 10)) == (2.5, 5.5)


def test_the_scale_and_the_words() -> None:
    assert PAIN_TICKS == (0, 2, 4, 6, 8, 10)
    assert ROLLING_LABEL == "7-day mean"


def test_a_span_of_days_runs_from_midnight_to_midnight() -> None:
    assert day_span(date(2026, 3, 1), date(2026, 3, 31)) == (
        datetime(2026, 3, 1),  # noqa: DTZ001 - the records' naive wall clock
        datetime(2026, 4, 1),  # noqa: DTZ001
    )


def test_the_series_leave_out_what_was_not_answered() -> None:
    when = datetime(2026, 3, 2, 8)  # noqa: DTZ001 - the records' naive wall clock
    assert session_means([PainPoint(when, None, 2.5, 4, 2)]) == [(when, 2.5)]
    mornings = [Morning(date(2026, 3, 2), 3, None), Morning(date(2026, 3, 3), None, 20)]
    assert morning_pain(mornings) == [(date(2026, 3, 2), 3.0)]
    assert morning_stiffness(mornings) == [(date(2026, 3, 3), 20.0)]


def test_ticks_fall_on_days_and_on_the_same_months_each_year() -> None:
    assert every_day(date(2026, 3, 1), date(2026, 3, 10), 4) == [
        date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 9),
    ]  # fmt: skip
    assert month_starts(date(2026, 2, 15), date(2027, 2, 1), 3) == [
        date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1), date(2027, 1, 1),
    ]  # fmt: skip
    assert month_starts(date(2026, 3, 1), date(2026, 3, 31), 1) == [date(2026, 3, 1)]


@pytest.mark.parametrize(
    ("day", "index", "shows"),
    [(date(2026, 10, 1), 0, True), (date(2026, 11, 1), 1, False), (date(2027, 1, 1), 3, True)],
)
def test_a_month_tick_says_its_year_first_and_in_january(
    day: date, index: int, shows: bool
) -> None:
    assert month_has_year(day, index) is shows
