from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from coach.app.model import AppModel
from coach.domain.timeline import Timeline
from coach.storage import json_export, json_import
from coach.storage.history import History
from coach.ui import history_view
from coach.ui.history_view import ConfirmDelete, HistoryView
from tests.helpers import WallClock, fill_the_disk, run_sets


@pytest.fixture
def two_sessions(store: History, short_timeline: Timeline, wall: WallClock) -> list[str]:
    """A morning session of 2 sets (pain 2 and 6) and, next evening, one of 1 set."""
    first = run_sets(store, short_timeline, wall, 2)
    store.sessions.set_pain(first, 0, 2)
    store.sessions.set_pain(first, 1, 6)
    wall.advance(days=1, hours=11)
    second = run_sets(store, short_timeline, wall, 1)
    return [first, second]


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the page told the user about failed writes (instead of a message box)."""
    said: list[str] = []
    monkeypatch.setattr(
        history_view.DataError, "tell", classmethod(lambda _cls, _p, text: said.append(text))
    )
    return said


def make_view(qtbot: QtBot, store: History) -> HistoryView:
    model = AppModel(None)
    v = HistoryView(model, QUndoStack())
    qtbot.addWidget(v)
    model.attach(store)
    return v


@pytest.fixture
def view(qtbot: QtBot, store: History, two_sessions: list[str]) -> HistoryView:
    return make_view(qtbot, store)


def cell(view: HistoryView, row: int, column: str) -> str:
    col = [c[0] for c in history_view.COLUMNS].index(column)
    return str(view.model.data(view.model.index(row, col), Qt.ItemDataRole.DisplayRole))


def pain_box(view: HistoryView, row: int) -> QComboBox:
    box = view.sets_table.cellWidget(row, 5)
    assert isinstance(box, QComboBox)
    return box


def test_sessions_are_listed_newest_first_with_their_facts(view: HistoryView) -> None:
    assert view.model.rowCount() == 2
    assert view.count.text() == "2 sessions"
    assert cell(view, 0, "Date") == "Sun 22 Nov 2026"
    assert cell(view, 0, "Session") == "evening"
    assert cell(view, 1, "Session") == "morning"
    assert cell(view, 1, "Sets") == "partial: 2 of 4 sets"
    assert (cell(view, 1, "Mean pain"), cell(view, 1, "Max pain")) == ("4", "6")
    assert cell(view, 0, "Mean pain") == ""  # nothing rated
    assert cell(view, 1, "Protocol") == "Alfredson heel drops off a step"
    assert cell(view, 1, "Status") == "in progress"


def test_a_session_is_complete_only_with_every_planned_set_done(
    qtbot: QtBot, store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    run_sets(store, short_timeline, wall, 0)  # started, no set done
    wall.advance(minutes=5)
    run_sets(store, short_timeline, wall, 1)  # one set of four, then stopped
    wall.advance(minutes=5)
    run_sets(store, short_timeline, wall, 4)
    view = make_view(qtbot, store)
    assert [cell(view, row, "Sets") for row in range(3)] == [
        "complete: 4 of 4 sets", "partial: 1 of 4 sets", "no sets done: 0 of 4 sets",
    ]  # fmt: skip


def test_selecting_a_session_shows_its_sets(view: HistoryView, two_sessions: list[str]) -> None:
    view.table.selectRow(1)
    assert view.selected_id() == two_sessions[0]
    assert view.sets_table.rowCount() == 2
    item = view.sets_table.item(0, 1)
    assert item is not None
    assert item.text() == "knee straight"
    assert pain_box(view, 1).currentData() == 6
    assert "Saturday 21 November 2026, morning" in view.heading.text()


def test_the_date_filter_narrows_the_list(view: HistoryView, two_sessions: list[str]) -> None:
    view.first.setDate(QDate(2026, 11, 22))
    view.last.setDate(QDate(2026, 11, 30))
    view.only_dates.setChecked(True)
    assert view.date_range() == (date(2026, 11, 22), date(2026, 11, 30))
    assert [r.id for r in view.model.rows] == [two_sessions[1]]
    assert view.count.text() == "1 session"
    view.only_dates.setChecked(False)
    assert view.model.rowCount() == 2


def test_a_pain_edit_is_saved_and_undone(
    view: HistoryView, store: History, two_sessions: list[str]
) -> None:
    view.table.selectRow(1)
    pain_box(view, 0).setCurrentIndex(pain_box(view, 0).findData(4))
    assert store.sessions.sets(two_sessions[0])[0].pain == 4
    assert cell(view, 1, "Mean pain") == "5"
    view.undo_stack.undo()
    assert store.sessions.sets(two_sessions[0])[0].pain == 2
    assert pain_box(view, 0).currentData() == 2  # the page shows the undone value
    view.undo_stack.redo()
    assert store.sessions.sets(two_sessions[0])[0].pain == 4


def test_a_note_edit_is_saved_and_undone(
    view: HistoryView, store: History, two_sessions: list[str]
) -> None:
    view.table.selectRow(0)
    view.note.setPlainText("  sore on the stairs ")
    view.save_note.click()
    assert store.sessions.session(two_sessions[1]).note == "sore on the stairs"
    assert cell(view, 0, "Note") == "sore on the stairs"
    assert view.undo_stack.undoText() == "change the note"
    view.undo_stack.undo()
    assert store.sessions.session(two_sessions[1]).note == ""


def test_delete_asks_then_deletes_and_undo_brings_it_back(
    view: HistoryView, store: History, two_sessions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    view.table.selectRow(1)
    monkeypatch.setattr(ConfirmDelete, "ask", classmethod(lambda _cls, _p, _row: False))
    view.delete_button.click()
    assert store.db.count("sessions") == 2
    monkeypatch.setattr(ConfirmDelete, "ask", classmethod(lambda _cls, _p, _row: True))
    before = store.sessions.sets(two_sessions[0])
    view.delete_button.click()
    assert [r.id for r in store.sessions.sessions()] == [two_sessions[1]]
    assert view.model.rowCount() == 1
    view.undo_stack.undo()
    assert store.sessions.sets(two_sessions[0]) == before
    assert view.model.rowCount() == 2
    assert view.selected_id() == two_sessions[0]


def test_an_edit_that_cannot_be_saved_says_so_and_changes_nothing(
    view: HistoryView, store: History, two_sessions: list[str], told: list[str]
) -> None:
    fill_the_disk(store, two_sessions[0])
    view.reload()
    view.table.selectRow(0)
    view.note.setPlainText("x" * 20_000)  # needs pages the full disk does not have
    view.save_note.click()
    assert told == ["Could not save the note: the disk is full."]
    assert view.undo_stack.count() == 0
    assert view.note.toPlainText() == ""  # the page shows what is stored
    assert store.sessions.session(two_sessions[1]).note == ""


def test_an_undo_that_clashes_with_a_later_change_says_so_and_is_dropped(
    view: HistoryView, store: History, two_sessions: list[str], told: list[str]
) -> None:
    backup = json_export.export_document(store.db)
    view.delete(two_sessions[0])
    json_import.import_document(store.db, backup)  # the deleted session comes back by import...
    view.undo_stack.undo()  # ...so undoing the delete cannot put it back a second time
    assert len(told) == 1
    assert "the history has changed" in told[0]
    assert view.undo_stack.count() == 0  # the command that cannot be replayed is dropped
    assert len(store.sessions.sets(two_sessions[0])) == 2
    assert store.db.count("sessions") == 2


def test_redo_deletes_again(view: HistoryView, store: History, two_sessions: list[str]) -> None:
    view.delete(two_sessions[0])
    view.undo_stack.undo()
    assert store.db.count("sessions") == 2
    view.undo_stack.redo()
    assert [r.id for r in store.sessions.sessions()] == [two_sessions[1]]


def test_an_empty_history_says_what_will_appear(qtbot: QtBot, store: History) -> None:
    view = make_view(qtbot, store)
    assert view.model.rowCount() == 0
    assert "No sessions yet" in view.empty.text()
    assert not view.detail.isEnabled()


def test_without_a_store_the_page_says_why(qtbot: QtBot) -> None:
    model = AppModel(None)
    v = HistoryView(model, QUndoStack())
    qtbot.addWidget(v)
    model.attach(None, "the file is from a newer Coach")
    assert "not available: the file is from a newer Coach" in v.empty.text()
