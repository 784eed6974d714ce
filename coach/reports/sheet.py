"""The clinician's report's sheet: its fonts and sizes, headings, tables and page footer.

A `Sheet` is made on the paint device the report is drawn on (a QPdfWriter at DPI dots
per inch), so that every size given in points comes out right; the sections
(`coach.reports.sections`, `coach.reports.outcomes`) make their items through it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPaintDevice,
    QPainter,
    QPen,
)

from coach.domain import dates
from coach.reports.content import Report
from coach.reports.layout import (
    ACCENT,
    INK,
    MUTED,
    RULE,
    Column,
    Item,
    Rule,
    TableStyle,
    Text,
    table,
)

TITLE = "Achilles exercise report"
DPI = 300
DASH = "\N{EN DASH}"  # no value

Align = Qt.AlignmentFlag
RIGHT = Align.AlignRight


class Sheet:
    """The fonts and sizes of the report, on the device it is drawn on."""

    def __init__(self, device: QPaintDevice, width: float) -> None:
        self.device = device
        self.width = width
        self.pt = DPI / 72  # device pixels per point
        base = QFont(QGuiApplication.font())
        base.setStyleHint(QFont.StyleHint.SansSerif)
        # Ligatures would come out of the PDF as one character ("ﬀ"), which spoils
        # searching and copying the text; they add nothing to a table of figures.
        base.setFeature(QFont.Tag("liga"), 0)
        self.body = _sized(base, 9)
        self.small = _sized(base, 7.5)
        self.title = _sized(base, 18, bold=True)
        self.heading_font = _sized(base, 11.5, bold=True)
        self.caption_font = _sized(base, 8.5, bold=True)
        self.table_style = TableStyle(
            font=_sized(base, 8),
            head_font=_sized(base, 7.5, bold=True),
            padding=QPointF(3.5 * self.pt, 1.6 * self.pt),
            rule=0.6 * self.pt,
        )

    def text(self, text: str, *, font: QFont | None = None, color: QColor = INK,  # noqa: PLR0913 - options by keyword
             bold: int = 0, before: float = 0, keep: bool = False,
             width: float | None = None) -> Text:  # fmt: skip
        return Text(
            self.device, text, font or self.body, self.width if width is None else width,
            color=color, bold=bold, space_before=before * self.pt, keep_with_next=keep,
        )  # fmt: skip

    def heading(self, text: str) -> list[Item]:
        pt = self.pt
        return [
            self.text(text, font=self.heading_font, color=ACCENT, before=14, keep=True),
            _kept(Rule(self.width, 0.8 * pt, ACCENT, space_after=5 * pt)),
        ]

    def caption(self, text: str) -> Text:
        return self.text(text, font=self.caption_font, before=8, keep=True)

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], *,
              spans: Sequence[bool] = (), before: float = 4) -> list[Item]:  # fmt: skip
        return table(
            self.device, columns, rows, self.width, self.table_style,
            space_before=before * self.pt, spans=spans,
        )  # fmt: skip

    def footer_height(self) -> float:
        return QFontMetricsF(self.small, self.device).height() + 6 * self.pt

    def footer(self, painter: QPainter, report: Report, page: int, pages: int,
               bottom: float) -> None:  # fmt: skip
        metrics = QFontMetricsF(self.small, self.device)
        top = bottom - metrics.height()
        painter.fillRect(QRectF(0, top - 3 * self.pt, self.width, 0.5 * self.pt), RULE)
        painter.setFont(self.small)
        painter.setPen(QPen(MUTED))
        left = f"{TITLE}, {period(report)}" if report.has_period else TITLE
        painter.drawText(QPointF(0, top + metrics.ascent()), left)
        number = f"page {page} of {pages}"
        x = self.width - metrics.horizontalAdvance(number)
        painter.drawText(QPointF(x, top + metrics.ascent()), number)


def _sized(base: QFont, points: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _kept(item: Item) -> Item:
    item.keep_with_next = True
    return item


def period(report: Report) -> str:
    return f"{dates.day_month(report.first)} to {dates.day_month(report.last)}"
