from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from coach.domain.advice import Morning
from coach.domain.pain import Zone
from coach.domain.trends import PainPoint
from coach.reports.chart import ZONE_COLOURS, PainChart, _ticks

FIRST = date(2026, 3, 2)


def draw(chart: PainChart) -> QImage:
    image = QImage(800, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    chart(painter, QRectF(0, 0, 800, 300))
    painter.end()
    return image


@pytest.mark.usefixtures("qapp")
def test_the_zones_fill_the_plot_at_their_pain_levels() -> None:
    chart = PainChart(FIRST, FIRST + timedelta(days=13), [], [], QFont())
    image = draw(chart)
    order = [ZONE_COLOURS[z].name() for z in (Zone.TOO_MUCH, Zone.ACCEPTABLE, Zone.SAFE)]
    column = [c for y in range(300) if (c := image.pixelColor(700, y).name()) in order]
    bands = [c for i, c in enumerate(column) if i == 0 or c != column[i - 1]]
    assert bands == order  # top to bottom, each once (the white grid lines left out)
    heights = {c: column.count(c) for c in order}
    # 4.5 ratings too much, 3 acceptable, 2.5 safe (from 0): the grid lines take a little
    assert heights[order[0]] > heights[order[1]] > heights[order[2]]


@pytest.mark.usefixtures("qapp")
def test_the_sessions_and_mornings_are_drawn() -> None:
    sessions = [PainPoint(datetime(2026, 3, 2 + d, 8), None, 4.0, 5, 2) for d in range(7)]  # noqa: DTZ001 - the records' naive wall clock
    mornings = [Morning(FIRST + timedelta(days=d), 6, 10) for d in range(7)]
    empty = draw(PainChart(FIRST, FIRST + timedelta(days=13), [], [], QFont()))
    full = draw(PainChart(FIRST, FIRST + timedelta(days=13), sessions, mornings, QFont()))
    changed = sum(
        empty.pixelColor(x, y) != full.pixelColor(x, y) for x in range(800) for y in range(300)
    )
    assert changed > 500


def test_the_time_axis_marks_days_then_months() -> None:
    assert _ticks(FIRST, FIRST + timedelta(days=6)) == (
        [FIRST + timedelta(days=d) for d in range(7)], False,
    )  # fmt: skip
    ticks, monthly = _ticks(date(2026, 1, 10), date(2026, 12, 31))
    assert monthly
    assert ticks == [date(2026, m, 1) for m in range(2, 13)]
    assert _ticks(date(2024, 1, 1), date(2026, 12, 31))[0][:2] == [
        date(2024, 1, 1),
        date(2024, 4, 1),
    ]
