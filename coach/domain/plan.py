"""What a session consists of: which sets, on which leg, in which order, at what tempo.

`plan()` answers *what*; `coach.domain.timeline` turns the answer into *when*.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from coach.domain.protocols import FLAT_FLOOR_ARTICLE, Exercise, Protocol, Surface
from coach.domain.settings import Settings, Side


@dataclass(frozen=True)
class Tempo:
    """Milliseconds for the phases of one rep other than the lowering.

    The protocols prescribe only a slow lowering (CLINICAL.md §1); the way up, the
    weight shift and the reset are given enough time to move safely. Getting up
    without either calf (both sides injured) takes longer than rising on one good leg.
    """

    up_ms: int
    shift_ms: int
    reset_ms: int


ONE_GOOD_LEG = Tempo(up_ms=2000, shift_ms=1000, reset_ms=1000)
BOX_STEP = Tempo(up_ms=3000, shift_ms=1000, reset_ms=1000)


class WayUp(enum.Enum):
    """How the user gets back up onto the toes, so that a sore calf never lifts them."""

    GOOD_LEG = "good leg"  # one side sore: rise on the other leg (Alfredson; Jonsson)
    BOX = "box"  # both sore, flat floor: step up on a low box (Jonsson 2008, seed 004)
    ARMS = "arms"  # both sore, off a step: pull up with the arms on a rail (Alfredson 1998)


WAY_UP_SOURCES = {
    WayUp.GOOD_LEG: "Alfredson H et al. 1998; Jonsson P et al. 2008: up on the good leg.",
    WayUp.BOX: (
        f"Jonsson P et al. Br J Sports Med 2008, as told by {FLAT_FLOOR_ARTICLE}: with both "
        "sides sore, patients stepped up on a box so that neither calf lifted them."
    ),
    WayUp.ARMS: (
        "Alfredson H et al. Am J Sports Med 1998: up on the good leg or with the arms' help. "
        "A box cannot lift anyone above a step's edge, so with both sides sore Coach has you "
        "pull up on a rail, the arms taking as much weight as they can; how to do it is "
        "Coach's own wording."
    ),
}


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
    def way_up(self) -> WayUp:
        return way_up(self.protocol, self.settings)

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
    # Pulling up on a rail takes as long as stepping up on a box.
    tempo = ONE_GOOD_LEG if way_up(protocol, settings) is WayUp.GOOD_LEG else BOX_STEP
    return SessionPlan(protocol=protocol, settings=settings, tempo=tempo, sets=sets)


def way_up(protocol: Protocol, settings: Settings) -> WayUp:
    """Both legs lower, so neither may push up: a box on the floor, the arms off a step."""
    if len(settings.injured.sides) < 2:
        return WayUp.GOOD_LEG
    on_floor = all(e.surface is Surface.FLOOR for e in protocol.exercises)
    return WayUp.BOX if on_floor else WayUp.ARMS
