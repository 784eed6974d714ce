"""A workout as a timeline: every cue of the session with its exact start time.

The timeline is computed once from a plan and is the single source of truth: the
workout screen, the sound track and the printed plan all read it, so they cannot
disagree. Times are whole milliseconds from the session start, built by integer
addition, so a 3 x 15 x 2 session ends exactly where arithmetic says it does.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from coach.domain import wording
from coach.domain.plan import SessionPlan, SetPlan
from coach.domain.protocols import Exercise
from coach.domain.settings import Side


class CueKind(enum.Enum):
    GET_READY = "get_ready"
    EXERCISE_START = "exercise_start"
    SET_START = "set_start"
    UP = "up"
    SHIFT = "shift"
    LOWER = "lower"
    BEAT = "beat"
    RESET = "reset"
    SET_END = "set_end"
    REST = "rest"
    DONE = "done"


@dataclass(frozen=True)
class Cue:
    """One moment of the workout.

    A cue with a duration is a *phase* (the user is doing it until the next phase);
    one without is an *event* (a set starts, a metronome beat). For a rest or the
    get-ready phase, exercise/set/side name the set that follows.
    """

    t_ms: int
    duration_ms: int
    kind: CueKind
    text: str
    detail: str
    exercise: Exercise | None = None
    set: int | None = None
    rep: int | None = None
    side: Side | None = None
    beat: int | None = None

    @property
    def t(self) -> float:
        return self.t_ms / 1000

    @property
    def end_ms(self) -> int:
        return self.t_ms + self.duration_ms

    @property
    def is_phase(self) -> bool:
        return self.duration_ms > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "t": self.t,
            "duration": self.duration_ms / 1000,
            "kind": self.kind.value,
            "text": self.text,
            "detail": self.detail,
            "exercise": self.exercise.id if self.exercise else None,
            "set": self.set,
            "rep": self.rep,
            "side": self.side.value if self.side else None,
            "beat": self.beat,
        }


@dataclass(frozen=True)
class SetSpan:
    """Where one planned set lies on the timeline: [start_ms, end_ms)."""

    index: int
    set: SetPlan
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Timeline:
    plan: SessionPlan
    cues: tuple[Cue, ...]
    spans: tuple[SetSpan, ...]

    @property
    def duration_ms(self) -> int:
        return self.cues[-1].t_ms

    def span_at(self, seconds: float) -> SetSpan | None:
        """The set under way at `seconds` into the session, if any."""
        ms = seconds * 1000
        for span in self.spans:
            if span.start_ms <= ms < span.end_ms:
                return span
        return None

    @property
    def phases(self) -> tuple[Cue, ...]:
        """The cues that last, in order, then the final DONE cue."""
        return tuple(c for c in self.cues if c.is_phase or c.kind is CueKind.DONE)

    def to_document(self) -> dict[str, Any]:
        """The whole timeline as plain JSON-ready data (`coach plan --json`)."""
        s = self.plan.settings
        return {
            "protocol": self.plan.protocol.id,
            "settings": {
                "injured": s.injured.value,
                "lower_seconds": s.lower_seconds,
                "rest_seconds": s.rest_seconds,
                "reps": s.reps,
                "sets": s.sets,
                "load_kg": s.load_kg,
                "get_ready_seconds": s.get_ready_seconds,
            },
            "duration_s": self.duration_ms / 1000,
            "cues": [c.to_dict() for c in self.cues],
        }


class _Builder:
    def __init__(self) -> None:
        self.t_ms = 0
        self.cues: list[Cue] = []

    def add(self, kind: CueKind, words: wording.Words, duration_ms: int = 0, **where: Any) -> None:
        self.cues.append(Cue(self.t_ms, duration_ms, kind, words.text, words.detail, **where))
        self.t_ms += duration_ms


def timeline(session: SessionPlan) -> Timeline:
    """Every cue of `session`, in time order, with exact start times."""
    settings = session.settings
    tempo = session.tempo
    lower_ms = settings.lower_seconds * 1000
    b = _Builder()
    spans: list[SetSpan] = []

    first = session.sets[0]
    if settings.get_ready_seconds:
        b.add(
            CueKind.GET_READY,
            wording.get_ready(session, first),
            settings.get_ready_seconds * 1000,
            exercise=first.exercise,
            set=first.number,
            side=first.side,
        )
    previous: Exercise | None = None
    for index, s in enumerate(session.sets):
        where: dict[str, Any] = {"exercise": s.exercise, "set": s.number, "side": s.side}
        if s.exercise is not previous:
            b.add(CueKind.EXERCISE_START, wording.exercise_start(s.exercise), **where)
            previous = s.exercise
        start_ms = b.t_ms
        b.add(CueKind.SET_START, wording.set_start(session, s), **where)
        for rep in range(1, s.reps + 1):
            b.add(CueKind.UP, wording.up(session, s), tempo.up_ms, rep=rep, **where)
            b.add(CueKind.SHIFT, wording.shift(session, s), tempo.shift_ms, rep=rep, **where)
            lower_at = b.t_ms
            b.add(CueKind.LOWER, wording.lower(session, s), lower_ms, rep=rep, **where)
            # One beat a second through the lowering, the first on the lowering cue itself.
            for n in range(1, settings.lower_seconds + 1):
                t_ms = lower_at + (n - 1) * 1000
                words = wording.beat(n)
                b.cues.append(
                    Cue(t_ms, 0, CueKind.BEAT, words.text, words.detail, rep=rep, beat=n, **where)
                )
            b.add(CueKind.RESET, wording.reset(session, s), tempo.reset_ms, rep=rep, **where)
        b.add(CueKind.SET_END, wording.set_end(s), **where)
        spans.append(SetSpan(index, s, start_ms, b.t_ms))
        following = session.sets[index + 1] if index + 1 < len(session.sets) else None
        if following is not None and settings.rest_seconds:
            b.add(
                CueKind.REST,
                wording.rest(session, settings.rest_seconds, following),
                settings.rest_seconds * 1000,
                exercise=following.exercise,
                set=following.number,
                side=following.side,
            )
    b.add(CueKind.DONE, wording.done())
    return Timeline(plan=session, cues=tuple(b.cues), spans=tuple(spans))
