"""The commands that read or write the history: `export`, `report`, `schedule`,
`import` and `demo`, with the data folder they work on.

sqlite-utils, and Qt where a command needs it, load only when the command runs.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from coach import qt_check
from coach.cli.parser import UsageError

if TYPE_CHECKING:
    from coach.storage.database import Database


def cmd_export(args: argparse.Namespace) -> int:
    if args.format is None:
        raise UsageError("argument --format: required, one of csv, json")
    if args.out is None:
        raise UsageError("argument --out: required, the file to write")
    folder = _period_and_data(args, "export")
    if folder is None:
        return 1
    # sqlite-utils only when needed
    from coach.storage.database import (  # noqa: PLC0415
        DB_NAME,
        CorruptDatabaseError,
        Database,
        check_file,
    )

    try:
        with Database.reading(folder) as store:
            _export(args, store, None)
    except CorruptDatabaseError as e:
        # A damaged history (a row that breaks a CHECK constraint) still exports what it
        # can. An empty file, or one that is not SQLite, holds nothing: that error stands.
        check_file(folder / DB_NAME)
        if args.format == "csv":
            print(f"coach export: error: {e} A JSON export (--format json) saves what the "
                  "damage spared, and says what it left out.", file=sys.stderr)  # fmt: skip
            return 1
        print(f"coach export: warning: {e}", file=sys.stderr)
        skipped: list[str] = []
        with Database.reading(folder, check=False) as store:
            _export(args, store, skipped)
        more = f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        print(f"coach export: warning: left out what fails the import's checks: "
              f"{'; '.join(skipped[:5])}{more}", file=sys.stderr)  # fmt: skip
    return 0


def _export(args: argparse.Namespace, store: Database, salvage: list[str] | None) -> None:
    from coach.storage import csv_export, json_export  # noqa: PLC0415 - sqlite-utils when needed

    if args.format == "csv":
        rows = csv_export.export_csv(store, args.out, args.first, args.last)
        print(f"Wrote {rows} rows to {args.out}")
    else:
        sessions = json_export.export_json(store, args.out, args.first, args.last, salvage=salvage)
        print(f"Wrote {sessions} sessions to {args.out}")


def _period_and_data(args: argparse.Namespace, command: str) -> Path | None:
    """The data folder for a command that reads `--from`/`--to`; None if it holds no data."""
    if args.first and args.last and args.first > args.last:
        raise UsageError(f"--from {args.first} is after --to {args.last}")
    from coach.storage.database import DB_NAME  # noqa: PLC0415 - sqlite-utils only when needed

    folder = _data_dir(args)
    if not (folder / DB_NAME).exists():
        print(f"coach {command}: error: no Coach data in {folder}", file=sys.stderr)
        return None
    return folder


def cmd_report(args: argparse.Namespace) -> int:
    if args.out is None:
        raise UsageError("argument --out: required, a file name ending in .pdf")
    if args.out.suffix.lower() != ".pdf":
        raise UsageError(f"argument --out: must be a file name ending in .pdf (got {args.out})")
    folder = _period_and_data(args, "report")
    if folder is None:
        return 1
    if problem := qt_check.platform_problem():  # the PDF needs Qt's fonts, and so a display
        print(problem, file=sys.stderr)
        return 1
    from coach.reports import pdf  # noqa: PLC0415 - QtGui only when needed
    from coach.storage.history import History  # noqa: PLC0415 - sqlite-utils only when needed

    with pdf.application(), History.reading(folder) as store:
        summary = pdf.write_report(store, args.out, args.first, args.last)
    pages = f"{summary.pages} page{'s' if summary.pages > 1 else ''}"
    period = "no data yet" if summary.first is None else f"{summary.first} to {summary.last}"
    print(f"Wrote {args.out} ({pages}, {period})")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    if args.out is None:
        raise UsageError("argument --out: required, a file name ending in .ics")
    if args.out.suffix.lower() != ".ics":
        raise UsageError(f"argument --out: must be a file name ending in .ics (got {args.out})")
    from coach.reports import calendar  # noqa: PLC0415 - sqlite-utils only when needed
    from coach.storage.database import DB_NAME  # noqa: PLC0415
    from coach.storage.history import History  # noqa: PLC0415

    folder = _data_dir(args)
    no_program = (
        f"coach schedule: error: no program in {folder}: set up a 12-week program in the "
        "Coach app (on the Today page) first"
    )
    if not (folder / DB_NAME).exists():
        print(no_program, file=sys.stderr)
        return 1
    zone = args.timezone or calendar.local_zone_name()
    with History.reading(folder) as store:
        try:
            summary = calendar.write_schedule(store.programs, args.out, zone)
        except calendar.NoProgramError:
            print(no_program, file=sys.stderr)
            return 1
    print(summary.describe(args.out))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from coach.storage import json_import  # noqa: PLC0415 - sqlite-utils only when needed
    from coach.storage.database import Database  # noqa: PLC0415

    try:
        document = json_import.read_document(args.file)
    except json_import.ImportFileError as e:
        raise UsageError(str(e)) from e
    with _locked(_data_dir(args)) as folder, Database.open(folder) as store:
        result = json_import.import_document(store, document)
    print(result.describe())
    return 0


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def cmd_demo(args: argparse.Namespace) -> int:
    if args.weeks is None:
        raise UsageError("argument --weeks: required, a whole number from 1 to 520")
    from coach.storage import demo  # noqa: PLC0415 - sqlite-utils only when needed
    from coach.storage.database import Database  # noqa: PLC0415

    with _locked(_data_dir(args)) as folder, Database.open(folder) as store:
        try:
            result = demo.fill(store, args.weeks, args.seed)
        except demo.DemoRefusedError as e:
            raise UsageError(str(e)) from e
    print(
        f"Wrote {_count(result.sessions, 'session')} ({_count(result.sets, 'set')}), "
        f"{_count(result.programs, 'program')}, {_count(result.checkins, 'morning check-in')} "
        f"and {_count(result.visa, 'VISA-A result')} to {folder}"
    )
    return 0


def _data_dir(args: argparse.Namespace) -> Path:
    from coach.paths import data_dir  # noqa: PLC0415 - QtCore, to find the default folder

    return data_dir(args.data_dir)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[Path]:
    """Hold the data folder's lock: a command that writes never races the app."""
    from coach.paths import DataLock  # noqa: PLC0415 - QtCore, for the lock
    from coach.storage.files import private_dir  # noqa: PLC0415

    lock = DataLock(private_dir(folder))
    lock.acquire()
    try:
        yield folder
    finally:
        lock.release()
