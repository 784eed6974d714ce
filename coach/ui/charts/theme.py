"""How the charts look: the hues, the palette's paper and ink, pens, fonts, the pain
zones' bands and each leg's line.

Colours follow the palette, light or dark (see `Colours`): when it changes, each chart
colours its paper, axes and key again and draws its data again in the new colours.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg  # type: ignore[import-untyped]  # pyqtgraph ships no type hints
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QPen

from coach.domain.pain import Zone

# Okabe & Ito's hues (blue, orange, vermillion, green), told apart with the common
# colour-vision deficiencies; the lines differ in shape and dash as well, and the zones
# are labelled in words. Each hue has a shade for a light paper and one for a dark paper,
# at least 3:1 against it (WCAG's minimum for graphics): the orange darker on white,
# the blue lighter on dark grey, and the blue the darker of the two on both, as the
# calendar's done and missed cells are told apart by lightness too.
LIGHT_HUES = ("#0072B2", "#C07A00", "#D55E00", "#009E73")
DARK_HUES = ("#3D95D6", "#E69F00", "#D55E00", "#009E73")
GREY_SHARE = 0.55  # of ink in the grey of axes and frames, the rest paper: 4.5:1 on it

DASH = "\N{EN DASH}"  # between the ends of a range, as in "0 to 2"

# The pain zones' bands (coach.domain.chart_data.PAIN_BANDS): hue (a field of Colours)
# and opacity (0-255). Ratings 0-2 safe, 3-5 acceptable, 6-10 too much.
ZONE_LOOK = {
    Zone.SAFE: ("green", 40),
    Zone.ACCEPTABLE: ("orange", 55),
    Zone.TOO_MUCH: ("vermillion", 45),
}

SIDES = {  # hue (a field of Colours), marker, rolling-mean dash
    None: ("blue", "o", Qt.PenStyle.SolidLine),
    "left": ("blue", "o", Qt.PenStyle.SolidLine),
    "right": ("ink", "s", Qt.PenStyle.DashLine),
}
# VISA-A scores that record no leg, beside those of each leg (both Achilles painful).
UNRECORDED = ("grey", "t", Qt.PenStyle.DotLine)


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


def font(points: int) -> QFont:
    f = QFont()
    f.setPointSize(points)
    return f


def pen(colour: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    made: QPen = pg.mkPen(colour, width=width, style=style)
    return made


def faded(colour: str, alpha: int) -> QColor:
    see_through = QColor(colour)
    see_through.setAlpha(alpha)
    return see_through


def cosmetic_pen(colour: str) -> QPen:
    """A one-pixel line whatever the view's scale."""
    thin = QPen(QColor(colour))
    thin.setCosmetic(True)
    thin.setWidthF(1.0)
    return thin


def glyph(colour: str, text: str) -> str:
    """A legend's sample: a coloured glyph in the legend's HTML."""
    return f'<span style="color: {colour}; font-weight: 700;">{text}</span>'
