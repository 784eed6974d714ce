"""Export the history (CSV for spreadsheets, JSON as a full backup) and import JSON back.

The JSON export (`coach-export`, version 4) carries every table: the sessions with
their sets, the programs, the morning check-ins, the VISA-A results (with the leg each
is about) and the program events; version 1 files (sessions only), version 2 files
(programs without their pace and starting load, which take the defaults) and version 3
files (VISA-A results without their leg, which is then not recorded) still import. An
import is checked from top to bottom before anything is written, then written in one
transaction: a bad file changes nothing, and a file imported twice adds nothing the
second time, because rows keep the ids (check-ins: the days) they were exported with,
and a row already in the database is left as it is. Because of that, a row must be right
the first time: its times are Coach's own (local time with the UTC offset it had), so
that it lands on the day and in the session it was done in. A row dated by a clock that
was wrong (before EARLIEST, or after the file was exported) is imported as it is, with a
warning that names it: Coach wrote it, so a backup must bring it back (`odd_dates`).
"""

from __future__ import annotations

import copy
import csv
import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import IO, Any, TypeGuard

from coach import __version__
from coach.domain.advice import check_stiffness
from coach.domain.pain import check_rating
from coach.domain.program import DOSE, MAX_WEEKS, WEEKS, ProgramError, Status, parse_time
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import LIMITS, Injured, SettingError, Settings, Side
from coach.domain.visa_a import VisaAnswers, VisaError
from coach.domain.visa_a import score as visa_score
from coach.domain.wall_clock import CLOCK_SLACK, EARLIEST
from coach.storage import schema
from coach.storage.database import Database, day_range, failing_as, instant, stamp
from coach.storage.files import write_atomically
from coach.storage.programs import RED_FLAG, RESUMED, Programs
from coach.storage.schema import StorageError
from coach.storage.sessions import SESSION_COLUMNS, SET_COLUMNS, set_count, sets_text

FORMAT = "coach-export"
VERSION = 4
MAX_PROBLEMS = 5
# Ten years of twice-daily sessions export to about 14 MB (checked in half a second): a
# file far bigger is not an export, and one packed with empty lists parses into gigabytes.
MAX_FILE_BYTES = 32_000_000
# Objects and lists: a 5-year export holds about 25 000; json builds each as a Python
# object, so a file of millions of {} would take gigabytes before any check could refuse it.
MAX_CONTAINERS = 1_000_000
# A program may be set up to start up to a year ahead (the set-up page's date range).
START_AHEAD = timedelta(days=366)
# Coach writes what the computer's clock says, however wrong (coach.domain.wall_clock), and a
# backup must restore what was written: a row dated outside EARLIEST .. now (a wrong clock) is
# imported as it is and named in a warning (`odd_dates`). Only a date no computer
# clock shows is refused: before the Unix epoch as the westernmost zone (UTC-12) shows
# it, 1969-12-31 (year 1, say), or past 2099 (year 9999), which no clock in use gives
# and whose week arithmetic would overflow.
CLOCK_FIRST = date(1969, 12, 31)
CLOCK_LAST = date(2099, 12, 31)

# The columns of the tables of schema version 4, in the order the tables declare them.
PROGRAM_COLUMNS = (
    "id", "created", "start", "protocol", "injured", "morning", "evening", "weeks",
    "visa_every_weeks", "status", "reason", "ended", *DOSE,
)  # fmt: skip
CHECKIN_COLUMNS = ("day", "recorded", "pain", "stiffness_minutes")
VISA_COLUMNS = ("id", "taken", "answers", "score", "side")
EVENT_COLUMNS = ("id", "at", "program_id", "kind", "detail")
# The sections a version 2, 3 or 4 file adds to "sessions": each is a table's rows.
SECTIONS = ("programs", "checkins", "visa_a", "events")

# session_sets: "complete: 6 of 6 sets" or "partial: 1 of 6 sets" (or "no sets done: ...").
CSV_COLUMNS = (
    "session_id", "session_started", "session_ended", "part_of_day", "status", "reason",
    "session_sets", "protocol", "injured", "session_seconds", "session_note",
    "set_position", "exercise", "set_number", "side", "reps", "load_kg", "lower_seconds",
    "pain", "set_started", "set_finished",
)  # fmt: skip

# SQL built from Coach's own column names (values are bound parameters): not an injection.
_SETS_OF_SESSION = f"SELECT {', '.join(SET_COLUMNS[1:])} FROM sets WHERE session_id = ?"  # noqa: S608
_SETS_OF_SESSION += " ORDER BY position"
_CSV_QUERY = """
SELECT s.id, s.started, s.ended, s.status, s.reason, s.protocol, s.injured, s.seconds, s.note,
       t.position, t.exercise, t.number, t.side, t.reps, coalesce(t.load_kg, s.load_kg),
       t.lower_seconds, t.pain, t.started, t.finished,
       s.planned_sets, count(t.position) OVER (PARTITION BY s.id)
FROM sessions AS s LEFT JOIN sets AS t ON t.session_id = s.id
{where}
ORDER BY julianday(s.started), s.id, t.position
"""

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# -- export ---------------------------------------------------------------------
def export_csv(db: Database, target: Path, first: date | None = None,
               last: date | None = None) -> int:  # fmt: skip
    """Write one row per set (a session with no sets gets one row). Returns the rows."""
    where, params = day_range("s.started", first, last)
    count = 0

    def write(f: IO[str]) -> None:
        nonlocal count
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(CSV_COLUMNS)
        split = Programs(db).day_split()
        for row in db.sql.execute(_CSV_QUERY.format(where=where), params):
            *cells, planned, done = row
            cells.insert(3, split.part(instant(row[1])))
            cells.insert(6, sets_text(done, set_count(row[5], row[6], planned)))
            out.writerow([_safe_cell(c) for c in cells])
            count += 1

    with failing_as(f"write {target}"):
        write_atomically(target, write)
    return count


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
    while problems := list(_document_problems(doc)):  # each round leaves out a row or more
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


# -- import ---------------------------------------------------------------------
class ImportFileError(Exception):
    """A file that cannot be imported. `problems` name each fault and where it is."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path} cannot be imported: {_joined(problems)}")
        self.problems = problems


class MissingProgramError(StorageError):
    """An event of the file belongs to a program neither in the file nor in the database.

    Found only when importing (it depends on the database), so the import is rolled
    back. `problems` names the events at fault, as ImportFileError's do.
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"Could not import the file: {_joined(problems)}.")
        self.problems = problems


def _joined(problems: list[str]) -> str:
    shown = problems[:MAX_PROBLEMS]
    more = len(problems) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


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
                f"{_joined(list(self.odd_dates))}."
            )
        return text


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def read_document(path: Path) -> dict[str, Any]:
    """Parse and fully check an export file. Raises ImportFileError naming the problems.

    Every date must be one a computer clock shows (CLOCK_FIRST to CLOCK_LAST); dates a
    wrong clock gave are not refused (`odd_dates` names them). What depends on the
    database (an event's program that is not in the file) is checked by `import_document`.
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
        document = json.loads(text, object_pairs_hook=partial(_no_duplicates, duplicates))
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
        problems = [_HALF_CHARACTER] if "\\u" in text and _has_half_character(document) else []
        problems = problems or list(_document_problems(_upgraded(document)))
    except RecursionError as e:  # nested nearly as deep as json.loads allows, a few frames down
        raise ImportFileError(path, [_TOO_DEEP]) from e
    if problems:
        raise ImportFileError(path, problems)
    return document  # type: ignore[no-any-return]  # checked field by field above


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
            where = f" in the object whose id or day is {_shown(ident)}" if ident else ""
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
    """A lone surrogate, which only a \\u escape can make: SQLite cannot store it."""
    try:
        json.dumps(document, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def odd_dates(doc: dict[str, Any], now: datetime | None) -> list[str]:
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


def _odd_dates(doc: dict[str, Any], now: datetime | None) -> Iterator[str]:
    too_early = f"is before {EARLIEST}"
    if "exported" in doc and _too_early(doc["exported"]):
        yield f'"exported": {doc["exported"]} {too_early}'
    latest, why = _latest(doc, now)
    for at, value in _stamps(doc):
        if value is None:
            continue
        if _too_early(value):
            yield f"{at}: {value} {too_early}"
        elif latest is not None and _instant(value) - latest > CLOCK_SLACK:
            yield f"{at}: {value} is in the future ({why})"
    for i, checkin in enumerate(doc.get("checkins", [])):
        day = checkin["day"]
        if _too_early(day):
            yield f"checkins[{i}].day: {day} {too_early}"
        elif latest is not None and date.fromisoformat(day) - latest.date() > CLOCK_SLACK:
            yield f"checkins[{i}].day: {day} is in the future ({why})"
    for i, program in enumerate(doc.get("programs", [])):
        start = program["start"]
        if _too_early(start):
            yield f"programs[{i}].start: {start} {too_early}"
        elif latest is not None and (
            date.fromisoformat(start) - latest.date() > CLOCK_SLACK + START_AHEAD
        ):
            yield f"programs[{i}].start: {start} is more than a year ahead ({why})"
    yield from _order_problems(doc)


def _latest(doc: dict[str, Any], now: datetime | None) -> tuple[datetime | None, str]:
    """The moment no row may be dated after (give or take CLOCK_SLACK), and why; or None."""
    bounds: list[tuple[datetime, str]] = []
    if "exported" in doc and not _too_early(doc["exported"]):
        bounds.append((_instant(doc["exported"]), f"the file was exported {doc['exported']}"))
    if now is not None and now.date() >= EARLIEST:  # a clock before 2000 is no bound either
        bounds.append((now, f"it is now {stamp(now)} on this computer"))
    return min(bounds, key=lambda bound: bound[0]) if bounds else (None, "")


def _too_early(value: str) -> bool:
    """A date, or a stamp by the date it shows (its own local date), before EARLIEST."""
    return value[:10] < _EARLIEST_TEXT  # checked: four ASCII digits of year, so text sorts


_EARLIEST_TEXT = EARLIEST.isoformat()


def _order_problems(doc: dict[str, Any]) -> Iterator[str]:
    """Ends more than CLOCK_SLACK before their starts, compared as instants."""
    for at, start, end, what in _spans(doc):
        if end is None or _too_early(start) or _too_early(end):
            continue  # named as too early already
        if end[-6:] == start[-6:] and end[:19] >= start[:19]:
            continue  # the same offset, and the end's wall time is not earlier: in order
        if _instant(start) - _instant(end) > CLOCK_SLACK:
            yield f"{at}: {end} is more than a day before {what} ({start})"


def _spans(doc: dict[str, Any]) -> Iterator[tuple[str, str, str | None, str]]:
    """Each row that has a start and an end: where its end is, both, and what began."""
    for i, session in enumerate(doc["sessions"]):
        yield f"sessions[{i}].ended", session["started"], session["ended"], "the session started"
        for j, one in enumerate(session["sets"]):
            at = f"sessions[{i}].sets[{j}].finished"
            yield at, one["started"], one["finished"], "the set started"
    for i, program in enumerate(doc.get("programs", [])):
        created = program["created"]
        yield f"programs[{i}].ended", created, program["ended"], "the program was created"


def _stamps(doc: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
    """Every moment a row of `doc` was made or ended, with where it is."""
    for i, session in enumerate(doc["sessions"]):
        for name in ("started", "ended"):
            yield f"sessions[{i}].{name}", session[name]
        for j, one in enumerate(session["sets"]):
            for name in ("started", "finished"):
                yield f"sessions[{i}].sets[{j}].{name}", one[name]
    for section, names in _SECTION_STAMPS.items():
        for i, row in enumerate(doc.get(section, [])):
            for name in names:
                yield f"{section}[{i}].{name}", row[name]


_SECTION_STAMPS = {
    "programs": ("created", "ended"),
    "checkins": ("recorded",),
    "visa_a": ("taken",),
    "events": ("at",),
}


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - fixed names, bound values
        f"VALUES ({', '.join('?' * len(columns))})"
    )


_INSERT_SESSION = _insert("sessions", SESSION_COLUMNS)


def import_document(db: Database, document: dict[str, Any]) -> ImportResult:
    """Write a checked document (version 1 to 4) in one transaction.

    Rows a wrong clock dated are written as they are, and named (`odd_dates`, measured
    against the file's "exported" stamp and this computer's clock).

    A row whose id (a check-in: whose day) is already in the database is left as it
    is and counted as present: a check-in the user entered here wins over the file's.
    Raises MissingProgramError, having written nothing, if an event belongs to a
    program that is neither in the file nor in the database.
    """
    odd = tuple(odd_dates(document, db.now()))
    with failing_as("import the file"), db.sql.atomic():
        added, sets_added, present = _import_sessions(db, document["sessions"])
        programs, programs_present = _add_rows(
            db, "programs", PROGRAM_COLUMNS, "id", document.get("programs", [])
        )
        brought_current = any(p["status"] != Status.ENDED.value for p in programs)
        programs_ended = _one_current_program(db) if brought_current else 0
        checkins, checkins_present = _add_rows(
            db, "checkins", CHECKIN_COLUMNS, "day", document.get("checkins", [])
        )
        visa = [_visa_row(v) for v in document.get("visa_a", [])]
        visa, visa_present = _add_rows(db, "visa_a", VISA_COLUMNS, "id", visa)
        _check_programs_of(db, document.get("events", []))
        events, events_present = _add_rows(
            db, "events", EVENT_COLUMNS, "id", document.get("events", [])
        )
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


def _import_sessions(db: Database, sessions: list[dict[str, Any]]) -> tuple[int, int, int]:
    added = sets_added = present = 0
    for session in sessions:
        row = {k: session[k] for k in SESSION_COLUMNS}
        if row["status"] == schema.IN_PROGRESS:
            row["status"] = schema.PARTIAL  # a session running elsewhere cannot go on here
        row["load_kg"] = float(row["load_kg"])
        row["seconds"] = float(row["seconds"])
        exists = db.sql.execute("SELECT 1 FROM sessions WHERE id = ?", [row["id"]])
        if exists.fetchone():
            present += 1
            continue
        db.sql.execute(_INSERT_SESSION, list(row.values()))
        added += 1
        sets = [{**s, "session_id": row["id"]} for s in session["sets"]]
        for s in sets:
            s["load_kg"] = float(s["load_kg"])
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


def _visa_row(v: dict[str, Any]) -> dict[str, Any]:
    # Stored as Programs.save_visa stores it, whatever the spacing in the file.
    answers = VisaAnswers.from_dict(v["answers"]).as_dict()
    return {**v, "answers": json.dumps(answers, sort_keys=True)}


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


# -- checking -------------------------------------------------------------------
_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
# The one form Coach writes (SQLite's date functions and the day filter rely on it).
_STAMP_NO_ZONE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?")
_STAMP = re.compile(_STAMP_NO_ZONE.pattern + r"(Z|[+-]\d{2}:\d{2})")
# A time in UTC with no local time: "Z", or RFC 3339's "-00:00" (the local offset
# unknown). Coach never writes either (its "+00:00" is the local time of a zone at
# UTC+0). A row's day and session are those of its local time, which such a stamp
# does not give, and an import cannot be redone once its ids are in: refused.
_UTC_MARKS = ("Z", "-00:00")
# The shapes the schema's GLOB checks ask for (ASCII digits only, as GLOB's [0-9]).
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK = re.compile(r"[0-2][0-9]:[0-5][0-9]")
MAX_SETS = 100  # far more than any session plan has (10 sets x 2 exercises x 2 sides)
# The longest plan the settings allow (40 sets of 50 slow reps, 10-minute rests) is 15 hours.
MAX_SESSION_SECONDS = 24 * 60 * 60


def _upgraded(doc: object) -> object:
    """An older document as version 4 says it.

    A version 2 file's programs get the default dose; a version 2 or 3 file's VISA-A
    results get no leg (`side` null: the program's one painful leg, or not known).
    Changes `doc` in place (it is the caller's freshly parsed copy) and returns it.
    """
    if not isinstance(doc, dict):
        return doc
    if doc.get("version") == 2 and isinstance(doc.get("programs"), list):
        defaults = {name: getattr(Settings, name) for name in DOSE}
        for row in doc["programs"]:
            if isinstance(row, dict):
                for name, value in defaults.items():
                    row.setdefault(name, value)
    if doc.get("version") in (2, 3) and isinstance(doc.get("visa_a"), list):
        for row in doc["visa_a"]:
            if isinstance(row, dict):
                row.setdefault("side", None)
    return doc


_TOP_LEVEL = ("format", "version", "exported", "app", "sessions", *SECTIONS)


def _unknown_sections(doc: dict[str, Any]) -> Iterator[str]:
    """Top-level names no Coach writes: dropped unseen otherwise (a newer file, a typo)."""
    for name in doc:
        if name not in _TOP_LEVEL:
            yield f'"{name}": not a part of a Coach export (it has {", ".join(_TOP_LEVEL)})'


def _document_problems(doc: object) -> Iterator[str]:
    if not isinstance(doc, dict):
        yield "top level: must be a JSON object"
        return
    if doc.get("format") != FORMAT:
        got = _shown(doc.get("format"))
        yield f'"format": must be "{FORMAT}" (got {got}); is this a Coach export?'
        return
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        yield f'"version": must be a whole number from 1 to {VERSION} (got {_shown(version)})'
        return
    if version > VERSION:
        yield (
            f'"version": {version} is from a newer Coach (this one reads up to {VERSION}); '
            "update Coach to import it"
        )
        return
    yield from _unknown_sections(doc)
    if "exported" in doc:  # what "in the future" is measured against (odd_dates)
        yield from _time_problems('"exported"', doc["exported"])
    yield from _sessions_problems(doc.get("sessions"))
    if version == 1:
        # A version 1 file has sessions only: rows beside them would be dropped unseen.
        for name in SECTIONS:
            if name in doc:
                yield f'"{name}": not part of a version 1 file; is "version" right?'
        return
    for name in SECTIONS:
        if name in doc:
            yield from _section_problems(name, doc[name], *_ROWS[name])
        else:
            yield f'"{name}": missing (a version {version} file has every section, empty or not)'


def _sessions_problems(sessions: object) -> Iterator[str]:
    if not isinstance(sessions, list):
        yield '"sessions": must be a list'
        return
    seen: set[str] = set()
    for i, session in enumerate(sessions):
        where = f"sessions[{i}]"
        if not isinstance(session, dict):
            yield f"{where}: must be an object"
            continue
        yield from _session_problems(where, session)
        sid = session.get("id")
        if isinstance(sid, str):
            if sid in seen:
                yield f"{where}.id: {sid!r} appears twice in the file"
            seen.add(sid)


def _section_problems(
    name: str,
    rows: object,
    columns: tuple[str, ...],
    key: str,
    check: Callable[[str, dict[str, Any]], Iterator[str]],
) -> Iterator[str]:
    """The problems of one table's rows: their keys, their fields, a key used twice."""
    if not isinstance(rows, list):
        yield f'"{name}": must be a list'
        return
    seen: set[str] = set()
    for i, row in enumerate(rows):
        where = f"{name}[{i}]"
        if not isinstance(row, dict):
            yield f"{where}: must be an object"
            continue
        missing = [k for k in columns if k not in row]
        if missing:
            yield f"{where}: missing {', '.join(missing)}"
            continue
        unknown = sorted(set(row) - set(columns))
        if unknown:
            yield f"{where}: unknown {', '.join(map(str, unknown))}"
        yield from check(where, row)
        value = row[key]
        if isinstance(value, str):
            if value in seen:
                yield f"{where}.{key}: {value!r} appears twice in the file"
            seen.add(value)


def _session_problems(where: str, s: dict[str, Any]) -> Iterator[str]:
    missing = [k for k in (*SESSION_COLUMNS, "sets") if k not in s]
    if missing:
        yield f"{where}: missing {', '.join(missing)}"
        return
    unknown = sorted(set(s) - {*SESSION_COLUMNS, "sets"})
    if unknown:
        yield f"{where}: unknown {', '.join(map(str, unknown))}"
    yield from _session_field_problems(where, s)
    if not isinstance(s["sets"], list):
        yield f"{where}.sets: must be a list"
        return
    protocol = PROTOCOLS.get(s["protocol"]) if isinstance(s["protocol"], str) else None
    exercises = {e.id for e in protocol.exercises} if protocol else set()
    sides: tuple[str, ...] = ()
    if s["injured"] in _INJURED:
        sides = tuple(side.value for side in Injured(s["injured"]).sides)
    positions: set[int] = set()
    for j, one in enumerate(s["sets"]):
        at = f"{where}.sets[{j}]"
        if not isinstance(one, dict):
            yield f"{at}: must be an object"
            continue
        yield from _set_problems(at, one, exercises, sides)
        position = one.get("position")
        if isinstance(position, int) and not isinstance(position, bool):
            if position in positions:
                yield f"{at}.position: {position!r} appears twice in this session"
            positions.add(position)


_INJURED = [i.value for i in Injured]
_SIDES = [s.value for s in Side]


def _session_field_problems(where: str, s: dict[str, Any]) -> Iterator[str]:
    yield from _id_problems(f"{where}.id", s["id"])
    yield from _time_problems(f"{where}.started", s["started"])
    if s["ended"] is not None:
        yield from _time_problems(f"{where}.ended", s["ended"])
    if s["status"] not in schema.STATUSES:
        yield _bad(f"{where}.status", f"one of {', '.join(schema.STATUSES)}", s["status"])
    yield from _protocol_problems(where, s)
    for name, limit in _SESSION_LIMITS.items():
        yield from _limit_problems(f"{where}.{name}", limit, s[name])
    if not _is_number(s["seconds"]) or not 0 <= s["seconds"] <= MAX_SESSION_SECONDS:
        must = f"a number of seconds from 0 to {MAX_SESSION_SECONDS} (a day)"
        yield _bad(f"{where}.seconds", must, s["seconds"])
    for text in ("reason", "note"):
        yield from _text_problems(f"{where}.{text}", s[text])


def _set_problems(
    at: str, t: dict[str, Any], exercises: set[str], sides: tuple[str, ...]
) -> Iterator[str]:
    missing = [k for k in SET_COLUMNS[1:] if k not in t]
    if missing:
        yield f"{at}: missing {', '.join(missing)}"
        return
    unknown = sorted(set(t) - set(SET_COLUMNS[1:]))
    if unknown:
        yield f"{at}: unknown {', '.join(map(str, unknown))}"
    if not _is_int(t["position"]) or not 0 <= t["position"] < MAX_SETS:
        yield _bad(f"{at}.position", f"a whole number from 0 to {MAX_SETS - 1}", t["position"])
    if not isinstance(t["exercise"], str) or (exercises and t["exercise"] not in exercises):
        yield _bad(f"{at}.exercise", f"one of {', '.join(sorted(exercises))}", t["exercise"])
    if not _is_int(t["number"]) or not 1 <= t["number"] <= LIMITS["sets"].high:
        yield _bad(f"{at}.number", f"a whole number from 1 to {LIMITS['sets'].high:g}", t["number"])
    if not isinstance(t["side"], str) or (sides and t["side"] not in sides):
        yield _bad(f"{at}.side", f"one of the injured sides {', '.join(sides)}", t["side"])
    if not _is_int(t["reps"]) or not 0 <= t["reps"] <= LIMITS["reps"].high:
        yield _bad(f"{at}.reps", "a whole number from 0 to 50", t["reps"])
    yield from _limit_problems(f"{at}.load_kg", "load_kg", t["load_kg"])
    yield from _limit_problems(f"{at}.lower_seconds", "lower_seconds", t["lower_seconds"])
    yield from _pain_problems(f"{at}.pain", t["pain"])
    yield from _time_problems(f"{at}.started", t["started"])
    yield from _time_problems(f"{at}.finished", t["finished"])


def _program_problems(where: str, p: dict[str, Any]) -> Iterator[str]:
    yield from _id_problems(f"{where}.id", p["id"])
    yield from _time_problems(f"{where}.created", p["created"])
    yield from _date_problems(f"{where}.start", p["start"])
    yield from _protocol_problems(where, p)
    clocks_ok = True
    for name in ("morning", "evening"):
        for problem in _clock_problems(f"{where}.{name}", p[name]):
            clocks_ok = False
            yield problem
    if clocks_ok and not p["morning"] < p["evening"]:
        yield _bad(f"{where}.evening", f"later than morning ({p['morning']})", p["evening"])
    yield from _whole_problems(f"{where}.weeks", p["weeks"], 1, MAX_WEEKS)
    # Program's own bound: a VISA-A at least once in a standard 12-week program.
    yield from _whole_problems(f"{where}.visa_every_weeks", p["visa_every_weeks"], 1, WEEKS)
    for name in DOSE:
        yield from _limit_problems(f"{where}.{name}", name, p[name])
    statuses = [s.value for s in Status]
    if p["status"] not in statuses:
        yield _bad(f"{where}.status", f"one of {', '.join(statuses)}", p["status"])
    yield from _text_problems(f"{where}.reason", p["reason"])
    if p["ended"] is not None:
        yield from _time_problems(f"{where}.ended", p["ended"])


def _checkin_problems(where: str, c: dict[str, Any]) -> Iterator[str]:
    yield from _date_problems(f"{where}.day", c["day"])
    yield from _time_problems(f"{where}.recorded", c["recorded"])
    yield from _pain_problems(f"{where}.pain", c["pain"])
    try:
        check_stiffness(c["stiffness_minutes"])
    except ValueError:
        yield _bad(
            f"{where}.stiffness_minutes",
            "a whole number of minutes from 0 to 1440, or null",
            c["stiffness_minutes"],
        )


def _visa_problems(where: str, v: dict[str, Any]) -> Iterator[str]:
    yield from _id_problems(f"{where}.id", v["id"])
    yield from _time_problems(f"{where}.taken", v["taken"])
    answers: VisaAnswers | None = None
    if not isinstance(v["answers"], dict):
        yield _bad(f"{where}.answers", "an object of the answers q1..q8", v["answers"])
    else:
        try:
            answers = VisaAnswers.from_dict(v["answers"])
        except VisaError as e:
            yield f"{where}.answers: {e}"
    if not _is_int(v["score"]) or not 0 <= v["score"] <= 100:
        yield _bad(f"{where}.score", "a whole number from 0 to 100", v["score"])
    elif answers is not None and v["score"] != visa_score(answers):
        yield _bad(f"{where}.score", f"{visa_score(answers)}, the score of its answers", v["score"])
    if v["side"] is not None and v["side"] not in _SIDES:
        yield _bad(f"{where}.side", "left, right or null", v["side"])


_KINDS = (RED_FLAG, RESUMED)


def _event_problems(where: str, e: dict[str, Any]) -> Iterator[str]:
    yield from _id_problems(f"{where}.id", e["id"])
    yield from _time_problems(f"{where}.at", e["at"])
    if e["program_id"] is not None:
        # Whether that program exists is checked on import: it may be in the database.
        yield from _id_problems(f"{where}.program_id", e["program_id"], " or null")
    if e["kind"] not in _KINDS:
        yield _bad(f"{where}.kind", " or ".join(repr(k) for k in _KINDS), e["kind"])
    yield from _text_problems(f"{where}.detail", e["detail"])


# Each section: its columns, the column no two rows may share, and its rows' checks.
_ROWS: dict[str, tuple[tuple[str, ...], str, Callable[[str, dict[str, Any]], Iterator[str]]]] = {
    "programs": (PROGRAM_COLUMNS, "id", _program_problems),
    "checkins": (CHECKIN_COLUMNS, "day", _checkin_problems),
    "visa_a": (VISA_COLUMNS, "id", _visa_problems),
    "events": (EVENT_COLUMNS, "id", _event_problems),
}


def _bad(at: str, must: str, value: object) -> str:
    return f"{at}: must be {must} (got {_shown(value)})"


_SESSION_LIMITS = {
    "lower_seconds": "lower_seconds",
    "rest_seconds": "rest_seconds",
    "reps": "reps",
    "planned_sets": "sets",
    "load_kg": "load_kg",
    "get_ready_seconds": "get_ready_seconds",
}


def _id_problems(at: str, value: object, or_null: str = "") -> Iterator[str]:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        yield _bad(at, f"1 to 64 letters, digits, '-' or '_'{or_null}", value)


def _protocol_problems(where: str, row: dict[str, Any]) -> Iterator[str]:
    if not isinstance(row["protocol"], str) or row["protocol"] not in PROTOCOLS:
        yield _bad(f"{where}.protocol", f"one of {', '.join(PROTOCOLS)}", row["protocol"])
    if row["injured"] not in _INJURED:
        yield _bad(f"{where}.injured", "one of left, right, both", row["injured"])


def _text_problems(at: str, value: object) -> Iterator[str]:
    if not isinstance(value, str):
        yield _bad(at, "text", value)


def _whole_problems(at: str, value: object, low: int, high: int) -> Iterator[str]:
    if not _is_int(value) or not low <= value <= high:
        yield _bad(at, f"a whole number from {low} to {high}", value)


def _pain_problems(at: str, value: object) -> Iterator[str]:
    if value is not None:
        try:
            check_rating(value)  # type: ignore[arg-type]  # check_rating() rejects non-ints
        except ValueError:
            yield _bad(at, "a whole number from 0 to 10, or null", value)


def _limit_problems(at: str, limit: str, value: object) -> Iterator[str]:
    try:
        LIMITS[limit].check(value)  # type: ignore[arg-type]  # check() rejects non-numbers
    except SettingError as e:
        yield f"{at}: {e}"


def _time_problems(at: str, value: object) -> Iterator[str]:
    if not isinstance(value, str):
        yield _bad(at, "a date and time as text", value)
        return
    example = "like 2026-11-21T08:00:00+01:00"
    if not _STAMP.fullmatch(value):
        if _STAMP_NO_ZONE.fullmatch(value):
            yield f"{at}: needs its UTC offset, {example} (got {_shown(value)})"
        else:
            yield f"{at}: not an ISO 8601 date and time {example} (got {_shown(value)})"
        return
    if value.endswith(_UTC_MARKS):
        mark = "Z" if value.endswith("Z") else "-00:00"
        yield (
            f"{at}: needs the local time with its UTC offset, {example}, not UTC marked "
            f"{mark!r} (got {_shown(value)})"
        )
        return
    try:
        datetime.fromisoformat(value)
    except ValueError:
        yield f"{at}: not a real date and time (got {_shown(value)})"
        return
    yield from _clock_range_problems(at, value)


def _date_problems(at: str, value: object) -> Iterator[str]:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        yield _bad(at, "a date like 2026-11-21", value)
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        yield f"{at}: not a real date (got {_shown(value)})"
        return
    yield from _clock_range_problems(at, value)


def _clock_range_problems(at: str, value: str) -> Iterator[str]:
    """A date (or a stamp, by the date it shows) that no computer clock in use gives."""
    if not _CLOCK_FIRST_TEXT <= value[:10] <= _CLOCK_LAST_TEXT:  # four ASCII digits: text sorts
        yield (
            f"{at}: {value} is outside the dates Coach reads ({CLOCK_FIRST} to "
            f"{CLOCK_LAST}); the file may be damaged"
        )


_CLOCK_FIRST_TEXT = CLOCK_FIRST.isoformat()
_CLOCK_LAST_TEXT = CLOCK_LAST.isoformat()


def _clock_problems(at: str, value: object) -> Iterator[str]:
    if not isinstance(value, str) or not _CLOCK.fullmatch(value):
        yield _bad(at, "a time of day like 08:00", value)
        return
    try:
        parse_time(value)
    except ProgramError:
        yield f"{at}: not a real time of day (got {_shown(value)})"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


__all__ = [
    "ImportFileError",
    "ImportResult",
    "MissingProgramError",
    "StorageError",
    "export_csv",
    "export_document",
    "export_json",
    "import_document",
    "import_file",
    "read_document",
]
