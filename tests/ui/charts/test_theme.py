from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from coach.domain.chart_data import PAIN_BANDS
from coach.ui import look
from coach.ui.charts.theme import SIDES, ZONE_LOOK, Colours, faded, font, glyph
from tests.helpers import contrast


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.usefixtures("qapp")
def test_every_chart_colour_is_readable_on_its_paper(*, dark: bool) -> None:
    palette = look.dark_palette() if dark else QApplication.style().standardPalette()
    c = Colours.of(palette)
    assert c.paper == palette.color(QPalette.ColorRole.Base).name()
    assert c.ink == palette.color(QPalette.ColorRole.Text).name()
    assert contrast(c.ink, c.paper) >= 4.5  # text: axis labels, key, read-out
    assert contrast(c.ink, c.shade) >= 4.5  # the sentence where a chart is empty
    assert contrast(c.grey, c.paper) >= 4.5  # axes, frames, the "to come" key
    for hue in (c.blue, c.orange, c.vermillion, c.green):
        assert contrast(hue, c.paper) >= 3  # WCAG's minimum for graphics
    # The calendar tells done from missed by lightness too: done is the darker.
    assert contrast(c.blue, "#000000") < contrast(c.orange, "#000000")


@pytest.mark.usefixtures("qapp")
def test_each_pain_zone_has_its_own_faint_hue() -> None:
    c = Colours.of(QApplication.style().standardPalette())
    looks = [ZONE_LOOK[band.zone] for band in PAIN_BANDS]
    assert [hue for hue, _ in looks] == ["green", "orange", "vermillion"]  # safe to too much
    assert all(0 < alpha < 64 for _, alpha in looks)  # faint: the data stays in front
    assert faded(c.hue("green"), 40).alpha() == 40


@pytest.mark.usefixtures("qapp")
def test_the_legs_differ_in_marker_and_dash_not_only_in_colour() -> None:
    left, right = SIDES["left"], SIDES["right"]
    assert left[1] != right[1]
    assert left[2] != right[2]
    assert SIDES[None] == left  # one leg, or both not told apart: as the left
    assert font(10).pointSize() == 10
    assert glyph("#123456", "●") == '<span style="color: #123456; font-weight: 700;">●</span>'
