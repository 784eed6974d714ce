"""Reminders at session times, driven by a fake wall clock; the optional tray icon."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from coach.domain.program import Part, Program, Slot, Status
from coach.domain.reminders import CHECK_EVERY
from coach.domain.settings import Injured
from coach.ui.reminders import Reminders, ReminderState, Tray

if TYPE_CHECKING:
    pass

START = date(2026, 11, 2)
CHECK_MS = CHECK_EVERY // timedelta(milliseconds=1)  # the longest wait


def at(day: int, hour: int, minute: int = 0, second: float = 0) -> datetime:
    return datetime.combine(START + timedelta(days=day), time(hour, minute)) + timedelta(
        seconds=second
    )


def evening(day: int = 0) -> Slot:
    return Slot(START + timedelta(days=day), Part.EVENING, time(18))


class World:
    """What the main window would read: the program, the sessions done, the time."""

    def __init__(self) -> None:
        self.program: Program | None = Program(
            id="p", start=START, protocol="alfredson", injured=Injured.LEFT
        )
        self.done: set[Slot] = set()
        self.now = at(0, 17, 50)
        self.reads = 0

    def state(self) -> ReminderState | None:
        self.reads += 1
        return None if self.program is None else (self.program, set(self.done))

    def clock(self) -> datetime:
        return self.now


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def reminders(qtbot: QtBot, world: World) -> Iterator[Reminders]:
    r = Reminders(world.state, world.clock)
    yield r
    r.stop()


def fire(r: Reminders) -> None:
    """The timer's time has come (the fake clock was moved there)."""
    assert r.timer.isActive()
    r.timer.timeout.emit()


def heard(r: Reminders) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    r.due.connect(lambda title, body: said.append((title, body)))
    return said


def test_nothing_runs_before_the_first_refresh(reminders: Reminders) -> None:
    assert not reminders.timer.isActive()
    assert reminders.next_check is None


def test_the_timer_waits_exactly_until_the_session_time(reminders: Reminders, world: World) -> None:
    world.now = at(0, 17, 59, 20.25)
    reminders.refresh()
    wait_ms = (at(0, 18) - world.now) / timedelta(milliseconds=1)
    assert reminders.timer.isSingleShot()
    assert reminders.timer.interval() == wait_ms
    assert wait_ms - 1_000 < reminders.timer.remainingTime() <= wait_ms
    assert reminders.next_check == at(0, 18)


def test_a_pending_evening_session_is_announced_at_its_time(
    qtbot: QtBot, reminders: Reminders, world: World
) -> None:
    with qtbot.assertNotEmitted(reminders.due):
        reminders.refresh()  # 17:50: not yet
    world.now = at(0, 18)
    with qtbot.waitSignal(reminders.due, timeout=0) as blocker:
        fire(reminders)
    title, body = blocker.args or ("", "")
    assert title == "Time for your evening heel drops"
    assert "18:00" in body
    assert "left leg" in body
    # Next: no later than the cap, to catch a laptop waking up or a clock changed.
    assert reminders.timer.interval() == CHECK_MS
    assert reminders.next_check == at(0, 18, 1)


def test_the_real_timer_fires_and_announces(
    qtbot: QtBot, reminders: Reminders, world: World
) -> None:
    world.now = at(0, 18) - timedelta(milliseconds=20)
    reminders.refresh()
    assert reminders.timer.interval() == 20
    world.now = at(0, 18)  # the fake clock moves on while the event loop waits
    with qtbot.waitSignal(reminders.due, timeout=2_000):
        pass


def test_a_session_done_is_not_announced(qtbot: QtBot, reminders: Reminders, world: World) -> None:
    world.done = {evening()}
    reminders.refresh()
    world.now = at(0, 18)
    with qtbot.assertNotEmitted(reminders.due):
        fire(reminders)


def test_each_session_is_announced_once(reminders: Reminders, world: World) -> None:
    said = heard(reminders)
    world.now = at(0, 18)
    reminders.refresh()
    fire(reminders)
    world.now = at(0, 18, 15)
    fire(reminders)
    reminders.refresh()
    assert len(said) == 1
    # The next day's evening session is another session: announced again.
    world.now = at(1, 18, 1)
    fire(reminders)
    assert len(said) == 2


def test_the_morning_session_is_announced_too(reminders: Reminders, world: World) -> None:
    said = heard(reminders)
    world.now = at(0, 7, 59)
    reminders.refresh()
    assert reminders.next_check == at(0, 8)
    world.now = at(0, 8)
    fire(reminders)
    assert [title for title, _ in said] == ["Time for your morning heel drops"]


@pytest.mark.parametrize("status", [Status.PAUSED, Status.ENDED])
def test_a_program_not_active_announces_nothing(
    qtbot: QtBot, reminders: Reminders, world: World, status: Status
) -> None:
    assert world.program is not None
    world.program = replace(world.program, status=status)
    world.now = at(0, 18)
    with qtbot.assertNotEmitted(reminders.due):
        reminders.refresh()
        fire(reminders)
    assert reminders.timer.interval() == CHECK_MS  # still looking: a resume is noticed


def test_without_a_program_or_history_it_keeps_looking(
    qtbot: QtBot, reminders: Reminders, world: World
) -> None:
    world.program = None
    world.now = at(0, 18)
    with qtbot.assertNotEmitted(reminders.due):
        reminders.refresh()
    assert reminders.timer.interval() == CHECK_MS


def test_refresh_after_a_session_is_done_cancels_its_reminder(
    qtbot: QtBot, reminders: Reminders, world: World
) -> None:
    world.now = at(0, 17, 30)
    reminders.refresh()
    world.now = at(0, 17, 59, 30)
    reminders.refresh()
    assert reminders.next_check == at(0, 18)
    world.done = {evening()}  # done early: a workout from 13:00 on counts as the evening one
    reminders.refresh()
    assert reminders.next_check == at(0, 18, 0, 30)  # the cap: the next session is tomorrow
    world.now = at(0, 18, 5)
    with qtbot.assertNotEmitted(reminders.due):
        fire(reminders)


def test_a_session_due_when_coach_starts_is_announced_at_once(
    reminders: Reminders, world: World
) -> None:
    said = heard(reminders)
    world.now = at(0, 21, 30)  # the evening session still counts until midnight
    reminders.refresh()
    assert len(said) == 1


def test_an_aware_clock_is_read_as_local_wall_time(qtbot: QtBot, world: World) -> None:
    zone = timezone(timedelta(hours=1))
    r = Reminders(world.state, lambda: at(0, 18).replace(tzinfo=zone))
    with qtbot.waitSignal(r.due, timeout=0):
        r.refresh()
    r.stop()


def test_stop_ends_the_timer(reminders: Reminders) -> None:
    reminders.refresh()
    assert reminders.timer.isActive()
    reminders.stop()
    assert not reminders.timer.isActive()
    assert reminders.next_check is None


# -- the tray ---------------------------------------------------------------------
def icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor("#1a56b0"))
    return QIcon(pixmap)


def test_without_a_tray_there_is_no_icon_and_messages_fall_back(qtbot: QtBot) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen, as the tests run
    tray = Tray(icon())
    assert not tray.available
    assert tray.show_message("Time for your evening heel drops", "…") is False
    tray.set_tooltip("Coach: next session at 18:00")  # harmless without an icon
    tray.hide()


@pytest.mark.parametrize(
    ("action", "signal"),
    [
        ("show_action", "show_requested"),
        ("start_action", "start_requested"),
        ("quit_action", "quit_requested"),
    ],
)
def test_the_menu_entries_ask_the_window(qtbot: QtBot, action: str, signal: str) -> None:
    tray = Tray(icon())
    with qtbot.waitSignal(getattr(tray, signal), timeout=0):
        getattr(tray, action).trigger()
    assert [a.text() for a in tray.menu.actions() if a.text()] == [
        "Show Coach",
        "Start today's session",
        "Quit Coach",
    ]


# The offscreen platform has no tray window to follow and says so: not Coach's warning.
@pytest.mark.qt_log_ignore("systemTrayWindowChanged", extend=True)
def test_with_a_tray_the_icon_shows_messages(qtbot: QtBot) -> None:
    tray = Tray(icon(), available=True)
    assert tray.available
    assert tray.icon is not None
    assert tray.icon.isVisible()
    assert tray.icon.contextMenu() is tray.menu
    tray.set_tooltip("Coach: next session at 18:00")
    assert tray.icon.toolTip() == "Coach: next session at 18:00"
    assert tray.show_message("Time for your evening heel drops", "Due at 18:00.") is (
        QSystemTrayIcon.supportsMessages()
    )
    with qtbot.waitSignal(tray.show_requested, timeout=0):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    with qtbot.assertNotEmitted(tray.show_requested):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Context)
    tray.hide()
    assert not tray.icon.isVisible()
