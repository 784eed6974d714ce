from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.pain import (
    SAFE,
    TOO_MUCH,
    Zone,
    check_rating,
    should_offer_to_stop,
    zone,
    zones_in_words,
)


@pytest.mark.parametrize(
    ("pain", "expected"),
    [(0, Zone.SAFE), (2, Zone.SAFE), (3, Zone.ACCEPTABLE), (5, Zone.ACCEPTABLE),
     (6, Zone.TOO_MUCH), (10, Zone.TOO_MUCH)],
)  # fmt: skip
def test_zones_follow_the_pain_monitoring_model(pain: int, expected: Zone) -> None:
    assert zone(pain).zone is expected


def test_each_zone_names_its_scores() -> None:
    assert [zone(p).scores for p in (0, 4, 9)] == ["0-2", "3-5", "6-10"]


def test_the_zones_in_words_follow_the_same_limits() -> None:
    assert zones_in_words() == "0-2 safe, 3-5 acceptable, above 5 too much"
    assert zones_in_words("\u2013") == "0\u20132 safe, 3\u20135 acceptable, above 5 too much"
    assert (SAFE, TOO_MUCH) == (2, 5)
    assert zone(SAFE).zone is Zone.SAFE
    assert zone(SAFE + 1).zone is Zone.ACCEPTABLE
    assert zone(TOO_MUCH).zone is Zone.ACCEPTABLE
    assert zone(TOO_MUCH + 1).zone is Zone.TOO_MUCH


def test_too_much_suggests_stopping_or_less_load() -> None:
    assert "less load" in zone(7).meaning
    assert "stopping" in zone(7).meaning


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True, None, "3"])
def test_ratings_are_whole_numbers_from_0_to_10(bad: object) -> None:
    with pytest.raises(ValueError, match="0 to 10"):
        check_rating(bad)  # type: ignore[arg-type] # bad input on purpose


@pytest.mark.parametrize(
    ("ratings", "offer"),
    [
        ([], False),
        ([10], True),
        ([3, 10], True),
        ([6], True),  # any set above 5
        ([5], False),
        ([6, 7], True),
        ([6, 4], False),  # the latest is acceptable again
        ([7, 6, None], False),  # the latest set is not rated yet
        ([2, 9, 3], False),
    ],
)
def test_offer_to_stop(ratings: list[int | None], offer: bool) -> None:
    assert should_offer_to_stop(ratings) is offer


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), max_size=20))
def test_never_offer_to_stop_while_pain_stays_acceptable(ratings: list[int | None]) -> None:
    assert not should_offer_to_stop(ratings)
