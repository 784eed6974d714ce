"""One plot of a chart: a view with its axes, its series and the read-out of the point
under the mouse.

Series go to pyqtgraph as numpy arrays; a big one is drawn downsampled, clipped to the
view and without antialiasing, so five years of sessions stay quick. Every graphics item
is made once and given new data on reload, which is quicker than making new ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg  # type: ignore[import-untyped]  # pyqtgraph ships no type hints
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsRectItem

from coach.domain.chart_data import clip
from coach.ui.charts.axis import (
    LEFT_AXIS_PX,
    RIGHT_AXIS_PX,
    DayAxis,
    colour_axis,
    make_axis,
)
from coach.ui.charts.theme import Colours, faded, font, pen

BIG = 1000  # from this many points: no antialiasing, downsampled, no markers on lines
HOVER_PX = 18  # how near (in pixels) the mouse must be to a point to read it out


def number(value: float) -> str:
    """A figure to two decimals at most, without trailing zeros: 2.33, 4.5, 4."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, eq=False)
class Series:
    """Points the mouse can read out: `describe(i)` says what point `i` is."""

    name: str
    x: np.ndarray
    y: np.ndarray
    describe: Callable[[int], str]
    item: pg.PlotDataItem


def colour_readout(label: pg.TextItem, c: Colours) -> None:
    """The read-out under the mouse: ink on nearly opaque paper, in a grey frame."""
    label.setColor(c.ink)
    label.fill = pg.mkBrush(faded(c.paper, 235))
    label.border = pen(c.grey)
    label.update()


class Plot:
    """One plot of a chart: fixed ranges, no mouse zoom, and a read-out of the nearest point.

    A bare ViewBox with three axes, in the chart's layout at `row` (and the date axis
    at `row + 1`): a PlotItem would bring a menu and an options form that cost more to
    build than the plot itself. Series are made on first use and reused after.
    """

    def __init__(self, layout: pg.GraphicsLayout, row: int, y_label: str, colours: Colours, *,
                 grid: bool = False) -> None:  # fmt: skip
        self.vb = pg.ViewBox(enableMenu=False, defaultPadding=0)
        self.vb.setMouseEnabled(x=False, y=False)  # the mouse wheel scrolls the page
        self.vb.disableAutoRange()
        self.left = make_axis("left")
        self.left.setLabel(y_label, **{"font-size": "10pt"})  # coloured as the axis' text
        self.bottom = make_axis("bottom", kind=DayAxis)
        self.right = make_axis("right", values=False, tickLength=0)
        # Fixed widths line the time axes of the charts up, one above the other.
        self.left.setWidth(LEFT_AXIS_PX)
        self.right.setWidth(RIGHT_AXIS_PX)
        if grid:
            self.left.setGrid(60)
        for axis in (self.left, self.bottom, self.right):
            axis.linkToView(self.vb)
        layout.addItem(self.left, row=row, col=0)
        layout.addItem(self.vb, row=row, col=1)
        layout.addItem(self.right, row=row, col=2)
        layout.addItem(self.bottom, row=row + 1, col=1)
        self.series: dict[str, Series] = {}  # what the mouse reads out now
        self._items: dict[str, pg.PlotDataItem] = {}
        self._bands: list[tuple[QGraphicsRectItem, float, float, str, int]] = []
        self.marker = pg.ScatterPlotItem(size=14, brush=None)
        self.label = pg.TextItem()
        self.label.setFont(font(10))
        for hover in (self.marker, self.label):
            hover.setZValue(100)
            hover.hide()
            self.vb.addItem(hover, ignoreBounds=True)
        self.colours = colours
        self.restyle(colours)

    def restyle(self, c: Colours) -> None:
        """Colour the axes, the zones and the read-out in `c` (the series are the chart's)."""
        self.colours = c
        for axis in (self.left, self.bottom, self.right):
            colour_axis(axis, c)
        self.marker.setPen(pen(c.ink, 2))
        colour_readout(self.label, c)
        for band, _low, _high, hue, alpha in self._bands:
            band.setBrush(faded(c.hue(hue), alpha))

    # -- content --------------------------------------------------------------------
    def clear(self) -> None:
        """Empty every series (they stay, hidden, for the next data)."""
        self.hide_hover()
        for item in self._items.values():
            item.setData([], [])
            item.hide()
        self.series.clear()

    def plot(self, name: str, x: np.ndarray, y: np.ndarray,
             describe: Callable[[int], str] | None, **style: Any) -> pg.PlotDataItem:  # fmt: skip
        """Show `x`, `y` as the series `name`, styled as PlotDataItem `style`.

        The mouse reads the points out with `describe`, unless it is None.
        """
        big = len(x) >= BIG
        item = self._items.get(name)
        if item is None:
            item = self._items[name] = pg.PlotDataItem()
            self.vb.addItem(item)
            # Only once in a ViewBox: set before, clipping looks for the view and finds none.
            item.setClipToView(True)
        item.setDownsampling(auto=big, method="peak")
        item.setData(x, y, antialias=not big, **style)
        item.show()
        if describe is not None:
            self.series[name] = Series(name, x, y, describe, item)
        return item

    def add_band(self, low: float, high: float, hue: str, alpha: int) -> None:
        """A horizontal band behind the data, across the whole time axis.

        `hue` names a field of Colours; `alpha` is the band's opacity, 0 to 255.
        """
        band = QGraphicsRectItem()
        band.setPen(QPen(Qt.PenStyle.NoPen))
        band.setBrush(faded(self.colours.hue(hue), alpha))
        self.vb.addItem(band, ignoreBounds=True)
        band.setZValue(-10)
        self._bands.append((band, low, high, hue, alpha))

    def data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """All of a shown series' points (before any downsampling for the screen)."""
        item = self.series[name].item
        return item.xData, item.yData

    def set_range(self, x: tuple[float, float], y: tuple[float, float]) -> None:
        for band, low, high, _hue, _alpha in self._bands:  # inside the view: an SVG does not clip
            bottom, top = clip(low, high, y)
            band.setRect(QRectF(x[0], bottom, x[1] - x[0], top - bottom))
        self.vb.setRange(xRange=x, yRange=y, padding=0)

    # -- read-out under the mouse ----------------------------------------------------
    def nearest(self, x: float, y: float) -> tuple[Series, int] | None:
        """The point nearest (x, y) in the view's coordinates, if within HOVER_PX pixels."""
        rect = self.vb.viewRect()
        if rect.width() <= 0 or rect.height() <= 0:
            return None
        px_x = (self.vb.width() or 600.0) / rect.width()
        px_y = (self.vb.height() or 250.0) / rect.height()
        best: tuple[float, Series, int] | None = None
        for s in self.series.values():
            if len(s.x) == 0:
                continue
            distance = np.hypot((s.x - x) * px_x, (s.y - y) * px_y)
            i = int(np.argmin(distance))
            if distance[i] <= HOVER_PX and (best is None or distance[i] < best[0]):
                best = (float(distance[i]), s, i)
        return None if best is None else (best[1], best[2])

    def describe_nearest(self, x: float, y: float) -> str | None:
        """What the mouse at (x, y) reads out: the nearest point's date and value."""
        found = self.nearest(x, y)
        return None if found is None else found[0].describe(found[1])

    def hover_at(self, point: QPointF) -> None:
        found = self.nearest(point.x(), point.y())
        if found is None:
            self.hide_hover()
            return
        s, i = found
        x, y = float(s.x[i]), float(s.y[i])
        self.marker.setData([x], [y])
        rect = self.vb.viewRect()
        right = x > rect.center().x()
        low = y < rect.center().y()
        self.label.setText(s.describe(i))
        self.label.setAnchor((1.05 if right else -0.05, 1.1 if low else -0.1))
        self.label.setPos(x, y)
        self.marker.show()
        self.label.show()
        # Hidden, it ignored the view's changes of scale: catch up before it is drawn.
        self.label.updateTransform(force=True)

    def hide_hover(self) -> None:
        self.marker.hide()
        self.label.hide()
