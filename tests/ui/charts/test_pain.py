from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from coach.domain.settings import Injured
from coach.domain.timeline import Timeline
from coach.domain.trends import PainPoint, Span
from coach.storage import demo
from coach.storage.history import History
from coach.ui.charts.adherence import ROW_PX_MIN
from coach.ui.charts.axis import DAY, seconds
from coach.ui.charts.pain import PAIN_RANGE, PainChart
from tests.helpers import WallClock
from tests.ui.progress import NOW, choose, make_view, rated_session

Show = Callable[[PainChart], PainChart]
START = datetime(2026, 3, 2, 8)  # noqa: DTZ001 - the records' naive wall clock


def sessions(means: list[float], side: str | None = None) -> list[PainPoint]:
    """A session a day from START, each with the given mean and a worst set of mean + 2."""
    return [PainPoint(START + timedelta(days=d), side, m, round(m) + 2, 3)
            for d, m in enumerate(means)]  # fmt: skip


def span(days: int) -> tuple[float, float]:
    lo, hi = seconds([START.date(), START.date() + timedelta(days=days)])
    return float(lo), float(hi)


def blend(hue: str, alpha: int, paper: str) -> QColor:
    """`hue` at opacity `alpha` over `paper`, as the screen shows a band."""
    top, ground, a = QColor(hue), QColor(paper), alpha / 255
    return QColor(*(round(t * a + g * (1 - a)) for t, g in (
        (top.red(), ground.red()), (top.green(), ground.green()), (top.blue(), ground.blue()),
    )))  # fmt: skip


def test_the_zone_bands_lie_at_their_pain_levels(qtbot: QtBot, shown: Show) -> None:
    chart = shown(PainChart())
    chart.show_points({None: sessions([1.0])}, span(28))
    image = chart.canvas.grab().toImage()
    c = chart.colours
    x = seconds([START + timedelta(days=20)])[0]  # no data there: only the bands
    levels = [(0, c.green, 40), (2, c.green, 40), (3, c.orange, 55), (5, c.orange, 55),
              (6, c.vermillion, 45), (10, c.vermillion, 45)]  # fmt: skip
    for pain, hue, alpha in levels:
        where = chart.canvas.mapFromScene(chart.plot.vb.mapViewToScene(QPointF(x, pain)))
        seen, expected = image.pixelColor(where), blend(hue, alpha, c.paper)
        off = max(abs(seen.red() - expected.red()), abs(seen.green() - expected.green()),
                  abs(seen.blue() - expected.blue()))  # fmt: skip
        assert off <= 3, (pain, seen.name(), expected.name())
    assert [(b[1], b[2]) for b in chart.plot._bands] == [(-0.5, 2.5), (2.5, 5.5), (5.5, 10.5)]
    tops = [band.rect().bottom() for band, *_ in chart.plot._bands]
    assert tops == [2.5, 5.5, PAIN_RANGE[1]]  # the last cut at the top of the view


def test_the_zones_are_named_beside_the_plot(qtbot: QtBot, shown: Show) -> None:
    chart = shown(PainChart())
    ticks = chart.plot.right._tickLevels[0]
    assert ticks == [
        (1.0, "0\N{EN DASH}2 safe"),
        (4.0, "3\N{EN DASH}5 acceptable"),
        (8.0, "6\N{EN DASH}10 too much"),
    ]
    assert chart.plot.left.labelText == "pain (0\N{EN DASH}10)"


def test_each_session_is_a_point_and_the_week_a_line(qtbot: QtBot, shown: Show) -> None:
    means = [1.0, 2.0, 3.0, 4.0, 5.0]
    chart = shown(PainChart())
    chart.show_points({None: sessions(means)}, span(10))
    x, y = chart.plot.data("all mean")
    assert list(y) == means
    assert list(x) == list(seconds([START + timedelta(days=d) for d in range(5)]))
    assert list(chart.plot.data("all worst")[1]) == [3.0, 4.0, 5.0, 6.0, 7.0]
    assert list(chart.plot.data("all rolling")[1]) == [1.0, 1.5, 2.0, 2.5, 3.0]
    assert chart.plot.vb.viewRange()[1] == pytest.approx(PAIN_RANGE)
    assert "mean per session" in chart.key.text
    assert "7-day mean" in chart.key.text
    assert chart.plot.series["all rolling"].describe(4) == "Fri 6 Mar 2026\n7-day mean pain 3"


def test_the_date_axis_under_the_pain_says_the_days(qtbot: QtBot, shown: Show) -> None:
    chart = shown(PainChart())
    chart.show_points({None: sessions([1.0, 2.0])}, span(21))
    bottom = chart.plot.bottom
    (spacing, major), _minor = bottom.tickValues(*chart.plot.vb.viewRange()[0], 600)
    assert bottom.tickStrings(major, 1, spacing)[:3] == ["2 Mar", "9 Mar", "16 Mar"]


# -- on the Progress page -----------------------------------------------------------
def test_hovering_a_point_reads_out_its_date_and_exact_value(
    qtbot: QtBot, store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    rated_session(store, short_timeline, wall, [2, 3, 3])
    view = make_view(qtbot, store)
    plot = view.pain.plot
    x = seconds([NOW])[0]
    said = plot.describe_nearest(x, 8 / 3)
    assert said == "Sat 21 Nov 2026, 08:00\nmean pain 2.67 (3 rated sets)"
    assert plot.describe_nearest(x, 3) == "Sat 21 Nov 2026, 08:00\nworst set: pain 3"
    assert plot.describe_nearest(x + 2 * DAY, 8 / 3) is None  # nothing near
    # The mouse takes the same path: the read-out shows beside the point.
    view.pain._mouse_moved(plot.vb.mapViewToScene(QPointF(x, 3.0)))
    assert plot.label.isVisible()
    assert plot.label.textItem.toPlainText() == "Sat 21 Nov 2026, 08:00\nworst set: pain 3"
    shown = plot.label.sceneBoundingRect()  # upright and readable, beside the point
    assert shown.width() > 100
    assert shown.height() < 60
    assert plot.vb.sceneBoundingRect().intersects(shown)
    view.pain.hide_hover()
    assert not plot.label.isVisible()


def test_both_sides_are_plotted_separately(qtbot: QtBot, store: History) -> None:
    demo.fill(store.db, weeks=1, seed=2, injured=Injured.BOTH)
    view = make_view(qtbot, store, Span.EVERYTHING)
    names = set(view.pain.plot.series)
    assert {"left mean", "right mean", "left rolling", "right rolling"} <= names
    assert not any(name.startswith("all") for name in names)
    by_side = store.queries.pain_points(by_side=True)
    for side in ("left", "right"):
        mine = [p.mean for p in by_side if p.side == side]
        assert list(view.pain.plot.data(f"{side} mean")[1]) == mine
    assert "Left leg:" in view.pain.key.text
    assert "Right leg:" in view.pain.key.text
    right = next(p for p in by_side if p.side == "right")
    assert view.pain.plot.series["right worst"].describe(0) == (
        f"{right.when:%a %d %b %Y, %H:%M} (right leg)\nworst set: pain {right.max}"
    )


def test_five_years_stay_readable_and_light(qtbot: QtBot, store: History) -> None:
    demo.fill(store.db, weeks=260, seed=1)
    view = make_view(qtbot, store, Span.EVERYTHING)
    plot = view.pain.plot
    x, _ = plot.data("all mean")
    assert len(x) > 3000
    item = plot.series["all mean"].item
    assert item.opts["autoDownsample"]
    assert item.opts["clipToView"]
    assert not item.opts["antialias"]
    assert "all worst" not in plot.series  # thousands of triangles would hide the trend
    assert "choose a shorter span" in view.pain.key.text
    assert view.calendar.canvas.height() <= 260 * ROW_PX_MIN + 100
    assert len(view.calendar.plot.cells.weeks) >= 260
    (spacing, major), _minor = plot.bottom.tickValues(*plot.vb.viewRange()[0], 600)
    assert plot.bottom.tickStrings(major, 1, spacing)[:2] == ["2022", "2023"]
    choose(view, Span.PROGRAM)
    assert "all worst" in plot.series
    assert np.all(plot.data("all mean")[0] >= seconds([view.calendar.plot.cells.weeks[0].first])[0])
