"""The program set-up dialog, the morning check-in and the resume confirmation."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coach.domain.advice import Morning
from coach.ui.program_dialogs import SKIPPED, CheckinDialog, ConfirmResume

TODAY = date(2026, 11, 21)


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
