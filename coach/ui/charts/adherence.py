"""The adherence calendar: sessions done, missed and to come, a row per week and a
column per day, each day split morning | evening.
"""

from __future__ import annotations

import math
from datetime import timedelta
from functools import partial
from typing import Any

import pyqtgraph as pg  # type: ignore[import-untyped]  # pyqtgraph ships no type hints
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from coach.domain import dates
from coach.domain.program import Part
from coach.domain.trends import CalendarWeek, Mark
from coach.ui.charts.axis import (
    LEFT_AXIS_PX,
    RIGHT_AXIS_PX,
    colour_axis,
    make_axis,
)
from coach.ui.charts.card import ChartCard
from coach.ui.charts.plot import colour_readout
from coach.ui.charts.theme import Colours, cosmetic_pen, font, glyph

CELL_HUES = {Mark.DONE: "blue", Mark.MISSED: "orange", Mark.TO_COME: "paper"}  # fields of Colours
CELL_PENS = {Mark.DONE: None, Mark.MISSED: None, Mark.TO_COME: "grey"}
ROW_PX_MAX = 22
ROW_PX_MIN = 6
CALENDAR_PX = 480  # the cells' height, unless that makes rows too thin or too tall
GAP = 0.06


class CalendarItem(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph has no type hints
    """Weeks as rows (Monday first), days as columns, each split morning | evening.

    Done cells are darker and filled, missed ones lighter and struck through, those to
    come hollow: told apart by lightness and shape, not by colour alone. Drawn as a
    few batches of rectangles, so 260 weeks cost no more than a dozen.
    """

    def __init__(self, colours: Colours) -> None:
        super().__init__()
        self.colours = colours
        self.weeks: list[CalendarWeek] = []
        self._cells: dict[Mark, list[QRectF]] = {m: [] for m in Mark}
        self._bounds = QRectF(0, 0, 7, 1)

    def set_weeks(self, weeks: list[CalendarWeek]) -> None:
        self.prepareGeometryChange()
        self.weeks = weeks
        self._cells = {m: [] for m in Mark}
        for row, week in enumerate(weeks):
            for day, marks in enumerate(week.days):
                for half, mark in enumerate(marks):
                    if mark is not None:
                        self._cells[mark].append(self.cell(row, day, half))
        self._bounds = QRectF(0, 0, 7, max(1, len(weeks)))
        self.update()

    @staticmethod
    def cell(row: int, day: int, half: int) -> QRectF:
        return QRectF(day + GAP + half * 0.5, row + GAP * 2, 0.5 - 1.5 * GAP, 1 - 4 * GAP)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def paint(
        self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: Any = None
    ) -> None:
        c = self.colours
        for mark, rects in self._cells.items():
            pen = CELL_PENS[mark]
            painter.setPen(cosmetic_pen(c.hue(pen)) if pen else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.hue(CELL_HUES[mark])))
            painter.drawRects(rects)
        if painter.transform().m22() >= 10:  # rows tall enough for a stroke to show
            painter.setPen(cosmetic_pen(c.ink))
            for r in self._cells[Mark.MISSED]:
                painter.drawLine(r.bottomLeft(), r.topRight())


class CalendarPlot:
    """The calendar in a view: day names on top, week starts on the left, a read-out."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, colours: Colours) -> None:
        self.vb = pg.ViewBox(enableMenu=False, defaultPadding=0, invertY=True)
        self.vb.setMouseEnabled(x=False, y=False)
        self.vb.disableAutoRange()
        self.left = make_axis("left", tickLength=0)
        self.left.setWidth(LEFT_AXIS_PX + 30)
        self.top = make_axis("top", tickLength=0)
        self.top.setTicks([[(d + 0.5, n) for d, n in enumerate(dates.WEEKDAYS_SHORT)]])
        self.right = make_axis("right", values=False, tickLength=0)
        self.right.setWidth(RIGHT_AXIS_PX)  # cells as wide as the charts' plots
        self.right.setPen(pg.mkPen(None))
        self.right.setTicks([[]])  # it only makes room: not even its empty ticks show as dots
        for axis in (self.left, self.top, self.right):
            axis.linkToView(self.vb)
        layout.addItem(self.top, row=row, col=1)
        layout.addItem(self.left, row=row + 1, col=0)
        layout.addItem(self.vb, row=row + 1, col=1)
        layout.addItem(self.right, row=row + 1, col=2)
        self.cells = CalendarItem(colours)
        self.vb.addItem(self.cells)
        self.outline = QGraphicsRectItem()
        self.outline.setZValue(50)
        self.label = pg.TextItem()
        self.label.setFont(font(10))
        for hover in (self.outline, self.label):
            hover.hide()
            self.vb.addItem(hover, ignoreBounds=True)
        self.label.setZValue(60)
        self.restyle(colours)

    def restyle(self, c: Colours) -> None:
        """Colour the day and week labels, the cells and the read-out in `c`."""
        for axis in (self.left, self.top):  # the right one only makes room: no line
            colour_axis(axis, c)
        self.cells.colours = c
        self.cells.update()
        self.outline.setPen(cosmetic_pen(c.ink))
        colour_readout(self.label, c)

    def set_weeks(self, weeks: list[CalendarWeek], row_px: float) -> None:
        self.hide_hover()
        self.cells.set_weeks(weeks)
        every = max(1, math.ceil(18 / row_px))  # week labels at least 18 pixels apart
        self.left.setTicks(
            [[(i + 0.5, dates.day_month(w.first)) for i, w in enumerate(weeks) if i % every == 0]]
        )
        self.vb.setRange(xRange=(0, 7), yRange=(0, max(1, len(weeks))), padding=0)

    def at(self, x: float, y: float) -> tuple[int, int, int] | None:
        """The (week row, day, half) at (x, y), if it has a mark."""
        row, day = math.floor(y), math.floor(x)
        weeks = self.cells.weeks
        if not (0 <= row < len(weeks) and 0 <= day < 7):
            return None
        half = 0 if x - day < 0.5 else 1
        return (row, day, half) if weeks[row].days[day][half] is not None else None

    def describe_nearest(self, x: float, y: float) -> str | None:
        """The day, morning or evening, and its mark, under (x, y)."""
        found = self.at(x, y)
        if found is None:
            return None
        row, day, half = found
        week = self.cells.weeks[row]
        mark = week.days[day][half]
        assert mark is not None  # noqa: S101 - at() returns only marked half-days
        when = week.first + timedelta(days=day)
        return f"{dates.day(when)}, {tuple(Part)[half].value}\n{mark.value}"

    def hover_at(self, point: QPointF) -> None:
        found = self.at(point.x(), point.y())
        text = self.describe_nearest(point.x(), point.y())
        if found is None or text is None:
            self.hide_hover()
            return
        row, day, half = found
        rect = CalendarItem.cell(row, day, half)
        self.outline.setRect(rect)
        self.label.setText(text)
        right = day >= 4
        low = row > len(self.cells.weeks) / 2
        self.label.setAnchor((1.0 if right else 0.0, 1.0 if low else 0.0))
        self.label.setPos(rect.left() if right else rect.right(),
                          rect.top() if low else rect.bottom())  # fmt: skip
        self.outline.show()
        self.label.show()
        self.label.updateTransform(force=True)  # see Plot.hover_at

    def hide_hover(self) -> None:
        self.outline.hide()
        self.label.hide()


class CalendarChart(ChartCard):
    """Sessions done, missed and to come: a row per week, morning | evening each day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Sessions done", "sessions", parent)
        self.plot = CalendarPlot(self.layout_item, 2, self.colours)
        self.plots.append(self.plot)
        self.set_height(300)

    def show_weeks(self, weeks: list[CalendarWeek], counts: dict[Mark, int]) -> None:
        self._redraw = partial(self.show_weeks, weeks, counts)
        c = self.colours
        rows = max(1, len(weeks))
        row_px = min(ROW_PX_MAX, max(ROW_PX_MIN, CALENDAR_PX / rows))
        self.plot.set_weeks(weeks, row_px)
        self.key.setText(
            f"{glyph(c.blue, '■')} done ({counts[Mark.DONE]}) &nbsp; "
            f"{glyph(c.orange, '■')} missed, struck through ({counts[Mark.MISSED]}) &nbsp; "
            f"{glyph(c.grey, '□')} to come ({counts[Mark.TO_COME]}) &nbsp; "
            "each day: morning | evening"
        )
        self.set_height(round(rows * row_px) + 70)
        self.show_chart()
