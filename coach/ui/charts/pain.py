"""The chart of pain during the exercises: each session's mean and worst set, and the
7-day mean, per leg, over the pain zones' bands.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from coach.domain import dates
from coach.domain.chart_data import PAIN_BANDS, PAIN_SCALE, PAIN_TICKS, ROLLING_LABEL, session_means
from coach.domain.trends import PainPoint, rolling_mean
from coach.ui.charts.axis import seconds
from coach.ui.charts.card import ChartCard
from coach.ui.charts.plot import BIG, number
from coach.ui.charts.theme import DASH, SIDES, ZONE_LOOK, glyph, pen

PAIN_MARGIN = 0.3  # of the pain axis, below 0 and above 10, so the dots at the ends show
PAIN_RANGE = (PAIN_SCALE[0] - PAIN_MARGIN, PAIN_SCALE[1] + PAIN_MARGIN)


class PainChart(ChartCard):
    """Pain during the exercises: each session's mean and worst set, and the 7-day mean."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Pain during the exercises", "pain", parent)
        low, high = PAIN_SCALE
        self.plot = self.add_plot(2, f"pain ({low}{DASH}{high})")
        plot = self.plot
        plot.right.setTicks([[(band.middle, band.label(DASH)) for band in PAIN_BANDS]])
        plot.right.setStyle(showValues=True)
        ticks = [(v, str(v)) for v in PAIN_TICKS]
        plot.left.setTicks([ticks, [(v, "") for v in range(1, 10, 2)]])
        for band in PAIN_BANDS:
            hue, alpha = ZONE_LOOK[band.zone]
            plot.add_band(band.low, band.high, hue, alpha)
        self.set_height(330)

    def show_points(self, groups: dict[str | None, list[PainPoint]],
                    x_range: tuple[float, float]) -> None:  # fmt: skip
        """Plot `groups` (per side, or all under None: see `trends.by_side`).

        Series are named "<side> mean", "<side> worst" and "<side> rolling", where side is
        "left", "right" or "all".
        """
        self._redraw = partial(self.show_points, groups, x_range)
        self.plot.clear()
        keys = [self._add_side(side, points) for side, points in groups.items() if points]
        self.key.setText(" &nbsp;&nbsp; ".join(keys))
        self.plot.set_range(x_range, PAIN_RANGE)
        self.show_chart()

    def _add_side(self, side: str | None, points: list[PainPoint]) -> str:
        hue, symbol, dash = SIDES.get(side, SIDES[None])
        colour = self.colours.hue(hue)
        name = side or "all"
        where = f" ({side} leg)" if side else ""
        x = seconds([p.when for p in points])
        rolled = rolling_mean(session_means(points))
        small = len(points) < BIG

        def said_mean(i: int) -> str:
            p = points[i]
            rated = "1 rated set" if p.sets == 1 else f"{p.sets} rated sets"
            return f"{dates.moment(p.when)}{where}\nmean pain {number(p.mean)} ({rated})"

        def said_worst(i: int) -> str:
            return f"{dates.moment(points[i].when)}{where}\nworst set: pain {points[i].max}"

        def said_rolled(i: int) -> str:
            return (f"{dates.day(points[i].when.date())}{where}\n"
                    f"{ROLLING_LABEL} pain {number(rolled[i][1])}")  # fmt: skip

        means = np.array([p.mean for p in points])
        if small:
            line = self.plot.plot(f"{name} mean", x, means, said_mean, pen=pen(colour, 1),
                                  symbol=symbol, symbolSize=5, symbolPen=None,
                                  symbolBrush=colour)  # fmt: skip
            line.setOpacity(0.75)
            self.plot.plot(f"{name} worst", x, np.array([float(p.max) for p in points]),
                           said_worst, pen=None, symbol="t1", symbolSize=8,
                           symbolPen=pen(colour, 1.2), symbolBrush=None)  # fmt: skip
        else:  # thousands of sessions: a faint cloud of means under the weekly line
            cloud = self.plot.plot(f"{name} mean", x, means, said_mean, pen=None,
                                   symbol=symbol, symbolSize=3, symbolPen=None,
                                   symbolBrush=colour)  # fmt: skip
            cloud.setOpacity(0.35)
        thick = self.plot.plot(f"{name} rolling", x, np.array([v for _, v in rolled]),
                               said_rolled, pen=pen(colour, 3.5, dash))  # fmt: skip
        thick.setZValue(5)
        rolling = "╍╍╍" if dash is Qt.PenStyle.DashLine else "━━━"
        dot = "■" if symbol == "s" else "●"
        prefix = f"<b>{side.capitalize()} leg:</b> " if side else ""
        if not small:
            return (f"{prefix}{glyph(colour, dot)} mean of each session &nbsp; "
                    f"{glyph(colour, rolling)} {ROLLING_LABEL} &nbsp; "
                    "(each session's worst set: choose a shorter span)")  # fmt: skip
        return (f"{prefix}{glyph(colour, f'─{dot}─')} mean per session &nbsp; "
                f"{glyph(colour, '△')} worst set &nbsp; "
                f"{glyph(colour, rolling)} {ROLLING_LABEL}")  # fmt: skip
