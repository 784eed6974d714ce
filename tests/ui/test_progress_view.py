from __future__ import annotations

import itertools
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QFontMetrics, QPalette, QPen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.domain import trends
from coach.domain.program import Program
from coach.domain.settings import Injured, Side
from coach.domain.timeline import Timeline
from coach.domain.trends import Mark, Span
from coach.domain.visa_a import VisaAnswers
from coach.storage import demo
from coach.storage.history import History
from coach.ui import charts, look
from coach.ui.charts import DAY, ChartCard, ChooseChartFile, DayAxis, seconds
from coach.ui.exchange_dialogs import Tell
from coach.ui.progress_view import ProgressView
from tests.helpers import WallClock, contrast, run_sets

TODAY = date(2026, 11, 21)  # the wall clock's day
NOW = datetime(2026, 11, 21, 8, 0)  # noqa: DTZ001 - its wall-clock time, as the charts show it


def make_view(qtbot: QtBot, store: History | None, span: Span | None = None) -> ProgressView:
    view = ProgressView()
    qtbot.addWidget(view)
    view.resize(930, 720)
    if span is not None:
        view.span_box.setCurrentIndex(view.span_box.findData(span))
    view.set_store(store)
    view.show()
    qtbot.waitExposed(view)
    return view


def choose(view: ProgressView, span: Span) -> None:
    view.span_box.setCurrentIndex(view.span_box.findData(span))


def rated_session(store: History, tl: Timeline, wall: WallClock, pains: list[int]) -> str:
    """A session whose first sets are rated `pains`, started at the wall clock's time."""
    sid = run_sets(store, tl, wall, len(pains))
    for position, pain in enumerate(pains):
        store.sessions.set_pain(sid, position, pain)
    return sid


@pytest.fixture
def twelve_weeks(store: History) -> History:
    demo.fill(store.db, weeks=12, seed=5)
    return store


def visa(points: int) -> VisaAnswers:
    return VisaAnswers(points, points, points, points, points, points, 0, "C", 0)


# -- no data ------------------------------------------------------------------------
def test_without_a_store_each_chart_says_why(qtbot: QtBot) -> None:
    view = ProgressView()
    qtbot.addWidget(view)
    view.set_store(None, "the file is from a newer Coach")
    view.show()
    for chart in view.charts:
        assert chart.is_empty
        assert chart.empty.text() == "Progress is not available: the file is from a newer Coach"


def test_an_unreadable_record_is_said_not_raised(qtbot: QtBot, store: History) -> None:
    store.programs.save_visa(visa(5), NOW)
    store.db.sql.execute("UPDATE visa_a SET answers = '{}'")
    view = make_view(qtbot, store)
    for chart in view.charts:
        assert chart.is_empty
        assert chart.empty.text().startswith(
            "Progress is not available: The VISA-A result of 2026-11-21 is unreadable"
        )


def test_an_empty_history_says_what_will_appear(qtbot: QtBot, store: History) -> None:
    view = make_view(qtbot, store)
    texts = {chart.slug: chart.empty.text() for chart in view.charts if chart.is_empty}
    assert set(texts) == {"pain", "mornings", "visa-a", "load", "sessions"}
    assert texts["pain"].startswith("No pain ratings yet.")
    assert texts["mornings"].startswith("No morning check-ins yet.")
    assert texts["visa-a"].startswith("No VISA-A scores yet.")
    assert texts["sessions"] == "No program or sessions yet."
    assert not view.pain.export_button.isEnabled()
    assert not view.pain.png_action.isEnabled()
    assert view.summary.text() == "0 sessions"


# -- one session --------------------------------------------------------------------
def test_one_session_is_one_visible_point_on_a_sensible_axis(
    qtbot: QtBot, store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    rated_session(store, short_timeline, wall, [2, 6])
    view = make_view(qtbot, store)
    assert not view.pain.is_empty
    x, y = view.pain.plot.data("all mean")
    assert list(x) == [seconds([NOW])[0]]
    assert list(y) == [4.0]
    assert list(view.pain.plot.data("all worst")[1]) == [6.0]
    assert view.pain.plot.series["all mean"].item.opts["symbol"] == "o"  # a marker, not a line
    (left, right), (bottom, top) = view.pain.plot.vb.viewRange()
    assert right - left >= 7 * DAY
    assert left < x[0] < right
    assert (bottom, top) == pytest.approx(charts.PAIN_RANGE)
    assert list(view.load.plot.data("steps")[1]) == [0.0]
    assert view.mornings.is_empty  # no check-in was answered
    assert view.calendar.plot.describe_nearest(5.25, 0.5) == "Sat 21 Nov 2026, morning\ndone"


# -- hover --------------------------------------------------------------------------
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


def test_the_other_charts_read_out_their_points(qtbot: QtBot, store: History) -> None:
    store.programs.save_checkin(TODAY - timedelta(days=1), 3, 25)
    store.programs.save_visa(visa(5), NOW - timedelta(days=14))
    store.programs.save_visa(visa(7), NOW - timedelta(days=1))
    view = make_view(qtbot, store)
    day = seconds([TODAY - timedelta(days=1)])[0]
    assert view.mornings.pain.describe_nearest(day, 3) == "Fri 20 Nov 2026, morning\npain: 3"
    assert view.mornings.stiffness.describe_nearest(day, 25) == (
        "Fri 20 Nov 2026, morning\nminutes stiff: 25"
    )
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


# -- demo data ----------------------------------------------------------------------
def test_twelve_weeks_of_demo_data_are_plotted_in_full(qtbot: QtBot, twelve_weeks: History) -> None:
    programs, queries = twelve_weeks.programs, twelve_weeks.queries
    program = programs.program()
    assert program is not None
    view = make_view(qtbot, twelve_weeks)
    assert view.span is Span.PROGRAM
    assert not any(chart.is_empty for chart in view.charts)
    points = queries.pain_points(program.start, program.end)
    x, mean = view.pain.plot.data("all mean")
    assert list(x) == list(seconds([p.when for p in points]))
    assert list(mean) == [p.mean for p in points]
    rolled = trends.rolling_mean([(p.when, p.mean) for p in points])
    assert list(view.pain.plot.data("all rolling")[1]) == [v for _, v in rolled]
    steps = trends.load_steps(queries.load_points(program.start, program.end))
    assert list(view.load.plot.data("steps")[1]) == [s.load_kg for s in steps]
    mornings = programs.checkins(program.start, program.end)
    assert len(view.mornings.pain.data("pain")[0]) == sum(m.pain is not None for m in mornings)
    # The calendar: a row per week of the program, its half-days as the store has them.
    cal = view.calendar.plot.cells.weeks
    assert cal[0].first <= program.start < cal[0].first + timedelta(days=7)
    assert len(cal) in {12, 13}
    done = len(queries.done_parts(program.start, program.end))
    assert trends.tally(cal)[Mark.DONE] == done
    assert f"done ({done})" in view.calendar.key.text
    sessions = len(queries.load_points(program.start, program.end))
    assert view.summary.text().startswith(f"{sessions} sessions, ")


def test_the_span_chooses_what_is_plotted(qtbot: QtBot, twelve_weeks: History) -> None:
    view = make_view(qtbot, twelve_weeks, Span.EVERYTHING)
    everything = view.pain.plot.data("all mean")[0]
    choose(view, Span.LAST_4_WEEKS)
    recent = view.pain.plot.data("all mean")[0]
    first = seconds([TODAY - timedelta(days=27)])[0]
    assert len(recent) < len(everything)
    assert recent.min() >= first
    assert list(recent) == [x for x in everything if x >= first]
    assert view.pain.plot.vb.viewRange()[0] == pytest.approx([first, seconds([TODAY])[0] + DAY])
    assert len(view.calendar.plot.cells.weeks) == 5  # 28 days from a Sunday: 5 calendar weeks
    choose(view, Span.PROGRAM)
    program = twelve_weeks.programs.program()
    assert program is not None
    assert view.pain.plot.vb.viewRange()[0][0] == seconds([program.start])[0]


def test_a_span_without_data_says_so(qtbot: QtBot, store: History) -> None:
    store.programs.save_visa(visa(5), NOW - timedelta(days=100))
    view = make_view(qtbot, store, Span.LAST_4_WEEKS)
    assert view.visa.empty.text().startswith("No VISA-A scores in the last 4 weeks.")
    choose(view, Span.EVERYTHING)
    assert not view.visa.is_empty


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


def test_a_program_without_workouts_shows_its_sessions_to_come(
    qtbot: QtBot, store: History
) -> None:
    store.programs.start_program(Program("p", TODAY, "alfredson", Injured.RIGHT, weeks=2))
    view = make_view(qtbot, store)
    weeks = view.calendar.plot.cells.weeks
    assert trends.tally(weeks) == {Mark.DONE: 0, Mark.MISSED: 0, Mark.TO_COME: 28}
    assert view.calendar.plot.describe_nearest(5.75, 0.5) == "Sat 21 Nov 2026, evening\nto come"
    assert view.calendar.plot.describe_nearest(0.25, 0.5) is None  # before the program
    plot = view.calendar.plot
    view.calendar._mouse_moved(plot.vb.mapViewToScene(QPointF(5.75, 0.5)))
    assert plot.label.textItem.toPlainText() == "Sat 21 Nov 2026, evening\nto come"
    assert plot.outline.isVisible()
    assert plot.label.sceneBoundingRect().width() > 100
    assert view.pain.is_empty


def test_the_wheel_over_a_chart_scrolls_the_page(qtbot: QtBot, twelve_weeks: History) -> None:
    view = make_view(qtbot, twelve_weeks)
    shown = view.pain.plot.vb.viewRange()
    bar = view.scroll_area.verticalScrollBar()
    assert bar.value() == 0
    where = view.pain.canvas.viewport().mapTo(view, QPoint(300, 150))
    QTest.wheelEvent(view.windowHandle(), where, QPoint(0, -120))
    assert bar.value() > 0
    assert view.pain.plot.vb.viewRange() == shown  # no zoom


# -- reloading ----------------------------------------------------------------------
def test_a_hidden_page_reads_new_data_when_it_is_shown(
    qtbot: QtBot, store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    view = make_view(qtbot, store)
    assert view.pain.is_empty
    view.hide()
    rated_session(store, short_timeline, wall, [1])
    view.reload()
    assert view.pain.is_empty  # not read while hidden...
    view.show()
    assert list(view.pain.plot.data("all mean")[1]) == [1.0]  # ...but once shown
    wall.advance(days=1)
    rated_session(store, short_timeline, wall, [5])
    view.reload()  # shown: at once
    assert list(view.pain.plot.data("all mean")[1]) == [1.0, 5.0]


# -- export -------------------------------------------------------------------------
@pytest.fixture
def chosen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str]]:
    """Export files go to tmp_path; the titles and formats asked for are kept."""
    asked: list[tuple[str, str]] = []

    def ask(_cls: object, _parent: object, title: str, suggested: str, fmt: str) -> Path:
        asked.append((title, fmt))
        return tmp_path / f"{suggested}.{fmt}"

    monkeypatch.setattr(ChooseChartFile, "ask", classmethod(ask))
    return asked


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(Tell, "problem", classmethod(lambda _c, _p, _t, text: said.append(text)))
    return said


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


# -- axes and imports ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("days", "pixels", "labels"),
    [
        (7, 600, ["1 Mar", "2 Mar", "3 Mar"]),
        (21, 600, ["2 Mar", "9 Mar", "16 Mar"]),
        (84, 600, ["9 Mar", "23 Mar", "6 Apr"]),  # the Progress page's 12 weeks at 1024 px
        (84, 300, ["Mar 2026", "Apr", "May"]),
        (5 * 365, 700, ["2027", "2028", "2029", "2030"]),
    ],
)
def test_the_date_axis_labels_what_fits(qtbot: QtBot, days: int, pixels: int,
                                        labels: list[str]) -> None:  # fmt: skip
    axis = DayAxis(orientation="bottom")
    first = seconds([date(2026, 3, 1)])[0]
    (spacing, major), _minor = axis.tickValues(first, first + days * DAY, pixels)
    assert axis.tickStrings(major, 1, spacing)[: len(labels)] == labels


@pytest.mark.parametrize("days", [7, 21, 84, 180, 365, 3 * 365, 5 * 365, 10 * 365])
@pytest.mark.parametrize("pixels", [300, 450, 600, 800, 1200])
def test_the_date_labels_never_run_into_each_other(qtbot: QtBot, days: int, pixels: int) -> None:
    axis = DayAxis(orientation="bottom")
    axis.setStyle(tickFont=charts._font(10))  # as the charts set it
    low = seconds([date(2026, 11, 2)])[0]
    high = low + days * DAY
    (spacing, major), _minor = axis.tickValues(low, high, pixels)
    widths = [
        QFontMetrics(charts._font(10)).horizontalAdvance(text)
        for text in axis.tickStrings(major, 1, spacing)
    ]
    x = [(v - low) / (high - low) * pixels for v in major]
    for (a, wa), (b, wb) in itertools.pairwise(zip(x, widths, strict=True)):
        assert b - a >= (wa + wb) / 2 + 8, (days, pixels, major)  # centred labels, 8 px apart


def test_the_main_window_does_not_import_pyqtgraph() -> None:
    code = (
        "import sys, coach.ui.app, coach.ui.main_window; "
        "assert 'pyqtgraph' not in sys.modules, 'pyqtgraph imported at start-up'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# -- five years ---------------------------------------------------------------------
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
    assert view.calendar.canvas.height() <= 260 * charts.ROW_PX_MIN + 100
    assert len(view.calendar.plot.cells.weeks) >= 260
    (spacing, major), _minor = plot.bottom.tickValues(*plot.vb.viewRange()[0], 600)
    assert plot.bottom.tickStrings(major, 1, spacing)[:2] == ["2022", "2023"]
    choose(view, Span.PROGRAM)
    assert "all worst" in plot.series
    assert np.all(plot.data("all mean")[0] >= seconds([view.calendar.plot.cells.weeks[0].first])[0])


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


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.usefixtures("qapp")
def test_every_chart_colour_is_readable_on_its_paper(*, dark: bool) -> None:
    palette = look.dark_palette() if dark else QApplication.style().standardPalette()
    c = charts.Colours.of(palette)
    assert c.paper == palette.color(QPalette.ColorRole.Base).name()
    assert c.ink == palette.color(QPalette.ColorRole.Text).name()
    assert contrast(c.ink, c.paper) >= 4.5  # text: axis labels, key, read-out
    assert contrast(c.ink, c.shade) >= 4.5  # the sentence where a chart is empty
    assert contrast(c.grey, c.paper) >= 4.5  # axes, frames, the "to come" key
    for hue in (c.blue, c.orange, c.vermillion, c.green):
        assert contrast(hue, c.paper) >= 3  # WCAG's minimum for graphics
    # The calendar tells done from missed by lightness too: done is the darker.
    assert contrast(c.blue, "#000000") < contrast(c.orange, "#000000")


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
            for axis in (plot.left, plot.top if isinstance(plot, charts.CalendarPlot)
                         else plot.bottom):  # fmt: skip
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
