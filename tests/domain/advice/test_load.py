"""The rules that set the load: the 24-hour response, pain in the sets, weekly rises, more load."""

from __future__ import annotations

import pytest

from coach.domain.advice import History, Kind, Morning, SessionPain, advise
from coach.domain.advice.load import (
    above_best_week,
    add_load,
    load_blocks,
    too_much_during,
    twenty_four_hours,
    weekly_rise,
)
from tests.domain.advice.histories import START, day, history, mornings, session, settled


def test_a_morning_two_points_worse_than_usual_lowers_the_load() -> None:
    a = twenty_four_hours(history(7, mornings=mornings(3, 3, 2, 3, 4, 3, 3, 5)))
    assert a is not None
    assert a.kind is Kind.LOWER
    assert "pain 5/10 against your usual 3" in a.text


def test_a_morning_one_point_worse_is_not_clearly_worse() -> None:
    assert twenty_four_hours(history(7, mornings=mornings(3, 3, 2, 3, 4, 3, 3, 4))) is None


def test_the_usual_morning_is_the_median_of_the_last_seven() -> None:
    # Two weeks ago the mornings were bad; the last seven were 1s: 3 is clearly worse now.
    old = [8] * 7
    assert twenty_four_hours(history(14, mornings=mornings(*old, *[1] * 7, 3))) is not None


def test_no_usual_morning_before_three_check_ins() -> None:
    assert twenty_four_hours(history(2, mornings=mornings(0, 0, 9))) is None
    assert twenty_four_hours(history(3, mornings=mornings(0, 0, 0, 9))) is not None


def test_without_a_check_in_today_the_rule_is_silent() -> None:
    assert twenty_four_hours(history(9, mornings=mornings(1, 1, 1, 9))) is None


def test_stiffness_fifteen_minutes_longer_than_usual_lowers_the_load() -> None:
    ms = [Morning(day(i), None, s) for i, s in enumerate([10, 10, 15, 25])]
    a = twenty_four_hours(history(3, mornings=ms))
    assert a is not None
    assert "stiffness 25 min against your usual 10" in a.text
    ms[-1] = Morning(day(3), None, 24)
    assert twenty_four_hours(history(3, mornings=ms)) is None


def test_early_weeks_mention_that_morning_soreness_is_common() -> None:
    worse = mornings(*[1] * 7, 4, first=28)  # days 28-35, the last one worse
    soon = twenty_four_hours(History(today=day(35), start=day(20), mornings=worse))
    late = twenty_four_hours(History(today=day(35), start=day(-60), mornings=worse))
    assert soon is not None
    assert "common in the first weeks" in soon.text
    assert late is not None
    assert "common in the first weeks" not in late.text


@pytest.mark.parametrize(("worst", "speaks"), [(5, False), (6, True), (10, True), (0, False)])
def test_more_than_five_in_the_last_session_is_too_much(worst: int, speaks: bool) -> None:
    a = too_much_during(history(3, sessions=[session(3, 2, worst, None)]))
    assert (a is not None) is speaks
    if a is not None:
        assert f"{worst}/10" in a.text


def test_only_the_last_session_counts_for_pain_during_sets() -> None:
    assert too_much_during(history(3, sessions=[session(2, 8), session(3, 3)])) is None


def test_two_pain_free_sessions_and_a_settled_morning_suggest_five_kg_more() -> None:
    a = add_load(settled())
    assert a is not None
    assert a.kind is Kind.ADD_LOAD
    assert "about 5 kg" in a.text
    assert "10 kg in all" in a.text
    assert "Coach's own" in a.own


@pytest.mark.parametrize(
    "sessions",
    [
        [session(3, 0, 0)],  # only one session
        [session(2, 0, 2), session(3, 0, 0)],  # a 2 in the earlier one
        [session(2, 0, 0), session(3, 0, None)],  # a set not rated: cannot tell
        [session(2, 0, 0), session(3, 0, 0, complete=False)],  # ended early
        [session(1, 0, 0), session(2, 0, 0), session(3, 3)],  # the latest hurt
    ],
)
def test_add_load_needs_every_set_of_two_whole_sessions_nearly_pain_free(
    sessions: list[SessionPain],
) -> None:
    ms = [Morning(day(n), 0, 0) for n in range(11)]
    assert add_load(history(10, sessions=sessions, mornings=ms)) is None


def test_two_sessions_in_a_day_need_the_next_morning() -> None:
    # A week at this load; both sessions of day 9 pain-free; today's (day 9) check-in
    # came before them: it is no 24-hour response to them.
    sessions = [session(n, 0, 0, load=5) for n in range(10)]
    ms = [Morning(day(n), 1, 5) for n in range(9)]
    assert add_load(history(9, sessions=sessions, mornings=ms)) is None
    ms.append(Morning(day(10), 1, 5))
    assert add_load(history(10, sessions=sessions, mornings=ms)) is not None


def test_no_more_load_when_the_latest_morning_is_worse_than_usual() -> None:
    ms = [Morning(day(n), 0, 5) for n in range(10)] + [Morning(day(10), 1, 5)]
    assert add_load(settled(mornings=ms)) is None
    stiffer = [Morning(day(n), 1, 5) for n in range(10)] + [Morning(day(10), 1, 10)]
    assert add_load(settled(mornings=stiffer)) is None


def test_no_more_load_after_a_break() -> None:
    h = settled()
    later = History(day(20), START, h.sessions, [*h.mornings, Morning(day(20), 0, 0)])
    assert add_load(later) is None


def test_one_session_at_a_new_load_is_not_two() -> None:
    sessions = [session(n, 0, 0, load=5) for n in range(3)] + [session(3, 0, 0, load=10)]
    ms = [Morning(day(n), 0, 0) for n in range(11)]
    h = history(10, sessions=sessions, mornings=ms)
    assert load_blocks(h) == ["the last two sessions were at different loads"]


def test_a_rise_in_stiffness_alone_counts() -> None:
    ms = [Morning(day(n), 1, 10 if n < 7 else 20) for n in range(14)]
    a = weekly_rise(history(13, mornings=ms))
    assert a is not None
    assert "stiffness 10 → 20 min" in a.text


def test_a_steady_week_is_no_rise() -> None:
    assert weekly_rise(history(13, mornings=mornings(*[3] * 14))) is None
    # Too few answers in a week to compare: silent.
    ms = [Morning(day(n), 1 if n < 7 else 6, None) for n in (0, 1, 2, 8, 9)]
    assert weekly_rise(history(13, mornings=ms)) is None


def test_a_weekly_rise_above_the_safe_zone_lowers_the_load() -> None:
    ms = [Morning(day(n), 2 if n < 7 else 3, None) for n in range(14)]
    a = weekly_rise(history(13, mornings=ms))
    assert a is not None
    assert a.kind is Kind.LOWER
    calm = [Morning(day(n), 1 if n < 7 else 2, None) for n in range(14)]
    b = weekly_rise(history(13, mornings=calm))
    assert b is not None
    assert b.kind is Kind.HOLD
    assert "safe zone" in b.own


def test_a_rise_in_stiffness_is_never_in_the_safe_zone() -> None:
    ms = [Morning(day(n), 1, 10 if n < 7 else 45) for n in range(14)]
    a = weekly_rise(history(13, mornings=ms))
    assert a is not None
    assert a.kind is Kind.LOWER  # pain 1, but stiffness 10 -> 45 min: lower, not hold
    assert "safe zone" not in a.text


def test_a_bad_morning_yesterday_still_lowers_the_load_today() -> None:
    """No check-in today: the latest one since the last session is the 24-hour response."""
    ms = [Morning(day(n), 1, 5) for n in range(9)] + [Morning(day(9), 6, 5)]
    sessions = [session(n, 1, 1) for n in range(9)]  # no session since the bad morning
    a = twenty_four_hours(history(10, sessions=sessions, mornings=ms))
    assert a is not None
    assert a.text.startswith("Your morning of")
    # Sessions since, with no check-in: the bad morning still keeps the load lower...
    later = [*sessions, session(10, 1, 1)]
    assert twenty_four_hours(history(11, sessions=later, mornings=ms)) is not None
    # ...until a check-in is back to usual; and a check-in older than 3 days says nothing.
    assert twenty_four_hours(history(13, sessions=later, mornings=ms)) is None


def test_early_soreness_after_a_good_first_week_holds_the_load_and_never_lowers_it() -> None:
    """Week 1 at 1/10, then the common soreness of weeks 2-4 at 3/10: hold, do not lower."""
    ms = [Morning(day(n), 1 if n < 7 else 3, 5) for n in range(25)]
    sessions = [session(n, 2, 2) for n in range(25)]
    for today in range(14, 25):
        a = above_best_week(history(today, mornings=ms[: today + 1]))
        assert a is not None, today
        assert a.kind is Kind.HOLD, today  # never a lower load for good, nor a review
        assert "common in the first weeks" in a.text
    steady = advise(history(24, sessions=sessions, mornings=ms))
    assert steady.kind is Kind.HOLD  # the mornings stopped rising: hold, add none
    assert "Keep the load you have" in steady.text


def test_more_load_needs_a_morning_after_the_last_session_not_only_the_one_before() -> None:
    """Sessions Mon and Wed, a check-in Tue only: Wednesday's response is not known yet."""
    sessions = [session(n, 0, 0, load=5) for n in range(0, 10, 2)]  # days 0, 2, ... 8
    ms = [Morning(day(n), 0, 0) for n in range(9)]  # up to day 8, the morning of the last
    h = history(9, sessions=sessions, mornings=ms)
    assert "no morning check-in after these sessions yet" in load_blocks(h)
    assert advise(h).kind is not Kind.ADD_LOAD
