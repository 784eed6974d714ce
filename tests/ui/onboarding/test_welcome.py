"""The wizard's first page: the disclaimer, and the notice that a program is replaced."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.onboarding.steps import can_go_on, make


def test_a_first_program_has_nothing_to_replace(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    assert not wizard.welcome.replacing.isVisible()
    assert wizard.where.protocol() is None
    assert wizard.side.injured() is None


def test_next_waits_for_the_disclaimer_to_be_acknowledged(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    assert "does not replace" in wizard.welcome.understood.text()
    assert not can_go_on(wizard)
    wizard.welcome.understood.setChecked(True)
    assert can_go_on(wizard)
    wizard.welcome.understood.setChecked(False)
    assert not can_go_on(wizard)
