"""Starting the Qt application: one QApplication, one main window, nothing global."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from coach import __version__, paths
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


# The PNG renders shipped next to coach.svg (assets/icons/render.sh makes them).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Coach's icon: the SVG for any size, plus a PNG for each size a desktop asks for.

    The SVG comes first, so Qt draws the icon with its SVG engine, which hands out an
    added PNG when asked for exactly that size (a 16 px title bar, a 32 px one at 200 %)
    and draws the SVG for any size in between, so it is never a scaled-up bitmap.
    """
    from PySide6.QtCore import QSize  # noqa: PLC0415 - see finish_startup

    from coach.resources import asset_path  # noqa: PLC0415 - see finish_startup

    icon = QIcon(str(asset_path("icons/coach.svg")))
    for n in ICON_SIZES:
        icon.addFile(str(asset_path(f"icons/hicolor/{n}x{n}/apps/coach.png")), QSize(n, n))
    return icon


def finish_startup(app: QApplication, window: MainWindow, *, interactive: bool = True) -> None:
    """What the first frame does not need, done right after it is painted.

    Shortcuts (the first key sequence makes PySide6 build every enum of the Qt
    namespace, about 10 ms) and the icon (importlib.resources costs about 5 ms):
    no one can press a key, or tell an icon came 15 ms late, before a window exists.
    Then the history (importing sqlite-utils alone takes about 0.3 s), the
    reminders with the tray icon, which read the program from it, and on the very
    first start the set-up wizard.
    """
    from coach.ui.look import SchemeFollower  # noqa: PLC0415 - see above

    # Light or dark, as the desktop prefers. Asking builds the Qt namespace's enums (about
    # 14 ms), which the shortcuts below need anyway; before the first paint it cost start-up
    # that much. Where the desktop's theme already gives a dark palette nothing changes;
    # only where Qt has no theme plugin does the first frame show light, for one frame.
    SchemeFollower(app)
    app.setWindowIcon(app_icon())
    window.install_shortcuts()
    window.open_data()
    window.start_reminders(app.windowIcon())
    if interactive:  # not for the smoke test, which quits as soon as it has painted
        window.welcome()


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
    return app


PAINTED_MESSAGE = "coach: the main window is shown and painted"
READY_MESSAGE = "coach: the Today page is ready"


def display_problem(environ: Mapping[str, str], platform: str) -> str | None:
    """Why no window can be opened here, or None. Qt itself would abort with a core dump."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "coach: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Start Coach "
        "from a desktop session; to run without a screen, set QT_QPA_PLATFORM=offscreen."
    )


def run(*, data_dir: str | None = None, quit_after_show: bool = False) -> int:
    """Open the main window and run until it closes. Returns the exit status.

    With `quit_after_show`, print PAINTED_MESSAGE as soon as the first frame is
    painted (`coach bench` times its arrival) and quit: the smoke test.
    A second Coach on the same data folder says so and exits with status 1.
    """
    problem = display_problem(os.environ, sys.platform)
    if problem:
        print(problem, file=sys.stderr)  # noqa: T201 - said before any window can exist
        return 1
    folder = paths.data_dir(data_dir)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        lock = paths.DataLock(folder)
        lock.acquire()
    except (OSError, paths.AlreadyRunningError) as e:
        return _refuse(e)
    app = create_application()
    window = MainWindow(folder)
    first_paint = FirstPaint(window)
    if quit_after_show:
        first_paint.painted.connect(_report_painted)
        first_paint.painted.connect(app.quit)
    first_paint.painted.connect(
        lambda: finish_startup(app, window, interactive=not quit_after_show)
    )
    window.show()
    try:
        return app.exec()
    finally:
        window.model.close()
        lock.release()


def _refuse(error: Exception) -> int:
    """Say why Coach cannot start: on stderr, and in a box if there is a real screen."""
    text = str(error)
    if isinstance(error, OSError):
        text = f"Coach cannot use its data folder: {error.strerror or error}."
    print(f"coach: {text}", file=sys.stderr)  # noqa: T201 - before any window exists
    app = create_application()
    if app.platformName() not in ("offscreen", "minimal"):
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - only on this path

        QMessageBox.warning(None, "Coach", text)
    return 1


def _report_painted() -> None:
    print(PAINTED_MESSAGE, flush=True)  # noqa: T201 - the smoke test's one line of output
