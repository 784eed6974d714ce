"""The clinician's report: an A4 PDF of a period of the history, made with Qt's PDF writer.

`write_report(history, target, first, last)` gathers the period (`coach.reports.content`),
makes its sections (`coach.reports.sections` and `coach.reports.outcomes`, on a
`coach.reports.sheet.Sheet`), lays them out on pages (`coach.reports.layout`) and
draws them with QPainter on a QPdfWriter: real
text, so a PDF reader can search and copy it, and a vector pain chart. The file is
written next to `target` and renamed into place, so a failure leaves no half-written
report behind. Qt needs a QGuiApplication for fonts: the app has one; `application()`
makes one for the command line, headless when there is no display.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

from coach import __version__
from coach.reports.content import Report, gather
from coach.reports.layout import draw_page, paginate
from coach.reports.sections import report_items
from coach.reports.sheet import DPI, TITLE, Sheet
from coach.storage.database import failing_as
from coach.storage.files import private_temp
from coach.storage.history import History
from coach.storage.schema import StorageError

MARGINS_MM = QMarginsF(16, 14, 16, 12)  # left, top, right, bottom


@dataclass(frozen=True)
class ReportSummary:
    """What `write_report` wrote."""

    path: Path
    pages: int
    first: date | None  # the period reported on, both days included; None: no data at all
    last: date | None
    sessions: int  # sessions with at least one set done, in the period


def write_report(history: History, target: Path, first: date | None = None,
                 last: date | None = None) -> ReportSummary:  # fmt: skip
    """Write the report of the days `first` to `last` (inclusive; None: the data's own end).

    Needs a QGuiApplication. Raises StorageError, saying what went wrong, when the file
    cannot be written; `target` is then as it was.
    """
    report = gather(history, first, last)
    with failing_as(f"write {target}"), private_temp(target) as temp:
        pages = render(report, temp)
        with temp.open("rb") as f:
            os.fsync(f.fileno())
        temp.replace(target)
    if not report.has_period:
        return ReportSummary(target, pages, None, None, report.sessions)
    return ReportSummary(target, pages, report.first, report.last, report.sessions)


def needs_offscreen(environ: Mapping[str, str], platform: str) -> bool:
    """Linux without a display (nor a platform chosen): Qt would abort without one."""
    names = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return platform.startswith("linux") and not any(environ.get(name) for name in names)


@contextlib.contextmanager
def application() -> Iterator[QCoreApplication]:
    """A QGuiApplication for as long as the block runs (the one running, if any).

    Without a display, on Qt's offscreen platform: a report needs fonts, not a screen.
    """
    existing = QCoreApplication.instance()
    if existing is not None:
        yield existing
        return
    if needs_offscreen(os.environ, sys.platform):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication(sys.argv[:1])
    try:
        yield app
    finally:
        app.shutdown()


def render(report: Report, path: Path) -> int:
    """Draw `report` into a new PDF file at `path`. Returns the number of pages."""
    return _draw(report, path)


def _draw(report: Report, path: Path) -> int:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(TITLE)
    writer.setCreator(f"Coach {__version__}")
    painter = QPainter()
    if not painter.begin(writer):
        raise StorageError(f"Could not write {path}: the PDF writer could not open the file.")
    try:
        area = writer.pageLayout().paintRectPixels(DPI)
        sheet = Sheet(writer, area.width())
        footer_height = sheet.footer_height()
        pages = paginate(report_items(report, sheet), area.height() - footer_height)
        for number, placed in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            draw_page(painter, placed, 0, 0)
            sheet.footer(painter, report, number, len(pages), area.height())
    except BaseException:
        painter.end()
        raise
    if not painter.end():  # the file is written out here
        raise StorageError(f"Could not write {path}: the PDF writer failed to finish it.")
    return len(pages)
