"""The chart of VISA-A scores: each leg's scores, the line of recovery, and each leg's
target, the smallest change that matters.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pyqtgraph as pg  # type: ignore[import-untyped]  # pyqtgraph ships no type hints
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from coach.domain import dates
from coach.domain.trends import VisaPoint, visa_target
from coach.domain.visa_a import RECOVERED, SMALLEST_CHANGE, important_change
from coach.ui.charts.axis import seconds
from coach.ui.charts.card import ChartCard
from coach.ui.charts.theme import DASH, SIDES, UNRECORDED, faded, font, glyph, pen


class VisaChart(ChartCard):
    """VISA-A scores, with the line of recovery and the smallest change that matters.

    One series per leg when the scores record their leg (both Achilles painful: one
    questionnaire each), each with its own target line; else one series, "score".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("VISA-A score", "visa-a", parent)
        self.plot = self.add_plot(2, f"score (0{DASH}100)", grid=True)
        self.plot.left.setTicks([[(v, str(v)) for v in range(0, 101, 20)]])
        self.plot.add_band(RECOVERED, 100, "green", 30)
        self.recovered = self._line(above=False)
        self.recovered.setPos(RECOVERED)
        self.recovered.label.setFormat(f"recovered: {RECOVERED} or more")
        self.target = self._line()  # of the one series (None); the legs' are made on use
        self.targets: dict[str | None, pg.InfiniteLine] = {None: self.target}
        self.set_height(320)

    def _line(self, *, above: bool = True) -> pg.InfiniteLine:
        """A horizontal line, labelled at its left end (the label above it or below)."""
        anchor = (0, 1) if above else (0, 0)
        line = pg.InfiniteLine(
            angle=0, movable=False, label=" ",
            labelOpts={"position": 0.01, "anchors": [anchor, anchor]},
        )  # fmt: skip
        line.label.setFont(font(10))
        self.plot.vb.addItem(line, ignoreBounds=True)
        return line

    def _colour_line(self, line: pg.InfiniteLine, colour: str, style: Qt.PenStyle) -> None:
        line.setPen(pen(colour, 2, style))
        line.label.setColor(self.colours.ink)
        line.label.fill = pg.mkBrush(faded(self.colours.paper, 200))
        line.label.update()

    def _target(self, side: str | None) -> pg.InfiniteLine:
        if side not in self.targets:  # the right leg's label under its line, the left's above
            self.targets[side] = self._line(above=side != "right")
        return self.targets[side]

    def show_scores(
        self,
        groups: dict[str | None, list[VisaPoint]],
        x_range: tuple[float, float],
        pain_site: str | None = None,
    ) -> None:
        """Plot `groups` (see `trends.visa_by_side`): series "score", or "left score" etc.

        Each leg's target line is its first score + `important_change(pain_site)`, if
        the scale reaches it; scores that record no leg beside those that do get none.
        """
        self._redraw = partial(self.show_scores, groups, x_range, pain_site)
        self.plot.clear()
        self._colour_line(self.recovered, self.colours.green, Qt.PenStyle.DashLine)
        for line in self.targets.values():
            line.hide()
        by_leg = any(side is not None for side in groups)
        keys = [self._add_side(side, points, pain_site, by_leg=by_leg)
                for side, points in groups.items() if points]  # fmt: skip
        self.key.setText(" &nbsp;&nbsp; ".join(keys))
        self.plot.set_range(x_range, (-2, 102))
        self.show_chart()

    def _add_side(self, side: str | None, points: list[VisaPoint], pain_site: str | None, *,
                  by_leg: bool) -> str:  # fmt: skip
        c = self.colours
        hue, symbol, dash = SIDES[side] if side or not by_leg else UNRECORDED
        colour = c.hue(hue)
        where = f" ({side} leg)" if side else (" (leg not recorded)" if by_leg else "")
        values = [p.score for p in points]
        first = values[0]

        def said(i: int) -> str:
            change = f" ({values[i] - first:+d} since the first shown)" if i else ""
            return f"{dates.day(points[i].when.date())}{where}\nVISA-A {values[i]} of 100{change}"

        name = f"{side} score" if side else "score"
        self.plot.plot(name, seconds([p.when for p in points]), np.array(values, float), said,
                       pen=pen(colour, 2, dash), symbol=symbol, symbolSize=9,
                       symbolPen=pen(c.paper, 1), symbolBrush=colour)  # fmt: skip
        target = visa_target(values, pain_site)
        if target is not None and (side is not None or not by_leg):
            line = self._target(side)
            self._colour_line(line, colour if side else c.ink, Qt.PenStyle.DotLine)
            change = important_change(pain_site) if pain_site else SMALLEST_CHANGE
            site = f" for {pain_site} pain" if pain_site else ""
            leg = f"{side} leg: " if side else ""
            line.setPos(target)
            line.label.setFormat(f"{leg}first score {first} + {change} = {target}: "
                                 f"the smallest change that matters{site}")  # fmt: skip
            line.show()
        dot = {"s": "■", "t": "▲"}.get(symbol, "●")
        if side:
            return f"<b>{side.capitalize()} leg:</b> {glyph(colour, f'─{dot}─')} VISA-A score"
        if by_leg:
            return f"{glyph(colour, f'─{dot}─')} leg not recorded"
        return f"{glyph(colour, '─●─')} VISA-A score (100: no symptoms)"
