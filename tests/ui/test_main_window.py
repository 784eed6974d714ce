from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from coach import __version__
from coach.domain import dates
from coach.domain.advice import Morning
from coach.domain.plan import plan
from coach.domain.program import Program, Status
from coach.domain.protocols import JONSSON
from coach.domain.red_flags import CALF, CLOT_EMERGENCY, RUPTURE, RedFlag
from coach.domain.settings import Injured, Settings, Side
from coach.domain.timeline import timeline
from coach.domain.visa_a import VisaAnswers
from coach.storage.history import History
from coach.storage.programs import EventKind
from coach.storage.sessions import SessionJournal, SessionRow, SessionStatus
from coach.ui import exchange_dialogs, prompts, sound
from coach.ui.data import ResumeSession
from coach.ui.history_view import ConfirmDelete
from coach.ui.main_window import MainWindow
from coach.ui.onboarding import OnboardingWizard
from coach.ui.program_dialogs import SKIPPED, ChangeProgram, CheckinDialog, ConfirmResume
from coach.ui.red_flags import RedFlagDialog, WhatToDoNow
from coach.ui.today_view import TodayView
from coach.ui.visa_dialog import VisaDialog
from coach.ui.workout.view import WorkoutView
from tests.helpers import WallClock, run_sets
from tests.multimedia import why_no_qt_multimedia

# A red-flag dialog a test did not answer fails it, rather than wait forever.
pytestmark = pytest.mark.usefixtures("no_unexpected_dialog")


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    return w


@pytest.fixture
def data_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """A window on a data folder, with its history opened as after the first paint."""
    w = MainWindow(tmp_path / "data")
    qtbot.addWidget(w)
    w.open_data()
    assert w.model.history is not None
    yield w
    w.model.history.close()


def test_window_has_a_title_a_page_list_and_opens_on_today(window: MainWindow) -> None:
    assert window.windowTitle() == "Coach"
    pages = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert pages == ["Today", "History", "Progress"]
    assert isinstance(window.pages.currentWidget(), TodayView)


def test_menus_list_the_pages_and_shortcuts_arrive_with_install(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Go", "&Help"]
    go = window.menus.go_menu.actions()
    assert [a.text() for a in go] == ["&Today", "&History", "&Progress"]
    assert go[0].shortcut().isEmpty()
    window.install_shortcuts()
    assert [a.shortcut().toString() for a in go] == ["Ctrl+1", "Ctrl+2", "Ctrl+3"]
    assert window.menus.quit.shortcut().toString() == "Ctrl+Q"
    assert window.menus.undo.shortcut().toString() == "Ctrl+Z"


def test_before_the_history_opens_export_and_import_are_off(window: MainWindow) -> None:
    assert window.model.history is None
    assert not window.menus.export.isEnabled()
    assert not window.menus.import_.isEnabled()


def test_quit_closes_the_window(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.menus.quit.trigger()
    assert not window.isVisible()


def test_help_opens_about_and_why_these_exercises(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTextBrowser  # noqa: PLC0415

    from coach.ui import help_dialogs  # noqa: PLC0415

    opened: list[str] = []

    def exec_(dialog: QDialog) -> int:
        texts = [w.text() for w in dialog.findChildren(QLabel)]
        texts += [w.toPlainText() for w in dialog.findChildren(QTextBrowser)]
        texts += [w.text() for w in dialog.findChildren(QLineEdit)]
        opened.append(" ".join(texts))
        return 0

    monkeypatch.setattr(help_dialogs.AboutDialog, "exec", exec_)
    monkeypatch.setattr(help_dialogs.WhyDialog, "exec", exec_)
    data_window.install_shortcuts()
    assert data_window.menus.why.shortcut().toString() == "F1"
    data_window.menus.about.trigger()
    data_window.menus.why.trigger()
    about, why = opened
    assert __version__ in about
    assert str(data_window.model.data_dir) in about
    assert "Alfredson" in why


def test_a_workout_is_saved_and_shows_in_the_history(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = data_window
    assert window.menus.export.isEnabled()
    monkeypatch.setattr(sound, "output_available", lambda: False)
    window.today.side.setCurrentIndex(window.today.side.findData(Injured.LEFT))
    window.today.start_button.click()
    workout = window.workout
    assert isinstance(workout, WorkoutView)
    assert window.pages.currentWidget() is workout
    assert not window.nav.isEnabled()
    # Without QtMultimedia (no libpulse0) the notice names the missing library instead.
    if why_no_qt_multimedia() is None:
        assert workout.notice.text() == sound.NO_OUTPUT
    else:
        assert workout.notice.text().startswith("This session is silent")
    assert workout.timeline is window.today.timeline
    workout.start()
    workout.session.end_early()
    workout.summary.done_button.click()
    assert window.workout is None
    assert window.pages.currentWidget() is window.today
    assert window.nav.isEnabled()
    (row,) = window.history.model.rows
    assert (row.status, row.injured) == (SessionStatus.ENDED_EARLY, Injured.LEFT)


def interrupted_session(folder: Path, sets_done: int) -> str:
    with History.open(folder) as store:
        tl = timeline(plan(JONSSON, Settings(reps=2)))
        return run_sets(store, tl, WallClock(), sets_done)


@pytest.mark.parametrize(
    ("answer", "status"),
    [(ResumeSession.CLOSE, SessionStatus.PARTIAL), (None, SessionStatus.IN_PROGRESS)],
)
def test_an_interrupted_session_is_offered_at_start(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str | None,
    status: SessionStatus,
) -> None:  # fmt: skip
    sid = interrupted_session(tmp_path / "data", 1)
    asked: list[tuple[str, int]] = []

    def ask(_cls: object, _parent: object, row: SessionRow, planned: int) -> str | None:
        asked.append((row.id, planned))
        return answer

    monkeypatch.setattr(ResumeSession, "ask", classmethod(ask))
    window = MainWindow(tmp_path / "data")
    qtbot.addWidget(window)
    window.open_data()
    assert window.model.history is not None
    assert asked == [(sid, 3)]
    assert window.model.history.sessions.session(sid).status is status
    assert window.workout is None
    window.model.history.close()


def test_resuming_opens_the_workout_at_the_next_set(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = interrupted_session(tmp_path / "data", 2)
    monkeypatch.setattr(sound, "output_available", lambda: False)
    monkeypatch.setattr(ResumeSession, "ask", classmethod(lambda *_a: ResumeSession.RESUME))
    window = MainWindow(tmp_path / "data")
    qtbot.addWidget(window)
    window.open_data()
    workout = window.workout
    assert isinstance(workout, WorkoutView)
    assert workout.session.from_set == 2
    assert [s.index for s in workout.record.sets] == [0, 1]
    assert isinstance(workout.session.journal, SessionJournal)
    assert workout.session.journal.id == sid
    workout.close()
    assert window.model.history is not None
    window.model.history.close()


def test_without_a_history_workouts_run_unsaved_and_say_so(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sound, "output_available", lambda: False)
    window.model.attach(None, "the file is from a newer Coach")
    workout = window.start_workout()
    assert not workout.session.journal.keeps
    assert "will not be saved" in workout.save_notice.text()
    assert "newer Coach" in window.history.empty.text()
    workout.close()


def test_the_history_page_is_built_when_first_shown(window: MainWindow) -> None:
    window.nav.setCurrentRow(1)
    assert window.pages.currentWidget() is window.history
    assert window.pages.indexOf(window.history) == 1
    window.nav.setCurrentRow(0)
    assert window.pages.currentWidget() is window.today


def test_the_progress_page_is_built_when_first_shown_and_follows_the_data(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = data_window
    assert window._progress_page.page is None
    window.nav.setCurrentRow(2)
    progress = window.progress
    assert window.pages.currentWidget() is progress
    assert window.pages.indexOf(progress) == 2
    assert progress.model is window.model
    window.show()
    assert progress.summary.text().startswith("0 sessions")
    assert window.model.history is not None
    run_sets(window.model.history, timeline(plan(JONSSON, Settings(reps=2))), WallClock(), 2)
    monkeypatch.setattr(ResumeSession, "ask", classmethod(lambda *_a: ResumeSession.CLOSE))
    prompts.offer_resume(window, window.model)  # closed as partial: the history changed
    assert progress.summary.text().startswith("1 session")


def test_during_a_workout_no_other_page_or_history_edit_is_reachable(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = data_window
    monkeypatch.setattr(sound, "output_available", lambda: False)
    window.install_shortcuts()
    window.history.note.setPlainText("x")
    workout = window.start_workout()
    assert not window.nav.isEnabled()
    assert not any(a.isEnabled() for a in window.menus.go_menu.actions())  # Ctrl+2 included
    assert not window.menus.undo.isEnabled()
    assert not window.menus.export.isEnabled()
    workout.start()
    workout.session.end_early()
    workout.summary.done_button.click()
    assert all(a.isEnabled() for a in window.menus.go_menu.actions())
    assert window.menus.export.isEnabled()


def test_closing_the_app_on_the_summary_keeps_the_note(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = data_window
    monkeypatch.setattr(sound, "output_available", lambda: False)
    workout = window.start_workout()
    workout.start()
    workout.session.end_early()
    workout.summary.note.setPlainText("calf tight")
    window.close()  # without pressing Done
    assert window.model.history is not None
    (row,) = window.model.history.sessions.sessions()
    assert row.note == "calf tight"


def test_an_import_clears_the_undo_history(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = data_window
    assert window.model.history is not None
    sid = run_sets(window.model.history, timeline(plan(JONSSON, Settings(reps=2))), WallClock(), 1)
    window.history.reload()
    window.history.delete(sid)
    assert window.undo_stack.canUndo()
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": "coach-export", "version": 1, "sessions": []}')
    monkeypatch.setattr(exchange_dialogs.ChooseImportFile, "ask", classmethod(lambda *_a: empty))
    monkeypatch.setattr(exchange_dialogs.Tell, "info", classmethod(lambda *_a: None))
    window.menus.import_.trigger()
    assert not window.undo_stack.canUndo()


# -- the program ----------------------------------------------------------------------
def _program_folder(folder: Path) -> None:
    """A data folder with a program that started today, as the real clock has it."""
    with History.open(folder) as store:
        today = store.db.now().date()
        store.programs.start_program(Program("p1", today, "alfredson", Injured.RIGHT))


VISA = VisaAnswers(5, 5, 5, 5, 5, 5, 4, "B", 10)


def test_the_first_open_of_the_day_asks_the_check_in_and_the_due_visa_a(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _program_folder(tmp_path / "data")
    asked: list[str] = []

    def check_in(_cls: object, _parent: object, day: date, previous: object) -> Morning:
        asked.append("check-in")
        assert previous is None
        return Morning(day, 3, 20)

    def visa(_cls: object, _parent: object, side: Side | None = None) -> VisaAnswers:
        asked.append("visa")
        assert side is Side.RIGHT  # the dialog names the one painful leg
        return VISA

    monkeypatch.setattr(CheckinDialog, "ask", classmethod(check_in))
    monkeypatch.setattr(VisaDialog, "ask", classmethod(visa))
    for _ in range(2):  # the second start the same day asks nothing
        w = MainWindow(tmp_path / "data")
        qtbot.addWidget(w)
        w.open_data()
        assert w.model.history is not None
        assert w.today.week_label.text() == "Week 1 of 12"
        assert w.today.checkin_label.text() == "Morning check-in: pain 3/10, stiffness 20 min."
        assert w.today.visa_label.text() == "VISA-A questionnaire: done."
        assert [v.score for v in w.model.history.programs.visa()] == [44]  # 6 x 5 + 4 + 10
        assert [v.side for v in w.model.history.programs.visa()] == [None]  # the one painful leg
        w.model.history.close()
        w.close()
    assert asked == ["check-in", "visa"]


def test_a_skipped_check_in_is_not_asked_again_that_day(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _program_folder(tmp_path / "data")
    monkeypatch.setattr(CheckinDialog, "ask", classmethod(lambda *_a: SKIPPED))
    monkeypatch.setattr(VisaDialog, "ask", classmethod(lambda *_a: None))
    w = MainWindow(tmp_path / "data")
    qtbot.addWidget(w)
    w.open_data()
    assert w.model.history is not None
    assert w.today.checkin_label.text() == "Morning check-in: skipped today."
    monkeypatch.setattr(CheckinDialog, "ask", classmethod(lambda *_a: pytest.fail("asked")))
    prompts.ask_daily_questions(w, w.model)
    assert w.model.history.programs.visa() == []  # cancelled: nothing saved
    w.model.history.close()


def test_setting_up_a_program_saves_it_and_asks_for_a_baseline_visa_a(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = data_window
    assert window.model.history is not None
    assert window.today.week_label.text() == "No program yet"
    today = window.model.history.db.now().date()
    program = Program("new", today, "jonsson", Injured.BOTH)
    monkeypatch.setattr(OnboardingWizard, "ask", classmethod(lambda *_a: program))
    monkeypatch.setattr(VisaDialog, "ask", classmethod(lambda *_a: VISA))
    window.today.program_button.click()
    assert window.model.history.programs.program() == program
    assert len(window.model.history.programs.visa()) == 2  # both legs hurt: one questionnaire each
    assert window.today.week_label.text() == "Week 1 of 12"
    assert window.today.protocol is JONSSON  # the page follows the program
    assert window.today.settings.injured is Injured.BOTH


def _both_legs(window: MainWindow) -> None:
    assert window.model.history is not None
    today = window.model.history.db.now().date()
    window.model.history.programs.start_program(Program("both", today, "alfredson", Injured.BOTH))
    window.model.refresh()


def test_with_both_legs_painful_the_visa_a_is_asked_for_the_left_then_the_right(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = data_window
    assert window.model.history is not None
    _both_legs(window)
    assert window.today.state is not None
    assert window.today.state.visa_due
    asked: list[Side | None] = []
    answers = {Side.LEFT: VISA, Side.RIGHT: replace(VISA, q1=9)}

    def visa(_cls: object, _parent: object, side: Side | None = None) -> VisaAnswers:
        asked.append(side)
        assert side is not None
        return answers[side]

    monkeypatch.setattr(VisaDialog, "ask", classmethod(visa))
    window.today.visa_button.click()
    assert asked == [Side.LEFT, Side.RIGHT]
    taken = window.model.history.programs.visa()
    assert [(v.side, v.answers) for v in taken] == [
        (Side.LEFT, answers[Side.LEFT]), (Side.RIGHT, answers[Side.RIGHT]),
    ]  # fmt: skip
    assert not window.today.state.visa_due  # both legs answered


def test_cancelling_the_left_leg_s_visa_a_does_not_ask_the_right(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = data_window
    assert window.model.history is not None
    _both_legs(window)
    asked: list[Side | None] = []

    def cancel(_cls: object, _parent: object, side: Side | None = None) -> None:
        asked.append(side)

    monkeypatch.setattr(VisaDialog, "ask", classmethod(cancel))
    window.today.visa_button.click()
    assert asked == [Side.LEFT]
    assert window.model.history.programs.visa() == []


def _program_window(
    qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch, report: Callable[..., RedFlag]
) -> tuple[MainWindow, list[str]]:
    """A window on a folder with a program, the daily questions answered, red flags as
    `report` says; returns it with the list of what-to-do pages shown."""
    _program_folder(folder)
    monkeypatch.setattr(CheckinDialog, "ask", classmethod(lambda *_a: None))
    monkeypatch.setattr(VisaDialog, "ask", classmethod(lambda *_a: None))
    monkeypatch.setattr(RedFlagDialog, "ask", classmethod(report))
    shown: list[str] = []
    monkeypatch.setattr(
        WhatToDoNow, "show_modal", classmethod(lambda _c, _p, f: shown.append(f.id))
    )
    w = MainWindow(folder)
    qtbot.addWidget(w)
    w.open_data()
    assert w.model.history is not None
    return w, shown


def test_a_red_flag_in_a_workout_pauses_the_program_until_resumed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sound, "output_available", lambda: False)
    w, shown = _program_window(qtbot, tmp_path / "data", monkeypatch, lambda *_a, **_k: RUPTURE)
    assert w.model.history is not None
    workout = w.start_workout()
    workout.start()
    workout.wrong_button.click()
    assert shown == ["rupture"]  # what to do now, before the summary
    program = w.model.history.programs.program()
    assert program is not None
    assert program.status is Status.PAUSED  # at once: the app may be closed on the summary
    workout.summary.done_button.click()
    program = w.model.history.programs.program()
    assert program is not None
    assert program.status is Status.PAUSED
    assert program.reason == "signs of a possible tendon tear"
    assert not w.today.start_button.isEnabled()
    assert "paused" in w.today.advice_box.text()
    assert w.today.resume_button.isVisibleTo(w.today)
    monkeypatch.setattr(ConfirmResume, "ask", classmethod(lambda *_a: True))
    w.today.resume_button.click()
    resumed = w.model.history.programs.program()
    assert resumed is not None
    assert resumed.status is Status.ACTIVE
    assert w.today.start_button.isEnabled()
    assert [e.kind for e in w.model.history.programs.events()] == [
        EventKind.RED_FLAG,
        EventKind.RESUMED,
    ]
    w.model.history.close()


def test_a_history_edit_and_its_undo_reach_the_today_page(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    _program_folder(folder)
    with History.open(folder) as store:
        tl = timeline(plan(JONSSON, Settings(reps=2)))
        sid = run_sets(store, tl, WallClock(), len(tl.spans))  # every set: a complete session
        store.db.sql.execute("UPDATE sessions SET status = 'completed'")
        store.db.sql.execute("UPDATE sessions SET started = ?", [store.db.now().isoformat()])
    monkeypatch.setattr(CheckinDialog, "ask", classmethod(lambda *_a: None))
    monkeypatch.setattr(VisaDialog, "ask", classmethod(lambda *_a: None))
    monkeypatch.setattr(ConfirmDelete, "ask", classmethod(lambda *_a: True))
    w = MainWindow(folder)
    qtbot.addWidget(w)
    w.open_data()
    assert w.model.history is not None
    assert "✓ done" in w.today.sessions_label.text()  # the session just run
    w.history.table.selectRow(0)
    assert w.history.selected_id() == sid
    w.history.delete_button.click()
    assert "✓ done" not in w.today.sessions_label.text()
    w.undo_stack.undo()
    assert "✓ done" in w.today.sessions_label.text()
    w.model.history.close()


def test_settings_save_the_programs_values_and_the_prefs(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.app.prefs import Prefs, TextSize  # noqa: PLC0415
    from coach.ui.settings_dialog import Choices, SettingsDialog  # noqa: PLC0415

    assert data_window.model.history is not None
    data_window.model.history.programs.start_program(Program("p", date(2026, 11, 2), "alfredson",
                                                     Injured.RIGHT))  # fmt: skip
    data_window.model.refresh()
    current = data_window.model.history.programs.program()
    assert current is not None
    slower = replace(current, lower_seconds=5, rest_seconds=45)
    prefs = Prefs(text_size=TextSize.LARGEST, volume=20)
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda *_a: Choices(slower, prefs)))
    data_window.open_settings()
    assert data_window.model.history.programs.program() == slower
    assert data_window.model.prefs == prefs
    assert data_window.today.settings.lower_seconds == 5  # the next workout's pace
    monkeypatch.setattr(sound, "output_available", lambda: False)
    workout = data_window.start_workout()
    assert workout.timeline.plan.settings.rest_seconds == 45
    assert workout.text_scale == TextSize.LARGEST.scale
    workout.close()


def test_reminders_run_with_a_program_and_stop_when_turned_off(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.app.prefs import Prefs  # noqa: PLC0415
    from coach.ui.settings_dialog import Choices, SettingsDialog  # noqa: PLC0415

    assert data_window.model.history is not None
    data_window.model.history.programs.start_program(
        Program("p", data_window.model.history.db.now().date(), "alfredson", Injured.RIGHT)
    )
    data_window.start_reminders(QIcon())
    assert data_window.keeper is not None
    assert data_window.keeper.reminders.timer.isActive()  # waiting for the next session time
    monkeypatch.setattr(
        SettingsDialog, "ask", classmethod(lambda *_a: Choices(None, Prefs(reminders=False)))
    )
    data_window.open_settings()
    assert not data_window.keeper.reminders.timer.isActive()
    data_window.close()


def test_without_a_tray_a_reminder_is_said_in_the_window(data_window: MainWindow) -> None:
    data_window.start_reminders(QIcon())
    keeper = data_window.keeper
    assert keeper is not None
    assert not keeper.tray.available  # offscreen: no system tray
    keeper.remind("Time for your evening heel drops", "18:00, right leg.")
    assert data_window.statusBar().currentMessage() == (
        "Time for your evening heel drops. 18:00, right leg."
    )
    data_window.close()


# The offscreen platform has no tray window to follow, and cannot raise a window, and
# says so: not Coach's warnings.
@pytest.mark.qt_log_ignore("systemTrayWindowChanged", "does not support raise", extend=True)
def test_with_keep_in_tray_closing_hides_and_quit_closes(data_window: MainWindow) -> None:
    from coach.app.prefs import Prefs  # noqa: PLC0415
    from coach.ui.app import app_icon  # noqa: PLC0415

    data_window.start_reminders(app_icon(), tray=True)
    keeper = data_window.keeper
    assert keeper is not None
    data_window.model._prefs = Prefs(keep_in_tray=True)
    data_window.show()
    assert not data_window.close()  # refused: hidden instead
    assert not data_window.isVisible()
    keeper.tray.show_requested.emit()
    assert data_window.isVisible()
    data_window.quit()
    assert not data_window.isVisible()
    assert not keeper.reminders.timer.isActive()
    keeper.tray.hide()


def test_file_export_schedule_writes_the_programs_calendar(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import icalendar  # noqa: PLC0415

    assert data_window.model.history is not None
    data_window.model.history.programs.start_program(
        Program("p", date(2026, 11, 2), "alfredson", Injured.RIGHT)
    )
    target = tmp_path / "plan.ics"
    monkeypatch.setattr(exchange_dialogs.ChooseScheduleFile, "ask", classmethod(lambda *_a: target))
    monkeypatch.setattr(exchange_dialogs.Tell, "info", classmethod(lambda *_a: None))
    assert data_window.menus.schedule.isEnabled()
    data_window.menus.schedule.trigger()
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    assert sum("session" in str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == 168


def test_the_first_start_offers_the_set_up_wizard_once(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(OnboardingWizard, "ask", classmethod(lambda *a: asked.append(a)))
    data_window.welcome()
    assert len(asked) == 1  # cancelled: no program
    assert data_window.model.prefs.welcomed
    data_window.model._prefs = None  # read back from the file, as the next start does
    assert data_window.model.prefs.welcomed
    data_window.welcome()
    assert len(asked) == 1  # not asked again: File → New program is there


@pytest.mark.parametrize("where", ["today", "menu"])
def test_a_problem_reported_outside_a_workout_pauses_the_program_and_says_what_to_do(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    asked: list[bool] = []

    def report(_cls: object, _parent: object, *, in_workout: bool = True) -> RedFlag:
        asked.append(in_workout)
        return CLOT_EMERGENCY

    w, shown = _program_window(qtbot, tmp_path / "data", monkeypatch, report)
    assert w.model.history is not None
    if where == "today":
        w.today.problem_button.click()
    else:
        w.menus.problem.trigger()
    assert asked == [False]
    assert shown == ["clot_emergency"]
    program = w.model.history.programs.program()
    assert program is not None
    assert program.status is Status.PAUSED
    assert program.reason == "a swollen calf with breathlessness or chest pain"
    assert [e.kind for e in w.model.history.programs.events()] == [EventKind.RED_FLAG]
    assert "ambulance" in w.today.advice_box.text()
    assert not w.today.start_button.isEnabled()
    w.model.history.close()


def test_a_problem_without_a_program_is_still_recorded(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = data_window
    assert window.model.history is not None
    monkeypatch.setattr(RedFlagDialog, "ask", classmethod(lambda *_a, **_k: CALF))
    monkeypatch.setattr(WhatToDoNow, "show_modal", classmethod(lambda *_a: None))
    window.today.problem_button.click()
    [event] = window.model.history.programs.events()
    assert (event.kind, event.detail, event.program_id) == (
        EventKind.RED_FLAG,
        "a hot, red or swollen calf",
        None,
    )


@pytest.mark.parametrize("agree", [True, False])
def test_changing_where_it_hurts_warns_then_starts_a_new_program(
    data_window: MainWindow, monkeypatch: pytest.MonkeyPatch, agree: bool
) -> None:
    window = data_window
    _both_legs(window)
    monkeypatch.setattr(ChangeProgram, "ask", classmethod(lambda *_a: agree))
    wizard: list[object] = []
    monkeypatch.setattr(OnboardingWizard, "ask", classmethod(lambda *_a: wizard.append(1)))
    window.today.change_button.click()
    assert len(wizard) == (1 if agree else 0)


def test_records_dated_after_the_computer_s_clock_are_flagged_and_no_check_in_is_asked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clock set a year back (or ahead when the records were made) is said on Today,
    and the morning check-in, which would be saved under the clock's date, waits."""
    folder = tmp_path / "data"
    _program_folder(folder)
    ahead = WallClock()
    ahead.now = datetime.now().astimezone() + timedelta(days=365)
    with History.open(folder, now=ahead) as store:
        store.programs.save_checkin(ahead.now.date(), 2, 10)
    asked: list[str] = []
    monkeypatch.setattr(CheckinDialog, "ask", classmethod(lambda *_a: asked.append("check-in")))
    monkeypatch.setattr(VisaDialog, "ask", classmethod(lambda *_a, **_k: asked.append("visa")))
    w = MainWindow(folder)
    qtbot.addWidget(w)
    w.show()
    w.open_data()
    assert w.model.history is not None
    assert w.today.clock_label.isVisible()
    assert f"records dated up to {dates.day_month(ahead.now)}" in w.today.clock_label.text()
    assert w.today.week_label.text() == "Week 1 of 12"  # a program that a check-in is due for
    assert asked == []
    w.model.history.close()


def test_a_history_the_clock_agrees_with_shows_no_clock_warning(
    data_window: MainWindow,
) -> None:
    assert data_window.today.clock_label.isHidden()
