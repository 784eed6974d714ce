"""The rules that ask for a clinician: rising mornings, a VISA-A fall, no improvement."""

from __future__ import annotations

import pytest

from coach.domain.advice import History, Kind, VisaScore
from coach.domain.advice.review import no_improvement, worsening
from tests.domain.advice.histories import START, day, history, mornings, session


def test_a_rise_that_lasts_two_weeks_asks_for_a_clinician_from_any_week() -> None:
    pains = [1] * 7 + [2] * 7 + [3] * 7
    a = worsening(history(20, mornings=mornings(*pains)))
    assert a is not None
    assert a.kind is Kind.REVIEW
    assert "rose and have not settled" in a.text
    assert "Lower the load" in a.text
    assert history(20).week == 3  # long before week 6


@pytest.mark.parametrize("pain_site", ["midportion", "insertional"])
def test_a_visa_a_fall_of_seven_asks_for_a_review_wherever_it_hurts(pain_site: str) -> None:
    """The smaller published change that matters (7), not the 14 of 12 weeks' improvement."""
    visa = [VisaScore(day(0), 70), VisaScore(day(14), 63)]  # down 7
    a = worsening(History(day(15), START, visa=visa, pain_site=pain_site))
    assert a is not None
    assert "McCormack" in a.source
    assert "Coach's own use" in a.own
    less = [VisaScore(day(0), 70), VisaScore(day(14), 64)]
    assert worsening(History(day(15), START, visa=less, pain_site=pain_site)) is None


def test_each_side_s_visa_a_is_compared_with_its_own() -> None:
    visa = [VisaScore(day(0), 70, "left"), VisaScore(day(0), 40, "right"),
            VisaScore(day(14), 72, "left"), VisaScore(day(14), 50, "right")]  # fmt: skip
    assert worsening(history(15, visa=visa)) is None
    visa.append(VisaScore(day(28), 50, "left"))
    a = worsening(history(29, visa=visa))
    assert a is not None
    assert "(left leg)" in a.text


def test_no_review_before_six_whole_weeks() -> None:
    assert no_improvement(history(41, mornings=mornings(*[5] * 42))) is None
    a = no_improvement(history(42, mornings=mornings(*[5] * 43)))
    assert a is not None
    assert a.text.startswith("After 6 weeks")


def test_mornings_down_by_the_smallest_change_need_no_review() -> None:
    pains = [5] * 14 + [4] * 28 + [3] * 14  # first 14 days mean 5, latest 14 mean 3
    assert no_improvement(history(55, mornings=mornings(*pains))) is None


def test_mornings_down_by_less_than_the_smallest_change_ask_for_a_review() -> None:
    pains = [4] * 14 + [4] * 28 + [3] * 14  # down by 1.0 only
    a = no_improvement(history(55, mornings=mornings(*pains)))
    assert a is not None
    assert a.kind is Kind.REVIEW
    assert "morning pain 4.0 → 3.0" in a.text
    assert "Coach's own" in a.own


def test_exercise_pain_is_never_an_outcome() -> None:
    # No check-ins, no VISA-A: nothing to judge by, whatever the sets' pain.
    sessions = [session(n, 5, 5) for n in range(56)]
    assert no_improvement(history(55, sessions=sessions)) is None


def test_visa_a_up_by_the_change_that_matters_counts_as_improvement() -> None:
    flat = mornings(*[4] * 56)
    better = [VisaScore(day(0), 40), VisaScore(day(42), 54)]
    assert no_improvement(history(55, mornings=flat, visa=better)) is None
    slightly = [VisaScore(day(0), 40), VisaScore(day(42), 53)]
    a = no_improvement(history(55, mornings=flat, visa=slightly))
    assert a is not None
    assert "VISA-A 40 → 53" in a.text


def test_no_review_for_mornings_that_were_settled_all_along() -> None:
    assert no_improvement(history(55, mornings=mornings(*[0] * 56))) is None
    assert no_improvement(history(55, mornings=mornings(*[2] * 14, *[1] * 42))) is None
    assert no_improvement(history(55, mornings=mornings(*[3] * 56))) is not None


def test_a_stalled_visa_a_asks_for_a_review_even_with_settled_mornings() -> None:
    calm = mornings(*[1] * 56)
    visa = [VisaScore(day(0), 50), VisaScore(day(42), 52)]
    assert no_improvement(history(55, mornings=calm, visa=visa)) is not None
    recovered = [VisaScore(day(0), 85), VisaScore(day(42), 91)]
    assert no_improvement(history(55, mornings=calm, visa=recovered)) is None


def test_no_records_means_no_review() -> None:
    assert no_improvement(history(55)) is None


def test_a_stalled_leg_is_not_hidden_by_the_other_leg_s_progress() -> None:
    calm = mornings(*[3] * 56)  # mornings stalled above the safe zone
    visa = [VisaScore(day(0), 50, "left"), VisaScore(day(0), 50, "right"),
            VisaScore(day(42), 70, "left"), VisaScore(day(42), 52, "right")]  # fmt: skip
    a = no_improvement(history(55, mornings=calm, visa=visa))
    assert a is not None
    assert "VISA-A (right leg) 50 → 52" in a.text


def test_with_both_legs_a_stalled_leg_asks_for_a_review_though_mornings_improved() -> None:
    better = mornings(*[4] * 14, *[2] * 42)  # mornings 4 -> 2: improved, but have no side
    visa = [VisaScore(day(0), 40, "left"), VisaScore(day(0), 40, "right"),
            VisaScore(day(42), 60, "left"), VisaScore(day(42), 42, "right")]  # fmt: skip
    a = no_improvement(history(55, mornings=better, visa=visa))
    assert a is not None
    assert a.text.startswith("After 7 weeks your VISA-A shows no clear improvement")
    assert "VISA-A (right leg) 40 → 42" in a.text
    assert "mornings" not in a.text.split("(")[0]
