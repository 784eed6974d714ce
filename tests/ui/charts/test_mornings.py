from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from coach.domain.advice import Morning
from coach.storage.history import History
from coach.ui.charts.axis import seconds
from coach.ui.charts.mornings import MorningChart
from tests.ui.progress import TODAY, make_view

Show = Callable[[MorningChart], MorningChart]
FIRST = date(2026, 3, 2)


def span(days: int) -> tuple[float, float]:
    lo, hi = seconds([FIRST, FIRST + timedelta(days=days)])
    return float(lo), float(hi)


def test_each_answer_is_a_point_and_unanswered_ones_are_left_out(qtbot: QtBot, shown: Show) -> None:
    mornings = [
        Morning(FIRST, 2, 10),
        Morning(FIRST + timedelta(days=1), None, 20),  # pain not rated
        Morning(FIRST + timedelta(days=2), 4, None),  # stiffness not given
        Morning(FIRST + timedelta(days=3), 6, 30),
    ]
    chart = shown(MorningChart())
    chart.show_mornings(mornings, span(7))
    x, y = chart.pain.data("pain")
    assert list(y) == [2.0, 4.0, 6.0]
    assert list(x) == list(seconds([FIRST, FIRST + timedelta(days=2), FIRST + timedelta(days=3)]))
    assert list(chart.stiffness.data("stiffness")[1]) == [10.0, 20.0, 30.0]
    assert list(chart.pain.data("pain rolling")[1]) == [2.0, 3.0, 4.0]
    assert chart.pain.vb.viewRange()[1] == [-0.5, 10.5]
    assert chart.stiffness.vb.viewRange()[1] == [-1, 40]  # room above the stiffest morning
    assert "7-day mean" in chart.key.text
    assert chart.pain.left.labelText == "pain (0\N{EN DASH}10)"


def test_the_mornings_read_out_their_points(qtbot: QtBot, store: History) -> None:
    store.programs.save_checkin(TODAY - timedelta(days=1), 3, 25)
    view = make_view(qtbot, store)
    day = seconds([TODAY - timedelta(days=1)])[0]
    assert view.mornings.pain.describe_nearest(day, 3) == "Fri 20 Nov 2026, morning\npain: 3"
    assert view.mornings.stiffness.describe_nearest(day, 25) == (
        "Fri 20 Nov 2026, morning\nminutes stiff: 25"
    )
    assert view.mornings.pain.series["pain rolling"].describe(0) == (
        "Fri 20 Nov 2026\n7-day mean pain: 3"
    )
