"""The chart of the next-morning check-ins: pain, and how long the tendon stays stiff,
each with its 7-day mean.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from functools import partial

import numpy as np
from PySide6.QtWidgets import QWidget

from coach.domain import dates
from coach.domain.advice import Morning
from coach.domain.chart_data import (
    PAIN_SCALE,
    PAIN_TICKS,
    ROLLING_LABEL,
    midnight,
    morning_pain,
    morning_stiffness,
)
from coach.domain.trends import rolling_mean
from coach.ui.charts.axis import seconds
from coach.ui.charts.card import ChartCard
from coach.ui.charts.plot import BIG, Plot, number
from coach.ui.charts.theme import DASH, glyph, pen


class MorningChart(ChartCard):
    """The next-morning check-ins: pain, and how long the tendon stays stiff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Mornings: pain and stiffness", "mornings", parent)
        low, high = PAIN_SCALE
        self.pain = self.add_plot(2, f"pain ({low}{DASH}{high})", grid=True)
        self.stiffness = self.add_plot(4, "stiffness (min)", grid=True)
        self.pain.left.setTicks([[(v, str(v)) for v in PAIN_TICKS]])
        self.set_height(430)

    def show_mornings(self, mornings: Sequence[Morning], x_range: tuple[float, float]) -> None:
        """Plot the answered check-ins: series "pain", "pain rolling", "stiffness", ..."""
        self._redraw = partial(self.show_mornings, mornings, x_range)
        c = self.colours
        self.key.setText(f"{glyph(c.orange, '─●─')} pain, {glyph(c.green, '─●─')} stiffness, "
                         f"each morning &nbsp;&nbsp; {glyph(c.ink, '━━━')} "
                         f"{ROLLING_LABEL}")  # fmt: skip
        pains = morning_pain(mornings)
        stiff = morning_stiffness(mornings)
        self._show(self.pain, "pain", pains, "pain", c.orange)
        self._show(self.stiffness, "stiffness", stiff, "minutes stiff", c.green)
        top = max((v for _, v in stiff), default=0.0)
        self.pain.set_range(x_range, (-0.5, 10.5))
        self.stiffness.set_range(x_range, (-1, max(30.0, math.ceil(top / 10 + 0.5) * 10)))
        self.show_chart()

    def _show(self, plot: Plot, name: str, values: list[tuple[date, float]], what: str,
              colour: str) -> None:  # fmt: skip
        plot.clear()
        if not values:
            return
        days = [d for d, _ in values]
        x = seconds(days)
        rolled = rolling_mean([(midnight(d), v) for d, v in values])
        small = len(values) < BIG

        def said(i: int) -> str:
            return f"{dates.day(days[i])}, morning\n{what}: {number(values[i][1])}"

        def said_rolled(i: int) -> str:
            return f"{dates.day(days[i])}\n{ROLLING_LABEL} {what}: {number(rolled[i][1])}"

        plot.plot(name, x, np.array([v for _, v in values]), said,
                  pen=pen(colour, 1) if small else None, symbol="o",
                  symbolSize=5 if small else 3, symbolPen=None, symbolBrush=colour)  # fmt: skip
        thick = plot.plot(f"{name} rolling", x, np.array([v for _, v in rolled]), said_rolled,
                          pen=pen(self.colours.ink, 3))  # fmt: skip
        thick.setZValue(5)
