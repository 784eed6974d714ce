"""The Settings dialog: the program's pace and times, and the app's own preferences.

Every box has the range its value allows (coach.domain.settings.LIMITS for the pace),
so a bad value cannot be entered; the two session times are checked by Program itself
and OK stays off while they are the wrong way round.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import time
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coach.app.prefs import RANGES, Prefs, TextSize
from coach.domain.program import WEEKS, Program, ProgramError
from coach.domain.settings import LIMITS
from coach.ui.look import set_toned_style
from coach.ui.widgets import guard_boxes


@dataclass(frozen=True)
class Choices:
    """What the dialog's OK gives: the program as changed (None: no program), the prefs."""

    program: Program | None
    prefs: Prefs


def _seconds_box(name: str, accessible: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(int(LIMITS[name].low), int(LIMITS[name].high))
    box.setSuffix(" s")
    box.setAccessibleName(accessible)
    return box


class SettingsDialog(QDialog):
    def __init__(
        self, program: Program | None, prefs: Prefs, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(520)
        self._program = program
        self._prefs = prefs
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_program_group(program))
        layout.addWidget(self._build_sound_group(prefs))
        layout.addWidget(self._build_app_group(prefs))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        set_toned_style(self.problem, "color: {danger}; font-weight: 600;")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for edit in (self.morning, self.evening):
            edit.timeChanged.connect(self._check)
        self._check()

        # -- building ---------------------------------------------------------------
        guard_boxes(self)  # no value changes under a passing mouse wheel

    def _build_program_group(self, program: Program | None) -> QGroupBox:
        group = QGroupBox("Your program (saved with your history)")
        form = QFormLayout(group)
        self.lowering = _seconds_box("lower_seconds", "Seconds to lower the heel")
        self.lowering.setToolTip("A slow, controlled lowering: 3 seconds is the usual choice")
        self.rest = _seconds_box("rest_seconds", "Rest between sets in seconds")
        self.rest.setSingleStep(15)
        self.get_ready = _seconds_box("get_ready_seconds", "Get-ready countdown in seconds")
        self.morning = QTimeEdit()
        self.morning.setDisplayFormat("HH:mm")
        self.morning.setAccessibleName("First session and its reminder")
        self.evening = QTimeEdit()
        self.evening.setDisplayFormat("HH:mm")
        self.evening.setAccessibleName("Second session and its reminder")
        self.visa = QSpinBox()
        self.visa.setRange(1, WEEKS)
        self.visa.setSuffix(" weeks")
        self.visa.setAccessibleName("VISA-A questionnaire every")
        for text, box in (
            ("&Lowering takes", self.lowering),
            ("&Rest between sets", self.rest),
            ("&Get-ready countdown", self.get_ready),
            ("&First session (reminder) at", self.morning),
            ("&Second session (reminder) at", self.evening),
            ("&VISA-A questionnaire every", self.visa),
        ):
            label = QLabel(text)
            label.setBuddy(box)
            form.addRow(label, box)
        if program is None:
            for box in (self.lowering, self.rest, self.get_ready, self.morning, self.evening,
                        self.visa):  # fmt: skip
                box.setEnabled(False)
            note = QLabel("Set up a program (File → New program) to choose these.")
            note.setWordWrap(True)
            form.addRow(note)
        # Without a program, the boxes show what a new one starts with.
        get = partial(_value_or_default, program)
        self.lowering.setValue(get("lower_seconds"))
        self.rest.setValue(get("rest_seconds"))
        self.get_ready.setValue(get("get_ready_seconds"))
        for edit, name in ((self.morning, "morning"), (self.evening, "evening")):
            at: time = get(name)
            edit.setTime(QTime(at.hour, at.minute))
        self.visa.setValue(get("visa_every_weeks"))
        return group

    def _build_sound_group(self, prefs: Prefs) -> QGroupBox:
        group = QGroupBox("Sound")
        form = QFormLayout(group)
        self.sound = QCheckBox("&Play the beats, chimes and prompts")
        self.sound.setChecked(prefs.sound)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(*RANGES["volume"])
        self.volume.setValue(prefs.volume)
        self.volume.setAccessibleName("Volume")
        self.volume_value = QLabel()
        self.volume.valueChanged.connect(lambda v: self.volume_value.setText(f"{v}%"))
        self.volume_value.setText(f"{prefs.volume}%")
        self.voice = QCheckBox("Speak the &prompts (up, lower, rest…)")
        self.voice.setChecked(prefs.voice)
        self.sound.toggled.connect(self.volume.setEnabled)
        self.sound.toggled.connect(self.voice.setEnabled)
        self.volume.setEnabled(prefs.sound)
        self.voice.setEnabled(prefs.sound)
        volume_label = QLabel("V&olume")
        volume_label.setBuddy(self.volume)
        row = QHBoxLayout()
        row.addWidget(self.volume, stretch=1)
        self.volume_value.setMinimumWidth(
            self.volume_value.fontMetrics().horizontalAdvance("100%") + 4
        )
        row.addWidget(self.volume_value)
        form.addRow(self.sound)
        form.addRow(volume_label, row)
        form.addRow(self.voice)
        return group

    def _build_app_group(self, prefs: Prefs) -> QGroupBox:
        group = QGroupBox("This computer")
        form = QFormLayout(group)
        self.text_size = QComboBox()
        self.text_size.setAccessibleName("Text size on the workout page")
        for size in TextSize:
            self.text_size.addItem(size.label, size)
        self.text_size.setCurrentIndex(self.text_size.findData(prefs.text_size))
        self.reminders = QCheckBox("Re&mind me at each session time not done yet")
        self.reminders.setChecked(prefs.reminders)
        self.keep_in_tray = QCheckBox("&Keep running in the system tray when the window closes")
        self.keep_in_tray.setChecked(prefs.keep_in_tray)
        self.backups = QSpinBox()
        self.backups.setRange(*RANGES["backups"])
        self.backups.setValue(prefs.backups)
        self.backups.setSuffix(" daily backups")
        self.backups.setAccessibleName("Backups to keep")
        size_label = QLabel("&Text size during a workout")
        size_label.setBuddy(self.text_size)
        backups_label = QLabel("&Backups to keep")
        backups_label.setBuddy(self.backups)
        form.addRow(size_label, self.text_size)
        form.addRow(self.reminders)
        form.addRow(self.keep_in_tray)
        form.addRow(backups_label, self.backups)
        return group

    # -- the answer -------------------------------------------------------------
    def program(self) -> Program | None:
        """The program as changed; None without one. ProgramError if a value is wrong."""
        if self._program is None:
            return None
        return replace(
            self._program,
            lower_seconds=self.lowering.value(),
            rest_seconds=self.rest.value(),
            get_ready_seconds=self.get_ready.value(),
            morning=self.morning.time().toPython(),  # type: ignore[arg-type]  # a time
            evening=self.evening.time().toPython(),  # type: ignore[arg-type]  # a time
            visa_every_weeks=self.visa.value(),
        )

    def prefs(self) -> Prefs:
        """The prefs as chosen; those the dialog does not show are kept as they were."""
        return replace(
            self._prefs,
            sound=self.sound.isChecked(),
            volume=self.volume.value(),
            voice=self.voice.isChecked(),
            text_size=self.text_size.currentData(),
            reminders=self.reminders.isChecked(),
            keep_in_tray=self.keep_in_tray.isChecked(),
            backups=self.backups.value(),
        )

    def _check(self) -> None:
        try:
            self.program()
        except ProgramError as e:
            self.problem.setText(str(e).capitalize() + ".")
            self.ok.setEnabled(False)
            return
        self.problem.setText("")
        self.ok.setEnabled(True)

    @classmethod
    def ask(cls, parent: QWidget | None, program: Program | None, prefs: Prefs) -> Choices | None:
        dialog = cls(program, prefs, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return Choices(dialog.program(), dialog.prefs())
        finally:
            dialog.deleteLater()


def _value_or_default(program: Program | None, name: str) -> Any:
    """The program's value of a field, or the value a new program gets."""
    if program is not None:
        return getattr(program, name)
    return next(f.default for f in fields(Program) if f.name == name)
