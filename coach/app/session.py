"""One workout, run: the engine, the sound that is its clock, the record and the journal.

The workout page draws what this says and forwards what the user presses; every
decision of a running session is made here, without a widget:
- each command reads the clock once (through the engine) and applies to the sound
  exactly what the engine did (a skip jumps the sound by the seconds the engine
  jumped);
- each change is written through the journal as it happens (the session row at
  Start, each set as it ends, each rating, the ending and the note); what the disk
  refuses waits in a `WriteQueue`;
- after each set its pain is asked; after the last, before the summary.

One single-shot timer is re-armed for the next moment the screen changes (a cue, a
whole second of a countdown, a frame of the lowering bar), so nothing ticks and
nothing drifts: every wake-up reads the clock afresh (`poll`).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from coach.app.player import Player
from coach.app.saving import Write, WriteQueue
from coach.domain.engine import Engine, EngineState, Status
from coach.domain.pain import should_offer_to_stop
from coach.domain.record import Outcome, SessionRecord, SetResult
from coach.domain.red_flags import RedFlag, rupture_check_due
from coach.domain.timeline import CueKind, Timeline

LOWER_FPS = 30  # the lowering bar fills smoothly; nothing else changes between cues
STOPPED_BY_USER = "stopped by the user"
TOO_MUCH_PAIN = "too much pain"


class Journal(Protocol):
    """Where a session is written as it happens (`coach.storage` gives the real one)."""

    @property
    def keeps(self) -> bool:
        """False when nothing is kept: the history could not be opened."""
        ...

    @property
    def begun(self) -> bool:
        """The session row exists (written by begin, or an interrupted session's)."""
        ...

    def begin(self) -> None: ...
    def set_started(self, position: int) -> None: ...
    def add(self, result: SetResult) -> None: ...
    def rate(self, position: int, pain: int | None) -> None: ...
    def finish(self, outcome: Outcome, seconds: float, reason: str = "") -> None: ...
    def note(self, text: str) -> None: ...


class NoJournal:
    """No history to write to: the session runs, and says it is not saved."""

    keeps = False
    begun = False

    def begin(self) -> None:
        pass

    def set_started(self, position: int) -> None:
        pass

    def add(self, result: SetResult) -> None:
        pass

    def rate(self, position: int, pain: int | None) -> None:
        pass

    def finish(self, outcome: Outcome, seconds: float, reason: str = "") -> None:
        pass

    def note(self, text: str) -> None:
        pass


@dataclass(frozen=True)
class Rating:
    """What a set's pain rating calls for."""

    pain: int
    offer_stop: bool  # more than the exercises should hurt: offer to end the session
    check_rupture: bool  # ask the rupture questions now (Coach's own triggers)


class WorkoutSession(QObject):
    """Runs one session. The page subscribes to its signals and calls its commands."""

    changed = Signal(object)  # EngineState: the state at the clock's now, to draw
    pain_asked = Signal(int, bool)  # a set's index; True: the last, the session is done
    saving_changed = Signal()  # what waits to be saved, or that all went through
    red_flag = Signal(object)  # a RedFlag, the moment it is reported
    finished = Signal(object)  # SessionRecord: the session is over (the summary shows it)
    sound_problem = Signal(str)  # the sound stopped: follow the screen

    def __init__(  # noqa: PLR0913 - each is a dependency passed in (STYLE.md 3)
        self,
        timeline: Timeline,
        player: Player,
        journal: Journal | None = None,
        *,
        done: Sequence[SetResult] = (),
        notice: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.timeline = timeline
        self.player = player
        self.notice = notice  # why there is no sound, or only part of it
        self.journal: Journal = journal if journal is not None else NoJournal()
        self.engine = Engine(timeline, player)
        self.record = SessionRecord(timeline, sets=list(done))
        self.from_set = max((s.index for s in done), default=-1) + 1
        self.queue = WriteQueue()
        self.pending: int | None = None  # the set whose pain is being asked
        self.asking_last = False  # the session is over but for the last set's pain
        self.checked = False  # paused after the rupture questions were all answered no
        self.flagged = False  # a red flag of this session was reported: the only one
        self._begun = False  # Start wrote (or tried to write) the session row
        self._sound_failed = False
        self._cue_times = sorted({c.t_ms / 1000 for c in timeline.cues})
        self._known_done: frozenset[int] = frozenset()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.poll)

    # -- what the page reads ----------------------------------------------------
    @property
    def over(self) -> bool:
        return self.record.outcome is not None

    @property
    def unsaved(self) -> list[str]:
        return self.queue.unsaved

    def state(self) -> EngineState:
        return self.engine.state()

    def set_words(self, index: int) -> str:
        """A set in words, as the page names what it could not save."""
        s = self.timeline.spans[index].set
        return f"set {s.number} of {s.exercise.short} ({s.side.value} leg)"

    # -- commands ---------------------------------------------------------------
    def start(self) -> None:
        if self.engine.state().status is not Status.READY:
            return
        if self.journal.keeps:
            self._begun = True
            self.queue.write(Write("the start of the session", self.journal.begin, first=True))
            self.saving_changed.emit()
        self.player.start()  # first: the player's clock begins with its sound
        begins_at = self.engine.start(self.from_set)
        if begins_at:
            self.player.jump(begins_at)
        self.poll()

    def toggle_pause(self) -> None:
        status = self.engine.state().status
        if status is Status.RUNNING:
            self.pause()
        elif status is Status.PAUSED:
            self.player.resume()  # first: the clock runs again with the sound
            self.engine.resume()
            self.poll()

    def pause(self) -> None:
        """Pause if running (before a dialog, say); otherwise nothing."""
        if self.engine.state().status is Status.RUNNING:
            self.engine.pause()
            self.player.pause()
            self.poll()

    def skip_set(self) -> None:
        if self.engine.state().status not in (Status.RUNNING, Status.PAUSED):
            return
        self.player.jump(self.engine.skip_set())
        self.poll()

    def stop(self) -> None:
        """The user stopped the session (confirmed on the page)."""
        if not self.engine.state().status.is_over:
            self.end(Outcome.STOPPED, STOPPED_BY_USER)

    def end_early(self) -> None:
        """Too much pain: end now, keeping what was done."""
        if not self.engine.state().status.is_over:
            self.end(Outcome.ENDED_EARLY, TOO_MUCH_PAIN)

    def report(self, flag: RedFlag) -> None:
        """A red flag: said at once (the program pauses), then the session ends.

        Reported on the summary, after the session ended, it is only said: never twice.
        """
        if self.flagged:
            return
        self.flagged = True
        self.red_flag.emit(flag)
        if not self.over:
            self.end(Outcome.STOPPED, flag.reason)

    def rupture_checked(self) -> None:
        """The rupture questions were all answered no: stay paused, and say so."""
        if not self.asking_last:
            self.checked = True
            self.poll()

    def set_muted(self, muted: bool) -> None:  # noqa: FBT001 - a Qt-style setter
        self.player.set_muted(muted)

    def set_volume(self, volume: float) -> None:
        self.player.set_volume(volume)

    def rate(self, pain: int) -> Rating | None:
        """The pain of the set being asked; None if none is asked (or it is over)."""
        index = self.pending
        if index is None or self.over:
            return None
        self._rate(index, pain)
        ratings = self.record.ratings()
        return Rating(pain, should_offer_to_stop(ratings), rupture_check_due(ratings))

    def rate_later(self, index: int, pain: int | None) -> bool:
        """A rating changed on the summary. True: it calls for the rupture questions."""
        self._rate(index, pain)
        if self.flagged or pain is None:
            return False  # a red flag of this session is recorded already: never twice
        upto = [s.pain for s in self.record.sets if s.index <= index]
        return rupture_check_due(upto)

    def complete(self) -> None:
        """The last set's pain is rated (or skipped): the session completed."""
        if not self.over:
            self._finish(Outcome.COMPLETED)

    def save_note(self, note: str) -> None:
        """Keep the summary's note (on Done, or when the app closes on the summary)."""
        note = note.strip()
        if note != self.record.note:
            self.record.note = note
            self._write("the note", lambda: self.journal.note(note), same="note")

    def retry(self) -> None:
        """Try again what the disk refused (on Done, or when the app closes)."""
        self.queue.flush()
        self.saving_changed.emit()

    def close(self) -> None:
        """The page closes: the sound stops; an unanswered last pain stays unrated."""
        if self.asking_last:
            self.complete()
        self._timer.stop()
        self.player.stop()

    def copy_document(self) -> dict[str, Any]:
        """The whole session as a plain document: a copy the user saves elsewhere."""
        settings = self.timeline.plan.settings
        return {
            "format": "coach-session-copy",
            "why": "Coach could not save all of this session in its history.",
            "not_saved": self.unsaved,
            "protocol": self.timeline.plan.protocol.id,
            "injured": settings.injured.value,
            "outcome": self.record.outcome.value if self.record.outcome else None,
            "seconds": round(self.record.seconds, 3),
            "note": self.record.note,
            "sets": [
                {"set": s.number, "exercise": s.exercise, "side": s.side.value, "reps": s.reps,
                 "load_kg": s.load_kg, "lower_seconds": s.lower_seconds, "pain": s.pain}
                for s in self.record.sets
            ],
        }  # fmt: skip

    # -- running ----------------------------------------------------------------
    def poll(self) -> None:
        """Read the clock once: record what ended, say what to draw, sleep until it changes."""
        if self.over or self.asking_last:
            return  # over (or over but for the last set's pain): nothing moves any more
        if not self._sound_failed and (problem := self.player.problem()):
            self._sound_failed = True
            self.sound_problem.emit(problem)
        state = self.engine.state()
        if state.status is Status.RUNNING:
            span = self.timeline.span_at(state.elapsed)
            if span is not None:
                self.journal.set_started(span.index)
        self._collect(state)
        if state.status is not Status.PAUSED:
            self.checked = False
        self.changed.emit(state)
        if state.status is Status.FINISHED and state.phase is CueKind.DONE:
            self._ask_last()
            return
        self._schedule(state)

    def next_wake(self, state: EngineState) -> float | None:
        """The session seconds at which the screen next changes; None: it will not."""
        if state.status is not Status.RUNNING:
            return None
        now = state.elapsed
        i = bisect.bisect_right(self._cue_times, now + 1e-6)
        wake = self._cue_times[i] if i < len(self._cue_times) else now + 1
        wake = min(wake, math.floor(now) + 1)  # the countdowns show whole seconds
        if state.phase is CueKind.LOWER:
            wake = min(wake, now + 1 / LOWER_FPS)
        return wake

    def _schedule(self, state: EngineState) -> None:
        wake = self.next_wake(state)
        if wake is None:
            self._timer.stop()
        else:
            self._timer.start(max(0, math.ceil((wake - state.elapsed) * 1000)))

    def _collect(self, state: EngineState) -> None:
        """Record newly completed sets, and ask for the pain of the latest."""
        new = sorted(state.completed - self._known_done)
        self._known_done = state.completed
        for index in new:
            result = self.record.add_completed(self.timeline.spans[index])
            self._write(self.set_words(index), partial(self.journal.add, result))
        if new:
            self.pending = new[-1]
            self.pain_asked.emit(self.pending, False)  # noqa: FBT003 - a signal's argument

    def _ask_last(self) -> None:
        """At the end: the pain of the last set before the summary, if it is not rated yet.

        The sound plays on (the end chime; then silence), so its clock still says how
        long the session took when the summary reads it.
        """
        self._timer.stop()
        last = next((s for s in self.record.sets if s.index == self.pending), None)
        if last is None or last.pain is not None:
            self._finish(Outcome.COMPLETED)
            return
        self.asking_last = True
        self.pain_asked.emit(last.index, True)  # noqa: FBT003 - a signal's argument

    def _rate(self, index: int, pain: int | None) -> None:
        self.record.rate(index, pain)
        self._write(
            f"the pain of {self.set_words(index)}",
            lambda: self.journal.rate(index, pain),
            same=("rate", index),
        )

    def end(self, outcome: Outcome, reason: str) -> None:
        status = self.engine.state().status
        if status is Status.READY:
            self.engine.abort()
        elif not status.is_over:
            if outcome is Outcome.STOPPED:
                self.engine.abort()
            else:
                self.engine.finish()
        self._finish(outcome, reason)

    def _finish(self, outcome: Outcome, reason: str = "") -> None:
        # Read the clock before the sound stops: the player is the clock, and a stopped
        # player's played position starts again from nothing.
        state = self.engine.state()
        self._timer.stop()
        self.player.stop()
        self._collect(state)
        self.record.finish(outcome, state.elapsed, reason)
        self.asking_last = False
        if state.elapsed > 0 or self.record.sets:
            seconds = self.record.seconds
            self._write(
                "the end of the session",
                lambda: self.journal.finish(outcome, seconds, reason),
                same="finish",
            )
        self.finished.emit(self.record)

    def _write(self, what: str, run: Callable[[], None], same: Hashable | None = None) -> None:
        """Write through the journal once the session row is (or was to be) written."""
        if self.journal.keeps and (self.journal.begun or self._begun):
            self.queue.write(Write(what, run, same))
            self.saving_changed.emit()
