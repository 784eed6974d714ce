"""The "which side hurts?" page and its note on how the exercise works."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coach.domain.settings import Injured
from tests.ui.onboarding.steps import can_go_on, make, next_page


def test_the_side_note_gives_the_box_cue_for_both_sides(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    wizard.welcome.understood.setChecked(True)
    next_page(wizard)
    wizard.where.buttons["jonsson"].setChecked(True)
    next_page(wizard)
    assert not can_go_on(wizard)  # no side chosen: no default that could be wrong
    wizard.side.buttons[Injured.LEFT].setChecked(True)
    assert "rise onto your toes on the right leg" in wizard.side.note.text()
    wizard.side.buttons[Injured.BOTH].setChecked(True)
    note = wizard.side.note.text()
    assert "box (about 15 cm) on the floor" in note
    assert "the thigh, not the calf" in note
