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

MIGRATIONS: tuple[str, ...] = (_V1,)
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
