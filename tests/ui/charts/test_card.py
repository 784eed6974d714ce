from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette, QPen
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.domain.trends import Span
from coach.storage.history import History
from coach.ui import look
from coach.ui.charts.adherence import CalendarPlot
from coach.ui.charts.card import EMPTY_PX, ChartCard
from coach.ui.charts.export import ChooseChartFile
from coach.ui.charts.plot import Plot
from tests.helpers import contrast
from tests.ui.progress import make_view


def test_a_card_without_data_says_why_and_offers_no_export(
    qtbot: QtBot, shown: Callable[[ChartCard], ChartCard]
) -> None:
    card = shown(ChartCard("Pain", "pain"))
    card.add_plot(2, "pain")
    card.set_height(300)
    card.show_empty("No pain ratings yet.")
    assert card.is_empty
    assert card.empty.isVisible()
    assert card.empty.text() == "No pain ratings yet."
    assert card.stack.height() == EMPTY_PX
    assert not card.export_button.isEnabled()
    assert not card.png_action.isEnabled()
    card.show_chart()
    assert not card.is_empty
    assert card.canvas.isVisible()
    assert card.stack.height() == 300
    assert card.export_button.isEnabled()
    assert card.export_button.accessibleName() == "Export Pain"
    assert [a.text() for a in card.export_menu.actions()] == ["Export as PNG…", "Export as SVG…"]


def test_an_export_that_cannot_be_written_says_so(
    qtbot: QtBot,
    twelve_weeks: History,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
) -> None:
    view = make_view(qtbot, twelve_weeks)
    missing = tmp_path / "gone" / "pain.png"
    monkeypatch.setattr(ChooseChartFile, "ask", classmethod(lambda *_a: missing))
    assert view.pain.export("png") is None
    assert told == [f"Could not write {missing}: no such file or directory. No file was written."]
    assert not missing.parent.exists()


def test_a_cancelled_export_writes_nothing(
    qtbot: QtBot, twelve_weeks: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view(qtbot, twelve_weeks)
    monkeypatch.setattr(ChooseChartFile, "ask", classmethod(lambda *_a: None))
    assert view.visa.export("svg") is None
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


# -- light and dark -----------------------------------------------------------------
def paper(chart: ChartCard) -> str:
    """The colour the chart's drawing area shows where nothing is drawn."""
    colour: str = chart.canvas.grab().toImage().pixelColor(2, 2).name()
    return colour


def series_colours(chart: ChartCard) -> dict[str, str]:
    """Each shown series' line colour, or its markers' fill or outline if it has no line."""
    colours = {}
    for plot in chart.plots:
        for name, s in getattr(plot, "series", {}).items():
            style = next(s.item.opts[k] for k in ("pen", "symbolBrush", "symbolPen")
                         if s.item.opts[k] is not None)  # fmt: skip
            colours[name] = (style.color() if isinstance(style, QPen) else QColor(style)).name()
    return colours


def test_the_charts_turn_dark_with_the_palette_and_back(
    qtbot: QtBot, twelve_weeks: History, app: QApplication
) -> None:
    view = make_view(qtbot, twelve_weeks, Span.EVERYTHING)
    light = {chart.slug: series_colours(chart) for chart in view.charts}
    points = view.pain.plot.data("all mean")[1].size
    assert paper(view.pain) == "#ffffff"

    app.setStyle("Fusion")
    app.setPalette(look.dark_palette())  # a live switch, as the scheme follower makes
    base = look.dark_palette().color(QPalette.ColorRole.Base).name()
    qtbot.waitUntil(lambda: all(paper(chart) == base for chart in view.charts))
    for chart in view.charts:
        assert contrast(chart.key.opts["color"], base) >= 4.5
        for plot in chart.plots:
            assert isinstance(plot, Plot | CalendarPlot)
            for axis in (plot.left, plot.top if isinstance(plot, CalendarPlot) else plot.bottom):
                assert contrast(axis.textPen().color(), base) >= 4.5
                assert contrast(axis.pen().color(), base) >= 3
        colours = series_colours(chart)
        assert colours.keys() == light[chart.slug].keys()  # drawn again, all of them
        for name, colour in colours.items():
            assert contrast(colour, base) >= 3, (chart.slug, name, colour)
    assert series_colours(view.pain)["all rolling"] != light["pain"]["all rolling"]
    assert view.mornings.stiffness.series["stiffness rolling"].item.opts["pen"].color() == (
        look.dark_palette().color(QPalette.ColorRole.Text)
    )
    assert view.pain.plot.data("all mean")[1].size == points
    assert contrast(view.pain.plot.label.color, base) >= 4.5  # the read-out under the mouse

    app.setPalette(app.style().standardPalette())
    qtbot.waitUntil(lambda: paper(view.pain) == "#ffffff")
    assert {chart.slug: series_colours(chart) for chart in view.charts} == light


def test_a_chart_with_nothing_to_show_says_so_readably_in_the_dark(
    qtbot: QtBot, store: History, app: QApplication
) -> None:
    view = make_view(qtbot, store)
    assert view.pain.is_empty
    app.setStyle("Fusion")
    app.setPalette(look.dark_palette())
    shade = look.dark_palette().color(QPalette.ColorRole.AlternateBase).name()
    qtbot.waitUntil(lambda: f"background: {shade}" in view.pain.empty.styleSheet())
    view.pain.empty.ensurePolished()
    assert contrast(view.pain.empty.palette().color(QPalette.ColorRole.WindowText), shade) >= 4.5
