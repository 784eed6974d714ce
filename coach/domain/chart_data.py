"""What the pain chart shows, told once for both of its drawings: the Progress page's
(pyqtgraph, on screen) and the clinician's report's (QPainter, in the PDF).

Plain rules and numbers, no drawing: the pain zones' bands and their limits, the series
plotted (each session's mean, the mornings' pain), the days a chart spans, the pain
scale's labelled values, the words of the keys, and the days that get a date tick.
Each drawing keeps its own colours, sizes and fonts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby

from coach.domain.advice import Morning
from coach.domain.pain import Zone, zone
from coach.domain.trends import ROLLING_DAYS, PainPoint

PAIN_SCALE = (0, 10)  # the lowest and highest pain rating
PAIN_TICKS = tuple(range(PAIN_SCALE[0], PAIN_SCALE[1] + 1, 2))  # the labelled ratings
ROLLING_LABEL = f"{ROLLING_DAYS}-day mean"  # the trend line's name in the keys


@dataclass(frozen=True)
class PainBand:
    """A pain zone drawn as a band behind the data, from `low` to `high` on the pain axis.

    The bands meet halfway between whole ratings, so each rating sits inside its band.
    """

    zone: Zone
    first: int  # the lowest rating in the zone
    last: int  # the highest

    @property
    def low(self) -> float:
        return self.first - 0.5

    @property
    def high(self) -> float:
        return self.last + 0.5

    @property
    def middle(self) -> float:
        """Where the band's name goes on the pain axis."""
        return (self.low + self.high) / 2

    def label(self, dash: str) -> str:
        """The band's name, "0-2 safe", its ratings joined by `dash`."""
        return f"{self.first}{dash}{self.last} {self.zone.value}"


def _bands() -> tuple[PainBand, ...]:
    """The zones of `coach.domain.pain.zone`, as runs of whole ratings."""
    ratings = range(PAIN_SCALE[0], PAIN_SCALE[1] + 1)
    bands = []
    for z, run in groupby(ratings, key=lambda r: zone(r).zone):
        rs = list(run)
        bands.append(PainBand(z, rs[0], rs[-1]))
    return tuple(bands)


PAIN_BANDS = _bands()  # safe, acceptable, too much: from the lowest ratings up


def clip(low: float, high: float, axis: tuple[float, float]) -> tuple[float, float]:
    """A band from `low` to `high`, cut to the axis' range (a file's drawing may not clip)."""
    return max(low, axis[0]), min(high, axis[1])


def midnight(day: date) -> datetime:
    """The start of `day`, on the records' naive wall clock."""
    return datetime.combine(day, time())


def day_span(first: date, last: date) -> tuple[datetime, datetime]:
    """A chart's time axis over the days `first` to `last`: from the start of the first
    to the end of the last."""
    return midnight(first), midnight(last + timedelta(days=1))


def session_means(points: Sequence[PainPoint]) -> list[tuple[datetime, float]]:
    """Each session's mean pain over its rated sets: the dots, and what the trend averages."""
    return [(p.when, p.mean) for p in points]


def morning_pain(mornings: Sequence[Morning]) -> list[tuple[date, float]]:
    """The mornings' pain, where the check-in rated it."""
    return [(m.day, float(m.pain)) for m in mornings if m.pain is not None]


def morning_stiffness(mornings: Sequence[Morning]) -> list[tuple[date, float]]:
    """The mornings' minutes of stiffness, where the check-in gave them."""
    return [(m.day, float(m.stiffness_minutes)) for m in mornings
            if m.stiffness_minutes is not None]  # fmt: skip


# -- date ticks ---------------------------------------------------------------------
def every_day(first: date, last: date, step: int) -> list[date]:
    """`first` and every `step`-th day after it, up to `last`."""
    return [first + timedelta(days=n) for n in range(0, (last - first).days + 1, step)]


def month_starts(first: date, last: date, every: int) -> list[date]:
    """The first days of months from `first` to `last` whose number is 1 + a multiple of `every`.

    `every` divides 12 (1, 2, 3, 6 or 12), so the ticks fall on the same months each year.
    """
    out = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        if (month - 1) % every == 0 and date(year, month, 1) >= first:
            out.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def month_has_year(day: date, index: int) -> bool:
    """Whether the month tick `index` (0: the first shown) says its year: the first, and
    each January."""
    return index == 0 or day.month == 1
