"""Series for the Progress charts and the clinician's report, computed from plain records.

Pure functions: the storage layer reads the records, these shape them, and the charts
and the PDF only draw. Times are local wall-clock datetimes (naive), the program's
calendar's own.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach.domain.program import Part

ROLLING_DAYS = 7


@dataclass(frozen=True)
class PainPoint:
    """The pain of one session's rated sets (on one side, or both sides if `side` is None)."""

    when: datetime
    side: str | None
    mean: float
    max: int
    sets: int  # rated sets behind the figures


@dataclass(frozen=True)
class LoadPoint:
    when: datetime
    load_kg: float


def rolling_mean(
    points: Sequence[tuple[datetime, float]], days: int = ROLLING_DAYS
) -> list[tuple[datetime, float]]:
    """At each point, the mean of the values in the `days` days up to and including it.

    `points` must be in time order.
    """
    times = [t for t, _ in points]
    sums = [0.0]
    for _, v in points:
        sums.append(sums[-1] + v)
    out = []
    for i, (t, _) in enumerate(points):
        first = bisect.bisect_right(times, t - timedelta(days=days), 0, i + 1)
        out.append((t, (sums[i + 1] - sums[first]) / (i + 1 - first)))
    return out


def load_steps(points: Sequence[LoadPoint]) -> list[LoadPoint]:
    """Only the points where the load changes (and the first): the corners of a step line."""
    steps: list[LoadPoint] = []
    for p in points:
        if not steps or p.load_kg != steps[-1].load_kg:
            steps.append(p)
    return steps


class Mark(enum.Enum):
    """One planned session on the adherence calendar."""

    DONE = "done"
    MISSED = "missed"
    TO_COME = "to come"  # today's not yet done, or a later day


@dataclass(frozen=True)
class CalendarWeek:
    first: date  # the Monday of the week
    days: tuple[tuple[Mark | None, Mark | None], ...]  # Mon..Sun; None: outside the range


def adherence_calendar(
    first: date, last: date, done: Iterable[tuple[date, Part]], today: date
) -> list[CalendarWeek]:
    """Weeks (Monday first) x days x (morning, evening) from `first` to `last`."""
    filled = set(done)
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        days: list[tuple[Mark | None, Mark | None]] = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if not first <= day <= last:
                days.append((None, None))
                continue
            marks = tuple(_mark(day, part, filled, today) for part in Part)
            days.append((marks[0], marks[1]))
        weeks.append(CalendarWeek(monday, tuple(days)))
        monday += timedelta(days=7)
    return weeks


def _mark(day: date, part: Part, filled: set[tuple[date, Part]], today: date) -> Mark:
    if (day, part) in filled:
        return Mark.DONE
    return Mark.TO_COME if day >= today else Mark.MISSED
