from __future__ import annotations

import math
from typing import Any

import pytest

from coach.domain.settings import LIMITS, Injured, SettingError, Settings, Side

RANGES = {
    "lower_seconds": (2, 10),
    "rest_seconds": (0, 600),
    "reps": (1, 50),
    "sets": (1, 10),
    "load_kg": (0, 200),
    "get_ready_seconds": (0, 30),
}


def with_value(name: str, value: Any) -> Settings:
    kwargs: dict[str, Any] = {name: value}
    return Settings(**kwargs)


def test_defaults_are_the_protocol_dose_and_the_brief_suggestions() -> None:
    s = Settings()
    assert (s.sets, s.reps) == (3, 15)
    assert s.lower_seconds == 3
    assert s.rest_seconds == 60
    assert s.get_ready_seconds == 5
    assert s.load_kg == 0


def test_every_numeric_setting_has_a_limit() -> None:
    assert set(LIMITS) == set(RANGES)


@pytest.mark.parametrize("name", sorted(RANGES))
def test_range_ends_are_accepted(name: str) -> None:
    low, high = RANGES[name]
    assert getattr(with_value(name, low), name) == low
    assert getattr(with_value(name, high), name) == high


@pytest.mark.parametrize("name", sorted(RANGES))
@pytest.mark.parametrize("where", ["below", "above"])
def test_outside_the_range_is_refused_with_the_range_in_the_message(name: str, where: str) -> None:
    low, high = RANGES[name]
    value = low - 1 if where == "below" else high + 1
    with pytest.raises(SettingError) as e:
        with_value(name, value)
    assert e.value.name == name
    assert f"from {low} to {high}" in str(e.value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, True, "3", None])
def test_non_numbers_are_refused(value: object) -> None:
    with pytest.raises(SettingError):
        Settings(lower_seconds=value)  # type: ignore[arg-type] # bad input on purpose


def test_whole_number_settings_refuse_fractions_but_load_takes_them() -> None:
    with pytest.raises(SettingError, match="whole number"):
        Settings(reps=2.5)  # type: ignore[arg-type] # bad input on purpose
    assert Settings(load_kg=2.5).load_kg == 2.5


def test_injured_must_be_an_injured_value() -> None:
    with pytest.raises(SettingError, match="left, right, both"):
        Settings(injured="left")  # type: ignore[arg-type] # bad input on purpose


def test_sides_lowered_per_injury() -> None:
    assert Injured.LEFT.sides == (Side.LEFT,)
    assert Injured.RIGHT.sides == (Side.RIGHT,)
    assert Injured.BOTH.sides == (Side.LEFT, Side.RIGHT)
    assert Side.LEFT.other is Side.RIGHT
