"""The main window: a page list on the left, the chosen page on the right, and menus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QCloseEvent, QIcon, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget

from coach.ui.today_view import TodayView

if TYPE_CHECKING:  # imported for real only when needed: start-up skips them
    from datetime import datetime

    from coach.app.prefs import Prefs, PrefsFile
    from coach.domain.record import SessionRecord, SetResult
    from coach.domain.red_flags import RedFlag
    from coach.domain.timeline import Timeline
    from coach.storage.history import History
    from coach.storage.sessions import SessionJournal
    from coach.ui.history_view import HistoryView
    from coach.ui.progress_view import ProgressView
    from coach.ui.reminders import Reminders, ReminderState, Tray
    from coach.ui.workout.view import WorkoutView


class LazyPage:
    """A page built the first time it is needed, in the place its stand-in held."""

    def __init__(self, pages: QStackedWidget, build: Callable[[], QWidget]) -> None:
        self.pages = pages
        self.build = build
        self.slot = QWidget()
        self.page: QWidget | None = None

    @property
    def built(self) -> bool:
        return self.page is not None

    def get(self) -> QWidget:
        if self.page is None:
            self.page = self.build()
            index = self.pages.indexOf(self.slot)
            current = self.pages.currentIndex()
            self.pages.insertWidget(index, self.page)
            self.pages.removeWidget(self.slot)
            self.slot.deleteLater()
            self.pages.setCurrentIndex(current)
        return self.page


class MainWindow(QMainWindow):
    """The app's one window.

    Keyboard shortcuts are attached by `install_shortcuts()`, and the history is
    opened by `open_data()`; the app calls both right after the first paint (see
    `coach.ui.app.finish_startup`). Until then, and if the history cannot be opened,
    `store` is None and workouts run unsaved.
    """

    def __init__(self, data_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.store: History | None = None
        self.store_problem = "the history is still opening"
        self.clock_doubt: str | None = None  # why the computer's date looks wrong
        self._prefs_file: PrefsFile | None = None  # read when first needed: see `prefs`
        self._prefs: Prefs | None = None
        self.reminders: Reminders | None = None  # from start_reminders(), after the first paint
        self.tray: Tray | None = None
        self._quitting = False
        self.undo_stack = QUndoStack(self)
        # A History edit, or its undo, changes what Today and Progress show.
        self.undo_stack.indexChanged.connect(self._history_edited)
        self.setWindowTitle("Coach")
        self.resize(1100, 720)
        self.setMinimumSize(800, 560)
        self._shortcuts: list[tuple[QAction, str]] = []

        self.nav = QListWidget()
        self.nav.setAccessibleName("Pages")
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 12pt; } QListWidget::item { padding: 8px; }"
        )
        self.pages = QStackedWidget()
        self.nav.currentRowChanged.connect(self._show_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, stretch=1)
        self.setCentralWidget(central)

        self._build_menus()
        self.today = TodayView()
        self.today.start_requested.connect(self.start_workout)
        self.today.new_program_requested.connect(self.new_program)
        self.today.checkin_requested.connect(self.check_in)
        self.today.visa_requested.connect(self.take_visa)
        self.today.resume_requested.connect(self.resume_program)
        self.today.change_program_requested.connect(self.change_program)
        self.today.problem_requested.connect(self.report_problem)
        self.add_page("Today", self.today)
        # The History and Progress pages are built when first needed: the History page at
        # the latest right after the first paint, when the history opens (its tables cost
        # start-up ~10 ms); the Progress page when first shown (pyqtgraph costs ~0.3 s).
        self._history_page = LazyPage(self.pages, self._build_history)
        self.add_page("History", self._history_page.slot)
        self._progress_page = LazyPage(self.pages, self._build_progress)
        self.add_page("Progress", self._progress_page.slot)
        self.nav.setCurrentRow(0)
        self.workout: WorkoutView | None = None

    def _build_history(self) -> HistoryView:
        from coach.ui.history_view import HistoryView  # noqa: PLC0415 - see __init__

        return HistoryView(self.undo_stack)

    def _build_progress(self) -> ProgressView:
        from coach.ui.progress_view import ProgressView  # noqa: PLC0415 - see __init__

        view = ProgressView()
        view.set_store(self.store, self.store_problem)
        return view

    @property
    def history(self) -> HistoryView:
        return self._history_page.get()  # type: ignore[return-value]  # built by _build_history

    @property
    def progress(self) -> ProgressView:
        return self._progress_page.get()  # type: ignore[return-value]  # built by _build_progress

    def _show_page(self, row: int) -> None:
        for lazy in (self._history_page, self._progress_page):
            if not lazy.built and self.pages.widget(row) is lazy.slot:
                lazy.get()  # builds the page in its slot
        self.pages.setCurrentIndex(row)

    def _history_edited(self) -> None:
        if self._progress_page.built:
            self.progress.reload()
        self.refresh_today()

    def _data_changed(self) -> None:
        """The history changed (a workout, an import, a closed session): every page re-reads."""
        self.history.reload()
        if self._progress_page.built:
            self.progress.reload()
        self.refresh_today()

    def add_page(self, title: str, page: QWidget) -> None:
        """Add a page to the list and the Go menu, reachable with Ctrl+<its number>."""
        number = self.pages.count() + 1
        self.pages.addWidget(page)
        self.nav.addItem(title)
        action = self.go_menu.addAction(f"&{title}")  # Alt+G, then the first letter
        action.triggered.connect(lambda: self.nav.setCurrentRow(number - 1))
        self._shortcuts.append((action, f"Ctrl+{number}"))

    # -- preferences --------------------------------------------------------------
    @property
    def prefs_file(self) -> PrefsFile:
        if self._prefs_file is None:
            from coach.app.prefs import PrefsFile  # noqa: PLC0415 - after the first paint

            self._prefs_file = PrefsFile.in_folder(self.data_dir)
        return self._prefs_file

    @property
    def prefs(self) -> Prefs:
        if self._prefs is None:
            self._prefs = self.prefs_file.load()
        return self._prefs

    def open_settings(self) -> None:
        """The Settings dialog: the program's values go to the history, the rest to prefs."""
        from coach.ui.settings_dialog import SettingsDialog  # noqa: PLC0415 - on demand

        program = self.today.state.program if self.today.state is not None else None
        choices = SettingsDialog.ask(self, program, self.prefs)
        if choices is None:
            return
        self._prefs = choices.prefs  # this run follows them, saved or not
        problem = self.prefs_file.save(choices.prefs)
        if problem is not None:
            from coach.ui.data import DataProblem  # noqa: PLC0415

            DataProblem.tell(self, "Settings not saved", problem)
        if choices.program is not None and choices.program != program and self.store is not None:
            self._write("Program settings not saved", self.store.programs.change_program,
                        choices.program)  # fmt: skip
        self.settings_changed()

    def settings_changed(self) -> None:
        """What depends on the preferences reads them again."""
        if self.reminders is not None:
            if self.prefs.reminders:
                self.reminders.refresh()
            else:
                self.reminders.stop()

    # -- reminders and the tray -----------------------------------------------------
    def start_reminders(self, icon: QIcon, *, tray: bool | None = None) -> None:
        """The tray icon (where the desktop has one; `tray` forces it) and the reminders."""
        from coach.ui.reminders import Reminders, Tray  # noqa: PLC0415 - after the first paint

        self.tray = Tray(icon, self, available=tray)
        self.tray.show_requested.connect(self.show_window)
        self.tray.start_requested.connect(self._start_from_tray)
        self.tray.quit_requested.connect(self.quit)
        self.reminders = Reminders(self._reminder_state, self._now, self)
        self.reminders.due.connect(self.remind)
        self.settings_changed()

    def _now(self) -> datetime:
        from datetime import datetime  # noqa: PLC0415 - as in refresh_today

        return self.store.db.now() if self.store is not None else datetime.now().astimezone()

    def _reminder_state(self) -> ReminderState | None:
        """The program to remind of; None without one, and during a workout."""
        if self.store is None or self.workout is not None:
            return None
        from coach.ui.reminders import program_state  # noqa: PLC0415 - loaded already

        return program_state(self.store)

    def remind(self, title: str, body: str) -> None:
        """A session's time has come: a desktop notification, or the window says it."""
        if self.tray is not None and self.tray.show_message(title, body):
            return
        from PySide6.QtWidgets import QApplication  # noqa: PLC0415

        self.statusBar().showMessage(f"{title}. {body}")
        QApplication.alert(self)

    def show_window(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _start_from_tray(self) -> None:
        self.show_window()
        if self.workout is None and self.today.start_button.isEnabled():
            self.nav.setCurrentRow(0)
            self.start_workout()

    def quit(self) -> None:
        """Close for good, even when the window would stay in the tray."""
        from PySide6.QtWidgets import QApplication  # noqa: PLC0415

        self._quitting = True
        if self.close():
            QApplication.quit()

    # -- data ---------------------------------------------------------------------
    def open_data(self) -> None:
        """Open the history (recovering or backing up as needed); offer to resume."""
        if self.data_dir is None:
            self.refresh_today()  # no history: workouts only, unsaved
            return
        from coach.storage.schema import StorageError  # noqa: PLC0415
        from coach.ui.data import DataProblem, open_store  # noqa: PLC0415 - sqlite-utils: ~0.3 s

        opened = open_store(self, self.data_dir, self.prefs.backups)
        self.attach_store(opened.store, opened.problem)
        if opened.backup is not None:
            self.statusBar().showMessage(f"Backup written: {opened.backup}", 10_000)
        try:
            self.offer_resume()
        except StorageError as e:
            DataProblem.tell(self, "Interrupted session", str(e))
        self.refresh_today()
        if self.workout is None:  # not in the middle of a resumed session
            self.ask_daily_questions()

    def welcome(self) -> None:
        """The first start: set up a program. Asked once; then File → New program does it.

        Called by the app after `open_data` (coach.ui.app.finish_startup).
        """
        if self.store is None or self.prefs.welcomed or self.today.state is not None:
            return
        from dataclasses import replace  # noqa: PLC0415

        self._prefs = replace(self.prefs, welcomed=True)
        self.prefs_file.save(self._prefs)  # if it fails, asking again next time is harmless
        self.new_program()

    def attach_store(self, store: History | None, problem: str = "") -> None:
        self.store = store
        self.store_problem = problem
        self.history.set_store(store, problem)
        if self._progress_page.built:
            self.progress.set_store(store, problem)
        for action in self._data_actions:
            action.setEnabled(store is not None)

    # -- the program -------------------------------------------------------------
    def refresh_today(self) -> None:
        """Show the program's state as of now on the Today page."""
        from datetime import datetime  # noqa: PLC0415 - keeps start-up's imports minimal

        from coach.domain.wall_clock import clock_doubt  # noqa: PLC0415

        if self.store is None:
            now = datetime.now().astimezone()
            self.clock_doubt = clock_doubt(now, None)
            self.today.show_clock_doubt(self.clock_doubt)
            self.today.show_today(None, now)
            return
        from coach.app.today import today  # noqa: PLC0415 - loaded with the store
        from coach.storage.schema import StorageError  # noqa: PLC0415 - loaded with the store

        now = self.store.db.now()
        try:
            state = today(self.store.programs, self.store.queries, now)
            latest = self.store.db.latest_stamp()
        except StorageError as e:
            state = latest = None
            self.statusBar().showMessage(f"Could not read the program: {e}", 10_000)
        self.clock_doubt = clock_doubt(now, latest)
        self.today.show_clock_doubt(self.clock_doubt)
        self.today.show_today(state, now)
        if self.reminders is not None and self.prefs.reminders:
            self.reminders.refresh()  # a session done or a time changed moves the next check

    def ask_daily_questions(self) -> None:
        """The first time the app opens each day: the morning check-in, and VISA-A when due.

        Not while the computer's date looks wrong (the Today page says why): the
        check-in would be saved under that date, and the advice reads it by its day.
        """
        state = self.today.state
        if state is None or state.plan.week is None or self.clock_doubt:
            return
        from coach.domain.program import Status  # noqa: PLC0415 - loaded with the store

        if state.program.status is not Status.ACTIVE:
            return
        if state.checkin is None:
            self.check_in()
        if self.today.state is not None and self.today.state.visa_due:
            self.take_visa()

    def new_program(self) -> None:
        if self.store is None:
            from coach.ui.data import DataProblem  # noqa: PLC0415 - on demand

            DataProblem.tell(self, "No history to keep a program in", self.store_problem)
            return
        from coach.storage.schema import StorageError  # noqa: PLC0415 - loaded with the store
        from coach.ui.data import DataProblem  # noqa: PLC0415
        from coach.ui.onboarding import OnboardingWizard  # noqa: PLC0415 - on demand

        try:
            current = self.store.programs.program()
        except StorageError as e:
            DataProblem.tell(self, "Could not read the program", str(e))
            return
        program = OnboardingWizard.ask(self, self.store.db.now().date(), current)
        if program is None:
            return
        if self._write("Program not saved", self.store.programs.start_program, program):
            self.take_visa()  # the first VISA-A is the program's baseline

    def check_in(self) -> None:
        if self.store is None:
            return
        from coach.ui.program_dialogs import SKIPPED, CheckinDialog  # noqa: PLC0415 - on demand

        day = self.store.db.now().date()
        progress = self.store.programs
        previous = progress.checkin(day)
        answer = CheckinDialog.ask(self, day, previous)
        if answer is None:
            return
        if answer is SKIPPED:
            if previous is None:  # skipping never erases answers already given
                self._write("Check-in not saved", progress.save_checkin, day, None, None)
            return
        self._write(
            "Check-in not saved", progress.save_checkin, day, answer.pain, answer.stiffness_minutes
        )

    def take_visa(self) -> None:
        """Ask the VISA-A, empty each time: once, or with both legs painful, left then right.

        Each leg's answers are saved as soon as they are given; cancelling one stops there.
        """
        if self.store is None:
            return
        from coach.domain.settings import Injured  # noqa: PLC0415 - loaded with the store
        from coach.storage.schema import StorageError  # noqa: PLC0415 - loaded with the store
        from coach.ui.visa_dialog import VisaDialog  # noqa: PLC0415 - on demand

        try:
            program = self.store.programs.program()
        except StorageError:
            program = None  # an unreadable program: ask about the sore leg (Today says why)
        sides = (None,) if program is None else program.injured.sides
        # With one painful leg the dialog names it, and the result stores no side (NULL).
        both = program is not None and program.injured is Injured.BOTH
        for side in sides:
            answers = VisaDialog.ask(self, side)
            if answers is None:
                return
            stored = side if both else None
            if not self._write("VISA-A not saved", self.store.programs.save_visa, answers, None,
                               stored):  # fmt: skip
                return

    def change_program(self) -> None:
        """Where it hurts or the side: say why the protocols must not mix, then a new program."""
        from coach.ui.program_dialogs import ChangeProgram  # noqa: PLC0415 - on demand

        if ChangeProgram.ask(self):
            self.new_program()

    def report_problem(self) -> None:
        """A red flag, from the Today page or the Help menu; in a workout, through the workout."""
        if self.workout is not None and self.workout.record.outcome is None:
            self.workout.something_wrong()
            return
        from coach.ui.red_flags import RedFlagDialog  # noqa: PLC0415 - on demand

        flag = RedFlagDialog.ask(self, in_workout=False)
        if flag is not None:
            self.record_red_flag(flag)
            from coach.ui.red_flags import WhatToDoNow  # noqa: PLC0415

            WhatToDoNow.show_modal(self, flag)

    def record_red_flag(self, flag: RedFlag) -> None:
        """Record a red flag the moment it is reported, pausing the program if there is one."""
        if self.store is None:
            return
        from coach.storage.schema import StorageError  # noqa: PLC0415 - loaded with the store

        try:
            program = self.store.programs.program()
        except StorageError:
            program = None  # unreadable: the flag is still recorded, as an event
        program_id = program.id if program is not None else None
        self._write("Red flag not recorded", self.store.programs.pause, program_id,
                    flag)  # fmt: skip

    def resume_program(self) -> None:
        state = self.today.state
        if self.store is None or state is None:
            return
        from coach.ui.program_dialogs import ConfirmResume  # noqa: PLC0415 - on demand

        if ConfirmResume.ask(self, state.program.reason):
            self._write("Program not resumed", self.store.programs.resume, state.program.id)

    def _write(self, title: str, write: Callable[..., object], *args: object) -> bool:
        """Run a write of the program's tables; tell the user if the disk refused it."""
        from coach.storage.schema import StorageError  # noqa: PLC0415 - loaded with the store
        from coach.ui.data import DataProblem  # noqa: PLC0415

        try:
            write(*args)
        except StorageError as e:
            DataProblem.tell(self, title, str(e))
            return False
        finally:
            self.refresh_today()
        return True

    def offer_resume(self) -> None:
        """Ask about a session the app died in: resume it, close it, or ask next time."""
        if self.store is None:
            return
        from coach.ui.data import ResumeSession  # noqa: PLC0415 - loaded with the store

        interrupted = self.store.sessions.interrupted()
        if not interrupted:
            return
        *older, newest = interrupted
        for row in older:  # long gone: keep what was done, as partial sessions
            self.store.sessions.close_as_partial(row.id)
        if newest.sets_done >= newest.set_count:  # all done: only the ending was missed
            self.store.sessions.close_as_partial(newest.id)
            self._data_changed()
            return
        answer = ResumeSession.ask(self, newest, newest.set_count)
        if answer == ResumeSession.RESUME:
            self.resume_workout(newest.id)
        elif answer == ResumeSession.CLOSE:
            self.store.sessions.close_as_partial(newest.id)
            self._data_changed()

    # -- workouts ---------------------------------------------------------------
    def start_workout(self) -> WorkoutView:
        """Open the workout page for the plan on the Today page."""
        timeline = self.today.timeline
        journal = self.store.sessions.journal(timeline) if self.store is not None else None
        return self._open_workout(timeline, journal, ())

    def resume_workout(self, session_id: str) -> WorkoutView | None:
        """Open the workout page on an interrupted session, at its next unfinished set."""
        assert self.store is not None  # noqa: S101 - only offered with a store
        journal, row, sets = self.store.sessions.resume(session_id)
        done = [s.result() for s in sets]
        if max((s.index for s in done), default=-1) + 1 >= row.set_count:
            self.store.sessions.close_as_partial(session_id)  # nothing left to do
            self._data_changed()
            return None
        return self._open_workout(journal.timeline, journal, done)

    def _open_workout(
        self, timeline: Timeline, journal: SessionJournal | None, done: list[SetResult] | tuple[()]
    ) -> WorkoutView:
        # Imported here: the workout brings numpy and QtMultimedia, which start-up skips.
        from coach.app.session import WorkoutSession  # noqa: PLC0415
        from coach.ui.sound import open_sound  # noqa: PLC0415
        from coach.ui.workout.view import WorkoutView  # noqa: PLC0415

        prefs = self.prefs
        player, notice = open_sound(timeline, self, prefs)
        session = WorkoutSession(timeline, player, journal, done=done, notice=notice)
        session.red_flag.connect(self.record_red_flag)  # paused at once, not on Done
        self.workout = WorkoutView(session, text_scale=prefs.text_scale)
        self.workout.closed.connect(self._workout_closed)
        self.pages.addWidget(self.workout)
        self.pages.setCurrentWidget(self.workout)
        self._set_busy(busy=True)
        self.workout.setFocus()
        return self.workout

    def _workout_closed(self, record: SessionRecord) -> None:  # noqa: ARG002 - saved already
        self._data_changed()
        if self.workout is not None:
            self.pages.removeWidget(self.workout)
            self.workout.close()
            self.workout.deleteLater()
            self.workout = None
        self._set_busy(busy=False)
        self.pages.setCurrentWidget(self.today)

    def _set_busy(self, *, busy: bool) -> None:
        """A session has the window to itself: no other page, and no edits of the history."""
        self.nav.setEnabled(not busy)
        for action in self.go_menu.actions():
            action.setEnabled(not busy)  # a disabled menu alone leaves its shortcuts live
        if busy:
            self.undo_action.setEnabled(False)
            self.redo_action.setEnabled(False)
        else:  # the stack's own state decides again
            self.undo_action.setEnabled(self.undo_stack.canUndo())
            self.redo_action.setEnabled(self.undo_stack.canRedo())
        for action in self._data_actions:
            action.setEnabled(not busy and self.store is not None)

    def install_shortcuts(self) -> None:
        for action, keys in self._shortcuts:
            action.setShortcut(keys)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        self.file_menu = menus.addMenu("&File")
        self.new_program_action = self.file_menu.addAction("&New program…")
        self.new_program_action.triggered.connect(self.new_program)
        self._shortcuts.append((self.new_program_action, "Ctrl+N"))
        self.file_menu.addSeparator()
        self.export_action = self.file_menu.addAction("&Export history…")
        self.export_action.triggered.connect(self.export_history)
        self.import_action = self.file_menu.addAction("&Import history…")
        self.import_action.triggered.connect(self.import_history)
        self.report_action = self.file_menu.addAction("&Report for your clinician (PDF)…")
        self.report_action.triggered.connect(self.write_report)
        self.schedule_action = self.file_menu.addAction("Export &schedule (calendar)…")
        self.schedule_action.triggered.connect(self.export_schedule)
        for action in self._data_actions:
            action.setEnabled(False)  # until the history is open
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction("&Quit")
        self.quit_action.triggered.connect(self.quit)
        self._shortcuts.append((self.quit_action, "Ctrl+Q"))
        self.edit_menu = menus.addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self._shortcuts += [(self.undo_action, "Ctrl+Z"), (self.redo_action, "Ctrl+Shift+Z")]
        self.edit_menu.addSeparator()
        self.settings_action = self.edit_menu.addAction("&Settings…")
        self.settings_action.triggered.connect(self.open_settings)
        self._shortcuts.append((self.settings_action, "Ctrl+,"))
        self.go_menu = menus.addMenu("&Go")
        self.help_menu = menus.addMenu("&Help")
        self.why_action = self.help_menu.addAction("&Why these exercises")
        self.why_action.triggered.connect(self.show_why)
        self._shortcuts.append((self.why_action, "F1"))
        self.problem_action = self.help_menu.addAction("Report a &problem (red flag)…")
        self.problem_action.triggered.connect(self.report_problem)
        self.help_menu.addSeparator()
        self.about_action = self.help_menu.addAction("&About Coach")
        self.about_action.triggered.connect(self.show_about)

    def export_history(self) -> None:
        if self.store is None:
            return
        from coach.ui.exchange_dialogs import export_history  # noqa: PLC0415 - on demand

        export_history(self, self.store, self.history.date_range())

    @property
    def _data_actions(self) -> tuple[QAction, ...]:
        return (
            self.new_program_action, self.export_action, self.import_action, self.report_action,
            self.schedule_action,
        )  # fmt: skip

    def write_report(self) -> None:
        if self.store is None:
            return
        from coach.ui.exchange_dialogs import write_report  # noqa: PLC0415 - on demand

        write_report(self, self.store, self.history.date_range())

    def export_schedule(self) -> None:
        if self.store is None:
            return
        from coach.ui.exchange_dialogs import export_schedule  # noqa: PLC0415 - on demand

        export_schedule(self, self.store)

    def import_history(self) -> None:
        if self.store is None:
            return
        from coach.ui.exchange_dialogs import import_history  # noqa: PLC0415 - on demand

        if import_history(self, self.store):
            # An undo recorded before the import might now clash with what it added.
            self.undo_stack.clear()
            self._data_changed()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._stays_in_tray():
            event.ignore()
            self.hide()
            if self.tray is not None:
                self.tray.show_message(
                    "Coach is still running",
                    "It will remind you at your session times. Quit it from this icon's menu.",
                )
            return
        if self.workout is not None:
            if self.workout.record.outcome is not None:
                self.workout.save_note()  # closed on the summary, without pressing Done
            if not self.workout.may_close():  # writes the disk refused: saved, copied or kept
                event.ignore()
                self._quitting = False
                return
        if self.reminders is not None:
            self.reminders.stop()
        if self.tray is not None:
            self.tray.hide()
        if self.workout is not None:
            self.workout.close()  # stops the sound; what was done is saved (or was let go)
        super().closeEvent(event)

    def _stays_in_tray(self) -> bool:
        """Closing only hides the window: the user asked to stay in the tray, and it exists."""
        return (
            not self._quitting
            and self.workout is None
            and self.tray is not None
            and self.tray.available
            and self.prefs.keep_in_tray
        )

    def show_about(self) -> None:
        from coach.ui.help_dialogs import AboutDialog  # noqa: PLC0415 - only if asked

        AboutDialog.show_modal(self, self.data_dir)

    def show_why(self) -> None:
        from coach.ui.help_dialogs import WhyDialog  # noqa: PLC0415 - only if asked

        WhyDialog.show_modal(self)
