"""Session reminders while Coach runs, and the system-tray icon that can carry them.

`Reminders` looks at the program when a session's time comes (the times are
`coach.domain.reminders.next_check`'s: absolute, never counted ticks) and emits
`due(title, body)` once for each session not done. `Tray` is the optional tray icon:
where the desktop has no tray (or in tests, offscreen) it has no icon, and
`show_message` returns False so that the window can tell the user itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QSystemTrayIcon, QWidget

from coach.domain.program import Program, Slot
from coach.domain.reminders import CHECK_EVERY, next_check, reminder

if TYPE_CHECKING:
    from coach.app.model import AppModel

ReminderState = tuple[Program, Collection[Slot]]
MESSAGE_MS = 15_000  # how long a tray message stays up, where the desktop lets us choose


class Reminders(QObject):
    """Emits `due(title, body)` when a planned session's time comes and it is not done.

    `state()` gives the program and its sessions done, or None for "no reminders now"
    (no program, no history, or a workout under way). `now()` gives the local time.
    Nothing runs until the first `refresh()`; call it again whenever the program or
    the history changes, so the next check follows them. Each session is announced
    once, however often it is checked. One single-shot timer, set each time for the
    next check; `stop()` ends it.
    """

    due = Signal(str, str)  # title, body

    def __init__(
        self,
        state: Callable[[], ReminderState | None],
        now: Callable[[], datetime],
        parent: QObject | None = None,
        *,
        every: timedelta = CHECK_EVERY,
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._now = now
        self._every = every
        self._announced: set[Slot] = set()
        self.next_check: datetime | None = None  # naive local time; None while stopped
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # A coarse timer may fire 5% early or late (3 s off a one-minute wait), and a
        # reminder belongs on its session's minute.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.refresh)

    def refresh(self) -> None:
        """Look now: announce a session that is due, and set the timer for the next look."""
        now = self._now().replace(tzinfo=None)  # the program's calendar is wall-clock time
        current = self._state()
        program, done = current if current is not None else (None, ())
        found = reminder(program, done, now) if program is not None else None
        if found is not None and found.slot in self._announced:
            found = None
        if found is not None:
            self._announced.add(found.slot)
        # Sessions of past days can never be due again.
        yesterday = now.date() - timedelta(days=1)
        self._announced = {s for s in self._announced if s.day >= yesterday}
        self.next_check = next_check(program, done, now, self._every)
        wait = (self.next_check - now) / timedelta(milliseconds=1)
        self.timer.start(math.ceil(wait))  # rounded up: never wake before the time
        # Emitted last: a listener may call refresh() again, which finds it announced.
        if found is not None:
            self.due.emit(found.title, found.body)

    def stop(self) -> None:
        self.timer.stop()
        self.next_check = None


class Tray(QObject):
    """Coach's icon in the system tray, with a small menu; absent where there is no tray.

    The menu's entries emit `show_requested`, `start_requested` and `quit_requested`;
    a click on the icon emits `show_requested`. `available` forces the choice (tests);
    by default the desktop is asked.
    """

    show_requested = Signal()
    start_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self, icon: QIcon, parent: QWidget | None = None, *, available: bool | None = None
    ) -> None:
        super().__init__(parent)
        self.menu = QMenu(parent)
        self.show_action = self.menu.addAction("Show Coach")
        self.show_action.triggered.connect(self.show_requested)
        self.start_action = self.menu.addAction("Start today's session")
        self.start_action.triggered.connect(self.start_requested)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction("Quit Coach")
        self.quit_action.triggered.connect(self.quit_requested)
        if available is None:
            available = QSystemTrayIcon.isSystemTrayAvailable()
        self.icon: QSystemTrayIcon | None = None
        if available:
            self.icon = QSystemTrayIcon(icon, self)
            self.icon.setToolTip("Coach")
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.icon.show()

    @property
    def available(self) -> bool:
        return self.icon is not None

    def set_tooltip(self, text: str) -> None:
        if self.icon is not None:
            self.icon.setToolTip(text)

    def show_message(self, title: str, body: str) -> bool:
        """Show a desktop notification from the tray; False if there is no tray to do it."""
        if self.icon is None or not QSystemTrayIcon.supportsMessages():
            return False
        self.icon.showMessage(title, body, self.icon.icon(), MESSAGE_MS)
        return True

    def hide(self) -> None:
        """Take the icon out of the tray (on quitting: some desktops keep a stale one)."""
        if self.icon is not None:
            self.icon.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_requested.emit()


class Keeper(QObject):
    """What keeps Coach with the user while its window is closed: the tray and reminders.

    A planned session's time comes: a desktop notification from the tray, or else the
    window says it and asks for attention. With "keep in the tray" chosen, closing the
    window only hides it (`keeps_window`). Emits `start_requested` from the tray's menu.
    """

    start_requested = Signal()

    def __init__(
        self, window: QMainWindow, model: AppModel, icon: QIcon, *, tray: bool | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.model = model
        self.tray = Tray(icon, window, available=tray)
        self.tray.show_requested.connect(self.show_window)
        self.tray.start_requested.connect(self.start_requested)
        self.reminders = Reminders(model.reminder_state, model.now, self)
        self.reminders.due.connect(self.remind)
        model.today_changed.connect(lambda _state: self.follow_prefs())
        self.follow_prefs()

    def follow_prefs(self) -> None:
        """Remind, or not, as the preferences say; the next check follows the program."""
        if self.model.prefs.reminders:
            self.reminders.refresh()
        else:
            self.reminders.stop()

    def remind(self, title: str, body: str) -> None:
        """A session's time has come: a desktop notification, or the window says it."""
        if not self.tray.show_message(title, body):
            self.window.statusBar().showMessage(f"{title}. {body}")
            QApplication.alert(self.window)

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def keeps_window(self) -> bool:
        """Closing only hides the window: the user asked to stay in the tray, and it exists."""
        if not (self.tray.available and self.model.prefs.keep_in_tray):
            return False
        self.tray.show_message(
            "Coach is still running",
            "It will remind you at your session times. Quit it from this icon's menu.",
        )
        return True

    def stop(self) -> None:
        self.reminders.stop()
        self.tray.hide()
