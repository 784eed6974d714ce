"""Stepping through the set-up wizard in tests: make one, and answer its pages."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from coach.domain.program import Program
from coach.domain.settings import Injured
from coach.ui.onboarding import OnboardingWizard

TODAY = date(2026, 11, 21)
CURRENT = Program(
    "old",
    date(2026, 9, 1),
    "jonsson",
    Injured.LEFT,
    time(7),
    time(19, 30),
    visa_every_weeks=4,
    lower_seconds=5,
    rest_seconds=90,
    get_ready_seconds=10,
    load_kg=7.5,
)


def make(qtbot: QtBot, current: Program | None = None) -> OnboardingWizard:
    wizard = OnboardingWizard(TODAY, current)
    qtbot.addWidget(wizard)
    wizard.show()  # a wizard starts on its first page when shown
    return wizard


def can_go_on(wizard: OnboardingWizard) -> bool:
    button = wizard.button(QWizard.WizardButton.NextButton)
    if wizard.currentPage() is wizard.ready:
        button = wizard.button(QWizard.WizardButton.FinishButton)
    return button.isEnabled()


def next_page(wizard: OnboardingWizard) -> None:
    page = wizard.currentPage()
    assert can_go_on(wizard)
    wizard.next()
    assert wizard.currentPage() is not page


def to_ready(wizard: OnboardingWizard) -> None:
    """Answer every page with the default or a first choice, up to the red-flag page."""
    wizard.welcome.understood.setChecked(True)
    next_page(wizard)
    if wizard.where.protocol() is None:
        wizard.where.buttons["alfredson"].setChecked(True)
    next_page(wizard)
    if wizard.side.injured() is None:
        wizard.side.buttons[Injured.RIGHT].setChecked(True)
    for _ in range(3):
        next_page(wizard)
    assert wizard.currentPage() is wizard.ready
