"""The main window: a page list on the left, the chosen page on the right, and menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget

from coach import __version__
from coach.ui.today_view import DISCLAIMER, TodayView

if TYPE_CHECKING:  # imported for real only when a workout starts: start-up skips them
    from coach.domain.record import SessionRecord
    from coach.ui.workout_view import WorkoutView


class MainWindow(QMainWindow):
    """The app's one window.

    Keyboard shortcuts are attached by `install_shortcuts()`, which the app calls
    right after the first paint (see `coach.ui.app.finish_startup`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

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
        self.add_page("Today", self.today)
        self.nav.setCurrentRow(0)
        self.workout: WorkoutView | None = None
        # Until storage lands, finished sessions live here, in memory.
        self.finished_sessions: list[SessionRecord] = []

    def add_page(self, title: str, page: QWidget) -> None:
        """Add a page to the list and the Go menu, reachable with Ctrl+<its number>."""
        number = self.pages.count() + 1
        self.pages.addWidget(page)
        self.nav.addItem(title)
        action = self.go_menu.addAction(title)
        action.triggered.connect(lambda: self.nav.setCurrentRow(number - 1))
        self._shortcuts.append((action, f"Ctrl+{number}"))

    def start_workout(self) -> WorkoutView:
        """Open the workout page for the plan on the Today page."""
        # Imported here: the workout brings numpy and QtMultimedia, which start-up skips.
        from coach.ui.sound import open_sound  # noqa: PLC0415
        from coach.ui.workout_view import WorkoutView  # noqa: PLC0415

        timeline = self.today.timeline
        player, clock, notice = open_sound(timeline, self)
        self.workout = WorkoutView(timeline, clock, player, notice)
        self.workout.closed.connect(self._workout_closed)
        self.pages.addWidget(self.workout)
        self.pages.setCurrentWidget(self.workout)
        self.nav.setEnabled(False)  # the session has the window to itself until it ends
        self.workout.setFocus()
        return self.workout

    def _workout_closed(self, record: SessionRecord) -> None:
        self.finished_sessions.append(record)
        if self.workout is not None:
            self.pages.removeWidget(self.workout)
            self.workout.close()
            self.workout.deleteLater()
            self.workout = None
        self.nav.setEnabled(True)
        self.pages.setCurrentWidget(self.today)

    def install_shortcuts(self) -> None:
        for action, keys in self._shortcuts:
            action.setShortcut(keys)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        self.file_menu = menus.addMenu("&File")
        self.quit_action = self.file_menu.addAction("&Quit")
        self.quit_action.triggered.connect(self.close)
        self._shortcuts.append((self.quit_action, "Ctrl+Q"))
        self.go_menu = menus.addMenu("&Go")
        self.help_menu = menus.addMenu("&Help")
        self.about_action = self.help_menu.addAction("&About Coach")
        self.about_action.triggered.connect(self.show_about)

    def show_about(self) -> None:
        # Imported here: only needed if the user asks.
        import platform  # noqa: PLC0415

        import PySide6  # noqa: PLC0415
        from PySide6.QtCore import qVersion  # noqa: PLC0415
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.about(
            self,
            "About Coach",
            f"<h3>Coach {__version__}</h3>"
            "<p>A coach for eccentric heel-drop exercises in Achilles tendinopathy.</p>"
            f"<p>{DISCLAIMER}</p>"
            f"<p>Qt {qVersion()}, PySide6 {PySide6.__version__}, "
            f"Python {platform.python_version()}</p>",
        )
