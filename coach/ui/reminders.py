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
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from coach.domain.program import Program, Slot
from coach.domain.reminders import CHECK_EVERY, next_check, reminder

if TYPE_CHECKING:
    from coach.storage.history import History

ReminderState = tuple[Program, Collection[Slot]]
MESSAGE_MS = 15_000  # how long a tray message stays up, where the desktop lets us choose


def program_state(history: History) -> ReminderState | None:
    """The current program and its sessions done, as `Reminders` reads them.

    None without a program, or when the history cannot be read: the Today page says
    what is wrong, and the reminders look again at their next check.
    """
    from coach.storage.schema import StorageError  # noqa: PLC0415 - loaded with the store

    try:
        program = history.programs.program()
        return None if program is None else (program, history.queries.done_slots(program))
    except StorageError:
        return None


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
