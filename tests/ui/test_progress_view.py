from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from coach.app.model import AppModel
from coach.domain import trends
from coach.domain.timeline import Timeline
from coach.domain.trends import Mark, Span
from coach.storage.history import History
from coach.ui.charts.axis import DAY, seconds
from coach.ui.charts.pain import PAIN_RANGE
from coach.ui.progress_view import ProgressView
from tests.helpers import WallClock
from tests.ui.progress import NOW, TODAY, choose, make_view, rated_session, visa


# -- no data ------------------------------------------------------------------------
def test_without_a_store_each_chart_says_why(qtbot: QtBot) -> None:
    model = AppModel(None)
    view = ProgressView(model)
    qtbot.addWidget(view)
    model.attach(None, "the file is from a newer Coach")
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
    assert (bottom, top) == pytest.approx(PAIN_RANGE)
    assert list(view.load.plot.data("steps")[1]) == [0.0]
    assert view.mornings.is_empty  # no check-in was answered
    assert view.calendar.plot.describe_nearest(5.25, 0.5) == "Sat 21 Nov 2026, morning\ndone"


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


# -- imports ------------------------------------------------------------------------
def test_the_main_window_does_not_import_pyqtgraph() -> None:
    code = (
        "import sys, coach.ui.app, coach.ui.main_window; "
        "assert 'pyqtgraph' not in sys.modules, 'pyqtgraph imported at start-up'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
