"""A window that does what `coach --quit-after-show` does, and nothing else.

The start-up's baseline: a bare PySide6 window that prints PAINTED_MESSAGE once its
first frame is painted, and quits. It imports nothing of Coach (the packages it is run
from import nothing either), so it pays only for Python and PySide6.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

# coach.ui.app.PAINTED_MESSAGE (tests/test_bench.py checks it), written out here:
# importing it would import Coach's main window.
PAINTED_MESSAGE = "coach: the main window is shown and painted"


def painted() -> None:
    print(PAINTED_MESSAGE, flush=True)
    QApplication.quit()


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1100, 720)
    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
