"""What a session consists of: which sets, on which leg, in which order, at what tempo.

`plan()` answers *what*; `coach.domain.timeline` turns the answer into *when*.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.domain.protocols import Exercise, Protocol
from coach.domain.settings import Settings, Side


@dataclass(frozen=True)
class Tempo:
    """Milliseconds for the phases of one rep other than the lowering.

    The protocols prescribe only a slow lowering (CLINICAL.md §1); the way up, the
    weight shift and the reset are given enough time to move safely. Stepping up
    onto a box (both sides injured) takes longer than rising on one good leg.
    """

    up_ms: int
    shift_ms: int
    reset_ms: int


ONE_GOOD_LEG = Tempo(up_ms=2000, shift_ms=1000, reset_ms=1000)
BOX_STEP = Tempo(up_ms=3000, shift_ms=1000, reset_ms=1000)


@dataclass(frozen=True)
class SetPlan:
    """One set: `reps` lowerings of `exercise` on the `side` leg."""

    exercise: Exercise
    number: int
    of: int
    side: Side
    reps: int


@dataclass(frozen=True)
class SessionPlan:
    protocol: Protocol
    settings: Settings
    tempo: Tempo
    sets: tuple[SetPlan, ...]

    @property
    def uses_box(self) -> bool:
        """Both legs lower, so neither can push up: the user steps up on a box (seed 004)."""
        return len(self.settings.injured.sides) == 2

    @property
    def rep_ms(self) -> int:
        return (
            self.tempo.up_ms
            + self.tempo.shift_ms
            + self.settings.lower_seconds * 1000
            + self.tempo.reset_ms
        )


def plan(protocol: Protocol, settings: Settings) -> SessionPlan:
    """All sets of one session, in order.

    Each exercise is finished before the next starts (straight knee, then bent knee).
    With both sides injured, every set is done on the left and then on the right.
    """
    sides = settings.injured.sides
    sets = tuple(
        SetPlan(exercise=exercise, number=n, of=settings.sets, side=side, reps=settings.reps)
        for exercise in protocol.exercises
        for n in range(1, settings.sets + 1)
        for side in sides
    )
    tempo = BOX_STEP if len(sides) == 2 else ONE_GOOD_LEG
    return SessionPlan(protocol=protocol, settings=settings, tempo=tempo, sets=sets)
