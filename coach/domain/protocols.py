"""The exercise protocols Coach can run, with the numbers and their sources.

Every figure here comes from the project's clinical brief (CLINICAL.md §1),
which cites the trials. The texts are Coach's own words.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

# The article the project started from (seed 004), named as what it is.
FLAT_FLOOR_ARTICLE = (
    "John Davis, a running blog article on flat-floor heel drops for insertional Achilles "
    "pain, which summarises Jonsson 2008"
)


class Surface(enum.Enum):
    """Where the heel is lowered to."""

    STEP = "step"  # below the edge of a step: the ankle goes into dorsiflexion
    FLOOR = "floor"  # down to the floor and no lower: no dorsiflexion


class Knee(enum.Enum):
    STRAIGHT = "straight"
    BENT = "bent"


@dataclass(frozen=True)
class Exercise:
    """One exercise of a protocol: the same rep cycle on a given surface and knee angle."""

    id: str
    name: str
    short: str
    surface: Surface
    knee: Knee

    @property
    def lower_how(self) -> str:
        """How far the heel goes, and how the knee is held, in the user's words."""
        if self.surface is Surface.FLOOR:
            where = "heel down to the floor and no lower"
        else:
            where = "let the heel sink below the edge of the step"
        if self.knee is Knee.BENT:
            return f"{where}; keep the knee bent a little (20-30°) all the way"
        return f"{where}; knee straight"

    @property
    def setup(self) -> str:
        if self.surface is Surface.FLOOR:
            return "Stand on a flat, firm floor, near something to hold for balance."
        return "Stand with the balls of your feet on the edge of a step, holding a rail."


STRAIGHT_KNEE_STEP = Exercise(
    id="straight_knee_step",
    name="Heel drop off a step, knee straight",
    short="knee straight",
    surface=Surface.STEP,
    knee=Knee.STRAIGHT,
)
BENT_KNEE_STEP = Exercise(
    id="bent_knee_step",
    name="Heel drop off a step, knee bent",
    short="knee bent",
    surface=Surface.STEP,
    knee=Knee.BENT,
)
FLAT_FLOOR = Exercise(
    id="flat_floor",
    name="Heel drop on a flat floor, knee straight",
    short="flat floor",
    surface=Surface.FLOOR,
    knee=Knee.STRAIGHT,
)


@dataclass(frozen=True)
class Protocol:
    """A published eccentric program: which exercises, how much, how often, for how long."""

    id: str
    name: str
    pain_site: str
    where_it_hurts: str
    exercises: tuple[Exercise, ...]
    sets: int
    reps: int
    sessions_per_day: int
    days_per_week: int
    weeks: int
    source: str
    why: str


ALFREDSON = Protocol(
    id="alfredson",
    name="Alfredson heel drops off a step",
    pain_site="midportion",
    where_it_hurts="in the tendon itself, about 2-6 cm above the heel bone",
    exercises=(STRAIGHT_KNEE_STEP, BENT_KNEE_STEP),
    sets=3,
    reps=15,
    sessions_per_day=2,
    days_per_week=7,
    weeks=12,
    source="Alfredson H et al. Am J Sports Med 1998;26(3):360-6.",
    why=(
        "For pain in the middle of the tendon, this is the original program: slow lowering "
        "off a step, with the knee straight and then bent. Over 80% got back to their "
        f"activity in several studies since, as {FLAT_FLOOR_ARTICLE} reports."
    ),
)

JONSSON = Protocol(
    id="jonsson",
    name="Jonsson heel drops on a flat floor",
    pain_site="insertional",
    where_it_hurts="where the tendon meets the heel bone",
    exercises=(FLAT_FLOOR,),
    sets=3,
    reps=15,
    sessions_per_day=2,
    days_per_week=7,
    weeks=12,
    source="Jonsson P et al. Br J Sports Med 2008;42(9):746-9 (PubMed 18184750).",
    why=(
        "For pain at the heel bone, dropping below a step is thought to squeeze the tendon "
        "where it attaches; only about a third got back to their activity that way. "
        "Stopping at floor level brought about two thirds back (the figures as "
        f"{FLAT_FLOOR_ARTICLE} reports them)."
    ),
)

PROTOCOLS: dict[str, Protocol] = {p.id: p for p in (ALFREDSON, JONSSON)}
