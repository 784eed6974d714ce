"""The set-up wizard as a whole: the answers make the program, every page fits, ask().

Each page alone is tested beside its module (tests/ui/onboarding/).
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QSize, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QLabel,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from coach.domain.settings import Injured
from coach.ui.onboarding import OnboardingWizard
from tests.ui.modal import when_shown
from tests.ui.onboarding.steps import CURRENT, TODAY, can_go_on, make, next_page, to_ready

SCREEN = QSize(1000, 600)  # what is left of a 1024 x 640 screen for a window


def height_needed(page: QWidget) -> int:
    """The height the page's contents take at its width (text wraps, so it depends)."""
    layout = page.layout()
    assert layout is not None
    return layout.totalHeightForWidth(page.width())


def test_the_answers_make_the_program(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    assert not can_go_on(wizard)  # the disclaimer is not acknowledged yet
    wizard.welcome.understood.setChecked(True)
    next_page(wizard)
    wizard.where.buttons["jonsson"].setChecked(True)
    assert "flat floor" in wizard.where.why.text()
    assert "Jonsson P et al." in wizard.where.why.text()
    next_page(wizard)
    wizard.side.buttons[Injured.BOTH].setChecked(True)
    next_page(wizard)
    wizard.schedule.start.setDate(QDate(2026, 11, 23))
    wizard.schedule.morning.setTime(QTime(6, 30))
    wizard.schedule.evening.setTime(QTime(20, 15))
    wizard.schedule.visa.setValue(3)
    next_page(wizard)
    wizard.pace.lowering.setValue(4)
    wizard.pace.load.setValue(5.0)
    next_page(wizard)
    wizard.ready.none_apply.setChecked(True)
    assert can_go_on(wizard)
    wizard.accept()
    assert wizard.result() == QDialog.DialogCode.Accepted
    program = wizard.program()
    assert program is not None
    assert (program.protocol, program.injured, program.start) == (
        "jonsson",
        Injured.BOTH,
        date(2026, 11, 23),
    )
    assert (program.morning, program.evening) == (time(6, 30), time(20, 15))
    assert (program.lower_seconds, program.load_kg, program.visa_every_weeks) == (4, 5.0, 3)
    assert (program.rest_seconds, program.get_ready_seconds, program.weeks) == (60, 5, 12)


def test_a_current_program_fills_in_the_answers(qtbot: QtBot) -> None:
    wizard = make(qtbot, CURRENT)
    assert wizard.welcome.replacing.isVisible()
    assert "stays in your history" in wizard.welcome.replacing.text()
    to_ready(wizard)
    assert "stays in your history" in wizard.ready.summary.text()
    program = wizard.program()
    assert program is not None
    assert (program.protocol, program.injured, program.morning, program.evening) == (
        "jonsson",
        Injured.LEFT,
        time(7),
        time(19, 30),
    )
    assert (program.lower_seconds, program.rest_seconds, program.get_ready_seconds) == (5, 90, 10)
    assert (program.load_kg, program.visa_every_weeks) == (7.5, 4)
    assert program.start == TODAY  # a new program starts afresh
    assert program.id != CURRENT.id


def test_every_page_fits_a_small_screen(qtbot: QtBot) -> None:
    wizard = make(qtbot, CURRENT)  # with the "replacing" notice: the longest first page
    for size in (wizard.size(), wizard.minimumSize()):
        wizard.restart()
        wizard.resize(size)
        assert SCREEN.expandedTo(size) == SCREEN
        wizard.welcome.understood.setChecked(True)
        while True:
            QApplication.processEvents()
            page = wizard.currentPage()
            assert SCREEN.expandedTo(wizard.sizeHint()) == SCREEN, page.title()
            assert SCREEN.expandedTo(wizard.minimumSizeHint()) == SCREEN, page.title()
            assert wizard.size() == size, page.title()  # no page pushed the window out
            # nothing cut off at the bottom, nor at the right of text that cannot wrap
            assert height_needed(page) <= page.height(), page.title()
            for button in page.findChildren(QAbstractButton):
                assert button.width() >= button.sizeHint().width(), button.text()
            if page is wizard.ready:
                break
            if page is wizard.where:  # the longest text this page can show
                wizard.where.buttons["not sure"].setChecked(True)
                QApplication.processEvents()
                assert height_needed(page) <= page.height()
                wizard.where.buttons["jonsson"].setChecked(True)
            next_page(wizard)


def test_every_input_is_named_and_reachable_by_keyboard(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    pages = [wizard.page(i) for i in wizard.pageIds()]
    inputs: list[QWidget] = []
    for page in pages:
        inputs += page.findChildren(QAbstractButton) + page.findChildren(QAbstractSpinBox)
    assert len(inputs) >= 15
    for widget in inputs:
        assert widget.accessibleName(), widget
    buddies = {label.buddy() for page in pages for label in page.findChildren(QLabel)}
    for widget in (*(w for page in pages for w in page.findChildren(QAbstractSpinBox)),):
        assert widget in buddies, widget.accessibleName()  # Alt+letter on its label
    for page in pages:
        for button in page.findChildren(QAbstractButton):
            assert "&" in button.text(), button.text()


def test_ask_returns_none_when_cancelled(qtbot: QtBot, parent: QWidget) -> None:
    def cancel(wizard: OnboardingWizard) -> None:
        to_ready(wizard)
        wizard.ready.none_apply.setChecked(True)
        wizard.button(QWizard.WizardButton.CancelButton).click()

    when_shown(OnboardingWizard, cancel)
    assert OnboardingWizard.ask(parent, TODAY, None) is None


def test_ask_returns_the_program_on_finish(qtbot: QtBot, parent: QWidget) -> None:
    def finish(wizard: OnboardingWizard) -> None:
        to_ready(wizard)
        wizard.ready.none_apply.setChecked(True)
        wizard.button(QWizard.WizardButton.FinishButton).click()

    when_shown(OnboardingWizard, finish)
    program = OnboardingWizard.ask(parent, TODAY, CURRENT)
    assert program is not None
    assert (program.protocol, program.injured, program.start) == ("jonsson", Injured.LEFT, TODAY)
