"""The Today page: choose where it hurts and which side, and read the session plan.

The plan shown is `coach.domain.summary` of the same timeline a workout runs, so
the page, `coach plan` and the workout can never tell different stories.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coach.domain.plan import plan
from coach.domain.protocols import PROTOCOLS, Protocol
from coach.domain.settings import Injured, Settings
from coach.domain.summary import PlanSummary, format_seconds, summarize
from coach.domain.timeline import Timeline, timeline

DISCLAIMER = (
    "Coach is an exercise aid, not a diagnosis or a treatment plan of its own. Use it for "
    "a programme you and your clinician chose, and stop and get help if a red flag appears "
    "(a snap or pop in the heel, sudden sharp pain, or a hot, swollen calf)."
)

_WHERE = {
    "alfredson": "In the tendon, 2-6 cm above the heel (midportion)",
    "jonsson": "At the heel bone, where the tendon attaches (insertional)",
}
_SIDES = {
    Injured.LEFT: "Left leg",
    Injured.RIGHT: "Right leg",
    Injured.BOTH: "Both legs",
}


class TodayView(QWidget):
    """Shows the plan for the chosen protocol and side; emits `plan_changed` on a change."""

    plan_changed = Signal()
    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Today")
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")

        self.where = QComboBox()
        self.where.setAccessibleName("Where does it hurt?")
        for protocol_id, where_text in _WHERE.items():
            self.where.addItem(where_text, protocol_id)
        self.side = QComboBox()
        self.side.setAccessibleName("Which side hurts?")
        for injured, side_text in _SIDES.items():
            self.side.addItem(side_text, injured)
        self.side.setCurrentIndex(list(_SIDES).index(Settings().injured))

        form = QFormLayout()
        for text, box in (("&Where does it hurt?", self.where), ("Which &side?", self.side)):
            label = QLabel(text)
            label.setBuddy(box)  # Alt+W / Alt+S focus the box
            form.addRow(label, box)

        self.plan_text = QTextBrowser()
        self.plan_text.setAccessibleName("Session plan")
        self.plan_text.setOpenLinks(False)

        disclaimer = QLabel(DISCLAIMER)
        disclaimer.setWordWrap(True)
        disclaimer.setStyleSheet("font-size: 9pt;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.plan_text, stretch=1)
        self.start_button = QPushButton("Start this session")
        self.start_button.setAccessibleName("Start this session")
        self.start_button.setMinimumHeight(48)
        self.start_button.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.start_button.clicked.connect(self.start_requested)
        layout.addWidget(self.start_button)
        layout.addWidget(disclaimer)

        self.where.currentIndexChanged.connect(self._refresh)
        self.side.currentIndexChanged.connect(self._refresh)
        self._refresh()

    @property
    def protocol(self) -> Protocol:
        return PROTOCOLS[self.where.currentData()]

    @property
    def settings(self) -> Settings:
        return Settings(injured=self.side.currentData())

    @property
    def timeline(self) -> Timeline:
        return self._timeline

    def _refresh(self) -> None:
        self._timeline = timeline(plan(self.protocol, self.settings))
        self.plan_text.setHtml(summary_html(summarize(self._timeline)))
        self.plan_changed.emit()


def summary_html(summary: PlanSummary) -> str:
    """The plan as rich text for a QTextBrowser (escaped: no text is taken as markup)."""
    parts = [f"<h2>{escape(summary.title)}</h2>", "<table cellspacing='4'>"]
    parts += [
        f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>"
        for label, value in summary.facts
    ]
    parts += ["</table>", "<h3>Exercises</h3><ol>"]
    parts += [f"<li>{escape(e)}</li>" for e in summary.exercises]
    parts.append("</ol>")
    for seq in summary.sequences:
        parts.append(f"<h3>{escape(seq.title)} ({format_seconds(seq.seconds)})</h3><ol>")
        parts += [
            f"<li><b>{escape(st.text)}</b> ({format_seconds(st.seconds)}): {escape(st.detail)}</li>"
            for st in seq.steps
        ]
        parts.append("</ol>")
    parts.append(f"<p><b>Session length:</b> {escape(summary.length)}</p>")
    parts.append(f"<p><i>Why this protocol:</i> {escape(summary.why)}<br>")
    parts.append(f"<small>Source: {escape(summary.source)}</small></p>")
    return "".join(parts)
