"""The records the rules read: check-in values, a session's pain, the program's week."""

from __future__ import annotations

import pytest

from coach.domain.advice.records import History, check_stiffness
from tests.domain.advice.histories import START, day, history, session


@pytest.mark.parametrize("value", [None, 0, 45, 1440])
def test_stiffness_in_range_is_accepted(value: int | None) -> None:
    assert check_stiffness(value) == value


@pytest.mark.parametrize("value", [-1, 1441, 2.5, True, "10"])
def test_stiffness_out_of_range_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="minutes from 0 to 1440"):
        check_stiffness(value)  # type: ignore[arg-type]  # wrong types on purpose


def test_a_session_s_worst_pain_ignores_sets_not_rated() -> None:
    assert session(0, 1, None, 4, 2).worst == 4
    assert session(0, None, None).worst is None


@pytest.mark.parametrize(
    ("pains", "complete", "without_pain"),
    [
        ((0, 1, 1), True, True),
        ((0, 2), True, False),  # a 2 is pain
        ((0, None), True, False),  # a set not rated: cannot tell
        ((0, 0), False, False),  # ended early
        ((), True, False),  # no set done
    ],
)
def test_without_pain_is_whole_every_set_rated_none_above_one(
    pains: tuple[int | None, ...], complete: bool, without_pain: bool
) -> None:
    assert session(0, *pains, complete=complete).without_pain is without_pain


def test_the_program_week_counts_from_one() -> None:
    assert history(0).week == 1
    assert history(6).week == 1
    assert history(7).week == 2
    assert History(day(7), START, pain_site="insertional").visa_change == 7
