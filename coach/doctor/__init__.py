"""`coach doctor`: what a support question needs to know, and what is wrong with this install.

Each check is a small function returning `Finding`s: a label, a value, and, when
something needs the user's attention, a problem sentence saying what to do. The
report prints the findings under headings, then the problems; the exit status is 1
when there is any.

It runs without Qt: when a system library Qt needs is missing (a fresh machine), it
still reports everything else, lists each missing library with the package to install,
and exits 1 like any other problem. Qt is imported only inside the checks that use it.

The doctor only looks. It opens the database read-only (an SQLite `mode=ro` URI), so
it never changes the file, never migrates it, and can run while the app has the
folder; it takes no lock and creates no folder. (In WAL mode a reader does update
the -shm index that SQLite shares between connections: that file holds no data.)

The checks are by subject: `system` (versions, Qt, the window system), `data` (the
folder, the database, the clock, the backups) and `sound`; `findings` holds what they
return; this module gathers them and writes the report.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TextIO

from coach.doctor import sound
from coach.doctor.data import data_folder, database, folder_finding, newest_backup
from coach.doctor.findings import Section
from coach.doctor.system import versions


def gather(folder: Path, override: str | None = None,
           environ: Mapping[str, str] = os.environ) -> list[Section]:  # fmt: skip
    return [
        Section("Coach", tuple(versions(environ))),
        Section(
            "Data",
            (
                folder_finding(folder, override),
                *database(folder),
                newest_backup(folder, datetime.now()),  # noqa: DTZ005 - backups are named in local time
            ),
        ),
        Section("Sound", tuple(sound.sound())),
    ]


def problems(sections: Iterable[Section]) -> list[str]:
    return [f.problem for s in sections for f in s.findings if f.problem]


def write_report(sections: list[Section], out: TextIO) -> None:
    for section in sections:
        out.write(f"{section.heading}\n")
        for f in section.findings:
            out.write(f"  {f.label}: {f.value}\n")
        out.write("\n")
    found = problems(sections)
    if found:
        out.write("Problems:\n")
        for problem in found:
            out.write(f"  - {problem}\n")
    else:
        out.write("No problems found.\n")


def run(override: str | None, out: TextIO | None = None) -> int:
    """Print the report for the data folder `override` names (None: the usual one).

    Exit status 0 when nothing needs attention, 1 otherwise: a missing system library
    is a problem like any other, listed with the rest after the whole report.
    """
    sections = gather(data_folder(override), override)
    write_report(sections, out or sys.stdout)
    return 1 if problems(sections) else 0
