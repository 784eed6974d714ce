"""The pain-monitoring rules, on hand-made histories and on any history hypothesis finds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain import advice
from coach.domain.advice import (
    History,
    Kind,
    Morning,
    SessionPain,
    VisaScore,
    add_load,
    advise,
    check_stiffness,
    red_flag,
    review,
    too_much_during,
    twenty_four_hours,
)

START = date(2026, 9, 7)


def day(n: int) -> date:
    return START + timedelta(days=n)


def session(n: int, *pains: int | None, load: float = 0.0, complete: bool = True) -> SessionPain:
    return SessionPain(day(n), load, tuple(pains), complete)


def mornings(*pains: int | None, first: int = 0) -> list[Morning]:
    return [Morning(day(first + i), p, None) for i, p in enumerate(pains)]


def history(today: int, **kw: object) -> History:
    return History(today=day(today), start=START, **kw)  # type: ignore[arg-type]  # test helper


# -- every rule says why, and where the rule comes from -----------------------------
def test_each_rule_gives_a_reason_and_a_source() -> None:
    cases = [
        history(3, paused_for="a snap in the heel"),
        history(3, mornings=mornings(2, 2, 2, 5)),
        history(3, sessions=[session(3, 4, 6)]),
        history(50, mornings=mornings(*[4] * 51)),
        history(3, sessions=[session(2, 0, 1), session(3, 1, 0)]),
        history(3),
    ]
    kinds = []
    for h in cases:
        a = advise(h)
        kinds.append(a.kind)
        assert a.text
        assert a.why
        assert a.source
        assert "\n" not in a.why
    assert kinds == [Kind.PAUSED, Kind.LOWER, Kind.LOWER, Kind.REVIEW, Kind.ADD_LOAD, Kind.CARRY_ON]


# -- red flag -------------------------------------------------------------------------
def test_a_red_flag_pauses_and_outranks_everything() -> None:
    h = history(3, paused_for="a snap in the heel", sessions=[session(2, 0), session(3, 0)])
    a = advise(h)
    assert a.kind is Kind.PAUSED
    assert "a snap in the heel" in a.text
    assert red_flag(history(3)) is None


# -- the 24-hour rule ---------------------------------------------------------------
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


# -- pain during the sets ------------------------------------------------------------
@pytest.mark.parametrize(("worst", "speaks"), [(5, False), (6, True), (10, True), (0, False)])
def test_more_than_five_in_the_last_session_is_too_much(worst: int, speaks: bool) -> None:
    a = too_much_during(history(3, sessions=[session(3, 2, worst, None)]))
    assert (a is not None) is speaks
    if a is not None:
        assert f"{worst}/10" in a.text


def test_only_the_last_session_counts_for_pain_during_sets() -> None:
    assert too_much_during(history(3, sessions=[session(2, 8), session(3, 3)])) is None


# -- add load --------------------------------------------------------------------------
def test_two_pain_free_sessions_suggest_five_kg_more() -> None:
    a = add_load(history(3, sessions=[session(2, 0, 1, 0, load=5), session(3, 1, 1, load=5)]))
    assert a is not None
    assert a.kind is Kind.ADD_LOAD
    assert "about 5 kg" in a.text
    assert "10 kg in all" in a.text


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
    assert add_load(history(3, sessions=sessions)) is None


# -- the 6-8 week review ---------------------------------------------------------------
def test_no_review_before_week_six() -> None:
    assert review(history(34, mornings=mornings(*[5] * 35))) is None
    assert review(history(35, mornings=mornings(*[5] * 36))) is not None


def test_a_pain_trend_down_by_the_smallest_change_needs_no_review() -> None:
    pains = [5] * 14 + [4] * 28 + [3] * 14  # first 14 days mean 5, latest 14 mean 3
    assert review(history(55, mornings=mornings(*pains))) is None


def test_pain_down_by_less_than_the_smallest_change_asks_for_a_review() -> None:
    pains = [4] * 14 + [4] * 28 + [3] * 14  # down by 1.0 only
    a = review(history(55, mornings=mornings(*pains)))
    assert a is not None
    assert a.kind is Kind.REVIEW
    assert "pain fell by 1.0" in a.text


def test_visa_a_up_by_fifteen_counts_as_improvement() -> None:
    flat = mornings(*[4] * 56)
    better = [VisaScore(day(0), 40), VisaScore(day(42), 55)]
    assert review(history(55, mornings=flat, visa=better)) is None
    slightly = [VisaScore(day(0), 40), VisaScore(day(42), 54)]
    a = review(history(55, mornings=flat, visa=slightly))
    assert a is not None
    assert "VISA-A changed by +14" in a.text


def test_without_check_ins_the_review_uses_pain_during_the_sets() -> None:
    sessions = [session(n, 4, 4) for n in range(56)]
    assert review(history(55, sessions=sessions)) is not None
    better = [session(n, 5 if n < 14 else 2) for n in range(56)]
    assert review(history(55, sessions=better)) is None


def test_no_pain_records_means_no_review() -> None:
    assert review(history(55)) is None


# -- check-in values --------------------------------------------------------------------
@pytest.mark.parametrize("value", [None, 0, 45, 1440])
def test_stiffness_in_range_is_accepted(value: int | None) -> None:
    assert check_stiffness(value) == value


@pytest.mark.parametrize("value", [-1, 1441, 2.5, True, "10"])
def test_stiffness_out_of_range_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="minutes from 0 to 1440"):
        check_stiffness(value)  # type: ignore[arg-type]  # wrong types on purpose


# -- properties over any history ------------------------------------------------------
pain = st.one_of(st.none(), st.integers(0, 10))
sessions_st = st.lists(
    st.builds(
        SessionPain,
        day=st.integers(0, 83).map(day),
        load_kg=st.sampled_from([0.0, 5.0, 10.0]),
        pains=st.lists(pain, min_size=1, max_size=12).map(tuple),
        complete=st.booleans(),
    ),
    max_size=12,
).map(lambda ss: sorted(ss, key=lambda s: s.day))
mornings_st = st.lists(
    st.tuples(st.integers(0, 83), pain, st.one_of(st.none(), st.integers(0, 120))),
    max_size=20,
    unique_by=lambda t: t[0],
).map(lambda ms: [Morning(day(d), p, s) for d, p, s in sorted(ms)])
histories = st.builds(
    History,
    today=st.integers(0, 83).map(day),
    start=st.just(START),
    sessions=sessions_st,
    mornings=mornings_st,
    visa=st.lists(st.integers(0, 100), max_size=6).map(
        lambda scores: [VisaScore(day(14 * i), v) for i, v in enumerate(scores)]
    ),
    paused_for=st.sampled_from(["", "a snap in the heel"]),
)


@given(histories)
def test_there_is_always_exactly_one_piece_of_advice(h: History) -> None:
    a = advise(h)
    assert a.kind in set(Kind)
    assert a.text
    assert a.why
    assert a.source


@given(histories)
def test_the_rules_never_suggest_more_load_after_a_set_above_one(h: History) -> None:
    last_two = list(h.sessions)[-2:]
    if any(p is None or p > advice.NEARLY_PAIN_FREE for s in last_two for p in s.pains):
        assert advise(h).kind is not Kind.ADD_LOAD


@given(histories)
def test_a_paused_program_always_says_paused(h: History) -> None:
    assert (advise(h).kind is Kind.PAUSED) == bool(h.paused_for)


@given(histories)
def test_a_last_session_above_five_never_gets_more_load_or_carry_on(h: History) -> None:
    if h.sessions and (h.sessions[-1].worst or 0) > advice.TOO_MUCH:
        assert advise(h).kind in {Kind.PAUSED, Kind.LOWER}


def test_no_review_for_pain_that_was_little_all_along() -> None:
    assert review(history(55, mornings=mornings(*[0] * 56))) is None
    assert review(history(55, mornings=mornings(*[2] * 14, *[1] * 42))) is None
    assert review(history(55, mornings=mornings(*[3] * 56))) is not None


def test_a_fall_of_exactly_the_smallest_change_counts_despite_rounding() -> None:
    # Means 4.3 and 3.0: in floating point 3.0 - 4.3 is -1.2999999999999998.
    sessions = [SessionPain(day(i), 0, (4, 5, 4, 4, 4, 5, 4, 4, 4, 5), True) for i in range(14)]
    sessions += [SessionPain(day(14 + i), 0, (3,), True) for i in range(42)]
    assert review(history(55, sessions=sessions)) is None


def test_no_review_once_visa_a_is_in_the_recovered_range() -> None:
    flat = mornings(*[4] * 56)
    assert review(history(55, mornings=flat, visa=[VisaScore(day(40), 90)])) is None
    assert review(history(55, mornings=flat, visa=[VisaScore(day(40), 89)])) is not None
