"""Export the history as JSON, a full backup that `coach.storage.json_import` reads back.

The document (`coach-export`, version 4; coach.storage.document says what it holds)
carries every table, each row with its id (a check-in: its day) and its values as the
database holds them (a VISA-A result's answers as an object), so that an import of it
puts every row back as it was.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

from coach import __version__
from coach.storage.database import Database, day_range, failing_as, stamp
from coach.storage.document import (
    CHECKIN_COLUMNS,
    EVENT_COLUMNS,
    FORMAT,
    PROGRAM_COLUMNS,
    VERSION,
    VISA_COLUMNS,
)
from coach.storage.document import problems as document_problems
from coach.storage.files import write_atomically
from coach.storage.schema import StorageError
from coach.storage.sessions import SESSION_COLUMNS, SET_COLUMNS

# SQL built from Coach's own column names (values are bound parameters): not an injection.
_SETS_OF_SESSION = f"SELECT {', '.join(SET_COLUMNS[1:])} FROM sets WHERE session_id = ?"  # noqa: S608
_SETS_OF_SESSION += " ORDER BY position"


def _select(table: str, columns: tuple[str, ...], where: str, order: str) -> str:
    # Values are bound parameters; the rest is Coach's own names and day_range()'s clauses.
    return f"SELECT {', '.join(columns)} FROM {table} {where} ORDER BY {order}"  # noqa: S608 - ours


def export_document(db: Database, first: date | None = None,
                    last: date | None = None) -> dict[str, Any]:  # fmt: skip
    """Everything in the database, or what falls in a date range, as one document.

    With a range: the sessions started, the check-ins of the days, the VISA-A
    results taken and the events recorded from `first` to `last` (local dates);
    the programs whose weeks overlap the range, and any program an included event
    belongs to, so that the event's program is in the file too.
    """
    where, params = day_range("started", first, last)
    sessions = []
    for session in db.sql.query(
        _select("sessions", SESSION_COLUMNS, where, "julianday(started), id"), params
    ):
        sets = db.sql.query(_SETS_OF_SESSION, [session["id"]])
        sessions.append({**session, "sets": list(sets)})
    where, params = day_range("day", first, last)
    checkins = list(db.sql.query(_select("checkins", CHECKIN_COLUMNS, where, "day"), params))
    where, params = day_range("taken", first, last)
    visa = [
        {**row, "answers": json.loads(row["answers"])}
        for row in db.sql.query(
            _select("visa_a", VISA_COLUMNS, where, "julianday(taken), id"), params
        )
    ]
    where, params = day_range("at", first, last)
    events = list(
        db.sql.query(_select("events", EVENT_COLUMNS, where, "julianday(at), id"), params)
    )
    belonging = {e["program_id"] for e in events if e["program_id"] is not None}
    programs = [
        p
        for p in db.sql.query(_select("programs", PROGRAM_COLUMNS, "", "julianday(created), id"))
        if p["id"] in belonging or _overlaps(p, first, last)
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": stamp(db.now()),
        "app": f"coach {__version__}",
        "sessions": sessions,
        "programs": programs,
        "checkins": checkins,
        "visa_a": visa,
        "events": events,
    }


def salvaged(document: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """`document` without the rows the importer would refuse, and what was left out, why.

    For the export of a damaged history (a row that breaks a CHECK constraint): every
    row that passes the import's checks is kept, so the file imports back; a bad set
    leaves out that set, a bad session, program, check-in, result or event that row,
    and an event whose program was left out goes with it.
    """
    doc = copy.deepcopy(document)
    skipped: list[str] = []
    while problems := list(document_problems(doc)):  # each round leaves out a row or more
        doomed: dict[str, set[int]] = {}
        sets: dict[int, set[int]] = {}
        for problem in problems:
            found = _ROW_AT.match(problem)
            if found is None:  # not a row's fault: nothing can be salvaged by leaving one out
                raise StorageError(f"The history cannot be exported: {problem}.")
            section, i, j = found["section"], int(found["i"]), found["j"]
            if section == "sessions" and j is not None:
                sets.setdefault(i, set()).add(int(j))
            else:
                doomed.setdefault(section, set()).add(i)
            skipped.append(problem)
        for i, positions in sets.items():
            session = doc["sessions"][i]
            session["sets"] = [s for k, s in enumerate(session["sets"]) if k not in positions]
        for section, rows in doomed.items():
            doc[section] = [r for k, r in enumerate(doc[section]) if k not in rows]
    programs = {p["id"] for p in doc.get("programs", [])}
    skipped += [
        f"the event {e['id']}: its program was left out"
        for e in doc.get("events", [])
        if e["program_id"] is not None and e["program_id"] not in programs
    ]
    doc["events"] = [
        e for e in doc.get("events", []) if e["program_id"] is None or e["program_id"] in programs
    ]
    return doc, skipped


_ROW_AT = re.compile(
    r"(?P<section>sessions|programs|checkins|visa_a|events)\[(?P<i>\d+)\]"
    r"(?:\.sets\[(?P<j>\d+)\])?"
)


def _overlaps(program: dict[str, Any], first: date | None, last: date | None) -> bool:
    start = date.fromisoformat(program["start"])
    end = start + timedelta(days=7 * program["weeks"] - 1)
    return (last is None or start <= last) and (first is None or end >= first)


def export_json(db: Database, target: Path, first: date | None = None,
                last: date | None = None, *, salvage: list[str] | None = None) -> int:  # fmt: skip
    """Write the document to `target`. Returns the number of sessions.

    With `salvage` (a damaged history), only the rows the importer accepts are written,
    and what was left out, and why, is added to that list (`salvaged`).
    """
    document = export_document(db, first, last)
    if salvage is not None:
        document, skipped = salvaged(document)
        salvage += skipped

    def write(f: IO[str]) -> None:
        json.dump(document, f, ensure_ascii=False, indent=1)
        f.write("\n")

    with failing_as(f"write {target}"):
        write_atomically(target, write, newline="\n")
    return len(document["sessions"])
