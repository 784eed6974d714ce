"""The charts' axes: the date axis along the bottom, its ticks and labels, and how an
axis is styled and coloured.

Times are wall-clock seconds since 1970 on an axis labelled as UTC: the records' own
local wall clock, the program calendar's, with no daylight-saving jumps. Which days get
a tick is `coach.domain.chart_data`'s rule, shared with the report's chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pyqtgraph as pg  # type: ignore[import-untyped]  # pyqtgraph ships no type hints
from PySide6.QtGui import QFont, QFontMetrics

from coach.domain import dates
from coach.domain.chart_data import every_day, month_has_year, month_starts
from coach.ui.charts.theme import Colours, font, pen

DAY = 86_400.0
LEFT_AXIS_PX = 64
RIGHT_AXIS_PX = 112  # room for the pain zones' names
EPOCH = datetime(1970, 1, 1)  # noqa: DTZ001 - the records' wall clock, naive on purpose


def seconds(moments: Sequence[datetime | date]) -> np.ndarray:
    """Wall-clock seconds since 1970 of naive datetimes (or dates, at midnight)."""
    return np.array(moments, dtype="datetime64[s]").astype(np.float64)


class DayAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph has no type hints
    """Dates as people write them, as many as fit: days, months or years.

    pyqtgraph's own labels run a day number into a month name ("30Sep 04"); these are
    days ("21 Nov") when days are wide, else Mondays, else every other Monday, else
    months ("Oct", "Jan 2027"), else quarters or years, with finer ticks unlabelled.
    """

    GAP_PX = 12  # at least this between two labels

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(utcOffset=0, **kwargs)
        self._label: Callable[[date, int], str] = lambda d, _i: str(d.year)

    def _room(self, widest: str) -> float:
        """Pixels between ticks for labels as wide as `widest`, in the axis' font."""
        tick_font = self.style.get("tickFont") or QFont()
        return QFontMetrics(tick_font).horizontalAdvance(widest) + self.GAP_PX

    def tickValues(  # noqa: N802 - pyqtgraph's name
        self, low: float, high: float, size: float
    ) -> list[tuple[float, list[float]]]:
        if size <= 0 or high <= low:
            return []
        first = (EPOCH + timedelta(seconds=low)).date()
        last = (EPOCH + timedelta(seconds=high)).date()
        px_day = size / ((high - low) / DAY)
        mondays = every_day(first - timedelta(days=first.weekday()), last, 7)
        day, month = self._room("28 May"), self._room("May 2027")  # the widest of each
        if px_day >= day:
            major, minor = every_day(first, last, 1), []
            self._label = lambda d, _i: dates.day_month(d, year=False)
        elif px_day * 7 >= day:
            major, minor = mondays, every_day(first, last, 1) if px_day >= 4 else []
            self._label = lambda d, _i: dates.day_month(d, year=False)
        elif px_day * 14 >= day:
            major, minor = mondays[::2], mondays
            self._label = lambda d, _i: dates.day_month(d, year=False)
        elif px_day * 28 >= month:  # February is the shortest month
            major, minor = month_starts(first, last, 1), mondays if px_day * 7 >= 6 else []
            self._label = lambda d, i: dates.month(d, year=month_has_year(d, i))
        elif px_day * 89 >= month:  # January to March, the shortest quarter
            major, minor = month_starts(first, last, 3), month_starts(first, last, 1)
            self._label = lambda d, _i: dates.month(d, year=True)
        else:  # every year, or every few when even years are narrow
            years = math.ceil(self._room("2027") / (px_day * 365))
            major = month_starts(first, last, 12)[::years]
            minor = month_starts(first, last, 3 if years == 1 else 12)
            self._label = lambda d, _i: str(d.year)
        majors = set(major)
        minor = [d for d in minor if d not in majors]
        return [(7 * DAY, _within(major, low, high)), (DAY, _within(minor, low, high))]

    def tickStrings(  # noqa: N802 - pyqtgraph's name
        self, values: list[float], _scale: float, spacing: float
    ) -> list[str]:
        if spacing < 7 * DAY:
            return [""] * len(values)
        days = [(EPOCH + timedelta(seconds=v)).date() for v in values]
        return [self._label(d, i) for i, d in enumerate(days)]


def _within(days: list[date], low: float, high: float) -> list[float]:
    return [float(x) for x in seconds(days) if low <= x <= high]


def make_axis(orientation: str, *, values: bool = True,
              kind: type[pg.AxisItem] = pg.AxisItem, **style: Any) -> pg.AxisItem:  # fmt: skip
    """An axis styled once, at birth: each later restyle lays its label out again.

    Its colours come after, from `colour_axis`.
    """
    axis = kind(orientation=orientation, showValues=values)
    axis.enableAutoSIPrefix(enable=False)
    axis.setStyle(tickFont=font(10), **style)
    return axis


def colour_axis(axis: pg.AxisItem, c: Colours) -> None:
    """The axis' line in grey, its labels in ink."""
    axis.setPen(pen(c.grey))
    axis.setTextPen(pen(c.ink))  # after the pen, which would colour the label too
