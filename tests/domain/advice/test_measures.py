"""What the rules measure: weekly means, rises, the usual morning, the best week."""

from __future__ import annotations

from coach.domain.advice import Morning, VisaScore
from coach.domain.advice.measures import (
    WeekMornings,
    best_week_gap,
    latest_response,
    rose,
    usual,
    visa_by_side,
    week_mornings,
)
from tests.domain.advice.histories import day, history, mornings


def test_a_week_is_the_seven_days_up_to_today_and_needs_three_answers() -> None:
    ms = [Morning(day(n), n, None if n < 12 else 30) for n in range(14)]
    this = week_mornings(history(13, mornings=ms), 0)
    assert this.pain == 10.0  # days 7-13: mean of 7..13
    assert this.stiffness is None  # two answers only (days 12 and 13)
    assert week_mornings(history(13, mornings=ms), 1) == WeekMornings(3.0, None)
    assert week_mornings(history(13, mornings=ms[:2]), 1) == WeekMornings(None, None)


def test_a_rise_is_half_a_point_of_pain_or_five_minutes_of_stiffness() -> None:
    assert rose(WeekMornings(2.5, 15.0), WeekMornings(2.0, 10.0)) == [
        "morning pain 2.0 → 2.5",
        "stiffness 10 → 15 min",
    ]
    assert rose(WeekMornings(2.4, 14.0), WeekMornings(2.0, 10.0)) == []
    assert rose(WeekMornings(None, 30.0), WeekMornings(1.0, None)) == []


def test_the_usual_morning_is_a_median_of_up_to_seven_earlier_answers() -> None:
    h = history(9, mornings=mornings(9, 9, 1, 2, 3, 4, 5, 6, 7, 0))
    assert usual(h, day(9)) == (4, None)  # days 2-8; day 9 itself is not "before"
    assert usual(history(2, mornings=mornings(1, 1, 1)), day(2)) == (None, None)


def test_the_latest_response_is_an_answered_morning_at_most_three_days_old() -> None:
    ms = [Morning(day(0), 2, None), Morning(day(1), None, None)]  # day 1 skipped both
    assert latest_response(history(3, mornings=ms)) == ms[0]
    assert latest_response(history(4, mornings=ms)) is None


def test_visa_a_scores_are_grouped_per_side_oldest_first() -> None:
    scores = [VisaScore(day(0), 40, "left"), VisaScore(day(0), 50, "right"),
              VisaScore(day(14), 45, "left")]  # fmt: skip
    assert visa_by_side(history(15, visa=scores)) == {
        "left": [scores[0], scores[2]],
        "right": [scores[1]],
    }


def test_the_best_week_gap_ignores_mornings_in_the_safe_zone() -> None:
    high = [Morning(day(n), 1 if n < 7 else 4, None) for n in range(21)]
    assert best_week_gap(history(20, mornings=high)) == [
        "morning pain 1.0 in your best week, 4.0 now"
    ]
    calm = [Morning(day(n), 0 if n < 7 else 2, None) for n in range(21)]
    assert best_week_gap(history(20, mornings=calm)) == []
