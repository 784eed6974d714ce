"""The program's smaller dialogs: the morning check-in, resuming after a red flag, and
the warning before where it hurts or the side change.

A program is set up with coach.ui.onboarding.OnboardingWizard.

Each opens through a classmethod returning the answer, so tests can replace it
(pytest-qt, "Dialogs").
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coach.domain.advice import MAX_STIFFNESS, Morning
from coach.domain.protocols import ALFREDSON, FLAT_FLOOR_ARTICLE, JONSSON
from coach.ui.widgets import guard_boxes


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


SKIPPED = Morning(date.min, None, None)  # what CheckinDialog.ask returns for "Skip today"


class CheckinDialog(QDialog):
    """Two quick answers on getting up: pain (0-10) and minutes of stiffness."""

    def __init__(self, day: date, previous: Morning | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = day
        self.setWindowTitle("Morning check-in")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "<b>How was your Achilles when you got up this morning?</b><br>"
            "Pain that settles overnight means the load is right; a morning clearly worse "
            "than usual means the last sessions were too much."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.pain = QSpinBox()
        self.pain.setRange(-1, 10)
        self.pain.setSpecialValueText("not answered")
        self.pain.setSuffix(" / 10")
        self.pain.setAccessibleName("Pain on getting up, 0 to 10")
        self.stiffness = QSpinBox()
        self.stiffness.setRange(-1, MAX_STIFFNESS)
        self.stiffness.setSpecialValueText("not answered")
        self.stiffness.setSuffix(" min")
        self.stiffness.setSingleStep(5)
        self.stiffness.setAccessibleName("Morning stiffness in minutes")
        for box in (self.pain, self.stiffness):
            box.setMinimumHeight(36)
            box.setStyleSheet("font-size: 14pt;")
        pain = previous.pain if previous is not None else None
        stiffness = previous.stiffness_minutes if previous is not None else None
        self.pain.setValue(-1 if pain is None else pain)
        self.stiffness.setValue(-1 if stiffness is None else stiffness)
        form.addRow("&Pain on getting up (0 none, 10 worst)", self.pain)
        form.addRow("&Stiffness lasted", self.stiffness)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.save = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip = buttons.addButton("Skip today", QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save.setDefault(True)
        self.skipped = False
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.skip.clicked.connect(self._skip)
        layout.addWidget(buttons)
        self.pain.valueChanged.connect(self._update)
        self.stiffness.valueChanged.connect(self._update)
        self._update()
        self.pain.setFocus()
        guard_boxes(self)  # no value changes under a passing mouse wheel

    def answer(self) -> Morning:
        pain, stiffness = self.pain.value(), self.stiffness.value()
        return Morning(self.day, None if pain < 0 else pain, None if stiffness < 0 else stiffness)

    def _update(self) -> None:
        answer = self.answer()
        self.save.setEnabled(answer.pain is not None or answer.stiffness_minutes is not None)

    def _skip(self) -> None:
        self.skipped = True
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, day: date, previous: Morning | None) -> Morning | None:
        """The answers; SKIPPED for "Skip today"; None if closed without an answer."""
        dialog = cls(day, previous, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return SKIPPED if dialog.skipped else dialog.answer()
        finally:
            dialog.deleteLater()


class ConfirmResume:
    @classmethod
    def ask(cls, parent: QWidget, reason: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Resume the program?",
            f"The program was paused because you reported: {reason}.\n\n"
            "Resume it only once a clinician has checked it and agrees you can carry on.",
            QMessageBox.StandardButton.Cancel,
            parent,
        )
        agree = QCheckBox("A clinician has checked it and I may carry on")
        box.setCheckBox(agree)
        resume = box.addButton("Resume", QMessageBox.ButtonRole.AcceptRole)
        resume.setEnabled(False)
        agree.toggled.connect(resume.setEnabled)
        box.exec()
        return box.clickedButton() is resume


MIXING = (
    f"Where it hurts decides the exercise. Pain in the middle of the tendon is loaded off "
    f"a step ({ALFREDSON.name}); pain where the tendon meets the heel bone on a flat floor "
    f"({JONSSON.name}), because lowering below a step is thought to squeeze the tendon "
    "where it attaches. "
    "People with heel-bone pain who did the step version got back to their activity far "
    "less often (about a third) than with the flat-floor version (about two thirds). So "
    "Coach never mixes the two in one program: changing where it hurts, or the side, starts "
    "a new program, and the current one is kept in your history.\n\n"
    "If you are unsure where it hurts, ask your clinician before you change it."
)
MIXING_SOURCE = f"Source: {JONSSON.source} The figures as {FLAT_FLOOR_ARTICLE} reports them."


class ChangeProgram:
    """Before where it hurts or the side change: why, and that it means a new program."""

    @classmethod
    def ask(cls, parent: QWidget) -> bool:
        """True to go on to set up a new program."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Change where it hurts or the side?",
            MIXING,
            QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setInformativeText(MIXING_SOURCE)
        new = box.addButton("Start a new program…", QMessageBox.ButtonRole.AcceptRole)
        box.button(QMessageBox.StandardButton.Cancel).setText("Keep my program")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is new
