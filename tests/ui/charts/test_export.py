from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from coach.domain.trends import LoadPoint
from coach.storage.history import History
from coach.ui.charts.axis import seconds
from coach.ui.charts.card import ChartCard
from coach.ui.charts.export import PNG_SCALE, write_file
from coach.ui.charts.load import LoadChart
from coach.ui.progress_view import ProgressView
from tests.ui.progress import make_view

CHARTS: dict[str, Callable[[ProgressView], ChartCard]] = {
    "pain": lambda v: v.pain,
    "mornings": lambda v: v.mornings,
    "visa-a": lambda v: v.visa,
    "load": lambda v: v.load,
    "sessions": lambda v: v.calendar,
}


def test_each_chart_exports_a_real_png_and_svg(
    qtbot: QtBot, twelve_weeks: History, tmp_path: Path, chosen: list[tuple[str, str]]
) -> None:
    view = make_view(qtbot, twelve_weeks)
    for slug, chart_of in CHARTS.items():
        chart = chart_of(view)
        chart.png_action.trigger()
        chart.svg_action.trigger()
        png = (tmp_path / f"coach-{slug}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert len(png) > 10_000
        root = ET.fromstring((tmp_path / f"coach-{slug}.svg").read_bytes())  # noqa: S314 - our own file
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
        assert chart.title.split(":")[0] in texts  # the title is in the picture
    title = "Pain during the exercises"
    assert chosen[:2] == [(title, "png"), (title, "svg")]
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files


def test_the_png_is_the_chart_at_twice_its_pixels(
    qtbot: QtBot, shown: Callable[[LoadChart], LoadChart], tmp_path: Path,
    chosen: list[tuple[str, str]],
) -> None:  # fmt: skip
    start = datetime(2026, 3, 2, 8)  # noqa: DTZ001 - the records' naive wall clock
    points = [LoadPoint(start + timedelta(days=d), 5.0 * (d // 7)) for d in range(28)]
    chart = shown(LoadChart())
    lo, hi = seconds([start - timedelta(days=1), start + timedelta(days=29)])
    chart.show_load(points, (float(lo), float(hi)))
    path = chart.export("png")
    assert path == tmp_path / "coach-load.png"
    assert path.stat().st_size > 10_000
    image = QImage(str(path))
    assert image.width() == int(chart.layout_item.width() * PNG_SCALE)
    blue = QColor(chart.colours.blue)
    line = sum(
        image.pixelColor(x, y) == blue
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )
    assert line > 50  # the load's line and steps, in the chart's blue
    assert not chart.plot.label.isVisible()  # no read-out left in the picture


def test_a_file_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]  # no temporary file left
