"""The wizard's pace and load page: lowering time, added weight, rest and countdown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QGridLayout, QLabel, QSpinBox, QVBoxLayout

from coach.domain.program import Program
from coach.domain.settings import LIMITS, Settings
from coach.ui.onboarding.page import BODY_POINTS, FIELD_WIDTH, Page, text_label


def _source(text: str) -> QLabel:
    label = text_label(text, size=BODY_POINTS - 1)
    label.setAccessibleName("Source")
    return label


class PacePage(Page):
    def __init__(self, current: Program | None) -> None:
        super().__init__("Your pace and load", 5)
        base = current if current is not None else Settings()
        self.lowering = self._spin("lower_seconds", base.lower_seconds, "Lowering time in seconds")
        self.rest = self._spin("rest_seconds", base.rest_seconds, "Rest between sets in seconds")
        self.rest.setSingleStep(15)
        self.get_ready = self._spin(
            "get_ready_seconds", base.get_ready_seconds, "Get-ready countdown in seconds"
        )
        limit = LIMITS["load_kg"]
        self.load = QDoubleSpinBox()
        self.load.setRange(limit.low, limit.high)
        self.load.setDecimals(1)
        self.load.setSingleStep(2.5)
        self.load.setSuffix(" kg")
        self.load.setSpecialValueText("none (body weight)")
        self.load.setValue(base.load_kg)
        self.load.setAccessibleName("Added weight in kilograms")
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(6)
        rows = (
            (
                "&Lower the heel over",
                self.lowering,
                _source(
                    "The lowering is the exercise: the calf works as it lengthens. Both programs "
                    "ask for it slow (Alfredson 1998, Jonsson 2008) without a number of seconds; "
                    "Coach's default of 3 s is its own choice."
                ),
            ),
            (
                "Added &weight",
                self.load,
                _source(
                    "Start with body weight. Once every set is done without pain, weight goes "
                    "on in a backpack, so the exercise is mildly sore again (Alfredson 1998): "
                    "the Today page says when, after a good next morning, about 5 kg at a "
                    "time and at most once a week (Coach's own steps)."
                ),
            ),
            ("&Rest between sets", self.rest, None),
            (
                "&Get-ready countdown",
                self.get_ready,
                _source("Rest and countdown can be changed later under Settings."),
            ),
        )
        row = 0
        for text, field, note in rows:
            label = QLabel(text)
            label.setBuddy(field)
            field.setFixedWidth(FIELD_WIDTH)
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1, Qt.AlignmentFlag.AlignLeft)
            row += 1
            if note is not None:
                grid.addWidget(note, row, 1)
                grid.setRowMinimumHeight(row + 1, 10)
                row += 2
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addStretch(1)

    @staticmethod
    def _spin(name: str, value: int, accessible: str) -> QSpinBox:
        limit = LIMITS[name]
        spin = QSpinBox()
        spin.setRange(int(limit.low), int(limit.high))
        spin.setSuffix(f" {limit.unit}")
        spin.setValue(value)
        spin.setAccessibleName(accessible)
        return spin
