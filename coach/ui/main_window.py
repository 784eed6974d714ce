"""The main window: the shell around the pages, the menus, the tray and the workout.

It decides nothing of its own: the `AppModel` holds the history and makes every
write (the pages subscribe to it), `coach.ui.prompts` holds the conversations that
ask and then tell the model, and a `WorkoutSession` runs each workout.

This module loads before the first paint: the pages and dialogs that are not on
the first screen are imported where they are first needed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtGui import QCloseEvent, QIcon, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from coach.app.model import AppModel
from coach.ui.menus import Menus
from coach.ui.pages import LazyPage, Page, Pages
from coach.ui.today_view import TodayView

if TYPE_CHECKING:
    from coach.app.session import WorkoutSession
    from coach.ui.history_view import HistoryView
    from coach.ui.progress_view import ProgressView
    from coach.ui.reminders import Keeper
    from coach.ui.workout.view import WorkoutView


class MainWindow(QMainWindow):
    """The app's one window, on the model of `data_dir` (None: no history at all).

    The app calls `install_shortcuts()` and `open_data()` right after the first paint
    (`coach.ui.app.finish_startup`); until the history opens, workouts run unsaved.
    """

    def __init__(self, data_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AppModel(data_dir, self)
        self.model.problem.connect(lambda title, text: _prompts().tell(self, title, text))
        self.model.said.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.model.opened.connect(self._set_busy)
        self.keeper: Keeper | None = None  # tray and reminders: after the first paint
        self.workout: WorkoutView | None = None
        self._quitting = False
        self.undo_stack = QUndoStack(self)
        # A History edit, or its undo, changes what Today and Progress show.
        self.undo_stack.indexChanged.connect(self.model.changed)
        self.setWindowTitle("Coach")
        self.resize(1100, 720)
        self.setMinimumSize(800, 560)

        self.page_list = Pages()
        self.nav, self.pages = self.page_list.nav, self.page_list.stack
        self.setCentralWidget(self.page_list)

        self.menus = Menus(self, self.undo_stack)
        self._connect_menus()
        self.today = TodayView(self.model)
        self.today.start_requested.connect(self.start_workout)
        self.today.new_program_requested.connect(self.new_program)
        self.today.checkin_requested.connect(lambda: _prompts().check_in(self, self.model))
        self.today.visa_requested.connect(lambda: _prompts().take_visa(self, self.model))
        self.today.resume_requested.connect(lambda: _prompts().resume_program(self, self.model))
        self.today.change_program_requested.connect(
            lambda: _prompts().change_program(self, self.model)
        )
        self.today.problem_requested.connect(self.report_problem)
        self.add_page("Today", self.today)
        # The History and Progress pages are built when first needed: the History page at
        # the latest when the history opens (its tables cost start-up ~10 ms); the Progress
        # page when first shown (pyqtgraph costs ~0.3 s).
        self._history_page = self.add_lazy_page("History", self._build_history)
        self._progress_page = self.add_lazy_page("Progress", self._build_progress)
        self.nav.setCurrentRow(0)

    def _connect_menus(self) -> None:
        """The menus' actions. Those on the history are enabled only when it is open."""
        m, model = self.menus, self.model
        m.new_program.triggered.connect(self.new_program)
        m.export.triggered.connect(
            lambda: _exchange().export_history(self, model.history, self.history.date_range())
        )
        m.import_.triggered.connect(self.import_history)
        m.report.triggered.connect(
            lambda: _exchange().write_report(self, model.history, self.history.date_range())
        )
        m.schedule.triggered.connect(lambda: _exchange().export_schedule(self, model.history))
        m.quit.triggered.connect(self.quit)
        m.settings.triggered.connect(self.open_settings)
        m.why.triggered.connect(lambda: _help().WhyDialog.show_modal(self))
        m.problem.triggered.connect(self.report_problem)
        m.about.triggered.connect(lambda: _help().AboutDialog.show_modal(self, model.data_dir))

    def _build_history(self) -> HistoryView:
        from coach.ui.history_view import HistoryView  # noqa: PLC0415 - see the docstring

        return HistoryView(self.model, self.undo_stack)

    def _build_progress(self) -> ProgressView:
        from coach.ui.progress_view import ProgressView  # noqa: PLC0415 - pyqtgraph: ~0.3 s

        return ProgressView(self.model)

    @property
    def history(self) -> HistoryView:
        return self._history_page.get()

    @property
    def progress(self) -> ProgressView:
        return self._progress_page.get()

    def add_page(self, title: str, page: QWidget) -> None:
        """Add a page to the list and the Go menu, reachable with Ctrl+<its number>."""
        self._reach(title, self.page_list.add(title, page))

    def add_lazy_page(self, title: str, build: Callable[[], Page]) -> LazyPage[Page]:
        """Add a page built when first shown (or first asked for)."""
        lazy = self.page_list.add_lazy(title, build)
        self._reach(title, self.pages.count())
        return lazy

    def _reach(self, title: str, number: int) -> None:
        self.menus.add_page(title, number).triggered.connect(
            lambda: self.nav.setCurrentRow(number - 1)
        )

    def install_shortcuts(self) -> None:
        self.menus.install_shortcuts()

    # -- the history ----------------------------------------------------------------
    def open_data(self) -> None:
        """Open the history and show Today, then all that follows (`finish_opening`).

        The app does the two steps apart, so that the Today page is usable first
        (`coach.ui.app.finish_startup`).
        """
        self.show_data()
        self.finish_opening()

    def show_data(self) -> None:
        """Open the history (recovering from damage if need be) and show Today from it."""
        if self.model.data_dir is not None:
            from coach.ui.data import open_history  # noqa: PLC0415 - see the docstring

            opened = open_history(self, self.model.data_dir)
            self.model.attach(opened.store, opened.problem)
        self.model.refresh()  # without a history: workouts only, unsaved

    def finish_opening(self) -> None:
        """Once Today is usable: the daily backup, a session to resume, the daily questions."""
        if self.model.history is None:
            return
        self.history  # noqa: B018 - built now, before the first look at it
        resume = _prompts().after_opening(self, self.model)
        if resume is not None:
            self.resume_workout(resume)
        if self.workout is None:  # not in the middle of a resumed session
            _prompts().ask_daily_questions(self, self.model)

    def welcome(self) -> None:
        """The first start: set up a program (asked once; then File → New program)."""
        if self.model.welcome_once():
            self.new_program()

    def new_program(self) -> None:
        _prompts().new_program(self, self.model)

    def import_history(self) -> None:
        if self.model.history is not None and _exchange().import_history(self, self.model.history):
            # An undo recorded before the import might now clash with what it added.
            self.undo_stack.clear()
            self.model.changed()

    def open_settings(self) -> None:
        """The Settings dialog; what depends on the preferences then reads them again."""
        if _prompts().open_settings(self, self.model) and self.keeper is not None:
            self.keeper.follow_prefs()

    def report_problem(self) -> None:
        """A red flag, from the Today page or the Help menu; in a workout, through the workout."""
        if self.workout is not None and not self.workout.session.over:
            self.workout.something_wrong()
        else:
            _prompts().report_problem(self, self.model)

    # -- workouts -------------------------------------------------------------------
    def start_workout(self) -> WorkoutView:
        """Open the workout page for the plan on the Today page."""
        from coach.ui.sound import open_sound  # noqa: PLC0415 - numpy and QtMultimedia

        timeline = self.today.timeline
        player, notice = open_sound(timeline, self, self.model.prefs)
        return self._open_workout(self.model.workout(timeline, player, notice))

    def resume_workout(self, session_id: str) -> WorkoutView | None:
        """Open the workout page on an interrupted session, at its next unfinished set."""
        from coach.ui.sound import open_sound  # noqa: PLC0415 - numpy and QtMultimedia

        session = self.model.resumed_workout(
            session_id, lambda timeline: open_sound(timeline, self, self.model.prefs)
        )
        return self._open_workout(session) if session is not None else None

    def _open_workout(self, session: WorkoutSession) -> WorkoutView:
        from coach.ui.workout.view import WorkoutView  # noqa: PLC0415 - see the docstring

        self.workout = WorkoutView(session, text_scale=self.model.prefs.text_scale)
        self.workout.closed.connect(self._workout_closed)
        self.pages.addWidget(self.workout)
        self.pages.setCurrentWidget(self.workout)
        self._set_busy()
        self.workout.setFocus()
        return self.workout

    def _workout_closed(self) -> None:
        if self.workout is not None:
            self.pages.removeWidget(self.workout)
            self.workout.close()
            self.workout.deleteLater()
            self.workout = None
        self.model.workout_closed()
        self._set_busy()
        self.pages.setCurrentWidget(self.today)

    def _set_busy(self) -> None:
        """A workout has the window to itself: no other page, and no edits of the history."""
        busy = self.workout is not None
        self.nav.setEnabled(not busy)
        for action in self.menus.go_menu.actions():
            action.setEnabled(not busy)  # a disabled menu alone leaves its shortcuts live
        self.menus.undo.setEnabled(not busy and self.undo_stack.canUndo())
        self.menus.redo.setEnabled(not busy and self.undo_stack.canRedo())
        self.menus.enable_data(available=not busy and self.model.available)

    # -- the tray, closing -------------------------------------------------------------
    def start_reminders(self, icon: QIcon, *, tray: bool | None = None) -> None:
        """The tray icon (where the desktop has one; `tray` forces it) and the reminders."""
        from coach.ui.reminders import Keeper  # noqa: PLC0415 - see the docstring

        self.keeper = Keeper(self, self.model, icon, tray=tray)
        self.keeper.start_requested.connect(self._start_from_tray)
        self.keeper.tray.quit_requested.connect(self.quit)

    def _start_from_tray(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if self.workout is None and self.today.start_button.isEnabled():
            self.nav.setCurrentRow(0)
            self.start_workout()

    def quit(self) -> None:
        """Close for good, even when the window would stay in the tray."""
        self._quitting = True
        if self.close():
            QApplication.quit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        stays = not self._quitting and self.workout is None and self.keeper is not None
        if stays and self.keeper is not None and self.keeper.keeps_window():
            event.ignore()
            self.hide()
            return
        if self.workout is not None:
            if self.workout.session.over:
                self.workout.save_note()  # closed on the summary, without pressing Done
            if not self.workout.may_close():  # writes the disk refused: saved, copied or kept
                event.ignore()
                self._quitting = False
                return
            self.workout.close()  # stops the sound; what was done is saved (or was let go)
        if self.keeper is not None:
            self.keeper.stop()
        super().closeEvent(event)


def _prompts() -> ModuleType:
    """The conversations (coach.ui.prompts): their dialogs load after the first paint."""
    from coach.ui import prompts  # noqa: PLC0415 - see the docstring

    return prompts


def _exchange() -> ModuleType:
    """The import, export, report and calendar dialogs, loaded when first asked for."""
    from coach.ui import exchange_dialogs  # noqa: PLC0415 - see the docstring

    return exchange_dialogs


def _help() -> ModuleType:
    """The About and Why dialogs, loaded only if asked for."""
    from coach.ui import help_dialogs  # noqa: PLC0415 - see the docstring

    return help_dialogs
