"""Building the Progress page, and the data it charts, for the page's and the charts' tests."""

from __future__ import annotations

from datetime import date, datetime

from pytestqt.qtbot import QtBot

from coach.app.model import AppModel
from coach.domain.timeline import Timeline
from coach.domain.trends import Span
from coach.domain.visa_a import VisaAnswers
from coach.storage.history import History
from coach.ui.progress_view import ProgressView
from tests.helpers import WallClock, run_sets

TODAY = date(2026, 11, 21)  # the wall clock's day
NOW = datetime(2026, 11, 21, 8, 0)  # noqa: DTZ001 - its wall-clock time, as the charts show it


def make_view(qtbot: QtBot, store: History | None, span: Span | None = None) -> ProgressView:
    model = AppModel(None)
    view = ProgressView(model)
    qtbot.addWidget(view)
    view.resize(930, 720)
    if span is not None:
        view.span_box.setCurrentIndex(view.span_box.findData(span))
    model.attach(store)
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


def visa(points: int) -> VisaAnswers:
    return VisaAnswers(points, points, points, points, points, points, 0, "C", 0)
