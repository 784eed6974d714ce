"""The running workout: a state machine over a timeline, driven by an injected clock.

The engine keeps only what the user did (started, paused, skipped, ended) and
derives everything else from the timeline: `state_at(now)` says which phase the
session is in, how far through it, and which sets are complete. Pausing and
skipping move the session's own clock, never the timeline, so the past is never
recomputed.
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass

from coach.domain.clock import Clock
from coach.domain.protocols import Exercise
from coach.domain.settings import Side
from coach.domain.timeline import Cue, CueKind, SetSpan, Timeline


class Status(enum.Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"  # the timeline ran to its end, or the user ended it early
    ABORTED = "aborted"  # the user stopped the session

    @property
    def is_over(self) -> bool:
        return self in (Status.FINISHED, Status.ABORTED)


class InvalidCommandError(RuntimeError):
    """A command that makes no sense in the engine's current status."""


@dataclass(frozen=True)
class EngineState:
    """Everything a view needs to draw the workout at one instant."""

    status: Status
    elapsed: float  # session seconds: pauses excluded, skips included
    cue: Cue  # the current phase (or the final DONE cue)
    seconds_left: float  # in the current phase
    fraction: float  # of the current phase done, 0..1
    beat: int | None  # metronome beats heard so far in a LOWER phase
    remaining: float  # session seconds left
    completed: frozenset[int]  # indexes into Timeline.spans
    skipped: frozenset[int]

    @property
    def phase(self) -> CueKind:
        return self.cue.kind

    @property
    def exercise(self) -> Exercise | None:
        return self.cue.exercise

    @property
    def set(self) -> int | None:
        return self.cue.set

    @property
    def rep(self) -> int | None:
        return self.cue.rep

    @property
    def side(self) -> Side | None:
        return self.cue.side


class Engine:
    """Runs one timeline. Commands raise InvalidCommandError where they do not apply."""

    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        self.timeline = timeline
        self._clock = clock
        self._phases = timeline.phases
        self._phase_starts = [c.t_ms / 1000 for c in self._phases]
        self._duration = timeline.duration_ms / 1000
        self._status = Status.READY
        self._started_at = 0.0
        self._paused_at = 0.0
        self._paused_total = 0.0
        self._jumped = 0.0
        self._ended_elapsed = 0.0
        self._skipped: set[int] = set()
        self._first_set = 0

    # -- commands -------------------------------------------------------------
    def start(self, from_set: int = 0) -> float:
        """Start the session, or resume an interrupted one at set `from_set`.

        A resumed session begins where the set before `from_set` ended, so the rest
        before that set runs in full; the sets before it count as done elsewhere
        (not completed by this run, not skipped). Returns the session seconds it
        begins at (0 for a new session): where the sound must jump to.
        """
        self._require(Status.READY)
        if not 0 <= from_set < len(self.timeline.spans):
            raise InvalidCommandError(
                f"no set {from_set} to start from (0 to {len(self.timeline.spans) - 1})"
            )
        self._first_set = from_set
        if from_set:
            self._jumped = self.timeline.spans[from_set - 1].end_ms / 1000
        self._started_at = self._clock.now()
        self._status = Status.RUNNING
        return self._jumped

    def pause(self) -> None:
        now = self._clock.now()
        self._require(Status.RUNNING, now=now)
        self._paused_at = now
        self._status = Status.PAUSED

    def resume(self) -> None:
        now = self._clock.now()
        self._require(Status.PAUSED, now=now)
        self._paused_total += now - self._paused_at
        self._status = Status.RUNNING

    def skip_set(self) -> float:
        """Abandon the set under way (it stays incomplete) or, between sets, skip the wait.

        Inside a set, the session jumps to that set's end, so the rest before the next
        set still runs. Before a set (getting ready, resting), it jumps to the set's
        start. It never jumps past the end of the session. Returns the seconds jumped:
        what the sound must skip too.
        """
        now = self._clock.now()
        self._require(Status.RUNNING, Status.PAUSED, now=now)
        elapsed = self._elapsed(now)
        jump = self._duration - elapsed
        for span in self.timeline.spans:
            start, end = span.start_ms / 1000, span.end_ms / 1000
            if start <= elapsed < end:
                self._skipped.add(span.index)
                jump = end - elapsed
                break
            if elapsed < start:
                jump = start - elapsed
                break
        self._jumped += jump
        return jump

    def finish(self) -> None:
        """End the session now, keeping the sets done so far."""
        now = self._clock.now()
        self._require(Status.RUNNING, Status.PAUSED, now=now)
        self._ended_elapsed = self._elapsed(now)
        self._status = Status.FINISHED

    def abort(self) -> None:
        now = self._clock.now()
        self._require(Status.READY, Status.RUNNING, Status.PAUSED, now=now)
        self._ended_elapsed = self._elapsed(now)
        self._status = Status.ABORTED

    # -- queries --------------------------------------------------------------
    def status_at(self, now: float) -> Status:
        if self._status is Status.RUNNING and self._raw_elapsed(now) >= self._duration:
            return Status.FINISHED
        return self._status

    def state(self) -> EngineState:
        return self.state_at(self._clock.now())

    def state_at(self, now: float) -> EngineState:
        status = self.status_at(now)
        elapsed = self._elapsed(now)
        i = max(0, bisect.bisect_right(self._phase_starts, elapsed) - 1)
        cue = self._phases[i]
        into = elapsed - cue.t
        length = cue.duration_ms / 1000
        beat = None
        if cue.kind is CueKind.LOWER:
            beat = min(int(into) + 1, self.timeline.plan.settings.lower_seconds)
        completed = frozenset(s.index for s in self.timeline.spans if self._is_complete(s, elapsed))
        return EngineState(
            status=status,
            elapsed=elapsed,
            cue=cue,
            seconds_left=max(0.0, length - into) if length else 0.0,
            fraction=min(1.0, into / length) if length else 1.0,
            beat=beat,
            remaining=self._duration - elapsed,
            completed=completed,
            skipped=frozenset(self._skipped),
        )

    # -- internals ------------------------------------------------------------
    def _is_complete(self, span: SetSpan, elapsed: float) -> bool:
        return (
            span.end_ms / 1000 <= elapsed
            and span.index >= self._first_set
            and span.index not in self._skipped
        )

    def _raw_elapsed(self, now: float) -> float:
        if self._status is Status.READY:
            return 0.0
        if self._status.is_over:
            return self._ended_elapsed
        until = self._paused_at if self._status is Status.PAUSED else now
        return max(0.0, until - self._started_at - self._paused_total + self._jumped)

    def _elapsed(self, now: float) -> float:
        return min(self._duration, self._raw_elapsed(now))

    def _require(self, *allowed: Status, now: float | None = None) -> None:
        status = self._status if now is None else self.status_at(now)
        if status not in allowed:
            names = ", ".join(s.value for s in allowed)
            raise InvalidCommandError(f"not allowed while {status.value} (only while {names})")
