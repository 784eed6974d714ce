"""The chart card: a chart's title, its Export menu, its drawing area and key, or the
sentence that says why there is no chart; and its colours, which follow the palette.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import pyqtgraph as pg  # type: ignore[import-untyped]  # pyqtgraph ships no type hints
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coach.ui.charts.export import ChooseChartFile, png, svg, titled, write_file
from coach.ui.charts.plot import Plot
from coach.ui.charts.theme import Colours
from coach.ui.exchange_dialogs import Tell

EMPTY_PX = 110  # the height of a chart's "No ... yet" sentence


class ChartPlot(Protocol):
    """What a card asks of each of its plots (a Plot, or the calendar's CalendarPlot)."""

    vb: Any  # its pg.ViewBox

    def restyle(self, c: Colours) -> None: ...

    def hover_at(self, point: QPointF) -> None: ...

    def hide_hover(self) -> None: ...


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
        self.plots: list[ChartPlot] = []
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
        with titled(self.layout_item, self.title, self.colours.ink):
            if fmt == "svg":
                return svg(self.layout_item, self.title, self.colours.paper, self.logicalDpiX())
            return png(self.layout_item)


class _Canvas(pg.GraphicsLayoutWidget):  # type: ignore[misc]  # pyqtgraph has no type hints
    """A drawing area that hides the read-out when the mouse leaves it."""

    def __init__(self, card: ChartCard) -> None:
        super().__init__()
        self._card = card

    def leaveEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self._card.hide_hover()
        super().leaveEvent(event)
