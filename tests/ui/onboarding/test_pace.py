"""The pace and load page: its boxes keep to the settings' limits and start from them."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coach.domain.settings import LIMITS, Settings
from tests.ui.onboarding.steps import CURRENT, make


def test_the_boxes_keep_to_the_settings_limits(qtbot: QtBot) -> None:
    wizard = make(qtbot)  # kept: the page lives only as long as its wizard
    pace = wizard.pace
    for spin, name in (
        (pace.lowering, "lower_seconds"),
        (pace.rest, "rest_seconds"),
        (pace.get_ready, "get_ready_seconds"),
    ):
        limit = LIMITS[name]
        spin.setValue(int(limit.high) + 100)
        assert spin.value() == limit.high, name
        spin.setValue(int(limit.low) - 100)
        assert spin.value() == limit.low, name
    limit = LIMITS["load_kg"]
    pace.load.setValue(limit.high + 100)
    assert pace.load.value() == limit.high
    pace.load.setValue(limit.low - 100)
    assert pace.load.value() == limit.low


def test_a_first_program_starts_from_the_default_settings(qtbot: QtBot) -> None:
    wizard = make(qtbot)  # kept: the page lives only as long as its wizard
    pace = wizard.pace
    default = Settings()
    assert (pace.lowering.value(), pace.rest.value(), pace.get_ready.value()) == (
        default.lower_seconds,
        default.rest_seconds,
        default.get_ready_seconds,
    )
    assert pace.load.value() == default.load_kg
    assert pace.load.text() == "none (body weight)"  # no added weight, said in words


def test_a_new_program_keeps_the_current_pace_and_load(qtbot: QtBot) -> None:
    wizard = make(qtbot, CURRENT)
    pace = wizard.pace
    assert (pace.lowering.value(), pace.rest.value(), pace.get_ready.value()) == (5, 90, 10)
    assert pace.load.value() == 7.5
    assert pace.load.text() == "7.5 kg"
