"""The workout page: the session played out loud and large, readable across a room.

It draws what its `WorkoutSession` says (`coach.app.session`) and forwards what the
user presses; the wording, the timing and the pain rules all come from the domain,
and every decision of the running session from the session.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from coach.app.session import WorkoutSession
from coach.domain.engine import EngineState, Status
from coach.domain.record import SessionRecord
from coach.domain.red_flags import RUPTURE, RedFlag
from coach.domain.settings import Side
from coach.domain.timeline import Cue, CueKind
from coach.domain.wording import format_kg
from coach.storage.files import write_atomically
from coach.ui.look import set_toned_style
from coach.ui.red_flags import RedFlagDialog, RuptureCheck, WhatToDoNow
from coach.ui.workout.dialogs import ConfirmStop, LeaveUnsaved, SaveCopy
from coach.ui.workout.metronome import NEUTRAL, Metronome
from coach.ui.workout.pain_panel import PainPanel
from coach.ui.workout.summary import SummaryView

# Colour is never alone: the banner always spells out the leg and the phase too.
SIDE_COLOURS = {Side.LEFT: QColor("#1f6fb2"), Side.RIGHT: QColor("#c2571a")}
PHASE_WORDS = {
    CueKind.GET_READY: "GET READY",
    CueKind.UP: "UP",
    CueKind.SHIFT: "SHIFT",
    CueKind.LOWER: "LOWER",
    CueKind.RESET: "RESET",
    CueKind.REST: "REST",
    CueKind.DONE: "DONE",
}
SIDE_WORDS = {Side.LEFT: "◀ LEFT LEG", Side.RIGHT: "RIGHT LEG ▶"}


class WorkoutView(QWidget):
    """Shows one session. Emits `closed(record)` when the user leaves the summary.

    Without a history the session runs unsaved, and the page says so. When the
    session completes, the last set's pain is asked before the summary. A rating
    the session says calls for it pauses the workout and asks the rupture questions;
    a red flag reported there or through "Something's wrong" goes to the session
    (which says so at once and ends) and the page shows what to do now.
    """

    closed = Signal(object)
    phase_shown = Signal(object, float)  # the cue now on screen, and the clock's session time

    def __init__(
        self, session: WorkoutSession, *, text_scale: float = 1.0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.timeline = session.timeline
        self.text_scale = text_scale  # the Settings dialog's text size
        self._warned_unsaved = False  # Done was pressed once with writes still refused
        self._shown: Cue | None = None
        self._build()
        session.changed.connect(self._draw)
        session.pain_asked.connect(self._ask_pain)
        session.saving_changed.connect(self._show_saving)
        session.sound_problem.connect(self._sound_stopped)
        session.finished.connect(self._show_summary)
        session.poll()

    @property
    def record(self) -> SessionRecord:
        return self.session.record

    # -- building -------------------------------------------------------------
    def _build(self) -> None:
        running = QWidget()
        layout = QVBoxLayout(running)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addLayout(self._build_status())
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(self.instruction)
        layout.addWidget(self.detail)
        layout.addWidget(self.metronome)
        layout.addStretch(1)
        self.notice = QLabel(self.session.notice)
        self.notice.setWordWrap(True)
        set_toned_style(self.notice, "font-size: 11pt; color: {warning};")
        self.notice.setVisible(bool(self.session.notice))
        layout.addWidget(self.notice)
        self.save_notice = QLabel()
        self.save_notice.setWordWrap(True)
        set_toned_style(self.save_notice, "font-size: 11pt; color: {danger};")
        self.save_notice.setAccessibleName("Saving problem")
        if not self.session.journal.keeps:
            self.save_notice.setText(
                "This session will not be saved: the history could not be opened."
            )
        else:
            self.save_notice.hide()
        layout.addWidget(self.save_notice)
        self.pain_panel = PainPanel()
        self.pain_panel.hide()
        self.pain_panel.rated.connect(self.rate)
        self.pain_panel.end_requested.connect(self.session.end_early)
        self.pain_panel.skipped.connect(self.session.complete)
        layout.addWidget(self.pain_panel)
        self.checked_note = QLabel(
            "No sign of a tear. The workout is paused: press Space to go on, or Esc to end it."
        )
        self.checked_note.setWordWrap(True)
        self.checked_note.setAccessibleName("After the rupture questions")
        self.checked_note.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.checked_note.hide()
        layout.addWidget(self.checked_note)
        layout.addLayout(self._build_controls())

        self.summary = SummaryView()
        self.summary.done.connect(self._close)
        self.summary.save_copy_requested.connect(self.save_copy)
        self.summary.rated.connect(self._rate_later)
        self.pages = QStackedLayout(self)
        self.pages.addWidget(running)
        self.pages.addWidget(self.summary)
        self._build_shortcuts()

    def _build_status(self) -> QGridLayout:
        """The line of facts at the top, and the big cue in the middle."""
        self.exercise_label = QLabel()
        self.set_label = QLabel()
        self.rep_label = QLabel()
        self.load_label = QLabel()
        self.left_label = QLabel()
        for label in (self.exercise_label, self.set_label, self.rep_label, self.load_label,
                      self.left_label):  # fmt: skip
            # Half the scale's growth: the facts line must stay on one line at 1024 px.
            label.setStyleSheet(f"font-size: {round(14 * (1 + (self.text_scale - 1) / 2))}pt;")
        self.exercise_label.setWordWrap(True)  # a long exercise name on a small screen
        top = QGridLayout()
        top.setHorizontalSpacing(32)
        top.setColumnStretch(0, 1)
        top.addWidget(self.exercise_label, 0, 0)
        top.addWidget(self.set_label, 0, 1)
        top.addWidget(self.rep_label, 0, 2)
        top.addWidget(self.load_label, 0, 3)
        top.addWidget(self.left_label, 0, 4, alignment=Qt.AlignmentFlag.AlignRight)

        self.banner = QLabel()
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setAccessibleName("Leg and phase")
        self.instruction = QLabel()
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instruction.setWordWrap(True)
        self.instruction.setAccessibleName("Instruction")
        self.detail = QLabel()
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.metronome = Metronome()
        return top

    def _build_controls(self) -> QHBoxLayout:
        session = self.session
        self.start_button = self._button("Start", "Start the session", self.start)
        self.pause_button = self._button("Pause (Space)", "Pause or resume", session.toggle_pause)
        self.skip_button = self._button("Skip set", "Skip the rest of this set", session.skip_set)
        self.stop_button = self._button("Stop (Esc)", "Stop the session", self.request_stop)
        self.mute_button = self._button("Mute (M)", "Silence the sound", self.toggle_mute)
        self.mute_button.setCheckable(True)
        self.wrong_button = self._button(
            "Something's wrong", "Pause and see the warning signs", self.something_wrong
        )
        set_toned_style(self.wrong_button, "color: {danger}; font-weight: 600;")
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(100 * session.player.volume) if session.player.audible else 100)
        self.volume.setMaximumWidth(140)
        self.volume.setAccessibleName("Volume")
        self.volume.valueChanged.connect(lambda value: session.set_volume(value / 100))
        controls = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.skip_button,
                       self.stop_button, self.mute_button):  # fmt: skip
            controls.addWidget(button)
        controls.addWidget(QLabel("Volume"))
        controls.addWidget(self.volume)
        controls.addStretch(1)
        controls.addWidget(self.wrong_button)
        if not session.player.audible:
            self.mute_button.setEnabled(False)
            self.volume.setEnabled(False)
        return controls

    def _build_shortcuts(self) -> None:
        keys: list[tuple[str, Callable[[], None]]] = [
            ("Space", self.session.toggle_pause),
            ("Esc", self.request_stop),
            ("M", self.toggle_mute),
            ("T", partial(self._rate_key, 10)),
        ]
        keys += [(str(v), partial(self._rate_key, v)) for v in range(10)]
        self._shortcuts: list[QShortcut] = []
        for key, action in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
            self._shortcuts.append(shortcut)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _button(self, text: str, tip: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space pauses; it never clicks a button
        button.setMinimumHeight(40)
        button.clicked.connect(action)
        return button

    # -- what the user presses ------------------------------------------------
    def start(self) -> None:
        self.session.start()
        self.setFocus()

    def request_stop(self) -> None:
        if self.session.state().status.is_over:
            return
        if ConfirmStop.ask(self):
            self.session.stop()

    def something_wrong(self) -> None:
        self.session.pause()
        flag = RedFlagDialog.ask(self)
        if flag is not None:
            self._report(flag)

    def _report(self, flag: RedFlag) -> None:
        """Say it at once (the session tells the app, which pauses the program; the
        session ends), then show what to do now."""
        self.session.report(flag)
        WhatToDoNow.show_modal(self, flag)

    def toggle_mute(self) -> None:
        player = self.session.player
        if not player.audible:
            return
        self.session.set_muted(not player.muted)
        self.mute_button.setChecked(player.muted)
        self.mute_button.setText("Unmute (M)" if player.muted else "Mute (M)")

    def rate(self, pain: int) -> None:
        rating = self.session.rate(pain)
        if rating is None:
            return
        self.pain_panel.show_rating(pain, offer_stop=rating.offer_stop)
        if rating.check_rupture:
            self._check_for_rupture()
        if self.session.asking_last:
            self.session.complete()

    def _check_for_rupture(self) -> None:
        """The rupture questions, the workout paused; any sign of a tear ends the session."""
        self.session.pause()
        if RuptureCheck.ask(self):
            self._report(RUPTURE)
        else:
            self.session.rupture_checked()

    def _rate_later(self, index: int, pain: int | None) -> None:
        """A rating changed on the summary: a high one still asks about a tear."""
        if self.session.rate_later(index, pain) and RuptureCheck.ask(self):
            self._report(RUPTURE)  # the session is over: the program pauses

    def _rate_key(self, pain: int) -> None:
        if self.pain_panel.isVisible():
            self.rate(pain)

    def _close(self) -> None:
        """Done: save the note (which tries the refused writes again), then leave.

        If the disk still refuses something, the first Done says so and stays; the
        second leaves without it (a copy can be saved elsewhere first).
        """
        self.save_note()
        self.session.retry()  # one more try of what waits
        if self.session.unsaved and not self._warned_unsaved:
            self._warned_unsaved = True
            self._show_saved()
            self.summary.saved.setText(
                self.summary.saved.text() + " Press Done again to leave without it."
            )
            return
        self.closed.emit(self.record)

    def may_close(self) -> bool:
        """Closing the app: write what waits; if the disk still refuses, ask what to do.

        True to close (all saved, a copy written, or the user lets it go).
        """
        self.session.retry()
        if not self.session.unsaved:
            return True
        answer = LeaveUnsaved.ask(self, self.session.unsaved)
        if answer == LeaveUnsaved.COPY:
            self.save_copy()
            return True
        return answer == LeaveUnsaved.LEAVE

    def save_copy(self) -> None:
        """Write the whole session, as the page has it, to a file the user chooses."""
        target = SaveCopy.ask(self)
        if target is None:
            return
        document = self.session.copy_document()
        document["note"] = self.summary.note.toPlainText().strip()
        try:
            write_atomically(target, lambda f: json.dump(document, f, indent=2))
        except OSError as e:
            self.summary.saved.setText(f"The copy was not written to {target}: {e.strerror}.")
            return
        self.summary.saved.setText(f"A copy of this session is in {target}.")

    def save_note(self) -> None:
        """Keep the summary's note (on Done, or when the app closes on the summary)."""
        self.session.save_note(self.summary.note.toPlainText())

    # -- what the session says ------------------------------------------------
    def _sound_stopped(self, problem: str) -> None:
        self.notice.setText(f"Sound stopped: {problem}. Follow the screen.")
        self.notice.show()

    def _ask_pain(self, index: int, last: bool) -> None:  # noqa: FBT001 - a signal's argument
        span = self.timeline.spans[index].set
        if not last:
            self.pain_panel.ask(
                f"How much did set {span.number} ({span.side.value} leg) hurt, from 0 to 10?"
            )
            return
        self.pain_panel.ask(
            f"Session done: how much did the last set (set {span.number}, {span.side.value} "
            "leg) hurt, from 0 to 10?",
            last=True,
        )
        self.checked_note.hide()
        for button in (self.start_button, self.pause_button, self.skip_button, self.stop_button):
            button.setEnabled(False)

    def _show_saving(self) -> None:
        """While the session runs: what waits to be saved, or that all went through."""
        queue = self.session.queue
        if queue.unsaved:
            self.save_notice.setText(
                f"{queue.problem} Not saved yet: {', '.join(queue.unsaved)}. Coach tries "
                "again at each save; the session goes on and what is on screen is kept."
            )
            self.save_notice.show()
        elif queue.recovered:
            self.save_notice.setText("Saved after all: everything the disk refused is saved now.")

    def _show_summary(self, record: SessionRecord) -> None:
        self.summary.show_record(record)
        self._show_saved()
        self.pages.setCurrentIndex(1)
        for shortcut in self._shortcuts:  # the keys are the note's again: Space types a space
            shortcut.setEnabled(False)

    def _show_saved(self) -> None:
        queue = self.session.queue
        keeps = self.session.journal.keeps
        self.summary.save_copy_button.setVisible(bool(queue.unsaved) or not keeps)
        if not keeps:
            text, colour = "Not saved: the history could not be opened.", "{danger}"
        elif queue.unsaved:
            text, colour = (
                f"Not all saved. {queue.problem} Not in your history: "
                f"{', '.join(queue.unsaved)}. Save a copy elsewhere, or press Done to try "
                "again.",
                "{danger}",
            )
        else:
            text, colour = "Saved. Changes to pain and the note are saved too.", "{good}"
        self.summary.saved.setText(text)
        set_toned_style(self.summary.saved, f"color: {colour};")

    def _draw(self, state: EngineState) -> None:
        cue = state.cue
        settings = self.timeline.plan.settings
        colour = SIDE_COLOURS[cue.side] if cue.side else NEUTRAL
        side_word = SIDE_WORDS[cue.side] if cue.side else ""
        phase_word = PHASE_WORDS.get(cue.kind, "")
        if state.status is Status.PAUSED:
            phase_word = "PAUSED"
        elif state.status is Status.READY:
            phase_word = "READY"
        self.banner.setText(f"{side_word}   ·   {phase_word}" if side_word else phase_word)
        self.banner.setStyleSheet(
            f"background: {colour.name()}; color: white; "
            f"font-size: {round(20 * self.text_scale)}pt; font-weight: 700;"
            " padding: 8px; border-radius: 8px;"
        )
        if state.status is Status.READY:
            self.instruction.setText("Press Start when you are in place")
            self.detail.setText(self.timeline.cues[0].detail)
        else:
            self.instruction.setText(cue.text)
            self.detail.setText(cue.detail)
        exercise = cue.exercise.name if cue.exercise else ""
        self.exercise_label.setText(exercise)
        self.set_label.setText(f"Set {cue.set} of {settings.sets}" if cue.set else "")
        self.rep_label.setText(f"Rep {cue.rep} of {settings.reps}" if cue.rep else "")
        self.load_label.setText(
            f"Load {format_kg(settings.load_kg)}" if settings.load_kg else "Body weight"
        )
        self.left_label.setText(f"{_clock_text(state.remaining)} left")

        if cue.kind is CueKind.LOWER:
            caption = f"{math.ceil(state.seconds_left)}"
            self.metronome.show_state(
                state.fraction, settings.lower_seconds, state.beat, caption, colour
            )
        elif cue.kind in (CueKind.REST, CueKind.GET_READY):
            caption = f"{math.ceil(state.seconds_left)} s"
            self.metronome.show_state(1 - state.fraction, 0, None, caption, NEUTRAL)
        else:
            self.metronome.show_state(0.0, settings.lower_seconds, None, "", colour)
        self.pain_panel.setVisible(self.session.pending is not None and cue.kind is CueKind.REST)
        self.checked_note.setVisible(self.session.checked)

        self.start_button.setEnabled(state.status is Status.READY)
        running = state.status in (Status.RUNNING, Status.PAUSED)
        self.pause_button.setEnabled(running)
        self.pause_button.setText(
            "Resume (Space)" if state.status is Status.PAUSED else "Pause (Space)"
        )
        self.skip_button.setEnabled(running)
        if cue is not self._shown:
            self._shown = cue
            self.phase_shown.emit(cue, state.elapsed)

    # -- Qt -------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        # Big enough to read from two metres: at 1920x1080 this is about 70 pt.
        px = max(28.0, min(self.height() * 0.085, self.width() * 0.055)) * self.text_scale
        px = min(px, self.height() * 0.09)  # larger text, but never crowding out the panels
        dpi = self.logicalDpiY() or 96
        font = QFont(self.instruction.font())
        font.setPointSizeF(px * 72 / dpi)
        font.setBold(True)
        self.instruction.setFont(font)
        detail = QFont(self.detail.font())
        detail.setPointSizeF(max(12.0, px * 0.32 * 72 / dpi))
        self.detail.setFont(detail)
        self.metronome.setFixedHeight(int(max(48, px * 0.9)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.session.close()  # an unanswered last pain stays unrated; the sound stops
        super().closeEvent(event)


def _clock_text(seconds: float) -> str:
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
