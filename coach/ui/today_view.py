"""The Today page: choose where it hurts and which side, and read the session plan.

The plan shown is `coach.domain.summary` of the same timeline a workout runs, so
the page, `coach plan` and the workout can never tell different stories.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coach.domain import dates
from coach.domain.plan import plan
from coach.domain.protocols import PROTOCOLS, Protocol
from coach.domain.settings import LIMITS, Injured, Settings
from coach.domain.summary import PlanSummary, format_seconds, summarize
from coach.domain.timeline import Timeline, timeline
from coach.ui.look import set_toned_style
from coach.ui.widgets import guard_boxes

if TYPE_CHECKING:  # the page is drawn before the storage layer (and the rules) are loaded
    from coach.app.model import AppModel, TodayState
    from coach.app.today import Today
    from coach.domain.program import Slot

DISCLAIMER = (
    "Coach is an exercise aid, not a diagnosis or a treatment plan of its own. Use it for "
    "a program you and your clinician chose, and stop and get help if a red flag appears "
    "(a snap or pop in the heel, sudden sharp pain, or a hot, swollen calf)."
)

WHERE = {
    "alfredson": "Midportion: 2-6 cm above the heel",
    "jonsson": "Insertional: at the heel bone",
}
SIDES = {
    Injured.LEFT: "Left leg",
    Injured.RIGHT: "Right leg",
    Injured.BOTH: "Both legs",
}
# By coach.domain.advice.Kind's values: that module (and `statistics`) loads with the data.
ADVICE_TITLES = {
    "paused": "Program paused",
    "lower": "Lower the load",
    "hold": "Keep the load, add none",
    "review": "Time for a check-up",
    "add load": "Ready for more load",
    "carry on": "Carry on",
}
ADVICE_COLOURS = {  # background, border: calm for carry on, warm for the rest
    "paused": ("#fde7e9", "#b00020"),
    "lower": ("#fff4e0", "#b26a00"),
    "hold": ("#fff8e6", "#8a6500"),
    "review": ("#fff4e0", "#b26a00"),
    "add load": ("#e6f4ea", "#1e7b34"),
    "carry on": ("#e8f0fe", "#1a56b0"),
}


def slot_text(slot: Slot, today: date) -> str:
    """When a planned session is, in words: "this evening at 18:00", "Mon 23 Nov, morning"."""
    at = dates.clock_time(slot.at)
    if slot.day == today:
        return f"this {slot.part.value} at {at}"
    if (slot.day - today).days == 1:
        return f"tomorrow {slot.part.value} at {at}"
    return f"{dates.day(slot.day, year=False)}, {slot.part.value} at {at}"


class TodayView(QWidget):
    """The program at a glance, and the plan for the next session.

    Draws what its `AppModel` says of today (`today_changed`): the program's state,
    or none without a program. Emits `plan_changed` when the session plan changes;
    the program's buttons emit the request signals, which the main window answers.
    """

    plan_changed = Signal()
    start_requested = Signal()
    new_program_requested = Signal()
    checkin_requested = Signal()
    visa_requested = Signal()
    resume_requested = Signal()
    change_program_requested = Signal()  # where it hurts or the side: a new program
    problem_requested = Signal()  # report a red flag

    def __init__(self, model: AppModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        model.today_changed.connect(self._show)
        self.state: Today | None = None
        self._applied: str | None = None  # the program whose choices fill the boxes
        title = QLabel("Today")
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.date_label = QLabel()  # set with the program
        self.date_label.setStyleSheet("font-size: 12pt;")

        program = self._build_program_panel()
        session = self._build_session_panel()

        # The wall clock's date looks wrong: shown before anything is recorded with it.
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock_doubt")
        self.clock_label.setWordWrap(True)
        self.clock_label.setAccessibleName("The computer's clock")
        set_toned_style(self.clock_label, "color: {warning}; font-weight: 600;")
        self.clock_label.hide()
        disclaimer = QLabel(DISCLAIMER)
        disclaimer.setWordWrap(True)
        disclaimer.setStyleSheet("font-size: 9pt;")
        columns = QHBoxLayout()
        columns.addWidget(program, stretch=0)
        columns.addLayout(session, stretch=1)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.date_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(heading)
        layout.addWidget(self.clock_label)
        layout.addLayout(columns, stretch=1)
        layout.addWidget(disclaimer)

        for box in (self.where, self.side):
            box.currentIndexChanged.connect(self._refresh)
        self.sets.valueChanged.connect(self._refresh)
        self.load.valueChanged.connect(self._refresh)
        # The plan waits for the program (show_today), whose protocol, side and pace it
        # takes: a plan drawn now from the defaults could be the wrong one for as long as
        # the history takes to open, and computing it would delay the first frame.
        self._timeline: Timeline | None = None
        self.plan_text.setPlainText("Opening your program…")
        for w in (self.where, self.side, self.sets, self.load, self.start_button):
            w.setEnabled(False)
        guard_boxes(self)  # no value changes under a passing mouse wheel

    def _build_session_panel(self) -> QVBoxLayout:
        self.where = QComboBox()
        self.where.setAccessibleName("Where does it hurt?")
        for protocol_id, where_text in WHERE.items():
            self.where.addItem(where_text, protocol_id)
        self.side = QComboBox()
        self.side.setAccessibleName("Which side hurts?")
        for injured, side_text in SIDES.items():
            self.side.addItem(side_text, injured)
        self.side.setCurrentIndex(list(SIDES).index(Settings().injured))
        self.sets = QSpinBox()
        self.sets.setRange(int(LIMITS["sets"].low), int(LIMITS["sets"].high))
        self.sets.setValue(Settings().sets)
        self.sets.setAccessibleName("Sets of each exercise")
        self.load = QDoubleSpinBox()
        self.load.setRange(LIMITS["load_kg"].low, LIMITS["load_kg"].high)
        self.load.setSingleStep(2.5)
        self.load.setDecimals(1)
        self.load.setSuffix(" kg")
        self.load.setAccessibleName("Added load in kilograms")
        self.load.setToolTip("Weight added in a backpack; 0 for body weight only")

        form = QFormLayout()
        for text, box in (
            ("&Where does it hurt?", self.where),
            ("Which &side?", self.side),
            ("S&ets of each exercise", self.sets),
            ("Added &load", self.load),
        ):
            label = QLabel(text)
            label.setBuddy(box)  # Alt+<letter> focuses the box
            form.addRow(label, box)

        self.plan_text = QTextBrowser()
        self.plan_text.setAccessibleName("Session plan")
        self.plan_text.setOpenLinks(False)

        session = QVBoxLayout()
        session.addLayout(form)
        session.addLayout(self._build_program_note())
        session.addWidget(self.plan_text, stretch=1)
        self.start_button = QPushButton("Start this session")
        self.start_button.setAccessibleName("Start this session")
        self.start_button.setMinimumHeight(48)
        self.start_button.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.start_button.clicked.connect(self.start_requested)
        self.problem_button = QPushButton("Report a problem…")
        self.problem_button.setAccessibleName("Report a problem")
        self.problem_button.setToolTip(
            "A snap in the heel, a swollen calf, a new medicine: see what to do now"
        )
        set_toned_style(self.problem_button, "color: {danger}; font-weight: 600;")
        self.problem_button.clicked.connect(self.problem_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button, stretch=1)
        buttons.addWidget(self.problem_button)
        session.addLayout(buttons)
        return session

    def _build_program_note(self) -> QHBoxLayout:
        # With a program, where it hurts and the side are the program's: they pick the
        # protocol, which must not change within a program (CLINICAL.md §1), so the boxes
        # only show them, and changing them means a new program.
        self.program_note = QLabel(
            "Where it hurts and the side come from your program. Changing either starts a "
            "new program."
        )
        self.program_note.setWordWrap(True)
        self.program_note.setStyleSheet("font-size: 9pt;")
        self.change_button = QPushButton("Change where it hurts or the side…")
        self.change_button.setAccessibleName("Change where it hurts or the side")
        self.change_button.clicked.connect(self.change_program_requested)
        note_row = QHBoxLayout()
        note_row.addWidget(self.program_note, stretch=1)
        note_row.addWidget(self.change_button)
        self.program_note.hide()
        self.change_button.hide()
        return note_row

    def _build_program_panel(self) -> QFrame:
        """The program's frame, saying it is opening: `show_today` fills it.

        The program is read after the first paint (see coach.ui.app), so the first frame
        cannot say anything true about it; building its widgets then also keeps start-up
        fast.
        """
        panel = QFrame()
        panel.setObjectName("program")
        panel.setFixedWidth(360)
        panel.setStyleSheet(
            "QFrame#program { border: 1px solid palette(mid); border-radius: 6px; }"
        )
        # The advice, its why, its source and Coach's own thresholds vary in length: on a
        # small screen the panel scrolls rather than cutting any of them off.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setAccessibleName("Your program")
        inner = QWidget()
        inner.setObjectName("program_inner")
        scroll.setWidget(inner)
        outer = QVBoxLayout(panel)
        outer.setContentsMargins(1, 1, 1, 1)
        outer.addWidget(scroll)
        self.program_layout = QVBoxLayout(inner)
        self.program_layout.setContentsMargins(14, 12, 14, 12)
        self.opening_label = QLabel("Opening your program…")
        self.program_layout.addWidget(self.opening_label)
        self.program_layout.addStretch(1)
        self._filled = False
        return panel

    def _fill_program_panel(self) -> None:
        self._filled = True
        self.opening_label.hide()
        self.week_label = QLabel()
        self.week_label.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.program_label = QLabel()
        self.sessions_label = QLabel()
        self.next_label = QLabel()
        self.adherence_label = QLabel()
        self.advice_box = QLabel()
        self.advice_box.setAccessibleName("Advice")
        self.checkin_label = QLabel()
        self.visa_label = QLabel()
        for label in (
            self.program_label, self.sessions_label, self.next_label, self.adherence_label,
            self.advice_box, self.checkin_label, self.visa_label,
        ):  # fmt: skip
            label.setWordWrap(True)
        self.checkin_button = QPushButton("Morning check-in…")
        self.checkin_button.clicked.connect(self.checkin_requested)
        self.visa_button = QPushButton("VISA-A questionnaire…")
        self.visa_button.clicked.connect(self.visa_requested)
        self.resume_button = QPushButton("Resume the program…")
        self.resume_button.clicked.connect(self.resume_requested)
        self.program_button = QPushButton()
        self.program_button.clicked.connect(self.new_program_requested)

        layout = self.program_layout
        for i, w in enumerate((
            self.week_label, self.program_label, self.sessions_label, self.next_label,
            self.adherence_label, self.advice_box, self.checkin_label, self.checkin_button,
            self.visa_label, self.visa_button, self.resume_button,
        )):  # fmt: skip
            layout.insertWidget(i, w)  # above the stretch
        layout.addWidget(self.program_button)

    # -- the program -----------------------------------------------------------
    def _show(self, state: TodayState) -> None:
        self.show_clock_doubt(state.clock_doubt)
        self.show_today(state.today, state.now)

    def show_today(self, state: Today | None, now: datetime) -> None:
        """Show the program's state as of `now`; None: no program yet (or no history)."""
        if not self._filled:
            self._fill_program_panel()
        self.state = state
        self.date_label.setText(dates.day_long(now.date()))
        has = state is not None
        for w in (
            self.sessions_label, self.next_label, self.adherence_label, self.advice_box,
            self.checkin_label, self.checkin_button, self.visa_label, self.visa_button,
        ):  # fmt: skip
            w.setVisible(has)
        paused = state is not None and state.program.status.value == "paused"
        self.sets.setEnabled(True)
        self.load.setEnabled(True)
        for combo in (self.where, self.side):  # the program's, or the user's without one
            combo.setEnabled(state is None)
        self.program_note.setVisible(state is not None)
        self.change_button.setVisible(state is not None)
        self.resume_button.setVisible(paused)
        self.start_button.setEnabled(not paused)
        self.start_button.setToolTip("The program is paused (see the advice)" if paused else "")
        if state is None:
            self.week_label.setText("No program yet")
            self.program_label.setText(
                "Set up a 12-week program: Coach then shows where you are in it, how many "
                "sessions you have done, and advice from your pain records. You can also "
                "run a single session on the right."
            )
            self.program_button.setText("Set up a 12-week program…")
        else:
            self._show_program(state, now.date())
        self._refresh()  # the program's choices and pace

    def show_clock_doubt(self, doubt: str | None) -> None:
        """Say why the computer's date looks wrong (coach.domain.wall_clock); None hides it."""
        self.clock_label.setText(doubt or "")
        self.clock_label.setVisible(doubt is not None)

    def _show_program(self, state: Today, today: date) -> None:
        from coach.domain.program import Part, Status  # noqa: PLC0415 - loaded with the data

        program, day = state.program, state.plan
        if day.week is None:
            ended = today > program.end
            self.week_label.setText("Program finished" if ended else "Program not started")
        else:
            self.week_label.setText(f"Week {day.week} of {program.weeks}")
        self.program_label.setText(
            f"{PROTOCOLS[program.protocol].name}, {SIDES[program.injured].lower()}. "
            f"From {dates.day_month(program.start)} to {dates.day_month(program.end)}."
        )
        marks = {**{s.part: "✓ done" for s in day.done}, **{s.part: "to do" for s in day.pending}}
        for begun in day.partial:  # begun, not finished: it does not count as done
            marks[begun.slot.part] = f"partial: {begun.sets_done} of {begun.sets_planned} sets"
        if marks:
            self.sessions_label.setText(
                "Today: "
                + " · ".join(
                    f"{part.value} ({dates.clock_time(at)}) {marks[part]}"
                    for part, at in (
                        (Part.MORNING, program.morning),
                        (Part.EVENING, program.evening),
                    )
                )
            )
        else:
            self.sessions_label.setText("No sessions planned today.")
        if program.status is Status.PAUSED:
            self.next_label.setText("Next session: none while the program is paused.")
        elif day.next is None:
            self.next_label.setText("Next session: none, the program is over.")
        else:
            self.next_label.setText(f"Next session: {slot_text(day.next, today)}.")
        self.adherence_label.setText(f"Adherence: {day.adherence.describe()}.")
        advice = state.advice
        background, border = ADVICE_COLOURS[advice.kind.value]
        self.advice_box.setStyleSheet(
            f"QLabel {{ background: {background}; color: #1b1b1b; border-left: 4px solid "
            f"{border}; padding: 8px; }}"
        )
        self.advice_box.setText(
            f"<b>{escape(ADVICE_TITLES[advice.kind.value])}</b><br>{escape(advice.text)}"
            f"<br><br><i>Why:</i> {escape(advice.why)}<br><small>Source: "
            f"{escape(advice.source)}</small>"
            + (f"<br><small>{escape(advice.own)}</small>" if advice.own else "")
        )
        checkin = state.checkin
        if checkin is None:
            self.checkin_label.setText("Morning check-in: not done yet today.")
            self.checkin_button.setText("Check in now…")
        elif checkin.pain is None and checkin.stiffness_minutes is None:
            self.checkin_label.setText("Morning check-in: skipped today.")
            self.checkin_button.setText("Check in after all…")
        else:
            pain = "-" if checkin.pain is None else f"{checkin.pain}/10"
            stiff = "-" if checkin.stiffness_minutes is None else f"{checkin.stiffness_minutes} min"
            self.checkin_label.setText(f"Morning check-in: pain {pain}, stiffness {stiff}.")
            self.checkin_button.setText("Change today's check-in…")
        self.visa_label.setText(
            "VISA-A questionnaire: due now." if state.visa_due else "VISA-A questionnaire: done."
        )
        self.visa_button.setText("Answer it now…" if state.visa_due else "Answer it again…")
        self.program_button.setText("Start a new program…")
        # The program's protocol and side, always; its last load once: the user may change it.
        load = state.last_load_kg if self._applied != program.id else None
        self._applied = program.id
        self._choose(program.protocol, program.injured, load)

    def _choose(self, protocol: str, injured: Injured, load_kg: float | None) -> None:
        """Set the boxes without a new plan for each: show_today draws one for all three."""
        blockers = [QSignalBlocker(box) for box in (self.where, self.side, self.load)]
        self.where.setCurrentIndex(self.where.findData(protocol))
        self.side.setCurrentIndex(self.side.findData(injured))
        if load_kg is not None:
            self.load.setValue(load_kg)
        for blocker in blockers:
            blocker.unblock()

    # -- the session plan ------------------------------------------------------
    @property
    def protocol(self) -> Protocol:
        """The program's protocol; without a program, the one chosen in the box."""
        if self.state is not None:
            return PROTOCOLS[self.state.program.protocol]
        return PROTOCOLS[self.where.currentData()]

    @property
    def settings(self) -> Settings:
        """The next workout: the program's pace (defaults without one), the boxes' choices."""
        if self.state is not None:
            return self.state.program.settings(sets=self.sets.value(), load_kg=self.load.value())
        return Settings(
            injured=self.side.currentData(), sets=self.sets.value(), load_kg=self.load.value()
        )

    @property
    def timeline(self) -> Timeline:
        """The next workout's timeline, as the plan on the page shows it."""
        if self._timeline is None:
            return self._refresh()
        return self._timeline

    def _refresh(self) -> Timeline:
        self._timeline = timeline(plan(self.protocol, self.settings))
        self.plan_text.setHtml(summary_html(summarize(self._timeline)))
        self.plan_changed.emit()
        return self._timeline


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
    if summary.rules:
        parts.append("<h3>Pain and stop rules</h3><ul>")
        parts += [f"<li>{escape(rule)}</li>" for rule in summary.rules]
        parts.append("</ul>")
    return "".join(parts)
