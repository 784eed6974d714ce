"""The program's dialogs: set up a 12-week program, and the morning check-in.

Each opens through a classmethod returning the answer, so tests can replace it
(pytest-qt, "Dialogs").
"""

from __future__ import annotations

import uuid
from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coach.domain.advice import MAX_STIFFNESS, Morning
from coach.domain.program import MORNING, VISA_EVERY_WEEKS, WEEKS, Program, ProgramError
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import Injured, Settings
from coach.ui.look import tone
from coach.ui.today_view import SIDES, WHERE


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


class ProgramDialog(QDialog):
    """Start date, where it hurts, which side, the two session times, VISA-A interval."""

    def __init__(self, today: date, current: Program | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New 12-week program" if current is None else "Start a new program")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.intro = intro = QLabel(
            f"A program is {WEEKS} weeks of the heel-drop exercises, twice a day, every day. "
            "Coach shows where you are in it, keeps count, and reminds you to check in "
            "each morning."
            + (
                "<br><br><b>Your current program is kept in your history</b>; the new one "
                "starts from the date below."
                if current is not None
                else ""
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._build_form(today, current))
        self._finish(layout)
        self._update()

    def _build_form(self, today: date, current: Program | None) -> QFormLayout:
        form = QFormLayout()
        self.start = QDateEdit(_qdate(today))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("d MMM yyyy")
        self.start.setAccessibleName("Start date")
        self.where = QComboBox()
        self.where.setAccessibleName("Where does it hurt?")
        for protocol_id, text in WHERE.items():
            self.where.addItem(text, protocol_id)
        self.side = QComboBox()
        self.side.setAccessibleName("Which side hurts?")
        for injured, text in SIDES.items():
            self.side.addItem(text, injured)
        self.side.setCurrentIndex(self.side.findData(Settings().injured))
        self.morning = QTimeEdit(_qtime(MORNING))
        self.morning.setDisplayFormat("HH:mm")
        self.morning.setAccessibleName("First session")
        self.evening = QTimeEdit(QTime(18, 0))
        self.evening.setDisplayFormat("HH:mm")
        self.evening.setAccessibleName("Second session")
        self.visa = QSpinBox()
        self.visa.setRange(1, WEEKS)
        self.visa.setValue(VISA_EVERY_WEEKS)
        self.visa.setSuffix(" weeks")
        self.visa.setAccessibleName("VISA-A questionnaire every")
        if current is not None:
            self.where.setCurrentIndex(self.where.findData(current.protocol))
            self.side.setCurrentIndex(self.side.findData(current.injured))
            self.morning.setTime(_qtime(current.morning))
            self.evening.setTime(_qtime(current.evening))
            self.visa.setValue(current.visa_every_weeks)
        form.addRow("&Starts on", self.start)
        form.addRow("&Where does it hurt?", self.where)
        form.addRow("Which &side?", self.side)
        form.addRow("&First session at", self.morning)
        form.addRow("Se&cond session at", self.evening)
        form.addRow("&VISA-A questionnaire every", self.visa)
        return form

    def _finish(self, layout: QVBoxLayout) -> None:
        self.why = QLabel()
        self.why.setWordWrap(True)
        layout.addWidget(self.why)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {tone('danger')}; font-weight: 600;")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Start the program")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for signal in (
            self.where.currentIndexChanged,
            self.morning.timeChanged,
            self.evening.timeChanged,
        ):
            signal.connect(self._update)

    def program(self) -> Program | None:
        """The program as filled in, or None while a value is wrong (`problem` says why)."""
        try:
            return Program(
                id=uuid.uuid4().hex,
                start=self.start.date().toPython(),  # type: ignore[arg-type]  # a date
                protocol=str(self.where.currentData()),
                injured=Injured(self.side.currentData()),
                morning=self.morning.time().toPython(),  # type: ignore[arg-type]  # a time
                evening=self.evening.time().toPython(),  # type: ignore[arg-type]  # a time
                visa_every_weeks=self.visa.value(),
            )
        except ProgramError as e:
            self.problem.setText(str(e).capitalize() + ".")
            return None

    def _update(self) -> None:
        protocol = PROTOCOLS[self.where.currentData()]
        self.why.setText(f"<i>{protocol.name}.</i> {protocol.why}")
        self.problem.setText("")
        self.ok.setEnabled(self.program() is not None)

    @classmethod
    def ask(cls, parent: QWidget | None, today: date, current: Program | None) -> Program | None:
        dialog = cls(today, current, parent)
        try:
            return dialog.program() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


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
