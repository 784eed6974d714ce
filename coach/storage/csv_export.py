"""Export the history as CSV, for spreadsheets: one row per set, with its session.

A session with no sets gets one row of its own. A cell a spreadsheet would run as a
formula is written with a leading apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import IO

from coach.storage.database import Database, day_range, failing_as, instant
from coach.storage.files import write_atomically
from coach.storage.programs import Programs
from coach.storage.sessions import set_count, sets_text

# session_sets: "complete: 6 of 6 sets" or "partial: 1 of 6 sets" (or "no sets done: ...").
CSV_COLUMNS = (
    "session_id", "session_started", "session_ended", "part_of_day", "status", "reason",
    "session_sets", "protocol", "injured", "session_seconds", "session_note",
    "set_position", "exercise", "set_number", "side", "reps", "load_kg", "lower_seconds",
    "pain", "set_started", "set_finished",
)  # fmt: skip

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
            cells.insert(3, split.part(instant(row[1])).value)
            cells.insert(6, sets_text(done, set_count(row[5], row[6], planned)))
            out.writerow([_safe_cell(c) for c in cells])
            count += 1

    with failing_as(f"write {target}"):
        write_atomically(target, write)
    return count
