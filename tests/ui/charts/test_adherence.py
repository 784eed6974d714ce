from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from coach.domain.program import Program
from coach.domain.settings import Injured
from coach.domain.trends import CalendarWeek, Mark, tally
from coach.storage.history import History
from coach.ui.charts.adherence import CalendarChart
from tests.ui.progress import TODAY, make_view

Show = Callable[[CalendarChart], CalendarChart]
MONDAY = date(2026, 3, 2)


def test_a_week_is_a_row_of_days_split_morning_and_evening(qtbot: QtBot, shown: Show) -> None:
    done, missed, to_come = Mark.DONE, Mark.MISSED, Mark.TO_COME
    weeks = [
        CalendarWeek(MONDAY, ((done, missed),) + ((done, done),) * 6),
        CalendarWeek(MONDAY + timedelta(days=7), ((to_come, to_come),) + ((None, None),) * 6),
    ]
    chart = shown(CalendarChart())
    chart.show_weeks(weeks, tally(weeks))
    plot = chart.plot
    assert plot.describe_nearest(0.25, 0.5) == "Mon 2 Mar 2026, morning\ndone"
    assert plot.describe_nearest(0.75, 0.5) == "Mon 2 Mar 2026, evening\nmissed"
    assert plot.describe_nearest(0.25, 1.5) == "Mon 9 Mar 2026, morning\nto come"
    assert plot.describe_nearest(3.25, 1.5) is None  # nothing planned
    assert "done (13)" in chart.key.text
    assert "missed, struck through (1)" in chart.key.text
    assert "to come (2)" in chart.key.text
    assert plot.top._tickLevels[0][0] == (0.5, "Mon")
    assert [t for _, t in plot.left._tickLevels[0]] == ["2 Mar 2026", "9 Mar 2026"]


def test_a_program_without_workouts_shows_its_sessions_to_come(
    qtbot: QtBot, store: History
) -> None:
    store.programs.start_program(Program("p", TODAY, "alfredson", Injured.RIGHT, weeks=2))
    view = make_view(qtbot, store)
    weeks = view.calendar.plot.cells.weeks
    assert tally(weeks) == {Mark.DONE: 0, Mark.MISSED: 0, Mark.TO_COME: 28}
    assert view.calendar.plot.describe_nearest(5.75, 0.5) == "Sat 21 Nov 2026, evening\nto come"
    assert view.calendar.plot.describe_nearest(0.25, 0.5) is None  # before the program
    plot = view.calendar.plot
    view.calendar._mouse_moved(plot.vb.mapViewToScene(QPointF(5.75, 0.5)))
    assert plot.label.textItem.toPlainText() == "Sat 21 Nov 2026, evening\nto come"
    assert plot.outline.isVisible()
    assert plot.label.sceneBoundingRect().width() > 100
    assert view.pain.is_empty
