"""Starting the Qt application: one QApplication, one main window, nothing global."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from coach import __version__
from coach.resources import asset_path
from coach.ui.main_window import MainWindow


class FirstPaint(QObject):
    """Emits `painted` once, the first time `widget` has been painted on screen."""

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            watched.removeEventFilter(self)
            # Emitted once the paint event has been handled and the frame flushed,
            # so a listener may quit without cutting the first frame short.
            QTimer.singleShot(0, self.painted.emit)
        return False


def app_icon() -> QIcon:
    return QIcon(str(asset_path("icons/coach.svg")))


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Qt gets only the program name: Coach's own options are parsed by coach.cli.
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Coach")
    app.setApplicationDisplayName("Coach")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("coach")
    app.setWindowIcon(app_icon())
    return app


PAINTED_MESSAGE = "coach: the main window is shown and painted"


def run(*, quit_after_show: bool = False) -> int:
    """Open the main window and run until it closes. Returns the exit status.

    With `quit_after_show`, print PAINTED_MESSAGE as soon as the first frame is
    painted (`coach bench` times its arrival) and quit: the smoke test.
    """
    app = create_application()
    window = MainWindow()
    first_paint = FirstPaint(window)
    if quit_after_show:
        first_paint.painted.connect(_report_painted)
        first_paint.painted.connect(app.quit)
    first_paint.painted.connect(window.install_shortcuts)
    window.show()
    return app.exec()


def _report_painted() -> None:
    print(PAINTED_MESSAGE, flush=True)  # noqa: T201 - the smoke test's one line of output
