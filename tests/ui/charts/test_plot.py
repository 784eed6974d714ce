from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from coach.ui.charts.card import ChartCard
from coach.ui.charts.plot import HOVER_PX, number

Show = Callable[[ChartCard], ChartCard]


@pytest.mark.parametrize(
    ("value", "shown"), [(2.3333, "2.33"), (4.5, "4.5"), (4.0, "4"), (0.0, "0"), (10.0, "10")]
)
def test_figures_show_two_decimals_at_most(value: float, shown: str) -> None:
    assert number(value) == shown


def test_a_plot_reads_out_the_point_under_the_mouse(qtbot: QtBot, shown: Show) -> None:
    card = ChartCard("A chart", "a-chart")
    plot = card.add_plot(2, "value")
    card.set_height(300)
    card.show_chart()
    shown(card)
    plot.plot("dots", np.array([0.0, 10.0]), np.array([1.0, 2.0]), lambda i: f"point {i}",
              pen=None, symbol="o")  # fmt: skip
    plot.set_range((0.0, 10.0), (0.0, 3.0))
    assert plot.describe_nearest(10.0, 2.0) == "point 1"
    assert plot.describe_nearest(5.0, 1.5) is None  # half the plot away: nothing near
    card._mouse_moved(plot.vb.mapViewToScene(QPointF(0.0, 1.0)))
    assert plot.label.isVisible()
    assert plot.label.textItem.toPlainText() == "point 0"
    plot.clear()
    assert not plot.label.isVisible()
    assert plot.describe_nearest(10.0, 2.0) is None
    assert HOVER_PX > 0


def test_a_band_fills_the_width_and_stops_at_the_view(qtbot: QtBot, shown: Show) -> None:
    card = ChartCard("A chart", "a-chart")
    plot = card.add_plot(2, "value")
    plot.add_band(-5.0, 2.0, "green", 40)
    plot.set_range((100.0, 200.0), (0.0, 10.0))
    band = plot._bands[0][0]
    rect = band.rect()
    assert (rect.left(), rect.right()) == (100.0, 200.0)
    assert (rect.top(), rect.bottom()) == (0.0, 2.0)  # cut at the view's bottom, 0
    assert band.brush().color().alpha() == 40
