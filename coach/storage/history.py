"""The user's history as the app passes it around: the database and its three repositories.

`History.open(folder)` opens the database (`coach.storage.database`) and builds the
repositories on it: `sessions` (the workouts), `programs` (the program, check-ins,
VISA-A, events) and `queries` (what the pages, charts and report read). This module
imports them all; none of them imports it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from coach.storage.database import Clock, Database, local_now
from coach.storage.programs import Programs
from coach.storage.queries import Queries
from coach.storage.sessions import Sessions


class History:
    """A `Database` with its repositories. Close it (or use it as a context manager)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.sessions = Sessions(db)
        self.programs = Programs(db)
        self.queries = Queries(db)

    @classmethod
    def open(cls, folder: Path, *, now: Clock = local_now, check: bool = True) -> History:
        """The history in `folder`: see `Database.open`, which says what it raises."""
        return cls(Database.open(folder, now=now, check=check))

    @classmethod
    @contextlib.contextmanager
    def reading(
        cls, folder: Path, *, now: Clock = local_now, check: bool = True
    ) -> Iterator[History]:
        """The history in `folder` for commands that only read it: see `Database.reading`."""
        with Database.reading(folder, now=now, check=check) as db:
            yield cls(db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
