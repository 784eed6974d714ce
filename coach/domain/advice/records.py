"""The plain records the pain-monitoring rules read and return.

A rule reads a `History` (the program's sessions with their pain, the morning check-ins
and the VISA-A scores) and returns an `Advice` of a `Kind`. Storage builds these records
from the database; the rules never see a row.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coach.domain.advice.thresholds import MAX_STIFFNESS, NEARLY_PAIN_FREE
from coach.domain.visa_a import important_change


class Kind(enum.Enum):
    PAUSED = "paused"
    LOWER = "lower"
    REVIEW = "review"
    HOLD = "hold"  # keep the load, add none: the mornings are not clearly settled
    ADD_LOAD = "add load"
    CARRY_ON = "carry on"


@dataclass(frozen=True)
class Advice:
    kind: Kind
    text: str  # what to do, in a sentence or two
    why: str  # the rule behind it, in a line
    source: str
    own: str = ""  # which of the rule's thresholds are Coach's own, if any


@dataclass(frozen=True)
class SessionPain:
    """A session's pain during its sets, in the order they were done."""

    day: date
    load_kg: float
    pains: tuple[int | None, ...]  # one per set done; None: not rated
    complete: bool  # every planned set was done

    @property
    def worst(self) -> int | None:
        rated = [p for p in self.pains if p is not None]
        return max(rated) if rated else None

    @property
    def without_pain(self) -> bool:
        """Whole, every set rated, and none above 'nearly pain-free'."""
        return (
            self.complete
            and bool(self.pains)
            and all(p is not None and p <= NEARLY_PAIN_FREE for p in self.pains)
        )


@dataclass(frozen=True)
class Morning:
    """A morning check-in. Either answer may be skipped (None)."""

    day: date
    pain: int | None
    stiffness_minutes: int | None


def check_stiffness(minutes: int | None) -> int | None:
    """`minutes` itself if None or a whole number from 0 to a day; ValueError otherwise."""
    whole = isinstance(minutes, int) and not isinstance(minutes, bool)
    if minutes is not None and (not whole or not 0 <= minutes <= MAX_STIFFNESS):
        raise ValueError(
            f"morning stiffness must be a whole number of minutes from 0 to {MAX_STIFFNESS} "
            f"(got {minutes!r})"
        )
    return minutes


@dataclass(frozen=True)
class VisaScore:
    day: date
    score: int
    side: str | None = None  # "left" or "right" when both sides hurt; None: the one side


@dataclass(frozen=True)
class History:
    """What the rules look at. Sessions, mornings and scores oldest first."""

    today: date
    start: date  # the program's first day
    sessions: Sequence[SessionPain] = ()
    mornings: Sequence[Morning] = ()
    visa: Sequence[VisaScore] = ()
    paused_for: str = ""  # the red flag that paused the program (its label); "" if none
    pain_site: str = "midportion"  # the protocol's: it sets the VISA-A change that matters

    @property
    def week(self) -> int:
        return (self.today - self.start).days // 7 + 1

    @property
    def visa_change(self) -> int:
        return important_change(self.pain_site)
