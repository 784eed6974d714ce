"""A small page-flow layout for printed reports: paragraphs, tables, boxes and drawings.

Each item is measured once, when it is made, on the paint device it will be drawn on
(so a font's size in points is right at any resolution); `paginate` then places the
items on pages, keeping a heading with what follows it and repeating a table's header
on every page the table runs onto. Text is laid out by QTextLayout and drawn as text,
so a PDF made from it can be searched and copied. Lengths are device pixels.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

INK = QColor("#1a1a1a")
MUTED = QColor("#5a6068")
ACCENT = QColor("#1f4e8c")
RULE = QColor("#c3cad3")
ZEBRA = QColor("#f3f5f8")
HEAD = QColor("#e4e9f0")
BOX = QColor("#eef3f9")

Align = Qt.AlignmentFlag
KEEP_ROWS = 3  # a table starts on a page only if this many of its rows fit there too


class Item:
    """Something placed on a page: its height is known before it is drawn."""

    height: float = 0.0
    space_before: float = 0.0  # dropped at the top of a page
    keep_with_next: bool = False
    repeat: Item | None = None  # drawn first when this item starts a page (a table's header)

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        raise NotImplementedError


class Text(Item):
    """A paragraph, wrapped to `width`; `bold` leading characters are set in bold."""

    def __init__(self, device: QPaintDevice, text: str, font: QFont, width: float, *,  # noqa: PLR0913 - options by keyword
                 color: QColor = INK, align: Align = Align.AlignLeft, bold: int = 0,
                 space_before: float = 0.0, keep_with_next: bool = False) -> None:  # fmt: skip
        self.color = color
        self.space_before = space_before
        self.keep_with_next = keep_with_next
        self.layout = _laid_out(device, text, font, width, align=align, bold=bold)
        self.height = self.layout.boundingRect().height()

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        painter.setPen(QPen(self.color))
        self.layout.draw(painter, QPointF(x, y))


# Embeddings, overrides and isolates: in a note, one of them could reverse the rest of the
# report's line (U+202E prints "desab" for "based"). The marks U+200E/U+200F, which only
# settle neutral characters, stay.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], None)


def plain(text: str) -> str:
    """`text` without the bidirectional controls that could reorder what follows it."""
    return text.translate(BIDI_CONTROLS)


# Drawn in place of a character that no installed font has: the PDF would otherwise show
# an empty box, or nothing, and a reader could not tell that something was there.
MISSING = "\u25a1"  # WHITE SQUARE, which the common fonts (DejaVu, Liberation, Noto) have
# Characters that are not drawn as glyphs of their own: controls, joiners, variation
# selectors, combining marks (drawn with the letter before them) and spaces.
_NOT_GLYPHS = frozenset({"Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp"})


def undrawable(text: str) -> list[str]:
    """The characters of `text` that no installed font can draw, each once, in order."""
    return list(dict.fromkeys(c for c in text if not _drawable(c)))


def shown(text: str) -> str:
    """`plain(text)`, each character no installed font can draw replaced by MISSING."""
    text = plain(text)
    if all(_drawable(c) for c in text):
        return text
    return "".join(c if _drawable(c) else MISSING for c in text)


@functools.cache
def _drawable(char: str) -> bool:
    """Whether a font of this computer has `char`. Asked once per character per run: Qt
    falls back from the report's font to any installed font that has the character."""
    if unicodedata.category(char) in _NOT_GLYPHS:
        return True
    code = ord(char)
    if QFontMetricsF(QFont()).inFontUcs4(code):  # the report's own font: nearly every character
        return True
    return any(QFontMetricsF(QFont(family)).inFontUcs4(code) for family in _families())


@functools.cache
def _families() -> tuple[str, ...]:
    return tuple(QFontDatabase.families())


def _laid_out(device: QPaintDevice, text: str, font: QFont, width: float, *,  # noqa: PLR0913 - options by keyword
              align: Align, bold: int = 0) -> QTextLayout:  # fmt: skip
    if bold:  # the bold label keeps its length once the controls are gone
        bold = len(shown(text[:bold]))
    text = shown(text)
    # A user's note may hold a word longer than the column (a link): break it anywhere.
    layout = QTextLayout(text, font, device)
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    if bold:
        heavy = QTextCharFormat()
        heavy.setFontWeight(QFont.Weight.Bold)
        span = QTextLayout.FormatRange()
        span.start, span.length, span.format = 0, bold, heavy
        layout.setFormats([span])
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


class Space(Item):
    def __init__(self, height: float) -> None:
        self.height = height

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        pass


class Rule(Item):
    """A thin line across the page, under a heading."""

    def __init__(self, width: float, thickness: float, color: QColor = ACCENT, *,
                 space_after: float = 0.0) -> None:  # fmt: skip
        self.width = width
        self.thickness = thickness
        self.color = color
        self.height = thickness + space_after

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        painter.fillRect(QRectF(x, y, self.width, self.thickness), self.color)


class Drawing(Item):
    """A fixed-size picture drawn by `paint(painter, rect)` (a chart), vector on a PDF."""

    def __init__(self, width: float, height: float, paint: Callable[[QPainter, QRectF], None],
                 *, space_before: float = 0.0) -> None:  # fmt: skip
        self.width = width
        self.height = height
        self.paint = paint
        self.space_before = space_before

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        painter.save()
        self.paint(painter, QRectF(x, y, self.width, self.height))
        painter.restore()


class Box(Item):
    """Paragraphs on a tinted background with a bar at the left (the current advice)."""

    def __init__(self, paragraphs: Sequence[Text], width: float, padding: float, bar: float,
                 *, space_before: float = 0.0) -> None:  # fmt: skip
        self.paragraphs = paragraphs
        self.width = width
        self.padding = padding
        self.bar = bar
        self.space_before = space_before
        inner = sum(p.height + p.space_before for p in paragraphs)
        self.height = inner + 2 * padding

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        painter.fillRect(QRectF(x, y, self.width, self.height), BOX)
        painter.fillRect(QRectF(x, y, self.bar, self.height), ACCENT)
        top = y + self.padding
        for p in self.paragraphs:
            top += p.space_before
            p.draw(painter, x + self.bar + self.padding, top)
            top += p.height


@dataclass(frozen=True)
class TableStyle:
    font: QFont
    head_font: QFont
    padding: QPointF  # around each cell's text: across, and down
    rule: float  # the thickness of the line under the header


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # a share of the table's width; the shares need not add up to 1
    align: Align = Align.AlignLeft


class Row(Item):
    """One row of a table (or its header): cells wrapped to their columns."""

    def __init__(self, cells: list[QTextLayout], lefts: list[float], padding: QPointF, *,  # noqa: PLR0913 - options by keyword
                 shade: QColor | None, color: QColor = INK, rule: float = 0.0,
                 width: float) -> None:  # fmt: skip
        self.cells = cells
        self.lefts = lefts
        self.padding = padding  # across, and down
        self.shade = shade
        self.color = color
        self.rule = rule  # the thickness of a line under the row (0: none)
        self.width = width
        tallest = max(c.boundingRect().height() for c in cells)
        self.height = tallest + 2 * padding.y() + rule

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        if self.shade is not None:
            painter.fillRect(QRectF(x, y, self.width, self.height - self.rule), self.shade)
        if self.rule:
            painter.fillRect(QRectF(x, y + self.height - self.rule, self.width, self.rule), RULE)
        painter.setPen(QPen(self.color))
        for cell, left in zip(self.cells, self.lefts, strict=True):
            cell.draw(painter, QPointF(x + left, y) + self.padding)


def table(device: QPaintDevice, columns: Sequence[Column], rows: Sequence[Sequence[str]],  # noqa: PLR0913 - options by keyword
          width: float, style: TableStyle, *, space_before: float = 0.0,
          spans: Sequence[bool] = ()) -> list[Item]:  # fmt: skip
    """A table as rows to place one by one; the header repeats on each page it runs onto.

    A row whose `spans` flag is set has a single cell across the whole table (a gap line).
    """
    total = sum(c.width for c in columns)
    widths = [width * c.width / total for c in columns]
    lefts = [sum(widths[:i]) for i in range(len(widths))]

    def cells(texts: Sequence[str], cell_font: QFont) -> list[QTextLayout]:
        return [
            _laid_out(device, t, cell_font, w - 2 * style.padding.x(), align=c.align)
            for t, w, c in zip(texts, widths, columns, strict=True)
        ]

    head = Row(cells([c.title for c in columns], style.head_font), lefts, style.padding,
               shade=HEAD, rule=style.rule, width=width)  # fmt: skip
    head.space_before = space_before
    items: list[Item] = [head]
    for i, texts in enumerate(rows):
        shade = ZEBRA if i % 2 else None
        if i < len(spans) and spans[i]:
            text = _laid_out(device, texts[0], style.font, width - 2 * style.padding.x(),
                             align=Align.AlignLeft)  # fmt: skip
            row = Row([text], [0.0], style.padding, shade=shade, color=MUTED, width=width)
        else:
            row = Row(cells(texts, style.font), lefts, style.padding, shade=shade, width=width)
        row.repeat = head
        items.append(row)
    for item in items[:KEEP_ROWS]:  # the header and the first rows stay together
        item.keep_with_next = True
    items[-1].keep_with_next = False
    return items


def paginate(items: Sequence[Item], page_height: float) -> list[list[tuple[Item, float]]]:
    """Place `items` top to bottom on pages `page_height` tall: each page's (item, y)."""
    pages: list[list[tuple[Item, float]]] = [[]]
    y = 0.0
    for i, item in enumerate(items):
        gap = item.space_before if pages[-1] else 0.0
        needed = gap + _kept_height(items, i)
        if pages[-1] and y + needed > page_height:
            pages.append([])
            y = 0.0
            gap = 0.0
            if item.repeat is not None:
                pages[-1].append((item.repeat, y))
                y += item.repeat.height
        pages[-1].append((item, y + gap))
        y += gap + item.height
    return pages


def _kept_height(items: Sequence[Item], i: int) -> float:
    """The height of item `i` and of the items it must stay on the same page with."""
    height = items[i].height
    while items[i].keep_with_next and i + 1 < len(items):
        i += 1
        height += items[i].space_before + items[i].height
    return height


def draw_page(painter: QPainter, placed: Sequence[tuple[Item, float]], x: float, y: float) -> None:
    for item, top in placed:
        item.draw(painter, x, y + top)
