"""The chart of the load added to body weight, as steps from the session each load was
first used in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import partial

import numpy as np
from PySide6.QtWidgets import QWidget

from coach.domain import dates
from coach.domain.trends import LoadPoint, load_steps
from coach.domain.wording import format_kg
from coach.ui.charts.axis import seconds
from coach.ui.charts.card import ChartCard
from coach.ui.charts.theme import glyph, pen


class LoadChart(ChartCard):
    """The load added to body weight, as steps: it changes only when the user adds weight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Added load", "load", parent)
        self.plot = self.add_plot(2, "added load (kg)", grid=True)
        self.set_height(260)

    def show_load(self, points: Sequence[LoadPoint], x_range: tuple[float, float]) -> None:
        """Plot the series "steps" (the changes of load) and the line through them."""
        self._redraw = partial(self.show_load, points, x_range)
        c = self.colours
        self.key.setText(f"{glyph(c.blue, '━●━')} kg added to body weight, from the session "
                         "it was first used in")  # fmt: skip
        self.plot.clear()
        steps = load_steps(points)
        x = seconds([p.when for p in steps])
        y = np.array([p.load_kg for p in steps])
        # Each step lasts until the next; the last one until the last session.
        end = seconds([points[-1].when])[0] if points else 0.0
        self.plot.plot("line", np.repeat(np.append(x, end), 2)[1:-1], np.repeat(y, 2), None,
                       pen=pen(c.blue, 2.5))  # fmt: skip

        def said(i: int) -> str:
            kg = steps[i].load_kg
            what = f"added load {format_kg(kg)}" if kg else "no added load (body weight)"
            return f"from {dates.moment(steps[i].when)}\n{what}"

        self.plot.plot("steps", x, y, said, pen=None, symbol="o", symbolSize=8,
                       symbolPen=pen(c.paper, 1), symbolBrush=c.blue)  # fmt: skip
        top = max((p.load_kg for p in steps), default=0.0)
        self.plot.set_range(x_range, (-1.0, max(10.0, math.ceil(top / 5 + 1) * 5)))
        self.show_chart()
