"""File ▸ Export, Import, Report and Schedule: the same writers and checks as the commands.

The file choosers open through classmethods that tests replace (pytest-qt, "Dialogs").
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDir, QTimeZone
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from coach.reports import calendar, pdf
from coach.storage import csv_export, json_export, json_import
from coach.storage.document import MAX_PROBLEMS
from coach.storage.history import History
from coach.storage.schema import StorageError

CSV_FILTER = "CSV for spreadsheets, one row per set (*.csv)"
JSON_FILTER = "JSON, everything, re-importable (*.json)"


class ChooseExportFile:
    @classmethod
    def ask(cls, parent: QWidget, suggested: str) -> tuple[Path, str] | None:
        """The file to write and its format ("csv" or "json"), or None if cancelled."""
        name, chosen = QFileDialog.getSaveFileName(
            parent,
            "Export history",
            str(Path(QDir.homePath()) / suggested),
            f"{CSV_FILTER};;{JSON_FILTER}",
        )
        if not name:
            return None
        path = Path(name)
        fmt = "json" if chosen == JSON_FILTER or path.suffix.lower() == ".json" else "csv"
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        return path, fmt


class ChooseReportFile:
    @classmethod
    def ask(cls, parent: QWidget, suggested: str) -> Path | None:
        """The PDF file to write, or None if cancelled."""
        name, _ = QFileDialog.getSaveFileName(
            parent, "Report for your clinician", str(Path(QDir.homePath()) / suggested),
            "PDF (*.pdf)",
        )  # fmt: skip
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


class ChooseScheduleFile:
    @classmethod
    def ask(cls, parent: QWidget, suggested: str) -> Path | None:
        """The calendar file to write, or None if cancelled."""
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export schedule", str(Path(QDir.homePath()) / suggested),
            "Calendar, iCalendar (*.ics)",
        )  # fmt: skip
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")


class ChooseImportFile:
    @classmethod
    def ask(cls, parent: QWidget) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, "Import history", QDir.homePath(), f"{JSON_FILTER};;All files (*)"
        )
        return Path(name) if name else None


class Tell:
    @classmethod
    def info(cls, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def problem(cls, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)


def export_history(
    parent: QWidget, store: History, dates: tuple[date | None, date | None]
) -> Path | None:
    """Ask for a file and write the sessions of the History page's date range to it."""
    first, last = dates
    span = f"{first}-to-{last}" if first and last else "all"
    chosen = ChooseExportFile.ask(parent, f"coach-history-{span}")
    if chosen is None:
        return None
    path, fmt = chosen
    try:
        if fmt == "csv":
            count = csv_export.export_csv(store.db, path, first, last)
            what = f"{count} rows (one per set)"
        else:
            count = json_export.export_json(store.db, path, first, last)
            what = f"{count} sessions"
    except StorageError as e:
        Tell.problem(parent, "Export failed", f"{e} No file was written.")
        return None
    Tell.info(parent, "Export done", f"Wrote {what} to {path}.")
    return path


def import_history(parent: QWidget, store: History) -> bool:
    """Ask for an export file, check all of it, then add its sessions. True if written."""
    path = ChooseImportFile.ask(parent)
    if path is None:
        return False
    try:
        result = json_import.import_file(store.db, path)
    except json_import.ImportFileError as e:
        listed = "\n".join(f"• {p}" for p in e.problems[:MAX_PROBLEMS])
        more = len(e.problems) - MAX_PROBLEMS
        extra = f"\n…and {more} more." if more > 0 else ""
        Tell.problem(
            parent,
            "Cannot import",
            f"{path} cannot be imported, so nothing was added:\n\n{listed}{extra}",
        )
        return False
    except StorageError as e:
        Tell.problem(parent, "Import failed", f"{e} Nothing was added.")
        return False
    Tell.info(parent, "Import done", result.describe())
    return True


def write_report(
    parent: QWidget, store: History, dates: tuple[date | None, date | None]
) -> Path | None:
    """Ask for a file and write the clinician's PDF report of the date range to it."""
    first, last = dates
    if first is not None and last is not None and first > last:
        Tell.problem(
            parent, "Report not written",
            f"The History page's dates run backwards ({first} to {last}): choose a first "
            "day on or before the last day.",
        )  # fmt: skip
        return None
    span = f"{first}-to-{last}" if first and last else "all"
    path = ChooseReportFile.ask(parent, f"coach-report-{span}.pdf")
    if path is None:
        return None
    try:
        summary = pdf.write_report(store, path, first, last)
    except StorageError as e:
        Tell.problem(parent, "Report not written", f"{e} No file was written.")
        return None
    pages = "1 page" if summary.pages == 1 else f"{summary.pages} pages"
    Tell.info(parent, "Report written", f"Wrote {path} ({pages}).")
    return path


def local_zone_name() -> str | None:
    """The local time zone's IANA name: the system's files first, then Qt's answer.

    Qt knows the zone on Windows and macOS too, where the files that
    `calendar.local_zone_name` reads do not exist.
    """
    name = calendar.local_zone_name()
    if name is not None:
        return name
    qt_name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    return qt_name if calendar.zone_named(qt_name) else None


def export_schedule(parent: QWidget, store: History) -> Path | None:
    """Ask for a file and write the program's sessions to it as a calendar."""
    program = store.programs.program()
    if program is None:
        Tell.problem(
            parent, "No program yet",
            "There are no sessions to put in a calendar yet. Set up a 12-week program on "
            "the Today page, then export its schedule.",
        )  # fmt: skip
        return None
    path = ChooseScheduleFile.ask(parent, f"coach-schedule-{program.start}.ics")
    if path is None:
        return None
    try:
        summary = calendar.write_schedule(store.programs, path, local_zone_name())
    except calendar.NoProgramError as e:  # the program ended while the dialog was open
        Tell.problem(parent, "Schedule not exported", str(e))
        return None
    except StorageError as e:
        Tell.problem(parent, "Schedule not exported", f"{e} No file was written.")
        return None
    Tell.info(
        parent, "Schedule exported",
        f"{summary.describe(path)}.\n\nOpen the file with your calendar app to add them, "
        "each with a reminder 10 minutes before. Exporting again later updates the same "
        "events instead of adding copies.",
    )  # fmt: skip
    return path
