"""The wizard's schedule page: the start date, the two session times and the questionnaire."""

from __future__ import annotations

from datetime import date, time, timedelta
from html import escape

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QSpinBox, QTimeEdit, QVBoxLayout

from coach.domain import dates
from coach.domain.program import (
    EVENING,
    MORNING,
    VISA_EVERY_WEEKS,
    WEEKS,
    Program,
    ProgramError,
)
from coach.domain.settings import Injured
from coach.ui.onboarding.page import FIELD_WIDTH, STOP, Page, framed, text_label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


class SchedulePage(Page):
    def __init__(self, today: date, current: Program | None) -> None:
        super().__init__("Your schedule", 4)
        self.start = QDateEdit(_qdate(today))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        self.start.setDateRange(
            _qdate(today - timedelta(days=365)), _qdate(today + timedelta(days=365))
        )
        self.start.setAccessibleName("Start date")
        self.morning = QTimeEdit(_qtime(current.morning if current else MORNING))
        self.evening = QTimeEdit(_qtime(current.evening if current else EVENING))
        for edit, name in (
            (self.morning, "First session time"),
            (self.evening, "Second session time"),
        ):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
        self.visa = QSpinBox()
        self.visa.setRange(1, WEEKS)
        self.visa.setValue(current.visa_every_weeks if current else VISA_EVERY_WEEKS)
        self.visa.setSuffix(" weeks")
        self.visa.setAccessibleName("VISA-A questionnaire every how many weeks")
        for field in (self.start, self.morning, self.evening, self.visa):
            field.setMaximumWidth(FIELD_WIDTH)
        self.length = text_label()
        self.length.setAccessibleName("Program length")
        form = QFormLayout()
        for text, field in (
            ("&Starts on", self.start),
            ("&First session at", self.morning),
            ("Se&cond session at", self.evening),
            ("&Questionnaire every", self.visa),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("Length", self.length)
        self.problem = framed(STOP)
        self.problem.setAccessibleName("Problem")
        layout = QVBoxLayout(self)
        layout.addWidget(
            text_label(
                "Both programs are two sessions a day, every day, for 12 weeks: 3 sets of "
                "15 of each exercise (Alfredson 1998, Jonsson 2008). Pick times you can "
                "keep on most days."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.error: str | None = None
        for signal in (self.start.dateChanged, self.morning.timeChanged, self.evening.timeChanged):
            signal.connect(self._update)
        self._update()

    def values(self) -> tuple[date, time, time]:
        start: date = self.start.date().toPython()  # type: ignore[assignment]  # a date
        morning: time = self.morning.time().toPython()  # type: ignore[assignment]  # a time
        evening: time = self.evening.time().toPython()  # type: ignore[assignment]  # a time
        return start, morning, evening

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.error is None

    def _update(self, *_: object) -> None:
        start, morning, evening = self.values()
        try:  # Program's own check, so the message is the one it would give
            program = Program("check", start, "alfredson", Injured.RIGHT, morning, evening)
        except ProgramError as e:
            self.error = str(e)[:1].upper() + str(e)[1:] + "."
            self.length.setText(f"{WEEKS} weeks")
        else:
            self.error = None
            self.length.setText(f"{WEEKS} weeks, to {dates.day(program.end)} (fixed)")
        self.problem.setText(escape(self.error or ""))
        self.problem.setVisible(self.error is not None)
        self.completeChanged.emit()
