"""The Progress page: pain, mornings, VISA-A, load and sessions done, charted over time.

The page reads through `History.programs` and `.queries` (SQL does the grouping),
`coach.domain.trends` shapes the series, and `coach.ui.charts` draws them. Importing this
module imports pyqtgraph, so the main window imports it only when the page is first shown.
While the page is hidden, `reload()` only notes that the data changed; the page
reads it again when it is next shown.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coach.app.model import AppModel
from coach.domain import dates, trends
from coach.domain.chart_data import day_span
from coach.domain.protocols import PROTOCOLS
from coach.domain.trends import Span
from coach.storage.database import naive
from coach.storage.schema import StorageError
from coach.ui.charts.adherence import CalendarChart
from coach.ui.charts.axis import seconds
from coach.ui.charts.card import ChartCard
from coach.ui.charts.load import LoadChart
from coach.ui.charts.mornings import MorningChart
from coach.ui.charts.pain import PainChart
from coach.ui.charts.visa import VisaChart
from coach.ui.widgets import guard_boxes

if TYPE_CHECKING:
    from coach.storage.history import History

PADDING = 0.03  # of the data's span, either side, when the range is "everything"
MIN_SPAN_DAYS = 7  # a single point still gets a week's width of axis

WHERE = {
    Span.PROGRAM: "in this program",
    Span.LAST_4_WEEKS: "in the last 4 weeks",
    Span.EVERYTHING: "yet",
}


def x_range(
    first: date | None, last: date | None, moments: list[datetime], today: date
) -> tuple[float, float]:
    """The time axis: the span's days, or (open span) the data's, a little padded."""
    if first is not None and last is not None:
        lo, hi = seconds(day_span(first, last))
        return float(lo), float(hi)
    if not moments:
        moments = [datetime.combine(today, time())]
    lo, hi = seconds([min(moments), max(moments)])
    pad = max((hi - lo) * PADDING, MIN_SPAN_DAYS * 86_400 / 2)
    return float(lo - pad), float(hi + pad)


class ProgressView(QWidget):
    """The charts of the model's history, over the span chosen in "Show".

    Re-reads when the history changes (`AppModel.history_changed`): at once if shown,
    else when next shown.
    """

    def __init__(self, model: AppModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        model.history_changed.connect(self.reload)
        self._stale = True
        title = QLabel("Progress")
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.span_box = QComboBox()
        self.span_box.setAccessibleName("Show")
        for span in Span:
            self.span_box.addItem(span.value, span)
        self.span_box.currentIndexChanged.connect(self.reload)
        show = QLabel("&Show")
        show.setBuddy(self.span_box)
        self.summary = QLabel()
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(24)
        top.addWidget(show)
        top.addWidget(self.span_box)
        top.addSpacing(12)
        top.addWidget(self.summary, stretch=1)

        self.pain = PainChart()
        self.mornings = MorningChart()
        self.visa = VisaChart()
        self.load = LoadChart()
        self.calendar = CalendarChart()
        self.charts: tuple[ChartCard, ...] = (
            self.pain, self.mornings, self.visa, self.load, self.calendar,
        )  # fmt: skip
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        for chart in self.charts:
            column.addWidget(chart)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 16, 0)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, stretch=1)

        # -- data -----------------------------------------------------------------
        guard_boxes(self)  # no value changes under a passing mouse wheel

    @property
    def span(self) -> Span:
        span: Span = self.span_box.currentData()
        return span

    def reload(self, *_args: object) -> None:
        """Read the data again: now if the page is shown, else when it is next shown."""
        self._stale = True
        if self.isVisible():
            self._load()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self._load()
        super().showEvent(event)

    def _load(self) -> None:
        self._stale = False
        history = self.model.history
        if history is None:
            self._unavailable(self.model.why_none)
            return
        try:
            self._chart(history)
        except StorageError as e:  # a damaged record, or a disk that refuses to be read
            self._unavailable(str(e))

    def _unavailable(self, problem: str) -> None:
        why = f"Progress is not available: {problem}" if problem else (
            "Progress appears here once the history is open."
        )  # fmt: skip
        self.summary.setText("")
        for chart in self.charts:
            chart.show_empty(why)

    def _chart(self, store: History) -> None:
        programs, queries = store.programs, store.queries
        today = naive(store.db.now()).date()
        program = programs.program()
        span = self.span
        first, last = trends.span_dates(span, today, program)
        where = WHERE[span] if first is not None else "yet"  # no program: everything
        pains = queries.pain_points(first, last, by_side=True)
        mornings = programs.checkins(first, last)
        visa = [trends.VisaPoint(naive(v.taken),
                                 v.side.value if v.side else None, v.score)
                for v in programs.visa(first, last)]  # fmt: skip
        loads = queries.load_points(first, last)
        moments = [p.when for p in loads] + [datetime.combine(m.day, time()) for m in mornings]
        moments += [v.when for v in visa]
        xs = x_range(first, last, moments, today)

        if pains:
            self.pain.show_points(trends.by_side(pains), xs)
        else:
            self.pain.show_empty(f"No pain ratings {where}. Rate each set's pain during a "
                                 "workout, and the pain of each session shows here.")  # fmt: skip
        if mornings:
            self.mornings.show_mornings(mornings, xs)
        else:
            self.mornings.show_empty(f"No morning check-ins {where}. The Today page asks "
                                     "each morning how the tendon feels.")  # fmt: skip
        if visa:
            protocol = PROTOCOLS.get(program.protocol) if program else None
            pain_site = protocol.pain_site if protocol else None  # the current program's
            self.visa.show_scores(trends.visa_by_side(visa), xs, pain_site)
        else:
            self.visa.show_empty(f"No VISA-A scores {where}. The Today page offers the "
                                 "questionnaire every two weeks of a program.")  # fmt: skip
        if loads:
            self.load.show_load(loads, xs)
        else:
            self.load.show_empty(f"No sessions {where}.")
        self._show_calendar(store, (first, last), today, where)
        sessions = len(loads)
        self.summary.setText(
            f"{sessions} session{'' if sessions == 1 else 's'}"
            + (f", {dates.day_month(first)} to {dates.day_month(last)}" if first and last else "")
        )

    def _show_calendar(self, store: History, span: tuple[date | None, date | None],
                       today: date, where: str) -> None:  # fmt: skip
        first, last = span
        done = store.queries.done_parts(first, last)
        programs = [(p.start, p.end) for p in store.programs.programs()]
        days = trends.calendar_span(first, last, (d for d, _ in done), programs, today)
        if days is None:
            self.calendar.show_empty(f"No program or sessions {where}.")
            return
        weeks = trends.planned_calendar(*days, done, today, programs)
        self.calendar.show_weeks(weeks, trends.tally(weeks))
