"""The Progress page's first show, in a fresh process each time (so pyqtgraph's import is
paid as a user pays it): the history is open, as it is by the time the user can click.

Run as `python -m coach.bench.children.progress_first_show FOLDER` on a data folder.
Prints, as JSON, the milliseconds from the start of the page's import: "import" (the
page and pyqtgraph imported) and "show" (its first frame painted).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from coach.app.model import AppModel
from coach.storage.history import History


class FirstPaint(QObject):
    """Notes when the watched widget is first painted, in `times["show"]`; then quits."""

    def __init__(self, times: dict[str, float], start: float) -> None:
        super().__init__()
        self.times = times
        self.start = start

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802, ARG002 - Qt's
        if event.type() == QEvent.Type.Paint and "show" not in self.times:
            self.times["show"] = (time.perf_counter() - self.start) * 1000
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> None:
    app = QApplication(sys.argv[:1])
    folder = Path(sys.argv[1])
    store = History.open(folder)
    model = AppModel(folder)
    model.attach(store)
    times: dict[str, float] = {}

    start = time.perf_counter()
    from coach.ui.progress_view import ProgressView  # noqa: PLC0415 - what is timed: brings pyqtgraph

    times["import"] = (time.perf_counter() - start) * 1000
    view = ProgressView(model)
    view.resize(930, 700)
    watcher = FirstPaint(times, start)
    view.installEventFilter(watcher)
    view.show()
    app.exec()
    store.close()
    print(json.dumps(times), flush=True)


if __name__ == "__main__":
    main()
