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

from coach.domain.program import Part, Program
from coach.domain.visa_a import SMALLEST_CHANGE, important_change

ROLLING_DAYS = 7
RECENT_DAYS = 28  # the "last 4 weeks" span, today included
MAX_VISA = 100


@dataclass(frozen=True)
class PainPoint:
    """The pain of one session's rated sets (on one side, or both sides if `side` is None)."""

    when: datetime
    side: str | None
    mean: float
    max: int
    sets: int  # rated sets behind the figures


@dataclass(frozen=True)
class VisaPoint:
    """A VISA-A score, and the leg it is about (None: the one painful leg, or not recorded)."""

    when: datetime
    side: str | None
    score: int


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


class Span(enum.Enum):
    """The stretch of time the Progress charts show."""

    PROGRAM = "This program"
    LAST_4_WEEKS = "Last 4 weeks"
    EVERYTHING = "Everything"


def span_dates(span: Span, today: date, program: Program | None) -> tuple[date | None, date | None]:
    """The first and last day of `span`; None for no limit (this program, without one, too)."""
    if span is Span.PROGRAM and program is not None:
        return program.start, program.end
    if span is Span.LAST_4_WEEKS:
        return today - timedelta(days=RECENT_DAYS - 1), today
    return None, None


def by_side(points: Sequence[PainPoint]) -> dict[str | None, list[PainPoint]]:
    """The points of each side if both legs were trained; otherwise all of them, under None.

    `points` are `Progress.pain_points(by_side=True)`: one per session and side, so with
    one side only they are the sessions' own figures.
    """
    sides = {p.side for p in points}
    if len(sides) > 1:
        return {side: [p for p in points if p.side == side] for side in sorted(sides, key=str)}
    return {None: list(points)}


def visa_by_side(points: Sequence[VisaPoint]) -> dict[str | None, list[VisaPoint]]:
    """One series per leg once a score records its leg (left, right, then any without one).

    With no leg recorded, all the scores are one series, under None.
    """
    if all(p.side is None for p in points):
        return {None: list(points)}
    keys = sorted({p.side for p in points}, key=lambda side: (side is None, side or ""))
    return {side: [p for p in points if p.side == side] for side in keys}


def visa_target(scores: Sequence[int], pain_site: str | None = None) -> int | None:
    """The first score plus the smallest change that matters, if the scale reaches it.

    The change is `visa_a.important_change(pain_site)`; SMALLEST_CHANGE if the site is unknown.
    """
    if not scores:
        return None
    change = SMALLEST_CHANGE if pain_site is None else important_change(pain_site)
    target = scores[0] + change
    return target if target <= MAX_VISA else None


def calendar_span(
    first: date | None,
    last: date | None,
    done_days: Iterable[date],
    programs: Iterable[tuple[date, date]],
    today: date,
) -> tuple[date, date] | None:
    """The days the adherence calendar covers: `first` to `last`, an open end filled in.

    An open start is the earliest workout or program start; an open end the later of
    today and the last program's end (its sessions to come). None if there is nothing.
    """
    spans = list(programs)
    days = list(done_days)
    if first is None:
        starts = [s for s, _ in spans] + days
        if not starts:
            return None
        first = min(starts)
    if last is None:
        last = max([today, *(e for _, e in spans), *days])
    return (first, last) if first <= last else None


def planned_calendar(
    first: date,
    last: date,
    done: Iterable[tuple[date, Part]],
    today: date,
    programs: Iterable[tuple[date, date]],
) -> list[CalendarWeek]:
    """`adherence_calendar`, where only the days of a program are planned.

    `programs` are (first day, last day) spans. Outside them a half-day is None (nothing
    planned, so nothing missed or to come) unless a workout was done in it.
    """
    planned: set[date] = set()
    for start, end in programs:
        day = max(start, first)
        while day <= min(end, last):
            planned.add(day)
            day += timedelta(days=1)
    weeks = []
    for week in adherence_calendar(first, last, done, today):
        days = tuple(
            marks if week.first + timedelta(days=i) in planned else _unplanned(marks)
            for i, marks in enumerate(week.days)
        )
        weeks.append(CalendarWeek(week.first, days))
    return weeks


def _unplanned(marks: tuple[Mark | None, Mark | None]) -> tuple[Mark | None, Mark | None]:
    morning, evening = (m if m is Mark.DONE else None for m in marks)
    return morning, evening


def tally(weeks: Iterable[CalendarWeek]) -> dict[Mark, int]:
    """How many half-days of the calendar are done, missed and to come."""
    counts = dict.fromkeys(Mark, 0)
    for week in weeks:
        for marks in week.days:
            for mark in marks:
                if mark is not None:
                    counts[mark] += 1
    return counts
