"""The report's pain chart, drawn with QPainter so it stays vector graphics in the PDF.

Each session's mean pain during its rated sets is a dot; a line is its 7-day rolling
mean (`coach.domain.trends.rolling_mean`), and a dashed line the 7-day mean of the
morning check-ins' pain. The bands behind them are the pain-monitoring zones
(Silbernagel 2007): 0-2 safe, 3-5 acceptable, above 5 too much. What is drawn (zones,
series, span, ticks, words) is `coach.domain.chart_data`'s, shared with the Progress
page's chart; the drawing is this module's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from coach.domain import dates
from coach.domain.advice import Morning
from coach.domain.chart_data import (
    PAIN_BANDS,
    PAIN_SCALE,
    PAIN_TICKS,
    ROLLING_LABEL,
    clip,
    day_span,
    every_day,
    midnight,
    month_has_year,
    month_starts,
    morning_pain,
    session_means,
)
from coach.domain.pain import Zone
from coach.domain.trends import ROLLING_DAYS, PainPoint, rolling_mean
from coach.reports.layout import ACCENT, INK, MUTED, RULE

ZONE_COLOURS = {  # the bands of `chart_data.PAIN_BANDS`, cut to the scale 0-10
    Zone.SAFE: QColor("#e2f1e5"),
    Zone.ACCEPTABLE: QColor("#fbf0d5"),
    Zone.TOO_MUCH: QColor("#f7dfdc"),
}
DOT = QColor("#8da7c9")
MORNING = QColor("#c0561c")
MORNING_AT = time(7, 0)  # where a day's check-in sits on the time axis
MAX_TICKS = 13


@dataclass(frozen=True)
class PainChart:
    """Draws the pain of the days `first` to `last` into the rectangle it is given."""

    first: date
    last: date
    sessions: Sequence[PainPoint]
    mornings: Sequence[Morning]
    font: QFont  # for the labels; the lines' widths are in points of the painter's device

    @property
    def start(self) -> datetime:
        return day_span(self.first, self.last)[0]

    @property
    def end(self) -> datetime:
        return day_span(self.first, self.last)[1]

    def _series(self) -> tuple[list[tuple[datetime, float]], list[tuple[datetime, float]]]:
        sessions = session_means(self.sessions)
        mornings = [(datetime.combine(day, MORNING_AT), pain)
                    for day, pain in morning_pain(self.mornings)]  # fmt: skip
        return sessions, mornings

    def __call__(self, painter: QPainter, rect: QRectF) -> None:
        pt = _pt(painter)
        sessions, mornings = self._series()
        metrics = QFontMetricsF(self.font, painter.device())
        painter.setFont(self.font)
        legend_height = metrics.height() + 4 * pt
        self._legend(painter, rect, metrics)
        plot = QRectF(
            rect.left() + metrics.horizontalAdvance(str(PAIN_SCALE[1])) + 5 * pt,
            rect.top() + legend_height,
            0,
            0,
        )
        plot.setRight(rect.right())
        plot.setBottom(rect.bottom() - metrics.height() - 3 * pt)
        self._zones(painter, plot, metrics)
        self._time_axis(painter, plot, metrics)
        painter.save()
        painter.setClipRect(plot)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(DOT))
        radius = 1.0 * pt
        for when, mean in sessions:
            painter.drawEllipse(self._point(plot, when, mean), radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        morning_pen = QPen(MORNING, 1.0 * pt, Qt.PenStyle.DashLine)
        morning_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        self._trend(painter, plot, mornings, morning_pen)
        self._trend(painter, plot, sessions, QPen(ACCENT, 1.4 * pt))
        painter.restore()
        painter.setPen(QPen(INK, 0.6 * pt))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    def _x(self, plot: QRectF, when: datetime) -> float:
        share = (when - self.start) / (self.end - self.start)
        return plot.left() + share * plot.width()

    def _point(self, plot: QRectF, when: datetime, pain: float) -> QPointF:
        return QPointF(self._x(plot, when), _y(plot, pain))

    def _trend(self, painter: QPainter, plot: QRectF,
               points: Sequence[tuple[datetime, float]], pen: QPen) -> None:  # fmt: skip
        """The rolling mean as a line, broken where a week or more has no data."""
        path = QPainterPath()
        previous: datetime | None = None
        for when, mean in rolling_mean(points):
            point = self._point(plot, when, mean)
            if previous is None or when - previous > timedelta(days=ROLLING_DAYS):
                path.moveTo(point)
            else:
                path.lineTo(point)
            previous = when
        painter.setPen(pen)
        painter.drawPath(path)

    def _zones(self, painter: QPainter, plot: QRectF, metrics: QFontMetricsF) -> None:
        pt = _pt(painter)
        for band in PAIN_BANDS:
            low, high = clip(band.low, band.high, PAIN_SCALE)
            top = _y(plot, high)
            bottom = _y(plot, low)
            painter.fillRect(
                QRectF(plot.left(), top, plot.width(), bottom - top), ZONE_COLOURS[band.zone]
            )
        grid = QPen(QColor(255, 255, 255), 0.5 * pt)
        for value in PAIN_TICKS:
            y = _y(plot, value)
            if value:
                painter.setPen(grid)
                painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            text = str(value)
            x = plot.left() - 3 * pt - metrics.horizontalAdvance(text)
            painter.setPen(QPen(MUTED))
            painter.drawText(QPointF(x, y + (metrics.ascent() - metrics.descent()) / 2), text)

    def _time_axis(self, painter: QPainter, plot: QRectF, metrics: QFontMetricsF) -> None:
        pt = _pt(painter)
        ticks, monthly = _ticks(self.first, self.last)
        painter.setPen(QPen(MUTED))
        right_edge = plot.left() - 1.0
        for i, day in enumerate(ticks):
            x = self._x(plot, midnight(day))
            painter.setPen(QPen(RULE, 0.5 * pt))
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 2 * pt))
            if monthly:
                text = dates.month(day, year=month_has_year(day, i))
            else:
                text = dates.day_month(day, year=i == 0 or (day.month, day.day) <= (1, 7))
            width = metrics.horizontalAdvance(text)
            left = max(x - width / 2, plot.left())
            if left < right_edge or left + width > plot.right():
                continue  # a label that would overlap the last one, or run off the chart
            painter.setPen(QPen(MUTED))
            painter.drawText(QPointF(left, plot.bottom() + 2.5 * pt + metrics.ascent()), text)
            right_edge = left + width + 4 * pt

    def _legend(self, painter: QPainter, rect: QRectF, metrics: QFontMetricsF) -> None:
        pt = _pt(painter)
        x = rect.left()
        middle = rect.top() + metrics.height() / 2
        baseline = rect.top() + metrics.ascent()
        swatch = 9 * pt
        gap = 10 * pt

        def label(text: str) -> None:
            nonlocal x
            painter.setPen(QPen(INK))
            painter.drawText(QPointF(x, baseline), text)
            x += metrics.horizontalAdvance(text) + gap

        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(DOT))
        painter.drawEllipse(QPointF(x + 1.5 * pt, middle), 1.3 * pt, 1.3 * pt)
        x += 5 * pt
        label("Session mean")
        painter.setPen(QPen(ACCENT, 1.4 * pt))
        painter.drawLine(QPointF(x, middle), QPointF(x + swatch, middle))
        x += swatch + 3 * pt
        label(ROLLING_LABEL)
        dashed = QPen(MORNING, 1.0 * pt, Qt.PenStyle.DashLine)
        dashed.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(dashed)
        painter.drawLine(QPointF(x, middle), QPointF(x + swatch, middle))
        x += swatch + 3 * pt
        label(f"Morning pain, {ROLLING_LABEL}")
        x += gap
        for band in PAIN_BANDS:
            painter.fillRect(QRectF(x, middle - 3 * pt, 6 * pt, 6 * pt), ZONE_COLOURS[band.zone])
            painter.setPen(QPen(RULE, 0.4 * pt))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(x, middle - 3 * pt, 6 * pt, 6 * pt))
            x += 8 * pt
            label(band.label("-"))


def _pt(painter: QPainter) -> float:
    """Device pixels per point."""
    return painter.device().logicalDpiY() / 72


def _y(plot: QRectF, pain: float) -> float:
    """Where `pain` is drawn: the scale's bottom on the plot's, its top on the plot's."""
    low, high = PAIN_SCALE
    return plot.bottom() - (pain - low) / (high - low) * plot.height()


def _ticks(first: date, last: date) -> tuple[list[date], bool]:
    """Days to mark on the time axis, and whether they are months' first days."""
    days = (last - first).days + 1
    for step in (1, 2, 7, 14):
        if days / step <= MAX_TICKS:
            return every_day(first, last, step), False
    for months in (1, 2, 3, 6, 12):
        if days / (30.4 * months) <= MAX_TICKS:
            break
    return month_starts(first, last, months), True
