"""A Coach session as `coach` starts one, which then opens a page; prints its peak memory.

Run as `python -m coach.bench.children.peak_rss_session FOLDER PAGE`: the first frame,
then the history, the reminders, the daily questions declined, on the data folder
FOLDER, which then opens the page PAGE: "progress" (all five charts over "Everything",
scrolled through so each is painted) or "today" (the page it starts on: the baseline).
Prints, as JSON, the process's peak resident memory, and what was painted.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget

from coach.bench.rss import peak_rss_mb
from coach.ui.app import FirstPaint, create_application, finish_startup
from coach.ui.main_window import MainWindow
from coach.ui.program_dialogs import CheckinDialog
from coach.ui.visa_dialog import VisaDialog


def decline(_cls: type, *_args: object) -> None:
    """The morning check-in and the VISA-A would wait for an answer: the user declines both."""


class Painted(QObject):
    def __init__(self, widgets: Sequence[QWidget]) -> None:
        super().__init__()
        self.waiting = set(widgets)
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.waiting.discard(watched)
        return False


def main() -> None:
    CheckinDialog.ask = classmethod(decline)  # type: ignore[method-assign, assignment] # declined
    VisaDialog.ask = classmethod(decline)  # type: ignore[method-assign, assignment] # declined
    app = create_application()
    window = MainWindow(Path(sys.argv[1]))
    first_frame = QEventLoop()  # not app.quit(): in Qt 6 that closes the window too
    FirstPaint(window).painted.connect(first_frame.quit)
    window.show()
    first_frame.exec()
    finish_startup(app, window)  # the history opens, Today is drawn; the rest follows
    QTimer.singleShot(0, first_frame.quit)  # after the deferred part of the start
    first_frame.exec()
    store = window.model.history
    if store is None:
        sys.exit(f"the history did not open: {window.model.why_none}")
    report: dict[str, Any] = {}
    bar = None
    if sys.argv[2] == "progress":
        from coach.domain.trends import Span  # noqa: PLC0415 - as the page loads it: when opened

        page = window.progress
        page.span_box.setCurrentIndex(page.span_box.findData(Span.EVERYTHING))
        watched: list[QWidget] = [chart.canvas.viewport() for chart in page.charts]
        bar = page.scroll_area.verticalScrollBar()
        window.nav.setCurrentRow(2)
    else:
        watched = [window.today]
    painted = Painted(watched)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for _ in range(5):  # layouts, then the charts, then their paint
            app.processEvents()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if bar is not None and bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())  # the user scrolls down the charts
        elif not painted.waiting:
            break
    if bar is not None:
        report["empty"] = sum(chart.is_empty for chart in page.charts)
        report["summary"] = page.summary.text()
    report["painted"] = len(watched) - len(painted.waiting)
    report["watched"] = len(watched)
    report["peak_mb"] = peak_rss_mb()
    store.close()
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
