"""The set-up wizard: each page's answer, the pages that must stop the user, and ask()."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSize, QTime
from PySide6.QtSvgWidgets import QSvgWidget
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

from coach.domain.program import Program
from coach.domain.red_flags import RED_FLAGS
from coach.domain.settings import Injured
from coach.ui import onboarding
from coach.ui.onboarding import OnboardingWizard
from tests.ui.modal import when_shown

TODAY = date(2026, 11, 21)
SCREEN = QSize(1000, 600)  # what is left of a 1024 x 640 screen for a window
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


def height_needed(page: QWidget) -> int:
    """The height the page's contents take at its width (text wraps, so it depends)."""
    layout = page.layout()
    assert layout is not None
    return layout.totalHeightForWidth(page.width())


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


def test_not_sure_where_it_hurts_stops_the_wizard(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    wizard.welcome.understood.setChecked(True)
    next_page(wizard)
    assert not can_go_on(wizard)  # nothing chosen yet
    wizard.where.buttons["not sure"].setChecked(True)
    assert not can_go_on(wizard)
    assert wizard.where.blocked.isVisible()
    assert "cannot choose for you" in wizard.where.blocked.text()
    assert "heel bone" in wizard.where.why.text()  # how to tell the two apart
    wizard.next()
    assert wizard.currentPage() is wizard.where
    wizard.where.buttons["alfredson"].setChecked(True)
    assert can_go_on(wizard)
    assert not wizard.where.blocked.isVisible()
    assert "knee bent" in wizard.where.why.text()


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


def test_times_in_the_wrong_order_block_next_with_the_reason(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    wizard.welcome.understood.setChecked(True)
    next_page(wizard)
    wizard.where.buttons["alfredson"].setChecked(True)
    next_page(wizard)
    wizard.side.buttons[Injured.RIGHT].setChecked(True)
    next_page(wizard)
    wizard.schedule.evening.setTime(QTime(7, 0))
    assert not can_go_on(wizard)
    assert wizard.schedule.problem.isVisible()
    assert "must come before the second" in wizard.schedule.problem.text()
    wizard.next()
    assert wizard.currentPage() is wizard.schedule
    wizard.schedule.evening.setTime(QTime(19, 0))
    assert can_go_on(wizard)
    assert not wizard.schedule.problem.isVisible()
    assert "12 weeks" in wizard.schedule.length.text()


def test_the_start_date_stays_within_a_year(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    start = wizard.schedule.start
    assert start.date() == QDate(2026, 11, 21)
    start.setDate(QDate(2030, 1, 1))
    assert start.date() == QDate(2027, 11, 21)
    start.setDate(QDate(2020, 1, 1))
    assert start.date() == QDate(2025, 11, 21)


def test_finishing_needs_none_of_the_red_flags(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    to_ready(wizard)
    for flag in RED_FLAGS:
        assert flag.sign in wizard.ready.flags.text()
    assert "see a clinician" in wizard.ready.stop.text()
    assert not can_go_on(wizard)
    wizard.accept()  # what the Finish button does, refused while the box is unticked
    assert wizard.isVisible()
    wizard.ready.none_apply.setChecked(True)
    assert can_go_on(wizard)
    wizard.back()  # changing an answer means looking at the red flags again
    next_page(wizard)
    assert not wizard.ready.none_apply.isChecked()
    assert not can_go_on(wizard)


def test_the_last_page_sums_up_and_says_what_comes_next(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    to_ready(wizard)
    summary = wizard.ready.summary.text()
    assert "Alfredson heel drops off a step" in summary
    assert "Right leg" in summary
    assert "Sat 21 Nov 2026, for 12 weeks" in summary
    assert "08:00 and 18:00" in summary
    assert "short questionnaire" in summary
    assert "starting score" in summary
    assert "history" not in summary  # nothing is replaced


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


def test_a_first_program_has_nothing_to_replace(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    assert not wizard.welcome.replacing.isVisible()
    assert wizard.where.protocol() is None
    assert wizard.side.injured() is None


def test_the_drawing_shows_when_present(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svg = tmp_path / "achilles.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 260">'
        '<rect width="360" height="260" fill="#eee"/></svg>'
    )
    monkeypatch.setattr(onboarding, "asset_path", lambda name: svg)
    wizard = make(qtbot)
    drawing = wizard.where.drawing
    assert isinstance(drawing, QSvgWidget)
    assert drawing.renderer().isValid()
    assert drawing.size() == QSize(340, 250)


def test_a_missing_drawing_leaves_the_page_working(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(name: str) -> Path:
        raise FileNotFoundError(f"Coach's file assets/{name} is missing: reinstall Coach")

    monkeypatch.setattr(onboarding, "asset_path", missing)
    wizard = make(qtbot)
    assert wizard.where.drawing is None
    assert not wizard.where.findChildren(QSvgWidget)
    wizard.welcome.understood.setChecked(True)
    next_page(wizard)
    wizard.where.buttons["alfredson"].setChecked(True)
    assert can_go_on(wizard)


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
