"""The workout page: the timeline played out loud and large, readable across a room.

It draws `Engine.state_at(clock.now())` and nothing else: the wording, the timing and
the pain rules all come from `coach.domain`. The clock is the audio player's played
position when there is sound, so the picture follows the sound. One single-shot
timer is re-armed for the next moment that changes the screen (a cue, a whole
second of a countdown, or a frame of the lowering bar), so the page never ticks
and never drifts: every wake-up reads the clock afresh.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coach.domain.clock import Clock
from coach.domain.engine import Engine, EngineState, Status
from coach.domain.pain import SOURCE as PAIN_SOURCE
from coach.domain.pain import should_offer_to_stop, zone
from coach.domain.record import Outcome, SessionRecord, SetResult
from coach.domain.red_flags import RUPTURE, by_id, rupture_check_due
from coach.domain.settings import Side
from coach.domain.summary import format_seconds
from coach.domain.timeline import Cue, CueKind, Timeline
from coach.domain.wording import format_kg
from coach.storage.files import write_atomically
from coach.storage.schema import StorageError
from coach.ui.look import set_toned_style
from coach.ui.red_flags import RedFlagDialog, RuptureCheck, WhatToDoNow
from coach.ui.widgets import pain_box
from coach.ui.workout_dialogs import ConfirmStop

if TYPE_CHECKING:
    from coach.storage.sessions import SessionJournal

_START = "the start of the session"  # the write every other one of a session needs first

# Colour is never alone: the banner always spells out the leg and the phase too.
SIDE_COLOURS = {Side.LEFT: QColor("#1f6fb2"), Side.RIGHT: QColor("#c2571a")}
NEUTRAL = QColor("#4b5563")
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
LOWER_FPS = 30  # the lowering bar fills smoothly; nothing else redraws between cues
# The tones of coach.ui.look, as set_toned_style names them.
ZONE_TONES = {"safe": "{good}", "acceptable": "{warning}", "too much": "{danger}"}


class Player(Protocol):
    """What the page asks of the sound (`coach.audio.player.AudioPlayer`, or a test's fake)."""

    @property
    def muted(self) -> bool: ...
    @property
    def volume(self) -> float: ...
    def start(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def stop(self) -> None: ...
    def jump(self, seconds: float) -> None: ...
    def set_muted(self, muted: bool) -> None: ...  # noqa: FBT001 - AudioPlayer's Qt-style setter
    def set_volume(self, volume: float) -> None: ...
    def problem(self) -> str | None: ...


class Metronome(QWidget):
    """A bar that fills over the lowering, a tick per beat, and the seconds counted down."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(48)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Lowering metronome")
        self.fraction = 0.0
        self.beats = 0
        self.beat: int | None = None
        self.caption = ""
        self.colour = NEUTRAL

    def show_state(
        self, fraction: float, beats: int, beat: int | None, caption: str, colour: QColor
    ) -> None:
        self.fraction, self.beats, self.beat, self.caption = fraction, beats, beat, caption
        self.colour = colour
        self.setAccessibleDescription(caption)
        self.update()

    def pulsing(self) -> bool:
        """True just after a beat: the bar brightens for the first 15% of each second."""
        if not self.beats or self.beat is None:
            return False
        return self.fraction * self.beats - (self.beat - 1) < 0.15

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802, ARG002 - Qt's override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.palette().mid())
        p.drawRoundedRect(r, 10, 10)
        fill = QColor(self.colour)
        if self.pulsing():
            fill = fill.lighter(140)
        p.setBrush(fill)
        p.drawRoundedRect(QRectF(r.x(), r.y(), r.width() * self.fraction, r.height()), 10, 10)
        p.setPen(self.palette().base().color())
        for k in range(1, self.beats):
            x = r.x() + r.width() * k / self.beats
            p.drawLine(int(x), int(r.top()) + 4, int(x), int(r.bottom()) - 4)
        font = p.font()
        font.setPixelSize(max(14, int(r.height() * 0.55)))
        font.setBold(True)
        p.setFont(font)
        p.setPen(self.palette().text().color())
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.caption)
        p.end()


class PainPanel(QWidget):
    """After a set: 0-10 buttons (keys 0-9 and T), the zone at once, and an offer to stop.

    After the last set it can also be skipped (`skipped`): the summary then shows the set
    as not rated.
    """

    rated = Signal(int)
    end_requested = Signal()
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Pain rating")
        self.question = QLabel()
        self.question.setStyleSheet("font-size: 16pt; font-weight: 600;")
        row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for value in range(11):
            key = "T" if value == 10 else str(value)
            button = QPushButton(f"{value}" if value < 10 else "10 (T)")
            button.setToolTip(f"Pain {value} of 10 (key {key})")
            button.setAccessibleName(f"Pain {value}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(44)
            button.setMinimumWidth(48)  # not the style's 80 px: eleven fit a 1024 px screen
            button.clicked.connect(lambda _=False, v=value: self.rated.emit(v))
            row.addWidget(button)
            self.buttons.append(button)
        self.zone_label = QLabel()
        self.zone_label.setWordWrap(True)
        self.zone_label.setStyleSheet("font-size: 13pt;")
        self.zone_label.setMinimumHeight(2 * self.zone_label.fontMetrics().lineSpacing() + 8)
        self.offer = QWidget()
        offer_row = QHBoxLayout(self.offer)
        offer_row.setContentsMargins(0, 0, 0, 0)
        offer_text = QLabel(
            "That is more than these exercises should hurt. End the session now? The sets "
            "done are kept. (Coach's own offer: you may carry on with less.)"
        )
        offer_text.setWordWrap(True)
        self.end_button = QPushButton("End the session")
        self.end_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.end_button.clicked.connect(self.end_requested)
        self.carry_on_button = QPushButton("Carry on")
        self.carry_on_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.carry_on_button.clicked.connect(self.offer.hide)
        offer_row.addWidget(offer_text, stretch=1)
        offer_row.addWidget(self.end_button)
        offer_row.addWidget(self.carry_on_button)
        self.offer.hide()
        self.skip_button = QPushButton("Skip: rate it later on the summary")
        self.skip_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skip_button.setMinimumHeight(44)
        self.skip_button.clicked.connect(self.skipped)
        self.skip_button.hide()
        hint = QLabel(f"0 = no pain, 10 = the worst imaginable. Zones: {PAIN_SOURCE}")
        hint.setStyleSheet("font-size: 9pt;")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.zone_label)
        layout.addWidget(self.offer)
        layout.addWidget(self.skip_button, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(hint)

    def ask(self, question: str, *, last: bool = False) -> None:
        """Ask a set's pain; `last`: the session is over, and the rating may be skipped."""
        self.question.setText(question)
        self.zone_label.setText(
            "Rate it now, or skip and rate it on the summary."
            if last
            else "Not rated yet: rate it now or at the end of the session."
        )
        self.zone_label.setStyleSheet("font-size: 13pt;")
        self.offer.hide()
        self.skip_button.setVisible(last)
        self.show()

    def show_rating(self, pain: int, *, offer_stop: bool) -> None:
        info = zone(pain)
        self.zone_label.setText(f"<b>{pain}: {info.zone.value} ({info.scores}).</b> {info.meaning}")
        set_toned_style(self.zone_label, f"font-size: 13pt; color: {ZONE_TONES[info.zone.value]};")
        self.offer.setVisible(offer_stop)


class LeaveUnsaved:
    COPY = "copy"  # save a copy elsewhere, then close
    LEAVE = "leave"  # close without it
    STAY = "stay"  # keep Coach open (the disk may have room later)

    @classmethod
    def ask(cls, parent: QWidget, unsaved: list[str]) -> str:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Not all of this session is saved")
        box.setText(
            f"The disk refused part of this session: {', '.join(unsaved)}. If Coach closes "
            "now, that part is lost."
        )
        copy = box.addButton("Save a copy elsewhere…", QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton("Close without it", QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton("Keep Coach open", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.exec()
        if box.clickedButton() is copy:
            return cls.COPY
        return cls.LEAVE if box.clickedButton() is leave else cls.STAY


class SaveCopy:
    @classmethod
    def ask(cls, parent: QWidget) -> Path | None:
        """Where to write a copy of the session (a file on another disk), or None."""
        name, _filter = QFileDialog.getSaveFileName(
            parent, "Save a copy of this session", "coach-session.json", "JSON (*.json)"
        )
        return Path(name) if name else None


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


class WorkoutView(QWidget):
    """Runs one session. Emits `closed(record)` when the user leaves the summary.

    Each change is written through `journal` as it happens: the session row at
    Start, each set as it ends, each rating, the ending and the note. Without a
    journal (the history could not be opened) the session runs unsaved, and says so.
    To resume an interrupted session, pass the sets its earlier run saved as `done`:
    it starts at the set after them.

    When the session completes, the last set's pain is asked before the summary. A
    rating of 8 or more, or 4 above the set rated before (Coach's own triggers), pauses
    the workout and asks the rupture questions; a red flag reported there or through
    "Something's wrong" is emitted as `red_flag(flag id)` at once, ends the session and
    shows what to do now.
    """

    closed = Signal(object)
    phase_shown = Signal(object, float)  # the cue now on screen, and the clock's session time
    red_flag = Signal(str)  # a red flag's id, the moment it is reported

    def __init__(  # noqa: PLR0913 - each is a dependency passed in (STYLE.md 3)
        self,
        timeline: Timeline,
        clock: Clock,
        player: Player | None = None,
        notice: str = "",
        *,
        journal: SessionJournal | None = None,
        done: Sequence[SetResult] = (),
        text_scale: float = 1.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.timeline = timeline
        self.text_scale = text_scale  # the Settings dialog's text size
        self.engine = Engine(timeline, clock)
        self.record = SessionRecord(timeline, sets=list(done))
        self.from_set = max((s.index for s in done), default=-1) + 1
        self.journal = journal
        self._begun = False  # Start wrote (or tried to write) the session row
        # Writes the disk refused, oldest first, with what each saves in words: tried again
        # before every later write and at the end, in order, until they go through.
        self._refused: list[tuple[str, Callable[[], None], object]] = []
        self._problem = ""  # the disk's latest refusal, in words
        self._warned_unsaved = False  # Done was pressed once with writes still refused
        self.player = player
        self._cue_times = sorted({c.t_ms / 1000 for c in timeline.cues})
        self._shown: Cue | None = None
        self._known_done: frozenset[int] = frozenset()
        self._pending: int | None = None  # the set whose pain is being asked
        self._last_asked = False  # the session is over; the last set's pain is being asked
        self._checked = False  # paused after the rupture questions were all answered no
        self._flagged = False  # a red flag of this session was reported: the only one
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.refresh)
        self._build(notice)
        self.refresh()

    # -- building -------------------------------------------------------------
    def _build(self, notice: str) -> None:
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
        self.notice = QLabel(notice)
        self.notice.setWordWrap(True)
        set_toned_style(self.notice, "font-size: 11pt; color: {warning};")
        self.notice.setVisible(bool(notice))
        layout.addWidget(self.notice)
        self.save_notice = QLabel()
        self.save_notice.setWordWrap(True)
        set_toned_style(self.save_notice, "font-size: 11pt; color: {danger};")
        self.save_notice.setAccessibleName("Saving problem")
        if self.journal is None:
            self.save_notice.setText(
                "This session will not be saved: the history could not be opened."
            )
        else:
            self.save_notice.hide()
        layout.addWidget(self.save_notice)
        self.pain_panel = PainPanel()
        self.pain_panel.hide()
        self.pain_panel.rated.connect(self.rate)
        self.pain_panel.end_requested.connect(self.end_early)
        self.pain_panel.skipped.connect(self._complete)
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
        self.start_button = self._button("Start", "Start the session", self.start)
        self.pause_button = self._button("Pause (Space)", "Pause or resume", self.toggle_pause)
        self.skip_button = self._button("Skip set", "Skip the rest of this set", self.skip_set)
        self.stop_button = self._button("Stop (Esc)", "Stop the session", self.request_stop)
        self.mute_button = self._button("Mute (M)", "Silence the sound", self.toggle_mute)
        self.mute_button.setCheckable(True)
        self.wrong_button = self._button(
            "Something's wrong", "Pause and see the warning signs", self.something_wrong
        )
        set_toned_style(self.wrong_button, "color: {danger}; font-weight: 600;")
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(100 * self.player.volume) if self.player is not None else 100)
        self.volume.setMaximumWidth(140)
        self.volume.setAccessibleName("Volume")
        self.volume.valueChanged.connect(self._volume_changed)
        controls = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.skip_button,
                       self.stop_button, self.mute_button):  # fmt: skip
            controls.addWidget(button)
        controls.addWidget(QLabel("Volume"))
        controls.addWidget(self.volume)
        controls.addStretch(1)
        controls.addWidget(self.wrong_button)
        if self.player is None:
            self.mute_button.setEnabled(False)
            self.volume.setEnabled(False)
        return controls

    def _build_shortcuts(self) -> None:
        keys: list[tuple[str, Callable[[], None]]] = [
            ("Space", self.toggle_pause),
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

    # -- commands -------------------------------------------------------------
    def start(self) -> None:
        if self.engine.state().status is not Status.READY:
            return
        if self.journal is not None:
            self._begun = True
            self._save(_START, self.journal.begin)
        if self.player is not None:
            self.player.start()
        self.engine.start(self.from_set)
        if self.player is not None and self.from_set:
            self.player.jump(self.engine.state().elapsed)
        self.setFocus()
        self.refresh()

    def toggle_pause(self) -> None:
        status = self.engine.state().status
        if status is Status.RUNNING:
            self.engine.pause()
            if self.player is not None:
                self.player.pause()
        elif status is Status.PAUSED:
            if self.player is not None:
                self.player.resume()
            self.engine.resume()
        self.refresh()

    def skip_set(self) -> None:
        if self.engine.state().status not in (Status.RUNNING, Status.PAUSED):
            return
        before = self.engine.state().elapsed
        self.engine.skip_set()
        if self.player is not None:
            self.player.jump(self.engine.state().elapsed - before)
        self.refresh()

    def request_stop(self) -> None:
        if self.engine.state().status.is_over:
            return
        if ConfirmStop.ask(self):
            self._end(Outcome.STOPPED, "stopped by the user")

    def end_early(self) -> None:
        if not self.engine.state().status.is_over:
            self._end(Outcome.ENDED_EARLY, "too much pain")

    def something_wrong(self) -> None:
        if self.engine.state().status is Status.RUNNING:
            self.toggle_pause()
        flag = RedFlagDialog.ask(self)
        if flag is not None:
            self._red_flag(flag)

    def _red_flag(self, flag_id: str) -> None:
        """Say so at once (the program pauses), end the session, and show what to do now."""
        flag = by_id(flag_id)
        self._flagged = True
        self.red_flag.emit(flag.id)
        self._end(Outcome.STOPPED, flag.reason)
        WhatToDoNow.show_modal(self, flag)

    def _check_for_rupture(self) -> None:
        """The rupture questions, the workout paused; any sign of a tear ends the session."""
        if self.engine.state().status is Status.RUNNING:
            self.toggle_pause()
        if RuptureCheck.ask(self):
            self._red_flag(RUPTURE.id)
        elif not self._last_asked:
            self._checked = True
            self.refresh()

    def toggle_mute(self) -> None:
        if self.player is None:
            return
        self.player.set_muted(not self.player.muted)
        self.mute_button.setChecked(self.player.muted)
        self.mute_button.setText("Unmute (M)" if self.player.muted else "Mute (M)")

    def rate(self, pain: int) -> None:
        if self._pending is None or self.record.outcome is not None:
            return
        self.record.rate(self._pending, pain)
        self._saving(f"the pain of {self.set_words(self._pending)}", "rate", self._pending, pain)
        ratings = self.record.ratings()
        self.pain_panel.show_rating(pain, offer_stop=should_offer_to_stop(ratings))
        if rupture_check_due(ratings):
            self._check_for_rupture()
        if self._last_asked and self.record.outcome is None:
            self._complete()

    def _rate_later(self, index: int, pain: int | None) -> None:
        """A rating changed on the summary: a high one still asks about a tear."""
        self.record.rate(index, pain)
        self._saving(f"the pain of {self.set_words(index)}", "rate", index, pain)
        if self._flagged or pain is None:
            return  # a red flag of this session is recorded already: never twice
        upto = [s.pain for s in self.record.sets if s.index <= index]
        if rupture_check_due(upto) and RuptureCheck.ask(self):
            self._flagged = True
            self.red_flag.emit(RUPTURE.id)  # the session is over: the program pauses
            WhatToDoNow.show_modal(self, RUPTURE)

    def _rate_key(self, pain: int) -> None:
        if self.pain_panel.isVisible():
            self.rate(pain)

    def _volume_changed(self, value: int) -> None:
        if self.player is not None:
            self.player.set_volume(value / 100)

    def _end(self, outcome: Outcome, reason: str) -> None:
        state = self.engine.state()
        if state.status is Status.READY:
            self.engine.abort()
        elif not state.status.is_over:
            if outcome is Outcome.STOPPED:
                self.engine.abort()
            else:
                self.engine.finish()
        self._finish(outcome, reason)

    def _complete(self) -> None:
        """The session ran to its end and the last set's pain was asked."""
        if self.record.outcome is None:
            self._finish(Outcome.COMPLETED)

    def _finish(self, outcome: Outcome, reason: str = "") -> None:
        # Read the clock before the sound stops: the player is the clock, and a stopped
        # player's played position starts again from nothing.
        state = self.engine.state()
        self._timer.stop()
        if self.player is not None:
            self.player.stop()
        self._collect(state)
        self.record.finish(outcome, state.elapsed, reason)
        if state.elapsed > 0 or self.record.sets:
            self._saving("the end of the session", "finish", outcome, self.record.seconds, reason)
        self.summary.show_record(self.record)
        self._show_saved()
        self.pages.setCurrentIndex(1)
        for shortcut in self._shortcuts:  # the keys are the note's again: Space types a space
            shortcut.setEnabled(False)

    def _close(self) -> None:
        """Done: save the note (which tries the refused writes again), then leave.

        If the disk still refuses something, the first Done says so and stays; the
        second leaves without it (a copy can be saved elsewhere first).
        """
        self.save_note()
        self._flush()  # one more try of what waits
        if self._refused and not self._warned_unsaved:
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
        self._flush()
        if not self._refused:
            return True
        answer = LeaveUnsaved.ask(self, self.unsaved)
        if answer == LeaveUnsaved.COPY:
            self.save_copy()
            return True
        return answer == LeaveUnsaved.LEAVE

    def save_copy(self) -> None:
        """Write the whole session, as the page has it, to a file the user chooses."""
        target = SaveCopy.ask(self)
        if target is None:
            return
        document = {
            "format": "coach-session-copy",
            "why": "Coach could not save all of this session in its history.",
            "not_saved": self.unsaved,
            "protocol": self.timeline.plan.protocol.id,
            "injured": self.timeline.plan.settings.injured.value,
            "outcome": self.record.outcome.value if self.record.outcome else None,
            "seconds": round(self.record.seconds, 3),
            "note": self.summary.note.toPlainText().strip(),
            "sets": [
                {"set": s.number, "exercise": s.exercise, "side": s.side.value, "reps": s.reps,
                 "load_kg": s.load_kg, "lower_seconds": s.lower_seconds, "pain": s.pain}
                for s in self.record.sets
            ],
        }  # fmt: skip
        try:
            write_atomically(target, lambda f: json.dump(document, f, indent=2))
        except OSError as e:
            self.summary.saved.setText(f"The copy was not written to {target}: {e.strerror}.")
            return
        self.summary.saved.setText(f"A copy of this session is in {target}.")

    def save_note(self) -> None:
        """Keep the summary's note (on Done, or when the app closes on the summary)."""
        note = self.summary.note.toPlainText().strip()
        if note != self.record.note:
            self.record.note = note
            self._saving("the note", "note", note)

    # -- saving ---------------------------------------------------------------
    @property
    def unsaved(self) -> list[str]:
        """What the disk has refused so far and is still to be saved, in words."""
        return [what for what, _write, _same in self._refused]

    def set_words(self, index: int) -> str:
        """A set in words, as the page names what it could not save."""
        s = self.timeline.spans[index].set
        return f"set {s.number} of {s.exercise.short} ({s.side.value} leg)"

    def _saving(self, what: str, method: str, *args: object) -> None:
        """Call a journal method once the session row is (or was to be) written."""
        if self.journal is not None and (self.journal.id is not None or self._begun):
            # A newer rating of a set, note or ending replaces one that still waits: a
            # retry of the older must never write over the newer.
            same = {"rate": ("rate", args[0]), "note": "note", "finish": "finish"}.get(method)
            if same is not None:
                self._refused = [r for r in self._refused if r[2] != same]
            self._save(what, partial(getattr(self.journal, method), *args), same)

    def _save(self, what: str, write: Callable[[], None], same: object = None) -> None:
        """Write now, after whatever the disk refused before; keep what it refuses.

        A write the disk refuses waits, in memory, and is tried again at every later
        write and at the end (see _flush). The page says what waits, and when all went
        through.
        """
        self._refused.append((what, write, same))
        self._flush()

    def _flush(self) -> None:
        """Try each write that waits, oldest first; all wait behind a refused start.

        Each write stands alone (the journal writes a refused set again with its latest
        pain), so one refusal does not hold back the rest; but nothing is written
        before the session row itself.
        """
        for item in list(self._refused):
            what, write, _same = item
            try:
                write()
            except StorageError as e:
                self._problem = str(e)
                if what == _START:
                    break
                continue
            self._refused.remove(item)
        if self._refused:
            self.save_notice.setText(
                f"{self._problem} Not saved yet: {', '.join(self.unsaved)}. Coach tries again "
                "at each save; the session goes on and what is on screen is kept."
            )
            self.save_notice.show()
        elif self._problem:
            self._problem = ""
            self.save_notice.setText("Saved after all: everything the disk refused is saved now.")

    def _show_saved(self) -> None:
        self.summary.save_copy_button.setVisible(bool(self._refused) or self.journal is None)
        if self.journal is None:
            text, colour = "Not saved: the history could not be opened.", "{danger}"
        elif self._refused:
            text, colour = (
                f"Not all saved. {self._problem} Not in your history: "
                f"{', '.join(self.unsaved)}. Save a copy elsewhere, or press Done to try "
                "again.",
                "{danger}",
            )
        else:
            text, colour = "Saved. Changes to pain and the note are saved too.", "{good}"
        self.summary.saved.setText(text)
        set_toned_style(self.summary.saved, f"color: {colour};")

    # -- drawing --------------------------------------------------------------
    def refresh(self) -> None:
        """Draw the state at the clock's now, then sleep until the screen must change."""
        if self.record.outcome is not None or self._last_asked:
            return  # over (or over but for the last set's pain): nothing moves any more
        if self.player is not None and (problem := self.player.problem()):
            self.notice.setText(f"Sound stopped: {problem}. Follow the screen.")
            self.notice.show()
        state = self.engine.state()
        if self.journal is not None and state.status is Status.RUNNING:
            span = self.timeline.span_at(state.elapsed)
            if span is not None:
                self.journal.set_started(span.index)
        self._collect(state)
        self._draw(state)
        if state.status is Status.FINISHED and state.phase is CueKind.DONE:
            self._ask_last()
            return
        self._schedule(state)

    def _ask_last(self) -> None:
        """At the end: the pain of the last set before the summary, if it is not rated yet.

        The sound plays on (the end chime; then silence), so its clock still says how
        long the session took when the summary reads it.
        """
        self._timer.stop()
        last = next((s for s in self.record.sets if s.index == self._pending), None)
        if last is None or last.pain is not None:
            self._finish(Outcome.COMPLETED)
            return
        self._last_asked = True
        span = self.timeline.spans[last.index].set
        self.pain_panel.ask(
            f"Session done: how much did the last set (set {span.number}, {span.side.value} "
            "leg) hurt, from 0 to 10?",
            last=True,
        )
        self.checked_note.hide()
        for button in (self.start_button, self.pause_button, self.skip_button, self.stop_button):
            button.setEnabled(False)

    def _collect(self, state: EngineState) -> None:
        """Record newly completed sets, and ask for the pain of the latest."""
        new = sorted(state.completed - self._known_done)
        self._known_done = state.completed
        for index in new:
            result = self.record.add_completed(self.timeline.spans[index])
            self._saving(self.set_words(index), "add", result)
        if new:
            self._pending = new[-1]
            span = self.timeline.spans[self._pending].set
            self.pain_panel.ask(
                f"How much did set {span.number} ({span.side.value} leg) hurt, from 0 to 10?"
            )

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
        self.pain_panel.setVisible(self._pending is not None and cue.kind is CueKind.REST)
        if state.status is not Status.PAUSED:
            self._checked = False
        self.checked_note.setVisible(self._checked)

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

    def _schedule(self, state: EngineState) -> None:
        if state.status is not Status.RUNNING:
            self._timer.stop()
            return
        now = state.elapsed
        i = bisect.bisect_right(self._cue_times, now + 1e-6)
        wake = self._cue_times[i] if i < len(self._cue_times) else now + 1
        wake = min(wake, math.floor(now) + 1)  # the countdowns show whole seconds
        if state.phase is CueKind.LOWER:
            wake = min(wake, now + 1 / LOWER_FPS)
        self._timer.start(max(0, math.ceil((wake - now) * 1000)))

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
        if self._last_asked:
            self._complete()  # closed while the last set's pain was asked: it stays unrated
        self._timer.stop()
        if self.player is not None:
            self.player.stop()
        super().closeEvent(event)


def _clock_text(seconds: float) -> str:
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
