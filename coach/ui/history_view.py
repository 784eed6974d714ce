"""The History page: every session, newest first, and the sets of the one selected.

The pain of a set and a session's note can be changed, and a session deleted;
each change is written at once and goes on the window's undo stack (Ctrl+Z),
which lasts until the app closes. The page reads through `History.sessions` only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coach.app.model import OPENING, AppModel
from coach.domain import dates
from coach.domain.protocols import PROTOCOLS
from coach.domain.wording import format_kg
from coach.storage.schema import StorageError
from coach.ui.widgets import guard_boxes, pain_box

if TYPE_CHECKING:
    from coach.storage.history import History
    from coach.storage.sessions import SessionRow, Sessions, SetRow

ModelIndex = QModelIndex | QPersistentModelIndex
T = TypeVar("T")
_NO_INDEX = QModelIndex()


def _pain(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".removesuffix(".0")


def _load(kg: float) -> str:
    return format_kg(kg) if kg else "body weight"


COLUMNS: tuple[tuple[str, Callable[[SessionRow], str]], ...] = (
    ("Date", lambda r: dates.day(r.day)),
    ("Time", lambda r: dates.clock_time(r.started)),
    ("Session", lambda r: r.part_of_day),
    ("Protocol", lambda r: PROTOCOLS[r.protocol].name),
    ("Sides", lambda r: r.injured.value),
    ("Sets", lambda r: r.sets_text()),  # complete or partial: only complete ones count
    ("Mean pain", lambda r: _pain(r.mean_pain)),
    ("Max pain", lambda r: _pain(r.max_pain)),
    ("Load", lambda r: _load(r.load_kg)),
    ("Status", lambda r: r.status.value),
    ("Note", lambda r: r.note.replace("\n", " ")),
)


class SessionsModel(QAbstractTableModel):
    """The sessions table: one row per SessionRow."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SessionRow] = []

    def set_rows(self, rows: list[SessionRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = _NO_INDEX) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = _NO_INDEX) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[index.column()][0] == "Note":
            return row.note or None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation is Qt.Orientation.Horizontal:
            return COLUMNS[section][0]
        return None


class HistoryView(QWidget):
    """Lists sessions (with a date filter) and edits the selected one, undoably."""

    def __init__(
        self, model: AppModel, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.app = model
        self.undo_stack = undo_stack
        title = QLabel("History")
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        filters = self._build_filters()
        self._build_table()
        detail = self._build_detail()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.empty)
        layout.addWidget(split, stretch=1)
        model.history_changed.connect(self.reload)
        self.reload()
        guard_boxes(self)  # no value changes under a passing mouse wheel

    def _build_filters(self) -> QHBoxLayout:
        self.only_dates = QCheckBox("Only sessions from")
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(-27))
        self.last = QDateEdit(today)
        for edit, name in ((self.first, "First day"), (self.last, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setEnabled(False)
            edit.dateChanged.connect(self.reload)
        self.only_dates.toggled.connect(self.first.setEnabled)
        self.only_dates.toggled.connect(self.last.setEnabled)
        self.only_dates.toggled.connect(self.reload)
        self.count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.only_dates)
        filters.addWidget(self.first)
        filters.addWidget(QLabel("to"))
        filters.addWidget(self.last)
        filters.addStretch(1)
        filters.addWidget(self.count)
        return filters

    def _build_table(self) -> None:
        self.model = SessionsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Sessions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._row_changed)

        self.empty = QLabel(
            "No sessions yet. Each workout you do is kept here, set by set, with its pain."
        )
        self.empty.setWordWrap(True)

    def _build_detail(self) -> QWidget:
        detail = QWidget()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.sets_table = QTableWidget(0, 6)
        self.sets_table.setAccessibleName("Sets of the selected session")
        self.sets_table.setHorizontalHeaderLabels(
            ["Set", "Exercise", "Leg", "Reps", "Load", "Pain (0-10)"]
        )
        self.sets_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.sets_table.verticalHeader().hide()
        self.sets_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note of the selected session")
        self.note.setPlaceholderText("A note for yourself or your clinician")
        self.note.setMaximumHeight(80)
        self.save_note = QPushButton("Save note")
        self.save_note.clicked.connect(self._save_note)
        self.delete_button = QPushButton("Delete session…")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_note)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.sets_table, stretch=1)
        detail_layout.addWidget(self.note)
        detail_layout.addLayout(buttons)
        self.detail = detail
        return detail

    # -- data -----------------------------------------------------------------
    @property
    def store(self) -> History | None:
        return self.app.history

    def date_range(self) -> tuple[date | None, date | None]:
        if not self.only_dates.isChecked():
            return None, None
        return self.first.date().toPython(), self.last.date().toPython()  # type: ignore[return-value]  # QDate.toPython gives a date

    def reload(self, *_args: object, select: str | None = None) -> None:
        """Read the sessions again, keeping (or moving to) the selected one."""
        keep = select or self.selected_id()
        if self.store is None and self.app.why_none != OPENING:
            self.empty.setText(f"The history is not available: {self.app.why_none}")
        rows = self.store.sessions.sessions(*self.date_range()) if self.store is not None else []
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        shown = "session" if len(rows) == 1 else "sessions"
        self.count.setText(f"{len(rows)} {shown}")
        self.empty.setVisible(not rows)
        ids = [r.id for r in rows]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        elif rows:
            self.table.selectRow(0)
        self._show_detail()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.model.rows):
            return None
        return self.model.rows[rows[0].row()].id

    def selected(self) -> SessionRow | None:
        sid = self.selected_id()
        return next((r for r in self.model.rows if r.id == sid), None)

    def _row_changed(self, *_args: object) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        row = self.selected()
        self.detail.setEnabled(row is not None)
        if row is None or self.store is None:
            self.heading.setText("")
            self.sets_table.setRowCount(0)
            self.note.setPlainText("")
            return
        self.heading.setText(
            f"{dates.day_long(row.day)}, {row.part_of_day} ({dates.clock_time(row.started)}): "
            f"{row.status.value}" + (f" ({row.reason})" if row.reason else "")
        )
        sets = self.store.sessions.sets(row.id)
        self._fill_sets(row, sets)
        self.note.setPlainText(row.note)

    def _fill_sets(self, row: SessionRow, sets: list[SetRow]) -> None:
        names = {e.id: e.short for e in PROTOCOLS[row.protocol].exercises}
        self.sets_table.setRowCount(len(sets))
        for i, s in enumerate(sets):
            cells = (f"{s.number} of {row.planned_sets}", names.get(s.exercise, s.exercise),
                     s.side.value, str(s.reps), _load(s.load_kg))  # fmt: skip
            for col, text in enumerate(cells):
                self.sets_table.setItem(i, col, QTableWidgetItem(text))
            self.sets_table.setCellWidget(
                i, 5, pain_box(s.pain, partial(self.change_pain, row.id, s.position))
            )
        for col in (0, 2, 3, 4, 5):
            self.sets_table.resizeColumnToContents(col)

    # -- edits (each one undoable) ----------------------------------------------
    def change_pain(self, session_id: str, position: int, pain: int | None) -> None:
        self._edit(
            f"change the pain of set {position + 1}",
            session_id,
            do=lambda sessions: sessions.set_pain(session_id, position, pain),
            undo_of=lambda sessions, old: lambda: sessions.set_pain(session_id, position, old),
        )

    def _save_note(self) -> None:
        row = self.selected()
        if row is not None:
            self.change_note(row.id, self.note.toPlainText().strip())

    def change_note(self, session_id: str, note: str) -> None:
        self._edit(
            "change the note",
            session_id,
            do=lambda sessions: sessions.set_note(session_id, note),
            undo_of=lambda sessions, old: (
                None if old == note else lambda: sessions.set_note(session_id, old)
            ),
        )

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or not ConfirmDelete.ask(self, row):
            return
        self.delete(row.id)

    def delete(self, session_id: str) -> None:
        self._edit(
            "delete the session",
            session_id,
            do=lambda sessions: sessions.delete_session(session_id),
            undo_of=lambda sessions, deleted: lambda: sessions.restore(deleted),
        )

    def _edit(
        self,
        text: str,
        session_id: str,
        *,
        do: Callable[[Sessions], T],
        undo_of: Callable[[Sessions, T], Callable[[], object] | None],
    ) -> None:
        """Write an edit now and put it on the undo stack.

        `do` returns what the edit replaced; `undo_of` turns that into the write that
        puts it back (None: nothing changed, so there is nothing to undo).
        """
        if self.store is None:
            return
        sessions = self.store.sessions
        try:
            before = do(sessions)
        except StorageError as e:
            self._failed(e)
            return
        undo = undo_of(sessions, before)
        if undo is not None:
            redo = partial(do, sessions)
            self.undo_stack.push(_Edit(self, text, do=redo, undo=undo, session_id=session_id))
        self.reload(select=session_id)

    def _failed(self, error: StorageError) -> None:
        DataError.tell(self, str(error))
        self.reload()


class _Edit(QUndoCommand):
    """An edit already written to the database; undo and redo write it again."""

    def __init__(
        self,
        view: HistoryView,
        text: str,
        *,
        do: Callable[[], object],
        undo: Callable[[], object],
        session_id: str,
    ) -> None:
        super().__init__(text)
        self._view = view
        self._do = do
        self._undo = undo
        self._session_id = session_id
        self._done = True  # push() calls redo(): the first time, the edit is already made

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, write: Callable[[], object]) -> None:
        try:
            write()
        except StorageError as e:
            DataError.tell(self._view, str(e))
            self.setObsolete(True)  # the stack drops a command that cannot be replayed
        self._view.reload(select=self._session_id)


class ConfirmDelete:
    @classmethod
    def ask(cls, parent: QWidget, row: SessionRow) -> bool:
        answer = QMessageBox.question(
            parent,
            "Delete the session?",
            f"Delete the {row.part_of_day} session of {dates.day_long(row.day)} and its "
            f"{row.sets_done} sets? Edit ▸ Undo (Ctrl+Z) brings it back until Coach closes.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class DataError:
    @classmethod
    def tell(cls, parent: QWidget, text: str) -> None:
        QMessageBox.warning(parent, "Not saved", f"{text} Nothing was changed.")
