"""What happened in a workout: the sets done, their pain, and how the session ended.

Built from the engine's state as the session runs; the workout view writes each
change through the storage layer's journal as it happens.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from coach.domain.pain import check_rating
from coach.domain.settings import Side
from coach.domain.timeline import SetSpan, Timeline


class Outcome(enum.Enum):
    COMPLETED = "completed"  # the timeline ran to its end
    ENDED_EARLY = "ended early"  # the user ended it (pain, time), keeping what was done
    STOPPED = "stopped"  # the user stopped it, or a red flag was reported


@dataclass(frozen=True)
class SetResult:
    index: int  # into Timeline.spans
    exercise: str
    number: int
    side: Side
    reps: int
    load_kg: float
    lower_seconds: int
    pain: int | None = None  # None: not rated (yet)


@dataclass
class SessionRecord:
    """A workout's results, filled in as it runs."""

    timeline: Timeline
    sets: list[SetResult] = field(default_factory=list)
    outcome: Outcome | None = None
    reason: str = ""
    note: str = ""
    seconds: float = 0.0

    def add_completed(self, span: SetSpan) -> SetResult:
        settings = self.timeline.plan.settings
        result = SetResult(
            index=span.index,
            exercise=span.set.exercise.id,
            number=span.set.number,
            side=span.set.side,
            reps=span.set.reps,
            load_kg=settings.load_kg,
            lower_seconds=settings.lower_seconds,
        )
        self.sets.append(result)
        return result

    def rate(self, index: int, pain: int | None) -> None:
        """Record the pain of the completed set `index`; None takes a rating back."""
        if pain is not None:
            check_rating(pain)
        for i, s in enumerate(self.sets):
            if s.index == index:
                self.sets[i] = replace(s, pain=pain)
                return
        raise KeyError(f"set {index} is not completed")

    def ratings(self) -> list[int | None]:
        return [s.pain for s in self.sets]

    def reps_by_side(self) -> dict[Side, int]:
        totals: dict[Side, int] = {}
        for s in self.sets:
            totals[s.side] = totals.get(s.side, 0) + s.reps
        return totals

    def finish(self, outcome: Outcome, seconds: float, reason: str = "") -> None:
        self.outcome = outcome
        self.seconds = seconds
        self.reason = reason
