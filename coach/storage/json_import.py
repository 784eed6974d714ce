"""Import a JSON export (coach.storage.json_export) back: read, check, write in one go.

The file is read with care (its size, its encoding, keys given twice) and checked from
top to bottom (coach.storage.document, versions 1 to 4) before anything is written,
then written in one transaction: a bad file changes nothing, and a file imported twice
adds nothing the second time, because rows keep the ids (check-ins: the days) they were
exported with, and a row already in the database is left as it is. Because of that, a
row must be right the first time: its times are Coach's own (local time with the UTC
offset it had), so that it lands on the day and in the session it was done in. A row
dated by a clock that was wrong (before EARLIEST, or after the file was exported) is
imported as it is, with a warning that names it: Coach wrote it, so a backup must
bring it back (`odd_dates`).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any

from coach.domain.program import Status
from coach.domain.visa_a import VisaAnswers
from coach.domain.wall_clock import CLOCK_SLACK, EARLIEST
from coach.storage import schema
from coach.storage.checks import shown
from coach.storage.database import Database, failing_as, stamp
from coach.storage.document import (
    CHECKIN_COLUMNS,
    EVENT_COLUMNS,
    PROGRAM_COLUMNS,
    VISA_COLUMNS,
    Document,
    DocumentError,
    Session,
    Stamp,
    check,
    joined,
)
from coach.storage.schema import StorageError
from coach.storage.sessions import SESSION_COLUMNS, SET_COLUMNS

# Ten years of twice-daily sessions export to about 14 MB (checked in half a second): a
# file far bigger is not an export, and one packed with empty lists parses into gigabytes.
MAX_FILE_BYTES = 32_000_000
# Objects and lists: a 5-year export holds about 25 000; json builds each as a Python
# object, so a file of millions of {} would take gigabytes before any check could refuse it.
MAX_CONTAINERS = 1_000_000
# A program may be set up to start up to a year ahead (the set-up page's date range).
START_AHEAD = timedelta(days=366)


class ImportFileError(Exception):
    """A file that cannot be imported. `problems` name each fault and where it is."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path} cannot be imported: {joined(problems)}")
        self.problems = problems


class MissingProgramError(StorageError):
    """An event of the file belongs to a program neither in the file nor in the database.

    Found only when importing (it depends on the database), so the import is rolled
    back. `problems` names the events at fault, as ImportFileError's do.
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"Could not import the file: {joined(problems)}.")
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    """What an import added, and what it found already there and left as it was."""

    sessions_added: int
    sets_added: int
    sessions_present: int  # already in the database (same id): left as they are
    programs_added: int = 0
    programs_present: int = 0  # same id
    programs_ended: int = 0  # stored as ended so that only the newest is current
    checkins_added: int = 0
    checkins_present: int = 0  # a check-in of the same day: the one in the database wins
    visa_added: int = 0
    visa_present: int = 0  # same id
    events_added: int = 0
    events_present: int = 0  # same id
    odd_dates: tuple[str, ...] = ()  # rows a wrong clock dated, imported as they are

    def describe(self) -> str:
        """What the import did, in a sentence or three, for the import dialog and the CLI."""
        sessions = f"{_count(self.sessions_added, 'session')} ({_count(self.sets_added, 'set')})"
        added = [
            text
            for n, text in (
                (self.sessions_added, sessions),
                (self.programs_added, _count(self.programs_added, "program")),
                (self.checkins_added, _count(self.checkins_added, "morning check-in")),
                (self.visa_added, _count(self.visa_added, "VISA-A result")),
                (self.events_added, _count(self.events_added, "program event")),
            )
            if n
        ]
        present = [
            _count(n, what)
            for n, what in (
                (self.sessions_present, "session"),
                (self.programs_present, "program"),
                (self.checkins_present, "morning check-in"),
                (self.visa_present, "VISA-A result"),
                (self.events_present, "program event"),
            )
            if n
        ]
        text = f"Added {_listed(added)}." if added else "Nothing new to add."
        if present:
            text += f" Already in your history, left as they are: {_listed(present)}."
        if self.programs_ended:
            were = "was" if self.programs_ended == 1 else "were"
            text += (
                f" {_count(self.programs_ended, 'older program')} {were} stored as ended, "
                "so that only the newest program is current."
            )
        if self.odd_dates:
            text += (
                " Some dates in the file look wrong, perhaps because a clock was wrong when "
                "they were recorded (or this computer's is wrong now). Coach keeps them as "
                "they are, and your history and advice count them by those dates: "
                f"{joined(list(self.odd_dates))}."
            )
        return text


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def read_document(path: Path) -> Document:
    """Parse and fully check an export file. Raises ImportFileError naming the problems.

    Every date must be one a computer clock shows (coach.storage.checks.CLOCK_FIRST to
    CLOCK_LAST); dates a wrong clock gave are not refused (`odd_dates` names them). What
    depends on the database (an event's program that is not in the file) is checked by
    `import_document`.
    """
    text = _read_text(path)
    containers = text.count("{") + text.count("[")
    if containers > MAX_CONTAINERS:  # before parsing: millions of objects cost gigabytes
        raise ImportFileError(
            path,
            [f"not a Coach export: {containers:,} objects and lists (a real one holds fewer "
             f"than {MAX_CONTAINERS:,})"],
        )  # fmt: skip
    duplicates: list[str] = []
    try:
        parsed = json.loads(text, object_pairs_hook=partial(_no_duplicates, duplicates))
    except json.JSONDecodeError as e:
        problem = f"not a JSON file (line {e.lineno} column {e.colno}: {e.msg})"
        raise ImportFileError(path, [problem]) from e
    except RecursionError as e:  # json.loads recurses once per level
        raise ImportFileError(path, [_TOO_DEEP]) from e
    except ValueError as e:  # an integer longer than Python reads (sys.get_int_max_str_digits)
        raise ImportFileError(
            path, ["not a Coach export: a number with thousands of digits"]
        ) from e
    if duplicates:
        raise ImportFileError(path, duplicates[:5])
    try:
        if "\\u" in text and _has_half_character(parsed):
            raise ImportFileError(path, [_HALF_CHARACTER])
        return check(parsed)
    except RecursionError as e:  # nested nearly as deep as json.loads allows, a few frames down
        raise ImportFileError(path, [_TOO_DEEP]) from e
    except DocumentError as e:
        raise ImportFileError(path, e.problems) from e


_TOO_DEEP = "not a Coach export: lists or objects nested too deeply"
_HALF_CHARACTER = (
    r"not a Coach export: text with half a character in it (a \uD800 to \uDFFF escape alone)"
)


def _no_duplicates(found: list[str], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of a JSON file; a key given twice is noted (json keeps the last silently)."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            ident = seen.get("id", seen.get("day", seen.get("position")))
            where = f" in the object whose id or day is {shown(ident)}" if ident else ""
            found.append(f'"{key}" is given twice{where}: which one is meant?')
        seen[key] = value
    return seen


def _read_text(path: Path) -> str:
    """The file as text; ImportFileError if it cannot be read, is too big or is not UTF-8."""
    too_big = f"larger than {MAX_FILE_BYTES // 1_000_000} MB, too big to be a Coach export"
    try:
        kind = path.stat().st_mode
    except OSError as e:
        raise ImportFileError(path, [e.strerror or str(e)]) from e
    if not stat.S_ISREG(kind):  # a FIFO would wait for a writer forever; a device never end
        what = "a folder" if stat.S_ISDIR(kind) else "a pipe, a device or a socket"
        raise ImportFileError(path, [f"{what}, not a file"])
    try:
        with path.open("rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_FILE_BYTES:
                raise ImportFileError(path, [too_big])
            data = f.read(MAX_FILE_BYTES + 1)  # bounded: a pipe or a device has no size
    except OSError as e:
        raise ImportFileError(path, [e.strerror or str(e)]) from e
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(path, [too_big])
    try:
        # utf-8-sig: Windows Notepad puts a byte order mark in front of the files it saves.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportFileError(path, [f"byte {e.start}: not UTF-8 text"]) from e


def _has_half_character(document: object) -> bool:
    """A lone surrogate, which only a \\u escape can make: SQLite cannot db it."""
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def odd_dates(doc: Document, now: datetime | None) -> list[str]:
    """The rows of a checked document dated by a clock that was wrong, and where they are.

    Before EARLIEST; after the file was exported or after `now` (the clock of the
    computer importing it), give or take CLOCK_SLACK; a program starting more than a
    year after that; an end more than CLOCK_SLACK before its start. Coach writes what
    the clock says, so its own export may hold such rows: they are imported as they
    are, and the import names them. A date that is too early is named as such, and
    compared with nothing: an "exported" stamp that is too early is no bound, or every
    row would be in the future.
    """
    return list(_odd_dates(doc, now))


def _odd_dates(doc: Document, now: datetime | None) -> Iterator[str]:
    too_early = f"is before {EARLIEST}"
    if doc.exported is not None and doc.exported.day < EARLIEST:
        yield f'"exported": {doc.exported.text} {too_early}'
    latest, why = _latest(doc, now)
    for at, value in _stamps(doc):
        if value is None:
            continue
        if value.day < EARLIEST:  # by the date it shows (its own local date)
            yield f"{at}: {value.text} {too_early}"
        elif latest is not None and value.at - latest > CLOCK_SLACK:
            yield f"{at}: {value.text} is in the future ({why})"
    for i, checkin in enumerate(doc.checkins):
        day = checkin.day
        if day < EARLIEST:
            yield f"checkins[{i}].day: {day} {too_early}"
        elif latest is not None and day - latest.date() > CLOCK_SLACK:
            yield f"checkins[{i}].day: {day} is in the future ({why})"
    for i, program in enumerate(doc.programs):
        start = program.start
        if start < EARLIEST:
            yield f"programs[{i}].start: {start} {too_early}"
        elif latest is not None and start - latest.date() > CLOCK_SLACK + START_AHEAD:
            yield f"programs[{i}].start: {start} is more than a year ahead ({why})"
    yield from _order_problems(doc)


def _latest(doc: Document, now: datetime | None) -> tuple[datetime | None, str]:
    """The moment no row may be dated after (give or take CLOCK_SLACK), and why; or None."""
    bounds: list[tuple[datetime, str]] = []
    if doc.exported is not None and doc.exported.day >= EARLIEST:
        bounds.append((doc.exported.at, f"the file was exported {doc.exported.text}"))
    if now is not None and now.date() >= EARLIEST:  # a clock before 2000 is no bound either
        bounds.append((now, f"it is now {stamp(now)} on this computer"))
    return min(bounds, key=lambda bound: bound[0]) if bounds else (None, "")


def _order_problems(doc: Document) -> Iterator[str]:
    """Ends more than CLOCK_SLACK before their starts, compared as instants."""
    for at, start, end, what in _spans(doc):
        if end is None or start.day < EARLIEST or end.day < EARLIEST:
            continue  # named as too early already
        if start.at - end.at > CLOCK_SLACK:
            yield f"{at}: {end.text} is more than a day before {what} ({start.text})"


def _spans(doc: Document) -> Iterator[tuple[str, Stamp, Stamp | None, str]]:
    """Each row that has a start and an end: where its end is, both, and what began."""
    for i, session in enumerate(doc.sessions):
        yield f"sessions[{i}].ended", session.started, session.ended, "the session started"
        for j, one in enumerate(session.sets):
            at = f"sessions[{i}].sets[{j}].finished"
            yield at, one.started, one.finished, "the set started"
    for i, program in enumerate(doc.programs):
        yield f"programs[{i}].ended", program.created, program.ended, "the program was created"


def _stamps(doc: Document) -> Iterator[tuple[str, Stamp | None]]:
    """Every moment a row of `doc` was made or ended, with where it is."""
    for i, session in enumerate(doc.sessions):
        yield f"sessions[{i}].started", session.started
        yield f"sessions[{i}].ended", session.ended
        for j, one in enumerate(session.sets):
            yield f"sessions[{i}].sets[{j}].started", one.started
            yield f"sessions[{i}].sets[{j}].finished", one.finished
    for i, program in enumerate(doc.programs):
        yield f"programs[{i}].created", program.created
        yield f"programs[{i}].ended", program.ended
    for i, checkin in enumerate(doc.checkins):
        yield f"checkins[{i}].recorded", checkin.recorded
    for i, result in enumerate(doc.visa_a):
        yield f"visa_a[{i}].taken", result.taken
    for i, event in enumerate(doc.events):
        yield f"events[{i}].at", event.at


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - fixed names, bound values
        f"VALUES ({', '.join('?' * len(columns))})"
    )


_INSERT_SESSION = _insert("sessions", SESSION_COLUMNS)


def import_document(db: Database, document: Document | Mapping[str, Any]) -> ImportResult:
    """Write a checked document (version 1 to 4) in one transaction.

    A document as `json_export.export_document` gives it (a dict) is checked first:
    DocumentError, having written nothing, if it is not right.

    Rows a wrong clock dated are written as they are, and named (`odd_dates`, measured
    against the file's "exported" stamp and this computer's clock).

    A row whose id (a check-in: whose day) is already in the database is left as it
    is and counted as present: a check-in the user entered here wins over the file's.
    Raises MissingProgramError, having written nothing, if an event belongs to a
    program that is neither in the file nor in the database.
    """
    if not isinstance(document, Document):
        document = check(document)
    odd = tuple(odd_dates(document, db.now()))
    with failing_as("import the file"), db.sql.atomic():
        added, sets_added, present = _import_sessions(db, document.sessions)
        programs, programs_present = _add_rows(
            db, "programs", PROGRAM_COLUMNS, "id", _stored(document.programs, PROGRAM_COLUMNS)
        )
        brought_current = any(p["status"] != Status.ENDED.value for p in programs)
        programs_ended = _one_current_program(db) if brought_current else 0
        checkins, checkins_present = _add_rows(
            db, "checkins", CHECKIN_COLUMNS, "day", _stored(document.checkins, CHECKIN_COLUMNS)
        )
        visa = _stored(document.visa_a, VISA_COLUMNS)
        visa, visa_present = _add_rows(db, "visa_a", VISA_COLUMNS, "id", visa)
        events = _stored(document.events, EVENT_COLUMNS)
        _check_programs_of(db, events)
        events, events_present = _add_rows(db, "events", EVENT_COLUMNS, "id", events)
    return ImportResult(
        added,
        sets_added,
        present,
        programs_added=len(programs),
        programs_present=programs_present,
        programs_ended=programs_ended,
        checkins_added=len(checkins),
        checkins_present=checkins_present,
        visa_added=len(visa),
        visa_present=visa_present,
        events_added=len(events),
        events_present=events_present,
        odd_dates=odd,
    )


def _import_sessions(db: Database, sessions: tuple[Session, ...]) -> tuple[int, int, int]:
    added = sets_added = present = 0
    for session in sessions:
        row = _stored_row(session, SESSION_COLUMNS)
        if row["status"] == schema.IN_PROGRESS:
            row["status"] = schema.PARTIAL  # a session running elsewhere cannot go on here
        exists = db.sql.execute("SELECT 1 FROM sessions WHERE id = ?", [row["id"]])
        if exists.fetchone():
            present += 1
            continue
        db.sql.execute(_INSERT_SESSION, list(row.values()))
        added += 1
        sets = [{**_stored_row(s, SET_COLUMNS[1:]), "session_id": row["id"]} for s in session.sets]
        if sets:
            db.sql.table("sets").insert_all(sets)
            sets_added += len(sets)
    return added, sets_added, present


def _add_rows(
    db: Database, table: str, columns: tuple[str, ...], key: str, rows: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], int]:
    """Insert the rows whose `key` is not in `table` yet. Returns those added, and the rest."""
    insert = _insert(table, columns)
    exists = f"SELECT 1 FROM {table} WHERE {key} = ?"  # noqa: S608 - fixed names, bound value
    added = []
    for row in rows:
        if db.sql.execute(exists, [row[key]]).fetchone():
            continue
        db.sql.execute(insert, [row[c] for c in columns])
        added.append(row)
    return added, len(rows) - len(added)


def _stored(rows: tuple[object, ...], columns: tuple[str, ...]) -> list[dict[str, Any]]:
    return [_stored_row(row, columns) for row in rows]


def _stored_row(row: object, columns: tuple[str, ...]) -> dict[str, Any]:
    """A row of a Document as its table stores it, column by column."""
    return {name: _stored_value(getattr(row, name)) for name in columns}


def _stored_value(value: object) -> object:
    if isinstance(value, Stamp):
        return value.text  # the file's own: a row keeps the text it was exported with
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, VisaAnswers):
        # Stored as Programs.save_visa stores it, whatever the spacing in the file.
        return json.dumps(value.as_dict(), sort_keys=True)
    return value


def _one_current_program(db: Database) -> int:
    """Keep one program current after an import brought an active or paused one.

    Coach has at most one program that is not ended: the one the Today page plans
    and advises on. When an import brings an active or paused program while the
    database has one of its own (or the file brings several), the newest by
    `created` (the moment it was set up, compared as instants; ties by id) stays as
    it is, whichever side it came from. Every other is stored as ended, its `ended`
    set to the newest one's `created`: what starting the newer program here would
    have done to it (`Programs.start_program`). Returns how many were ended.
    """
    newest = db.sql.execute(
        "SELECT id, created FROM programs WHERE status != 'ended' "
        "ORDER BY julianday(created) DESC, id DESC LIMIT 1"
    ).fetchone()
    if newest is None:
        return 0
    cursor = db.sql.execute(
        "UPDATE programs SET status = 'ended', ended = ? WHERE status != 'ended' AND id != ?",
        [newest[1], newest[0]],
    )
    return int(cursor.rowcount)


def _check_programs_of(db: Database, events: list[dict[str, Any]]) -> None:
    """Every event's program is in the database (the file's programs are written by now)."""
    missing = [
        f"events[{i}].program_id: {e['program_id']!r} is neither a program in the file "
        "nor one in your history"
        for i, e in enumerate(events)
        if e["program_id"] is not None
        and not db.sql.execute("SELECT 1 FROM programs WHERE id = ?", [e["program_id"]]).fetchone()
    ]
    if missing:
        raise MissingProgramError(missing)


def import_file(db: Database, path: Path) -> ImportResult:
    return import_document(db, read_document(path))
