"""The program set-up dialog, the morning check-in and the resume confirmation."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coach.domain.advice import Morning
from coach.domain.program import Program
from coach.domain.settings import Injured
from coach.ui.program_dialogs import SKIPPED, CheckinDialog, ConfirmResume, ProgramDialog

TODAY = date(2026, 11, 21)


def test_a_program_is_built_from_the_answers(qtbot: QtBot) -> None:
    dialog = ProgramDialog(TODAY, None)
    qtbot.addWidget(dialog)
    dialog.start.setDate(QDate(2026, 11, 23))
    dialog.where.setCurrentIndex(dialog.where.findData("jonsson"))
    dialog.side.setCurrentIndex(dialog.side.findData(Injured.BOTH))
    dialog.morning.setTime(QTime(6, 30))
    dialog.evening.setTime(QTime(20, 15))
    dialog.visa.setValue(4)
    program = dialog.program()
    assert program is not None
    assert (program.start, program.protocol, program.injured) == (
        date(2026, 11, 23),
        "jonsson",
        Injured.BOTH,
    )
    assert (program.morning, program.evening, program.visa_every_weeks) == (
        time(6, 30),
        time(20, 15),
        4,
    )
    assert program.weeks == 12
    assert "flat floor" in dialog.why.text()


def test_the_second_session_must_come_after_the_first(qtbot: QtBot) -> None:
    dialog = ProgramDialog(TODAY, None)
    qtbot.addWidget(dialog)
    dialog.evening.setTime(QTime(7, 0))
    assert not dialog.ok.isEnabled()
    assert "must come before" in dialog.problem.text()
    dialog.evening.setTime(QTime(19, 0))
    assert dialog.ok.isEnabled()
    assert dialog.problem.text() == ""


def test_a_new_program_starts_from_the_current_ones_choices(qtbot: QtBot) -> None:
    current = Program("p", date(2026, 9, 1), "jonsson", Injured.LEFT, time(7), time(19))
    dialog = ProgramDialog(TODAY, current)
    qtbot.addWidget(dialog)
    assert "kept in your history" in dialog.intro.text()
    program = dialog.program()
    assert program is not None
    assert (program.protocol, program.injured, program.morning) == (
        "jonsson",
        Injured.LEFT,
        time(7),
    )
    assert program.start == TODAY
    assert program.id != "p"


def test_the_check_in_takes_pain_and_stiffness(qtbot: QtBot) -> None:
    dialog = CheckinDialog(TODAY, None)
    qtbot.addWidget(dialog)
    assert not dialog.save.isEnabled()  # nothing answered yet
    dialog.pain.setValue(3)
    assert dialog.save.isEnabled()
    assert dialog.answer() == Morning(TODAY, 3, None)
    dialog.stiffness.setValue(25)
    assert dialog.answer() == Morning(TODAY, 3, 25)


def test_the_check_in_shows_the_earlier_answers_for_editing(qtbot: QtBot) -> None:
    dialog = CheckinDialog(TODAY, Morning(TODAY, 0, 10))
    qtbot.addWidget(dialog)
    assert (dialog.pain.value(), dialog.stiffness.value()) == (0, 10)
    assert dialog.pain.text() == "0 / 10"


def _click_later(find: str) -> None:
    """Once the dialog is open, press its button labelled `find`."""

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        for button in dialog.findChildren(QWidget):
            if getattr(button, "text", None) and button.text() == find:  # type: ignore[attr-defined]
                button.click()  # type: ignore[attr-defined]
                return
        dialog.close()

    QTimer.singleShot(0, click)


def test_ask_returns_skipped_saved_or_none(parent: QWidget) -> None:
    _click_later("Skip today")
    assert CheckinDialog.ask(parent, TODAY, None) is SKIPPED
    _click_later("Save")
    assert CheckinDialog.ask(parent, TODAY, Morning(TODAY, 4, 30)) == Morning(TODAY, 4, 30)
    _click_later("Cancel")
    assert CheckinDialog.ask(parent, TODAY, None) is None


def test_resuming_needs_the_clinicians_agreement(parent: QWidget) -> None:
    def agree_then_resume() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        resume = next(b for b in box.buttons() if b.text() == "Resume")
        assert not resume.isEnabled()
        checkbox = box.checkBox()
        assert checkbox is not None
        checkbox.setChecked(True)
        assert resume.isEnabled()
        resume.click()

    QTimer.singleShot(0, agree_then_resume)
    assert ConfirmResume.ask(parent, "signs of a possible tendon tear")
    _click_later("Cancel")
    assert not ConfirmResume.ask(parent, "signs of a possible tendon tear")
