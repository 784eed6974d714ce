from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot

from coach.domain.trends import LoadPoint
from coach.ui.charts.axis import seconds
from coach.ui.charts.load import LoadChart

Show = Callable[[LoadChart], LoadChart]
START = datetime(2026, 3, 2, 8)  # noqa: DTZ001 - the records' naive wall clock


def test_the_load_is_a_step_for_each_change(qtbot: QtBot, shown: Show) -> None:
    loads = [0.0, 0.0, 2.5, 2.5, 2.5, 5.0, 5.0]
    points = [LoadPoint(START + timedelta(days=d), kg) for d, kg in enumerate(loads)]
    lo, hi = seconds([START - timedelta(days=1), START + timedelta(days=8)])
    chart = shown(LoadChart())
    chart.show_load(points, (float(lo), float(hi)))
    x, y = chart.plot.data("steps")
    assert list(y) == [0.0, 2.5, 5.0]
    assert list(x) == list(seconds([START, START + timedelta(days=2), START + timedelta(days=5)]))
    line_x = chart.plot._items["line"].xData
    assert line_x[-1] == seconds([START + timedelta(days=6)])[0]  # to the last session
    assert chart.plot.vb.viewRange()[1] == [-1.0, 10.0]
    assert chart.plot.series["steps"].describe(0) == (
        "from Mon 2 Mar 2026, 08:00\nno added load (body weight)"
    )
    assert (
        chart.plot.series["steps"].describe(1).startswith("from Wed 4 Mar 2026, 08:00\nadded load ")
    )
    assert not chart.is_empty
