"""The database's tables, and the forward migrations that build them.

`PRAGMA user_version` holds the number of migrations applied. Each migration runs
in the same transaction as the version bump, so a database is always at exactly
one version. Tables are STRICT: SQLite refuses a value of the wrong type instead
of storing it quietly, and CHECK constraints keep ranges the domain relies on.
"""

from __future__ import annotations

import sqlite3

# Statuses of a session. The three endings are coach.domain.record.Outcome's values.
IN_PROGRESS = "in progress"
PARTIAL = "partial"  # interrupted (the app died) and closed without resuming
STATUSES = (IN_PROGRESS, "completed", "ended early", "stopped", PARTIAL)

_V1 = f"""
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,                 -- a UUID: stable across export and import
    started TEXT NOT NULL,               -- ISO 8601, local time with its UTC offset
    ended TEXT,
    status TEXT NOT NULL CHECK (status IN {STATUSES!r}),
    reason TEXT NOT NULL DEFAULT '',
    protocol TEXT NOT NULL,
    injured TEXT NOT NULL CHECK (injured IN ('left', 'right', 'both')),
    lower_seconds INTEGER NOT NULL CHECK (lower_seconds > 0),
    rest_seconds INTEGER NOT NULL CHECK (rest_seconds >= 0),
    reps INTEGER NOT NULL CHECK (reps > 0),
    planned_sets INTEGER NOT NULL CHECK (planned_sets > 0),  -- of each exercise
    load_kg REAL NOT NULL CHECK (load_kg >= 0),
    get_ready_seconds INTEGER NOT NULL CHECK (get_ready_seconds >= 0),
    seconds REAL NOT NULL DEFAULT 0 CHECK (seconds >= 0),
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_by_day ON sessions (substr(started, 1, 10));

CREATE TABLE sets (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),  -- the set's place in the session plan
    exercise TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    side TEXT NOT NULL CHECK (side IN ('left', 'right')),
    reps INTEGER NOT NULL CHECK (reps >= 0),
    load_kg REAL NOT NULL CHECK (load_kg >= 0),
    lower_seconds INTEGER NOT NULL CHECK (lower_seconds > 0),
    pain INTEGER CHECK (pain BETWEEN 0 AND 10),        -- NULL: not rated
    started TEXT NOT NULL,
    finished TEXT NOT NULL,
    PRIMARY KEY (session_id, position)
) STRICT;
"""

# The program, and what the user records beside the workouts (issue 5).
_V2 = """
CREATE TABLE programs (
    id TEXT PRIMARY KEY,                 -- a UUID
    created TEXT NOT NULL,               -- ISO 8601 stamp
    start TEXT NOT NULL CHECK (start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    protocol TEXT NOT NULL,
    injured TEXT NOT NULL CHECK (injured IN ('left', 'right', 'both')),
    morning TEXT NOT NULL CHECK (morning GLOB '[0-2][0-9]:[0-5][0-9]'),
    evening TEXT NOT NULL CHECK (evening GLOB '[0-2][0-9]:[0-5][0-9]' AND evening > morning),
    weeks INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 52),
    visa_every_weeks INTEGER NOT NULL CHECK (visa_every_weeks BETWEEN 1 AND 12),
    status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'ended')),
    reason TEXT NOT NULL DEFAULT '',     -- why it is paused
    ended TEXT                           -- when a newer program replaced it
) STRICT;

CREATE TABLE checkins (
    day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    recorded TEXT NOT NULL,
    pain INTEGER CHECK (pain BETWEEN 0 AND 10),                         -- NULL: not answered
    stiffness_minutes INTEGER CHECK (stiffness_minutes BETWEEN 0 AND 1440)
) STRICT;                                 -- both NULL: the check-in was skipped that day

CREATE TABLE visa_a (
    id TEXT PRIMARY KEY,
    taken TEXT NOT NULL,
    answers TEXT NOT NULL CHECK (json_valid(answers)),  -- {"q1": .., "q8_branch": .., "q8": ..}
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100)
) STRICT;

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    program_id TEXT REFERENCES programs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('red flag', 'resumed')),
    detail TEXT NOT NULL DEFAULT ''
) STRICT;
"""

# The program's workout pace and starting load, chosen when it is set up (issue 6).
# Ranges as coach.domain.settings.LIMITS had them when this was written: a migration
# never changes once released, so they are spelled out.
_V3 = """
ALTER TABLE programs ADD COLUMN lower_seconds INTEGER NOT NULL DEFAULT 3
    CHECK (lower_seconds BETWEEN 2 AND 10);
ALTER TABLE programs ADD COLUMN rest_seconds INTEGER NOT NULL DEFAULT 60
    CHECK (rest_seconds BETWEEN 0 AND 600);
ALTER TABLE programs ADD COLUMN get_ready_seconds INTEGER NOT NULL DEFAULT 5
    CHECK (get_ready_seconds BETWEEN 0 AND 30);
ALTER TABLE programs ADD COLUMN load_kg REAL NOT NULL DEFAULT 0
    CHECK (load_kg BETWEEN 0 AND 200);
"""

# The leg a VISA-A result is about, when both Achilles hurt and each gets its own
# questionnaire (issue 13). NULL: the program's one painful leg, or a result from before.
_V4 = """
ALTER TABLE visa_a ADD COLUMN side TEXT CHECK (side IN ('left', 'right'));
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4)
SCHEMA_VERSION = len(MIGRATIONS)


class StorageError(Exception):
    """Something wrong with the user's disk or data file. `str()` is a message for the user."""


class NewerDatabaseError(StorageError):
    """The file was written by a newer Coach. `str()` is a message for the user."""


def version(conn: sqlite3.Connection) -> int:
    value = conn.execute("PRAGMA user_version").fetchone()[0]
    return int(value)


def check_not_newer(conn: sqlite3.Connection, path: object) -> None:
    found = version(conn)
    if found > SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"{path} was written by a newer version of Coach (database version {found}; "
            f"this Coach reads up to {SCHEMA_VERSION}). Update Coach to open it; "
            "the file has not been changed."
        )


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> int:
    """Apply the migrations the file lacks, each with its version bump. Returns the version.

    The connection must not be inside a transaction.
    """
    current = version(conn)
    for number in range(current + 1, target + 1):
        script = MIGRATIONS[number - 1]
        # executescript() cannot take part in a transaction opened by the driver, so the
        # BEGIN and COMMIT are in the script itself: all of a migration or none of it.
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return version(conn)
