"""Export the history (CSV for spreadsheets, JSON as a full backup) and import JSON back.

An import is checked from top to bottom before anything is written, then written
in one transaction: a bad file changes nothing, and a file imported twice adds
nothing the second time, because sessions keep the ids they were exported with.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from coach import __version__
from coach.domain.pain import check_rating
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import LIMITS, Injured, SettingError
from coach.storage import schema
from coach.storage.files import write_atomically
from coach.storage.schema import StorageError
from coach.storage.store import (
    SESSION_COLUMNS,
    SET_COLUMNS,
    Store,
    day_range,
    failing_as,
    part_of_day,
    stamp,
)

FORMAT = "coach-export"
VERSION = 1
MAX_PROBLEMS = 5

CSV_COLUMNS = (
    "session_id", "session_started", "session_ended", "part_of_day", "status", "reason",
    "protocol", "injured", "session_seconds", "session_note",
    "set_position", "exercise", "set_number", "side", "reps", "load_kg", "lower_seconds",
    "pain", "set_started", "set_finished",
)  # fmt: skip

# SQL built from Coach's own column names (values are bound parameters): not an injection.
_SETS_OF_SESSION = f"SELECT {', '.join(SET_COLUMNS[1:])} FROM sets WHERE session_id = ?"  # noqa: S608
_SETS_OF_SESSION += " ORDER BY position"
_CSV_QUERY = """
SELECT s.id, s.started, s.ended, s.status, s.reason, s.protocol, s.injured, s.seconds, s.note,
       t.position, t.exercise, t.number, t.side, t.reps, coalesce(t.load_kg, s.load_kg),
       t.lower_seconds, t.pain, t.started, t.finished
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
def export_csv(store: Store, target: Path, first: date | None = None,
               last: date | None = None) -> int:  # fmt: skip
    """Write one row per set (a session with no sets gets one row). Returns the rows."""
    where, params = day_range("s.started", first, last)
    count = 0

    def write(f: IO[str]) -> None:
        nonlocal count
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(CSV_COLUMNS)
        for row in store.db.execute(_CSV_QUERY.format(where=where), params):
            cells = list(row)
            cells.insert(3, part_of_day(row[1]))
            out.writerow([_safe_cell(c) for c in cells])
            count += 1

    with failing_as(f"write {target}"):
        write_atomically(target, write)
    return count


def export_document(store: Store, first: date | None = None,
                    last: date | None = None) -> dict[str, Any]:  # fmt: skip
    """Everything in the database (or the sessions of a date range), as one document."""
    where, params = day_range("started", first, last)
    sessions = []
    columns = ", ".join(SESSION_COLUMNS)
    # The SQL is built from Coach's own column names; values are bound parameters.
    sql = f"SELECT {columns} FROM sessions {where} ORDER BY julianday(started), id"  # noqa: S608
    for session in store.db.query(sql, params):
        sets = store.db.query(_SETS_OF_SESSION, [session["id"]])
        sessions.append({**session, "sets": list(sets)})
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": stamp(store.now()),
        "app": f"coach {__version__}",
        "sessions": sessions,
    }


def export_json(store: Store, target: Path, first: date | None = None,
                last: date | None = None) -> int:  # fmt: skip
    """Write the document to `target`. Returns the number of sessions."""
    document = export_document(store, first, last)

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
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        text = "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
        super().__init__(f"{path} cannot be imported: {text}")
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    sessions_added: int
    sets_added: int
    sessions_present: int  # already in the database (same id): left as they are


def read_document(path: Path) -> dict[str, Any]:
    """Parse and fully check an export file. Raises ImportFileError naming the problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ImportFileError(path, [f"byte {e.start}: not UTF-8 text"]) from e
    except OSError as e:
        raise ImportFileError(path, [e.strerror or str(e)]) from e
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        problem = f"not a JSON file (line {e.lineno} column {e.colno}: {e.msg})"
        raise ImportFileError(path, [problem]) from e
    problems = list(_document_problems(document))
    if problems:
        raise ImportFileError(path, problems)
    return document  # type: ignore[no-any-return]  # checked field by field above


_INSERT_SESSION = (
    f"INSERT INTO sessions ({', '.join(SESSION_COLUMNS)}) "  # noqa: S608 - fixed names
    f"VALUES ({', '.join('?' * len(SESSION_COLUMNS))})"
)


def import_document(store: Store, document: dict[str, Any]) -> ImportResult:
    """Write a checked document in one transaction."""
    added = sets_added = present = 0
    with failing_as("import the file"), store.db.atomic():
        for session in document["sessions"]:
            row = {k: session[k] for k in SESSION_COLUMNS}
            if row["status"] == schema.IN_PROGRESS:
                row["status"] = schema.PARTIAL  # a session running elsewhere cannot go on here
            row["load_kg"] = float(row["load_kg"])
            row["seconds"] = float(row["seconds"])
            exists = store.db.execute("SELECT 1 FROM sessions WHERE id = ?", [row["id"]])
            if exists.fetchone():
                present += 1
                continue
            store.db.execute(_INSERT_SESSION, list(row.values()))
            added += 1
            sets = [{**s, "session_id": row["id"]} for s in session["sets"]]
            for s in sets:
                s["load_kg"] = float(s["load_kg"])
            if sets:
                store.db.table("sets").insert_all(sets)
                sets_added += len(sets)
    return ImportResult(added, sets_added, present)


def import_file(store: Store, path: Path) -> ImportResult:
    return import_document(store, read_document(path))


# -- checking -------------------------------------------------------------------
_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
# The one form Coach writes (SQLite's date functions and the day filter rely on it).
_STAMP_NO_ZONE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?")
_STAMP = re.compile(_STAMP_NO_ZONE.pattern + r"(Z|[+-]\d{2}:\d{2})")
MAX_SETS = 100  # far more than any session plan has (10 sets x 2 exercises x 2 sides)


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
        yield f'"version": must be a whole number (got {_shown(version)})'
        return
    if version > VERSION:
        yield (
            f'"version": {version} is from a newer Coach (this one reads up to {VERSION}); '
            "update Coach to import it"
        )
        return
    sessions = doc.get("sessions")
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


def _session_field_problems(where: str, s: dict[str, Any]) -> Iterator[str]:
    if not isinstance(s["id"], str) or not _ID.fullmatch(s["id"]):
        yield _bad(f"{where}.id", "1 to 64 letters, digits, '-' or '_'", s["id"])
    yield from _time_problems(f"{where}.started", s["started"])
    if s["ended"] is not None:
        yield from _time_problems(f"{where}.ended", s["ended"])
    if s["status"] not in schema.STATUSES:
        yield _bad(f"{where}.status", f"one of {', '.join(schema.STATUSES)}", s["status"])
    if not isinstance(s["protocol"], str) or s["protocol"] not in PROTOCOLS:
        yield _bad(f"{where}.protocol", f"one of {', '.join(PROTOCOLS)}", s["protocol"])
    if s["injured"] not in _INJURED:
        yield _bad(f"{where}.injured", "one of left, right, both", s["injured"])
    for name, limit in _SESSION_LIMITS.items():
        yield from _limit_problems(f"{where}.{name}", limit, s[name])
    if not _is_number(s["seconds"]) or s["seconds"] < 0:
        yield _bad(f"{where}.seconds", "a number of seconds, 0 or more", s["seconds"])
    for text in ("reason", "note"):
        if not isinstance(s[text], str):
            yield _bad(f"{where}.{text}", "text", s[text])


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
    if t["pain"] is not None:
        try:
            check_rating(t["pain"])
        except ValueError:
            yield _bad(f"{at}.pain", "a whole number from 0 to 10, or null", t["pain"])
    yield from _time_problems(f"{at}.started", t["started"])
    yield from _time_problems(f"{at}.finished", t["finished"])


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
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        yield f"{at}: not a real date and time (got {_shown(value)})"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


__all__ = [
    "ImportFileError",
    "ImportResult",
    "StorageError",
    "export_csv",
    "export_document",
    "export_json",
    "import_document",
    "import_file",
    "read_document",
]
