"""The Progress page's charts: pyqtgraph plots that read out the point under the mouse
and export themselves as PNG or SVG.

This module imports pyqtgraph (a few hundred milliseconds), so it is imported only
when the Progress page is first shown. The charts only draw: the page reads the
records and `coach.domain.trends` shapes them. Series go to pyqtgraph as numpy
arrays; a big one is drawn downsampled, clipped to the view and without
antialiasing, so five years of sessions stay quick. Every graphics item is made
once and given new data on reload, which is quicker than making new ones.

Times are wall-clock seconds since 1970 on an axis labelled as UTC: the records' own
local wall clock, the program calendar's, with no daylight-saving jumps.

Colours follow the palette, light or dark (see `Colours`): when it changes, each chart
colours its paper, axes and key again and draws its data again in the new colours.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg  # type: ignore[import-untyped]  # pyqtgraph ships no type hints
from PySide6.QtCore import QBuffer, QByteArray, QDir, QEvent, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QStyleOptionGraphicsItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coach.domain.advice import Morning
from coach.domain.trends import (
    ROLLING_DAYS,
    CalendarWeek,
    LoadPoint,
    Mark,
    PainPoint,
    VisaPoint,
    load_steps,
    rolling_mean,
    visa_target,
)
from coach.domain.visa_a import RECOVERED, SMALLEST_CHANGE, important_change
from coach.domain.wording import format_kg
from coach.storage.files import private_temp
from coach.ui.exchange_dialogs import Tell

# Okabe & Ito's hues (blue, orange, vermillion, green), told apart with the common
# colour-vision deficiencies; the lines differ in shape and dash as well, and the zones
# are labelled in words. Each hue has a shade for a light paper and one for a dark paper,
# at least 3:1 against it (WCAG's minimum for graphics): the orange darker on white,
# the blue lighter on dark grey, and the blue the darker of the two on both, as the
# calendar's done and missed cells are told apart by lightness too.
LIGHT_HUES = ("#0072B2", "#C07A00", "#D55E00", "#009E73")
DARK_HUES = ("#3D95D6", "#E69F00", "#D55E00", "#009E73")
GREY_SHARE = 0.55  # of ink in the grey of axes and frames, the rest paper: 4.5:1 on it

BIG = 1000  # from this many points: no antialiasing, downsampled, no markers on lines
HOVER_PX = 18  # how near (in pixels) the mouse must be to a point to read it out
DAY = 86_400.0
DATE = "%a %d %b %Y"
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PNG_SCALE = 2  # exported pictures at twice the screen's pixels, sharp in a report
LEFT_AXIS_PX = 64
RIGHT_AXIS_PX = 112  # room for the pain zones' names
EMPTY_PX = 110  # the height of a chart's "No ... yet" sentence
EPOCH = datetime(1970, 1, 1)  # noqa: DTZ001 - the records' wall clock, naive on purpose
DASH = "\N{EN DASH}"  # between the ends of a range, as in "0 to 2"

# Pain zones (coach.domain.pain): ratings 0-2 safe, 3-5 acceptable, 6-10 too much.
# The bands meet halfway between whole ratings, so each rating sits inside its band.
ZONES = (  # low, high, hue (a field of Colours), opacity (0-255), name
    (-0.5, 2.5, "green", 40, f"0{DASH}2 safe"),
    (2.5, 5.5, "orange", 55, f"3{DASH}5 acceptable"),
    (5.5, 10.5, "vermillion", 45, f"6{DASH}10 too much"),
)
PAIN_RANGE = (-0.3, 10.3)


@dataclass(frozen=True)
class Colours:
    """What a chart is drawn in: paper and ink from the palette, and the series' hues."""

    paper: str  # the palette's Base, the ground of text fields: the chart's background
    ink: str  # the palette's Text: labels, the key, the right leg's and the mean's lines
    grey: str  # axes, grid and frames: the ink faded towards the paper
    shade: str  # the palette's AlternateBase: the box that says why there is no chart
    blue: str
    orange: str
    vermillion: str
    green: str

    @classmethod
    def of(cls, palette: QPalette) -> Colours:
        paper = palette.color(QPalette.ColorRole.Base)
        ink = palette.color(QPalette.ColorRole.Text)
        grey = QColor.fromRgbF(*(GREY_SHARE * i + (1 - GREY_SHARE) * p for i, p in (
            (ink.redF(), paper.redF()),
            (ink.greenF(), paper.greenF()),
            (ink.blueF(), paper.blueF()),
        )))  # fmt: skip
        shade = palette.color(QPalette.ColorRole.AlternateBase)
        hues = DARK_HUES if paper.lightness() < 128 else LIGHT_HUES
        return cls(paper.name(), ink.name(), grey.name(), shade.name(), *hues)

    def hue(self, name: str) -> str:
        """The colour of a field by its name ("blue", "ink", ...)."""
        colour: str = getattr(self, name)
        return colour


def seconds(moments: Sequence[datetime | date]) -> np.ndarray:
    """Wall-clock seconds since 1970 of naive datetimes (or dates, at midnight)."""
    return np.array(moments, dtype="datetime64[s]").astype(np.float64)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time())


def number(value: float) -> str:
    """A figure to two decimals at most, without trailing zeros: 2.33, 4.5, 4."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _font(points: int) -> QFont:
    font = QFont()
    font.setPointSize(points)
    return font


def _pen(colour: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen: QPen = pg.mkPen(colour, width=width, style=style)
    return pen


def _faded(colour: str, alpha: int) -> QColor:
    faded = QColor(colour)
    faded.setAlpha(alpha)
    return faded


def _cosmetic(colour: str) -> QPen:
    pen = QPen(QColor(colour))
    pen.setCosmetic(True)
    pen.setWidthF(1.0)
    return pen


def _glyph(colour: str, text: str) -> str:
    """A legend's sample: a coloured glyph in the legend's HTML."""
    return f'<span style="color: {colour}; font-weight: 700;">{text}</span>'


class DayAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph has no type hints
    """Dates as people write them, as many as fit: days, months or years.

    pyqtgraph's own labels run a day number into a month name ("30Sep 04"); these are
    days ("21 Nov") when days are wide, else Mondays, else every other Monday, else
    months ("Oct", "Jan 2027"), else quarters or years, with finer ticks unlabelled.
    """

    GAP_PX = 12  # at least this between two labels

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(utcOffset=0, **kwargs)
        self._label: Callable[[date, int], str] = lambda d, _i: f"{d:%Y}"

    def _room(self, widest: str) -> float:
        """Pixels between ticks for labels as wide as `widest`, in the axis' font."""
        font = self.style.get("tickFont") or QFont()
        return QFontMetrics(font).horizontalAdvance(widest) + self.GAP_PX

    def tickValues(  # noqa: N802 - pyqtgraph's name
        self, low: float, high: float, size: float
    ) -> list[tuple[float, list[float]]]:
        if size <= 0 or high <= low:
            return []
        first = (EPOCH + timedelta(seconds=low)).date()
        last = (EPOCH + timedelta(seconds=high)).date()
        px_day = size / ((high - low) / DAY)
        mondays = _every_day(first - timedelta(days=first.weekday()), last, 7)
        day, month = self._room("28 May"), self._room("May 2027")  # the widest of each
        if px_day >= day:
            major, minor = _every_day(first, last, 1), []
            self._label = lambda d, _i: f"{d.day} {d:%b}"
        elif px_day * 7 >= day:
            major, minor = mondays, _every_day(first, last, 1) if px_day >= 4 else []
            self._label = lambda d, _i: f"{d.day} {d:%b}"
        elif px_day * 14 >= day:
            major, minor = mondays[::2], mondays
            self._label = lambda d, _i: f"{d.day} {d:%b}"
        elif px_day * 28 >= month:  # February is the shortest month
            major, minor = _month_starts(first, last, 1), mondays if px_day * 7 >= 6 else []
            self._label = lambda d, i: f"{d:%b %Y}" if d.month == 1 or i == 0 else f"{d:%b}"
        elif px_day * 89 >= month:  # January to March, the shortest quarter
            major, minor = _month_starts(first, last, 3), _month_starts(first, last, 1)
            self._label = lambda d, _i: f"{d:%b %Y}"
        else:  # every year, or every few when even years are narrow
            years = math.ceil(self._room("2027") / (px_day * 365))
            major = _month_starts(first, last, 12)[::years]
            minor = _month_starts(first, last, 3 if years == 1 else 12)
            self._label = lambda d, _i: f"{d:%Y}"
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


def _every_day(first: date, last: date, step: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(0, (last - first).days + 1, step)]


def _month_starts(first: date, last: date, every: int) -> list[date]:
    """The first days of months from `first` to `last` whose number is 1 + a multiple of `every`."""
    out = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        if (month - 1) % every == 0 and date(year, month, 1) >= first:
            out.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


class ChooseChartFile:
    @classmethod
    def ask(cls, parent: QWidget, title: str, suggested: str, fmt: str) -> Path | None:
        """The file to export a chart to, ending in `.fmt`; None if cancelled."""
        kind = "PNG picture (*.png)" if fmt == "png" else "SVG drawing (*.svg)"
        name, _ = QFileDialog.getSaveFileName(
            parent,
            f"Export “{title}” as {fmt.upper()}",
            str(Path(QDir.homePath()) / f"{suggested}.{fmt}"),
            kind,
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


def write_file(target: Path, data: bytes) -> None:
    """Write `data` through a private temporary file renamed into place: all or nothing."""
    with private_temp(target) as temp:
        with temp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        temp.replace(target)


@dataclass(frozen=True, eq=False)
class Series:
    """Points the mouse can read out: `describe(i)` says what point `i` is."""

    name: str
    x: np.ndarray
    y: np.ndarray
    describe: Callable[[int], str]
    item: pg.PlotDataItem


def _axis(orientation: str, *, values: bool = True, kind: type[pg.AxisItem] = pg.AxisItem,
          **style: Any) -> pg.AxisItem:  # fmt: skip
    """An axis styled once, at birth: each later restyle lays its label out again.

    Its colours come after, from `_colour_axis`.
    """
    axis = kind(orientation=orientation, showValues=values)
    axis.enableAutoSIPrefix(enable=False)
    axis.setStyle(tickFont=_font(10), **style)
    return axis


def _colour_axis(axis: pg.AxisItem, c: Colours) -> None:
    axis.setPen(_pen(c.grey))
    axis.setTextPen(_pen(c.ink))  # after the pen, which would colour the label too


def _colour_readout(label: pg.TextItem, c: Colours) -> None:
    """The read-out under the mouse: ink on nearly opaque paper, in a grey frame."""
    label.setColor(c.ink)
    label.fill = pg.mkBrush(_faded(c.paper, 235))
    label.border = _pen(c.grey)
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
        self.left = _axis("left")
        self.left.setLabel(y_label, **{"font-size": "10pt"})  # coloured as the axis' text
        self.bottom = _axis("bottom", kind=DayAxis)
        self.right = _axis("right", values=False, tickLength=0)
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
        self.label.setFont(_font(10))
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
            _colour_axis(axis, c)
        self.marker.setPen(_pen(c.ink, 2))
        _colour_readout(self.label, c)
        for band, _low, _high, hue, alpha in self._bands:
            band.setBrush(_faded(c.hue(hue), alpha))

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
        band.setBrush(_faded(self.colours.hue(hue), alpha))
        self.vb.addItem(band, ignoreBounds=True)
        band.setZValue(-10)
        self._bands.append((band, low, high, hue, alpha))

    def data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """All of a shown series' points (before any downsampling for the screen)."""
        item = self.series[name].item
        return item.xData, item.yData

    def set_range(self, x: tuple[float, float], y: tuple[float, float]) -> None:
        for band, low, high, _hue, _alpha in self._bands:  # inside the view: an SVG does not clip
            bottom, top = max(low, y[0]), min(high, y[1])
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


class ChartCard(QWidget):
    """A titled chart with an Export menu, or a sentence saying why there is none.

    Each chart's `show_...` method draws its data in `self.colours` and notes itself in
    `self._redraw`, so that a change of palette can draw the data again.
    """

    def __init__(self, title: str, slug: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.slug = slug
        self.colours = Colours.of(self.palette())
        self._redraw: Callable[[], None] | None = None  # the last show_...(), to call again
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.png_action = QAction("Export as PNG…", self)
        self.svg_action = QAction("Export as SVG…", self)
        self.png_action.triggered.connect(lambda: self.export("png"))
        self.svg_action.triggered.connect(lambda: self.export("svg"))
        self.export_menu = QMenu(self)
        self.export_menu.addActions([self.png_action, self.svg_action])
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setAccessibleName(f"Export {title}")
        self.export_button.setMenu(self.export_menu)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        header = QHBoxLayout()
        header.addWidget(heading)
        header.addStretch(1)
        header.addWidget(self.export_button)

        self.canvas = _Canvas(self)
        self.canvas.setAccessibleName(title)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.canvas.addActions([self.png_action, self.svg_action])
        self.canvas.scene().sigMouseMoved.connect(self._mouse_moved)
        self.layout_item: pg.GraphicsLayout = self.canvas.ci
        self.layout_item.setContentsMargins(4, 4, 12, 4)
        self.layout_item.layout.setSpacing(0)
        self.key = self.layout_item.addLabel("", row=1, col=0, colspan=3, size="10pt",
                                             justify="left")  # fmt: skip
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addLayout(header)
        layout.addWidget(self.stack)
        self.plots: list[Plot | CalendarPlot] = []
        self.restyle()

    def add_plot(self, row: int, y_label: str, *, grid: bool = False) -> Plot:
        plot = Plot(self.layout_item, row, y_label, self.colours, grid=grid)
        self.plots.append(plot)
        return plot

    # -- colours -------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Light to dark or back: colour the chart again."""
        if event.type() == QEvent.Type.PaletteChange:
            colours = Colours.of(self.palette())
            if colours != self.colours:
                self.colours = colours
                self.restyle()
        super().changeEvent(event)

    def restyle(self) -> None:
        """Colour the paper, the key, the plots and the "no data" box; draw the data again."""
        c = self.colours
        self.canvas.setBackground(c.paper)
        self.key.setAttr("color", c.ink)
        self.empty.setStyleSheet(f"font-size: 12pt; color: {c.ink}; background: {c.shade}; "
                                 "border-radius: 6px; padding: 16px;")  # fmt: skip
        for plot in self.plots:
            plot.restyle(c)
        if self._redraw is not None and not self.is_empty:
            self._redraw()

    def set_height(self, pixels: int) -> None:
        self.canvas.setFixedHeight(pixels)
        if not self.is_empty:
            self.stack.setFixedHeight(pixels)

    # -- states --------------------------------------------------------------------
    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def show_empty(self, text: str) -> None:
        """Say why there is no chart (no data yet, or none in the range)."""
        self._redraw = None
        self.hide_hover()
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self.stack.setFixedHeight(EMPTY_PX)
        self._exportable(on=False)

    def show_chart(self) -> None:
        self.stack.setCurrentWidget(self.canvas)
        self.stack.setFixedHeight(self.canvas.maximumHeight())
        self._exportable(on=True)

    def _exportable(self, *, on: bool) -> None:
        for widget in (self.png_action, self.svg_action, self.export_button):
            widget.setEnabled(on)

    # -- the mouse -----------------------------------------------------------------
    def _mouse_moved(self, pos: QPointF) -> None:
        for plot in self.plots:
            if plot.vb.sceneBoundingRect().contains(pos):
                plot.hover_at(plot.vb.mapSceneToView(pos))
            else:
                plot.hide_hover()

    def hide_hover(self) -> None:
        for plot in self.plots:
            plot.hide_hover()

    # -- export --------------------------------------------------------------------
    def export(self, fmt: str) -> Path | None:
        """Ask for a file and write the chart to it as `fmt` ("png" or "svg")."""
        path = ChooseChartFile.ask(self, self.title, f"coach-{self.slug}", fmt)
        if path is None:
            return None
        data = self.picture(fmt)
        try:
            write_file(path, data)
        except OSError as e:
            reason = (e.strerror or str(e)).lower()
            Tell.problem(self, "Export failed", f"Could not write {path}: {reason}. "
                         "No file was written.")  # fmt: skip
            return None
        return path

    def picture(self, fmt: str) -> bytes:
        """The chart, with its title, as PNG or SVG bytes."""
        self.hide_hover()
        with self._titled():
            return self._svg() if fmt == "svg" else self._png()

    def _png(self) -> bytes:
        from pyqtgraph.exporters import ImageExporter  # type: ignore[import-untyped]  # noqa: PLC0415 - no hints; imported on export only

        exporter = ImageExporter(self.layout_item)
        exporter.parameters()["width"] = int(self.layout_item.width() * PNG_SCALE)
        image = exporter.export(toBytes=True)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    def _svg(self) -> bytes:
        """Qt's own SVG of the chart.

        pyqtgraph 0.14's SVGExporter cannot read the path data Qt 6.12 writes (it fails
        on any plot); the plots clip their data to the view, so Qt's generator, which
        leaves clipping out, draws the same picture.
        """
        source = self.layout_item.sceneBoundingRect()
        target = QRectF(0, 0, source.width(), source.height())
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        svg = QSvgGenerator()
        svg.setOutputDevice(buffer)
        svg.setSize(target.size().toSize())
        svg.setViewBox(target)
        # The axes replay QPictures drawn for the screen: at another resolution they shrink.
        svg.setResolution(round(self.logicalDpiX()))
        svg.setTitle(self.title)
        svg.setDescription("A chart from Coach's Progress page")
        painter = QPainter(svg)
        painter.fillRect(target, QColor(self.colours.paper))
        with _export_mode(self.canvas.scene(), {"painter": painter, "antialias": True}):
            self.canvas.scene().render(painter, target, source)
        painter.end()
        buffer.close()
        return bytes(data.data())

    @contextlib.contextmanager
    def _titled(self) -> Iterator[None]:
        """The title in the picture, above the key, while it is exported."""
        label = self.layout_item.addLabel(self.title, row=0, col=0, colspan=3, size="14pt",
                                          bold=True, color=self.colours.ink,
                                          justify="left")  # fmt: skip
        self.layout_item.layout.activate()
        try:
            yield
        finally:
            self.layout_item.removeItem(label)
            self.layout_item.layout.activate()


@contextlib.contextmanager
def _export_mode(scene: Any, options: dict[str, Any]) -> Iterator[None]:
    """Items drawn for a file, not the screen: markers as shapes, not cached pixmaps."""
    items = [i for i in scene.items() if hasattr(i, "setExportMode")]
    for item in items:
        item.setExportMode(True, options)  # noqa: FBT003 - pyqtgraph's signature
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)


class _Canvas(pg.GraphicsLayoutWidget):  # type: ignore[misc]  # pyqtgraph has no type hints
    """A drawing area that hides the read-out when the mouse leaves it."""

    def __init__(self, card: ChartCard) -> None:
        super().__init__()
        self._card = card

    def leaveEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self._card.hide_hover()
        super().leaveEvent(event)


# -- the charts -----------------------------------------------------------------------
SIDES = {  # hue (a field of Colours), marker, rolling-mean dash
    None: ("blue", "o", Qt.PenStyle.SolidLine),
    "left": ("blue", "o", Qt.PenStyle.SolidLine),
    "right": ("ink", "s", Qt.PenStyle.DashLine),
}
# VISA-A scores that record no leg, beside those of each leg (both Achilles painful).
UNRECORDED = ("grey", "t", Qt.PenStyle.DotLine)


class PainChart(ChartCard):
    """Pain during the exercises: each session's mean and worst set, and the 7-day mean."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Pain during the exercises", "pain", parent)
        self.plot = self.add_plot(2, f"pain (0{DASH}10)")
        plot = self.plot
        plot.right.setTicks([[((low + high) / 2, text) for low, high, _, _, text in ZONES]])
        plot.right.setStyle(showValues=True)
        ticks = [(v, str(v)) for v in range(0, 11, 2)]
        plot.left.setTicks([ticks, [(v, "") for v in range(1, 10, 2)]])
        for low, high, colour, alpha, _ in ZONES:
            plot.add_band(low, high, colour, alpha)
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
        rolled = rolling_mean([(p.when, p.mean) for p in points])
        small = len(points) < BIG

        def said_mean(i: int) -> str:
            p = points[i]
            rated = "1 rated set" if p.sets == 1 else f"{p.sets} rated sets"
            return f"{p.when:{DATE}, %H:%M}{where}\nmean pain {number(p.mean)} ({rated})"

        def said_worst(i: int) -> str:
            return f"{points[i].when:{DATE}, %H:%M}{where}\nworst set: pain {points[i].max}"

        def said_rolled(i: int) -> str:
            return (f"{points[i].when:{DATE}}{where}\n"
                    f"{ROLLING_DAYS}-day mean pain {number(rolled[i][1])}")  # fmt: skip

        means = np.array([p.mean for p in points])
        if small:
            line = self.plot.plot(f"{name} mean", x, means, said_mean, pen=_pen(colour, 1),
                                  symbol=symbol, symbolSize=5, symbolPen=None,
                                  symbolBrush=colour)  # fmt: skip
            line.setOpacity(0.75)
            self.plot.plot(f"{name} worst", x, np.array([float(p.max) for p in points]),
                           said_worst, pen=None, symbol="t1", symbolSize=8,
                           symbolPen=_pen(colour, 1.2), symbolBrush=None)  # fmt: skip
        else:  # thousands of sessions: a faint cloud of means under the weekly line
            cloud = self.plot.plot(f"{name} mean", x, means, said_mean, pen=None,
                                   symbol=symbol, symbolSize=3, symbolPen=None,
                                   symbolBrush=colour)  # fmt: skip
            cloud.setOpacity(0.35)
        thick = self.plot.plot(f"{name} rolling", x, np.array([v for _, v in rolled]),
                               said_rolled, pen=_pen(colour, 3.5, dash))  # fmt: skip
        thick.setZValue(5)
        rolling = "╍╍╍" if dash is Qt.PenStyle.DashLine else "━━━"
        dot = "■" if symbol == "s" else "●"
        prefix = f"<b>{side.capitalize()} leg:</b> " if side else ""
        if not small:
            return (f"{prefix}{_glyph(colour, dot)} mean of each session &nbsp; "
                    f"{_glyph(colour, rolling)} {ROLLING_DAYS}-day mean &nbsp; "
                    "(each session's worst set: choose a shorter span)")  # fmt: skip
        return (f"{prefix}{_glyph(colour, f'─{dot}─')} mean per session &nbsp; "
                f"{_glyph(colour, '△')} worst set &nbsp; "
                f"{_glyph(colour, rolling)} {ROLLING_DAYS}-day mean")  # fmt: skip


class MorningChart(ChartCard):
    """The next-morning check-ins: pain, and how long the tendon stays stiff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Mornings: pain and stiffness", "mornings", parent)
        self.pain = self.add_plot(2, f"pain (0{DASH}10)", grid=True)
        self.stiffness = self.add_plot(4, "stiffness (min)", grid=True)
        self.pain.left.setTicks([[(v, str(v)) for v in range(0, 11, 2)]])
        self.set_height(430)

    def show_mornings(self, mornings: Sequence[Morning], x_range: tuple[float, float]) -> None:
        """Plot the answered check-ins: series "pain", "pain rolling", "stiffness", ..."""
        self._redraw = partial(self.show_mornings, mornings, x_range)
        c = self.colours
        self.key.setText(f"{_glyph(c.orange, '─●─')} pain, {_glyph(c.green, '─●─')} stiffness, "
                         f"each morning &nbsp;&nbsp; {_glyph(c.ink, '━━━')} "
                         f"{ROLLING_DAYS}-day mean")  # fmt: skip
        pains = [(m.day, float(m.pain)) for m in mornings if m.pain is not None]
        stiff = [(m.day, float(m.stiffness_minutes)) for m in mornings
                 if m.stiffness_minutes is not None]  # fmt: skip
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
        rolled = rolling_mean([(day_start(d), v) for d, v in values])
        small = len(values) < BIG

        def said(i: int) -> str:
            return f"{days[i]:{DATE}}, morning\n{what}: {number(values[i][1])}"

        def said_rolled(i: int) -> str:
            return f"{days[i]:{DATE}}\n{ROLLING_DAYS}-day mean {what}: {number(rolled[i][1])}"

        plot.plot(name, x, np.array([v for _, v in values]), said,
                  pen=_pen(colour, 1) if small else None, symbol="o",
                  symbolSize=5 if small else 3, symbolPen=None, symbolBrush=colour)  # fmt: skip
        thick = plot.plot(f"{name} rolling", x, np.array([v for _, v in rolled]), said_rolled,
                          pen=_pen(self.colours.ink, 3))  # fmt: skip
        thick.setZValue(5)


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
        line.label.setFont(_font(10))
        self.plot.vb.addItem(line, ignoreBounds=True)
        return line

    def _colour_line(self, line: pg.InfiniteLine, colour: str, style: Qt.PenStyle) -> None:
        line.setPen(_pen(colour, 2, style))
        line.label.setColor(self.colours.ink)
        line.label.fill = pg.mkBrush(_faded(self.colours.paper, 200))
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
            return f"{points[i].when:{DATE}}{where}\nVISA-A {values[i]} of 100{change}"

        name = f"{side} score" if side else "score"
        self.plot.plot(name, seconds([p.when for p in points]), np.array(values, float), said,
                       pen=_pen(colour, 2, dash), symbol=symbol, symbolSize=9,
                       symbolPen=_pen(c.paper, 1), symbolBrush=colour)  # fmt: skip
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
            return f"<b>{side.capitalize()} leg:</b> {_glyph(colour, f'─{dot}─')} VISA-A score"
        if by_leg:
            return f"{_glyph(colour, f'─{dot}─')} leg not recorded"
        return f"{_glyph(colour, '─●─')} VISA-A score (100: no symptoms)"


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
        self.key.setText(f"{_glyph(c.blue, '━●━')} kg added to body weight, from the session "
                         "it was first used in")  # fmt: skip
        self.plot.clear()
        steps = load_steps(points)
        x = seconds([p.when for p in steps])
        y = np.array([p.load_kg for p in steps])
        # Each step lasts until the next; the last one until the last session.
        end = seconds([points[-1].when])[0] if points else 0.0
        self.plot.plot("line", np.repeat(np.append(x, end), 2)[1:-1], np.repeat(y, 2), None,
                       pen=_pen(c.blue, 2.5))  # fmt: skip

        def said(i: int) -> str:
            kg = steps[i].load_kg
            what = f"added load {format_kg(kg)}" if kg else "no added load (body weight)"
            return f"from {steps[i].when:{DATE}, %H:%M}\n{what}"

        self.plot.plot("steps", x, y, said, pen=None, symbol="o", symbolSize=8,
                       symbolPen=_pen(c.paper, 1), symbolBrush=c.blue)  # fmt: skip
        top = max((p.load_kg for p in steps), default=0.0)
        self.plot.set_range(x_range, (-1.0, max(10.0, math.ceil(top / 5 + 1) * 5)))
        self.show_chart()


# -- the adherence calendar -----------------------------------------------------------
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
            painter.setPen(_cosmetic(c.hue(pen)) if pen else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.hue(CELL_HUES[mark])))
            painter.drawRects(rects)
        if painter.transform().m22() >= 10:  # rows tall enough for a stroke to show
            painter.setPen(_cosmetic(c.ink))
            for r in self._cells[Mark.MISSED]:
                painter.drawLine(r.bottomLeft(), r.topRight())


class CalendarPlot:
    """The calendar in a view: day names on top, week starts on the left, a read-out."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, colours: Colours) -> None:
        self.vb = pg.ViewBox(enableMenu=False, defaultPadding=0, invertY=True)
        self.vb.setMouseEnabled(x=False, y=False)
        self.vb.disableAutoRange()
        self.left = _axis("left", tickLength=0)
        self.left.setWidth(LEFT_AXIS_PX + 30)
        self.top = _axis("top", tickLength=0)
        self.top.setTicks([[(d + 0.5, n) for d, n in enumerate(DAY_NAMES)]])
        self.right = _axis("right", values=False, tickLength=0)
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
        self.label.setFont(_font(10))
        for hover in (self.outline, self.label):
            hover.hide()
            self.vb.addItem(hover, ignoreBounds=True)
        self.label.setZValue(60)
        self.restyle(colours)

    def restyle(self, c: Colours) -> None:
        """Colour the day and week labels, the cells and the read-out in `c`."""
        for axis in (self.left, self.top):  # the right one only makes room: no line
            _colour_axis(axis, c)
        self.cells.colours = c
        self.cells.update()
        self.outline.setPen(_cosmetic(c.ink))
        _colour_readout(self.label, c)

    def set_weeks(self, weeks: list[CalendarWeek], row_px: float) -> None:
        self.hide_hover()
        self.cells.set_weeks(weeks)
        every = max(1, math.ceil(18 / row_px))  # week labels at least 18 pixels apart
        self.left.setTicks(
            [[(i + 0.5, f"{w.first:%d %b %Y}") for i, w in enumerate(weeks) if i % every == 0]]
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
        return f"{when:{DATE}}, {('morning', 'evening')[half]}\n{mark.value}"

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
            f"{_glyph(c.blue, '■')} done ({counts[Mark.DONE]}) &nbsp; "
            f"{_glyph(c.orange, '■')} missed, struck through ({counts[Mark.MISSED]}) &nbsp; "
            f"{_glyph(c.grey, '□')} to come ({counts[Mark.TO_COME]}) &nbsp; "
            "each day: morning | evening"
        )
        self.set_height(round(rows * row_px) + 70)
        self.show_chart()
