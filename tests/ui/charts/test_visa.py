from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot

from coach.domain.program import Program
from coach.domain.settings import Injured, Side
from coach.domain.trends import VisaPoint
from coach.storage.history import History
from coach.ui.charts.axis import seconds
from coach.ui.charts.visa import VisaChart
from tests.ui.progress import NOW, TODAY, make_view, visa

Show = Callable[[VisaChart], VisaChart]
START = datetime(2026, 3, 2, 9)  # noqa: DTZ001 - the records' naive wall clock


def test_scores_are_points_under_the_line_of_recovery(qtbot: QtBot, shown: Show) -> None:
    points = [
        VisaPoint(START + timedelta(days=14 * i), None, s) for i, s in enumerate((40, 52, 61))
    ]
    lo, hi = seconds([START - timedelta(days=1), START + timedelta(days=30)])
    chart = shown(VisaChart())
    chart.show_scores({None: points}, (float(lo), float(hi)), "midportion")
    assert list(chart.plot.data("score")[1]) == [40, 52, 61]
    assert chart.plot.vb.viewRange()[1] == [-2, 102]
    assert chart.recovered.value() == 90
    assert chart.recovered.label.format == "recovered: 90 or more"
    assert chart.target.value() == 40 + 14
    assert chart.target.label.format == (
        "first score 40 + 14 = 54: the smallest change that matters for midportion pain"
    )
    assert "VISA-A score (100: no symptoms)" in chart.key.text


def test_the_visa_a_chart_reads_out_its_points(qtbot: QtBot, store: History) -> None:
    store.programs.save_visa(visa(5), NOW - timedelta(days=14))
    store.programs.save_visa(visa(7), NOW - timedelta(days=1))
    view = make_view(qtbot, store)
    scores = [v.score for v in store.programs.visa()]
    x, y = view.visa.plot.data("score")
    assert list(y) == scores
    said = view.visa.plot.describe_nearest(x[1], y[1])
    change = scores[1] - scores[0]
    assert said == f"Fri 20 Nov 2026\nVISA-A {scores[1]} of 100 ({change:+d} since the first shown)"
    assert view.visa.target.isVisible()
    assert view.visa.target.value() == scores[0] + 14  # no program: the midportion figure
    assert "+ 14 =" in view.visa.target.label.format
    assert view.visa.recovered.value() == 90


def test_with_both_legs_each_has_its_visa_a_series_and_target(qtbot: QtBot, store: History) -> None:
    store.programs.start_program(Program("p", TODAY - timedelta(days=20), "jonsson", Injured.BOTH))
    store.programs.save_visa(visa(5), NOW - timedelta(days=14), Side.LEFT)
    store.programs.save_visa(visa(3), NOW - timedelta(days=14), Side.RIGHT)
    store.programs.save_visa(visa(7), NOW - timedelta(days=1), Side.LEFT)
    store.programs.save_visa(visa(4), NOW - timedelta(days=1), Side.RIGHT)
    view = make_view(qtbot, store)
    assert set(view.visa.plot.series) == {"left score", "right score"}
    assert list(view.visa.plot.data("left score")[1]) == [30, 42]
    assert list(view.visa.plot.data("right score")[1]) == [18, 24]
    x, y = view.visa.plot.data("right score")
    assert view.visa.plot.describe_nearest(x[1], y[1]) == (
        "Fri 20 Nov 2026 (right leg)\nVISA-A 24 of 100 (+6 since the first shown)"
    )
    left, right = view.visa.targets["left"], view.visa.targets["right"]
    assert (left.value(), right.value()) == (30 + 7, 18 + 7)  # insertional pain: 7 points
    assert left.isVisible()
    assert right.isVisible()
    assert not view.visa.target.isVisible()  # no series without a leg
    assert right.label.format.startswith("right leg: first score 18 + 7 = 25")
    assert "insertional pain" in right.label.format
    assert "Left leg:" in view.visa.key.text
    assert "Right leg:" in view.visa.key.text
