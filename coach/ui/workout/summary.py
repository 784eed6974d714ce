"""The end of a session: what was done, its pain (still editable), a note, and Done."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coach.domain.record import Outcome, SessionRecord
from coach.domain.summary import format_seconds
from coach.ui.widgets import pain_box


class SummaryView(QWidget):
    """The end of a session: sets and reps per side, pain per set, time taken, a note."""

    done = Signal()
    save_copy_requested = Signal()
    rated = Signal(int, object)  # set index, pain (None: not rated)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setStyleSheet("font-size: 13pt;")
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName("Sets of this session")
        self.table.setHorizontalHeaderLabels(["Set", "Exercise", "Leg", "Reps", "Pain (0-10)"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the exercise name
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("A note for yourself or your clinician (optional)")
        self.note.setAccessibleName("Session note")
        self.note.setMaximumHeight(90)
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.done_button = QPushButton("Done")
        self.done_button.clicked.connect(self.done)
        self.save_copy_button = QPushButton("Save a copy elsewhere…")
        self.save_copy_button.setToolTip(
            "Write this session, every set and its pain, to a file on another disk"
        )
        self.save_copy_button.clicked.connect(self.save_copy_requested)
        self.save_copy_button.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(self.note)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved, stretch=1)
        bottom.addWidget(self.save_copy_button)
        bottom.addWidget(self.done_button)
        layout.addLayout(bottom)
        self._record: SessionRecord | None = None

    def show_record(self, record: SessionRecord) -> None:
        self._record = record
        headings = {
            Outcome.COMPLETED: "Session complete",
            Outcome.ENDED_EARLY: "Session ended early",
            Outcome.STOPPED: "Session stopped",
        }
        self.heading.setText(headings[record.outcome] if record.outcome else "Session")
        planned = len(record.timeline.spans)
        per_side = (
            ", ".join(
                f"{side.value}: {reps} reps"
                for side, reps in sorted(record.reps_by_side().items(), key=lambda kv: kv[0].value)
            )
            or "no reps"
        )
        lines = [
            f"{len(record.sets)} of {planned} sets done ({per_side}).",
            f"Time taken: {format_seconds(record.seconds)}.",
        ]
        if record.reason:
            lines.append(f"Reason: {record.reason}.")
        self.facts.setText(" ".join(lines))
        names = {e.id: e.short for e in record.timeline.plan.protocol.exercises}
        self.table.setRowCount(len(record.sets))
        for row, s in enumerate(record.sets):
            for col, text in enumerate(
                (f"{s.number} of {record.timeline.plan.settings.sets}", names[s.exercise],
                 s.side.value, str(s.reps))
            ):  # fmt: skip
                self.table.setItem(row, col, QTableWidgetItem(text))
            self.table.setCellWidget(row, 4, pain_box(s.pain, partial(self.rated.emit, s.index)))
        for col in (0, 2, 3, 4):
            self.table.resizeColumnToContents(col)
