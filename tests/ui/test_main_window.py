from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from coach import __version__
from coach.domain.record import Outcome
from coach.domain.settings import Injured
from coach.ui import sound
from coach.ui.main_window import MainWindow
from coach.ui.today_view import TodayView
from coach.ui.workout_view import WorkoutView


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    return w


def test_window_has_a_title_a_page_list_and_opens_on_today(window: MainWindow) -> None:
    assert window.windowTitle() == "Coach"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["Today"]
    assert isinstance(window.pages.currentWidget(), TodayView)


def test_menus_list_the_pages_and_shortcuts_arrive_with_install(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Go", "&Help"]
    go = window.go_menu.actions()
    assert [a.text() for a in go] == ["Today"]
    assert go[0].shortcut().isEmpty()
    window.install_shortcuts()
    assert go[0].shortcut().toString() == "Ctrl+1"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_quit_closes_the_window(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.quit_action.trigger()
    assert not window.isVisible()


def test_about_names_the_version_and_the_disclaimer(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda _parent, title, text: shown.append((title, text))
    )
    window.show_about()
    ((title, text),) = shown
    assert title == "About Coach"
    assert __version__ in text
    assert "not a diagnosis" in text


def test_start_runs_a_workout_and_its_end_returns_to_today(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sound, "output_available", lambda: False)
    window.today.side.setCurrentIndex(window.today.side.findData(Injured.LEFT))
    window.today.start_button.click()
    workout = window.workout
    assert isinstance(workout, WorkoutView)
    assert window.pages.currentWidget() is workout
    assert not window.nav.isEnabled()
    assert workout.notice.text() == sound.NO_OUTPUT
    assert workout.timeline is window.today.timeline
    workout.start()
    workout.end_early()
    workout.summary.done_button.click()
    assert window.workout is None
    assert window.pages.currentWidget() is window.today
    assert window.nav.isEnabled()
    (record,) = window.finished_sessions
    assert record.outcome is Outcome.ENDED_EARLY
