"""The workouts: each session and its sets, written as they happen and read back.

A workout writes through a `SessionJournal`: the session row exists from the
moment the user presses Start, and each set is committed the moment it is
finished. With WAL and `synchronous=FULL`, a commit has reached the disk when it
returns, so a set the screen calls saved survives a crash or a power cut.
`Sessions(db)` reads the history back and makes the History page's edits.
"""

from __future__ import annotations

import enum
import sqlite3
import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from coach.domain.plan import plan
from coach.domain.program import DaySplit
from coach.domain.protocols import PROTOCOLS
from coach.domain.record import Outcome, SetResult
from coach.domain.red_flags import REASON, RedFlag, by_id
from coach.domain.settings import Injured, Settings, Side
from coach.domain.timeline import Timeline, timeline
from coach.storage import schema
from coach.storage.database import Database, day_range, failing_as, instant, stamp
from coach.storage.programs import Programs
from coach.storage.schema import StorageError


def set_count(protocol: str, injured: str, planned_sets: int) -> int:
    """Sets in a whole session: each exercise's `planned_sets`, on each injured side."""
    return planned_sets * len(PROTOCOLS[protocol].exercises) * len(Injured(injured).sides)


# How much of its plan a session did (SessionRow.completeness). Only a complete session
# counts as done: in the adherence, on the Today page, in the report.
COMPLETE = "complete"
PARTIAL_SETS = "partial"  # some of the planned sets, not all
NO_SETS = "no sets done"


def completeness(sets_done: int, set_count: int) -> str:
    """COMPLETE (every planned set done), PARTIAL_SETS or NO_SETS."""
    if sets_done >= set_count:
        return COMPLETE
    return PARTIAL_SETS if sets_done else NO_SETS


def sets_text(sets_done: int, set_count: int) -> str:
    """'complete: 6 of 6 sets', 'partial: 1 of 6 sets' or 'no sets done: 0 of 6 sets'."""
    return f"{completeness(sets_done, set_count)}: {sets_done} of {set_count} sets"


class SessionStatus(enum.Enum):
    """Where a session stands: its row's `status` (schema.STATUSES, stored as these values)."""

    IN_PROGRESS = schema.IN_PROGRESS  # begun; the app may have died since
    COMPLETED = Outcome.COMPLETED.value
    ENDED_EARLY = Outcome.ENDED_EARLY.value
    STOPPED = Outcome.STOPPED.value
    PARTIAL = schema.PARTIAL  # interrupted, and closed without resuming


@dataclass(frozen=True)
class SessionRow:
    """A session as the history shows it."""

    id: str
    started: datetime  # aware: the local time it began, with its UTC offset
    ended: datetime | None
    status: SessionStatus
    reason: str
    protocol: str
    injured: Injured
    lower_seconds: int
    rest_seconds: int
    reps: int
    planned_sets: int
    load_kg: float
    get_ready_seconds: int
    seconds: float
    note: str
    sets_done: int = 0
    reps_done: int = 0
    mean_pain: float | None = None
    max_pain: int | None = None
    part_of_day: str = ""  # "morning" or "evening", by the programs' DaySplit

    @property
    def set_count(self) -> int:
        """Sets in the whole session: each exercise's sets, on each injured side."""
        return set_count(self.protocol, self.injured.value, self.planned_sets)

    @property
    def complete(self) -> bool:
        """Every planned set done."""
        return self.sets_done >= self.set_count

    @property
    def completeness(self) -> str:
        """COMPLETE, PARTIAL_SETS (some of the planned sets done) or NO_SETS."""
        return completeness(self.sets_done, self.set_count)

    def sets_text(self) -> str:
        """'complete: 6 of 6 sets', 'partial: 1 of 6 sets' or 'no sets done: 0 of 6 sets'."""
        return sets_text(self.sets_done, self.set_count)

    @property
    def day(self) -> date:
        """The local day it began."""
        return self.started.date()

    @property
    def red_flag(self) -> RedFlag | None:
        """The red flag it was stopped for (its reason names it), if any."""
        return by_id(self.reason.removeprefix(REASON)) if self.reason.startswith(REASON) else None

    @property
    def settings(self) -> Settings:
        return Settings(
            injured=self.injured,
            lower_seconds=self.lower_seconds,
            rest_seconds=self.rest_seconds,
            reps=self.reps,
            sets=self.planned_sets,
            load_kg=self.load_kg,
            get_ready_seconds=self.get_ready_seconds,
        )

    def timeline(self) -> Timeline:
        """The timeline this session was run from (the same plan gives the same cues)."""
        return timeline(plan(PROTOCOLS[self.protocol], self.settings))


@dataclass(frozen=True)
class SetRow:
    session_id: str
    position: int
    exercise: str
    number: int
    side: Side
    reps: int
    load_kg: float
    lower_seconds: int
    pain: int | None
    started: datetime  # aware, as SessionRow.started
    finished: datetime

    def result(self) -> SetResult:
        return SetResult(
            index=self.position,
            exercise=self.exercise,
            number=self.number,
            side=self.side,
            reps=self.reps,
            load_kg=self.load_kg,
            lower_seconds=self.lower_seconds,
            pain=self.pain,
        )


SESSION_COLUMNS = tuple(f.name for f in fields(SessionRow))[:15]
SET_COLUMNS = tuple(f.name for f in fields(SetRow))


def _session_row(r: dict[str, Any], split: DaySplit) -> SessionRow:
    """A row of `_SUMMARY`, its text made into the types it stands for."""
    started, ended = instant(r["started"]), r["ended"]
    return SessionRow(
        **{
            **r,
            "started": started,
            "ended": None if ended is None else instant(ended),
            "status": SessionStatus(r["status"]),
            "injured": Injured(r["injured"]),
        },
        part_of_day=split.part(started).value,
    )


def _set_row(r: dict[str, Any]) -> SetRow:
    return SetRow(
        **{
            **r,
            "side": Side(r["side"]),
            "started": instant(r["started"]),
            "finished": instant(r["finished"]),
        }
    )


@dataclass(frozen=True)
class DeletedSession:
    """What `Sessions.delete_session` removed, enough for `Sessions.restore` to put it back."""

    session: dict[str, Any]
    sets: tuple[dict[str, Any], ...]


_SUMMARY = """
SELECT s.*, count(t.position) AS sets_done, coalesce(sum(t.reps), 0) AS reps_done,
       avg(t.pain) AS mean_pain, max(t.pain) AS max_pain
FROM sessions AS s LEFT JOIN sets AS t ON t.session_id = s.id
"""


class Sessions:
    """The sessions and sets tables of a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- a workout ------------------------------------------------------------
    def journal(self, tl: Timeline) -> SessionJournal:
        """A journal for a new workout; its session row is written by `begin()`."""
        return SessionJournal(self, None, tl)

    def resume(self, session_id: str) -> tuple[SessionJournal, SessionRow, list[SetRow]]:
        """Carry on writing an interrupted session: its journal, its row and its sets."""
        row = self.session(session_id)
        return SessionJournal(self, session_id, row.timeline()), row, self.sets(session_id)

    def interrupted(self) -> list[SessionRow]:
        """Sessions left in progress by an app that died (oldest first)."""
        where = "WHERE s.status = ?"
        return self._summaries(where, [SessionStatus.IN_PROGRESS.value], newest_first=False)

    def close_as_partial(self, session_id: str) -> None:
        """End an interrupted session where its last saved set ended.

        With every set saved, only the closing words were missed: it is completed.
        """
        with failing_as("close the interrupted session"):
            row = self.session(session_id)
            last = self.db.execute(
                "SELECT max(finished) FROM sets WHERE session_id = ?", [session_id]
            ).fetchone()[0]
            done = row.sets_done >= row.set_count
            self.db.sql.table("sessions").update(
                session_id,
                {
                    "status": (SessionStatus.COMPLETED if done else SessionStatus.PARTIAL).value,
                    "ended": last,
                    "reason": "" if done else "interrupted",
                },
            )

    # -- history --------------------------------------------------------------
    def sessions(self, first: date | None = None, last: date | None = None) -> list[SessionRow]:
        """Sessions started from day `first` to day `last` (local dates), newest first."""
        where, params = day_range("s.started", first, last)
        return self._summaries(where, params)

    def session(self, session_id: str) -> SessionRow:
        found = self._summaries("WHERE s.id = ?", [session_id])
        if not found:
            raise KeyError(session_id)
        return found[0]

    def sets(self, session_id: str) -> list[SetRow]:
        rows = self.db.query(
            "SELECT * FROM sets WHERE session_id = ? ORDER BY position", [session_id]
        )
        return [_set_row(r) for r in rows]

    def set_pain(self, session_id: str, position: int, pain: int | None) -> int | None:
        """Change a set's pain rating. Returns the rating it had."""
        with failing_as("save the pain rating"):
            old = self.db.sql.table("sets").get((session_id, position))["pain"]
            self.db.sql.table("sets").update((session_id, position), {"pain": pain})
        return None if old is None else int(old)

    def set_note(self, session_id: str, note: str) -> str:
        """Change a session's note. Returns the note it had."""
        with failing_as("save the note"):
            old = str(self.db.sql.table("sessions").get(session_id)["note"])
            self.db.sql.table("sessions").update(session_id, {"note": note})
        return old

    def delete_session(self, session_id: str) -> DeletedSession:
        with failing_as("delete the session"), self.db.sql.atomic():
            session = self.db.sql.table("sessions").get(session_id)
            sets = tuple(self.db.sql.table("sets").rows_where("session_id = ?", [session_id]))
            # Its sets go with it (ON DELETE CASCADE).
            self.db.sql.table("sessions").delete(session_id)
        return DeletedSession(session, sets)

    def restore(self, deleted: DeletedSession) -> None:
        with failing_as("restore the session"), self.db.sql.atomic():
            self.db.sql.table("sessions").insert(deleted.session)
            if deleted.sets:
                self.db.sql.table("sets").insert_all(deleted.sets)

    # -- internals ------------------------------------------------------------
    def _summaries(
        self, where: str, params: list[Any], *, newest_first: bool = True
    ) -> list[SessionRow]:
        order = "DESC" if newest_first else "ASC"
        sql = f"{_SUMMARY} {where} GROUP BY s.id ORDER BY julianday(s.started) {order}"
        split = Programs(self.db).day_split()
        return [_session_row(r, split) for r in self.db.query(sql, params)]


class SessionJournal:
    """Writes one workout as it happens. Every method commits before it returns.

    Raises StorageError when the disk refuses; the workout can go on regardless.
    A `coach.app.session.Journal`.
    """

    keeps = True

    def __init__(self, sessions: Sessions, session_id: str | None, tl: Timeline) -> None:
        self.sessions = sessions
        self.id = session_id  # None until begin() has written the session row
        self.timeline = tl
        self._set_started: dict[int, str] = {}
        self._unsaved: dict[int, dict[str, Any]] = {}  # sets the disk refused, by position
        self._row: dict[str, Any] | None = None  # the session row, once begin() made it
        self._saved: set[int] = set()  # positions of the sets this journal has written

    def begin(self) -> None:
        """Write the session row (status in progress): the workout starts now.

        Tried again after the disk refused it, the same row is written (same id, same
        start), so the sets saved after it belong to it.
        """
        if self.id is not None:
            return  # a resumed session has its row already
        if self._row is None:
            self._row = self._new_row()
        with failing_as("start saving the session"):
            # OR IGNORE: a try whose commit reached the disk though an error was reported
            # must not make every later try fail on its own id.
            self.sessions.db.sql.table("sessions").insert(self._row, ignore=True)
        self.id = self._row["id"]

    def _new_row(self) -> dict[str, Any]:
        settings = self.timeline.plan.settings
        return {
            "id": uuid.uuid4().hex,
            "started": stamp(self.sessions.db.now()),
            "ended": None,
            "status": SessionStatus.IN_PROGRESS.value,
            "reason": "",
            "protocol": self.timeline.plan.protocol.id,
            "injured": settings.injured.value,
            "lower_seconds": settings.lower_seconds,
            "rest_seconds": settings.rest_seconds,
            "reps": settings.reps,
            "planned_sets": settings.sets,
            "load_kg": float(settings.load_kg),
            "get_ready_seconds": settings.get_ready_seconds,
            "seconds": 0.0,
            "note": "",
        }

    @property
    def begun(self) -> bool:
        """The session row is written (by begin, or before: an interrupted session's)."""
        return self.id is not None

    @property
    def session_id(self) -> str:
        if self.id is None:
            raise RuntimeError("the session has not begun")
        return self.id

    def set_started(self, position: int) -> None:
        """Note the wall-clock time a set began (kept until the set is saved)."""
        self._set_started.setdefault(position, stamp(self.sessions.db.now()))

    def add(self, result: SetResult) -> None:
        """Commit a finished set. Raises StorageError if it could not be saved.

        A set the disk refused before is written again as it was first (its stamps), with
        its pain as it is now.
        """
        if result.index in self._saved:
            return  # saved already (a later rating wrote it again): its pain stands
        if result.index in self._unsaved:
            self._insert({**self._unsaved[result.index], "pain": result.pain})
            return
        finished = stamp(self.sessions.db.now())
        row = {
            "session_id": self.session_id,
            "position": result.index,
            "exercise": result.exercise,
            "number": result.number,
            "side": result.side.value,
            "reps": result.reps,
            "load_kg": float(result.load_kg),
            "lower_seconds": result.lower_seconds,
            "pain": result.pain,
            "started": self._set_started.pop(result.index, finished),
            "finished": finished,
        }
        self._insert(row)

    def _insert(self, row: dict[str, Any]) -> None:
        try:
            with failing_as(f"save set {row['number']} ({row['side']} leg)"):
                self.sessions.db.sql.table("sets").insert(row, replace=True)
        except StorageError as e:
            if isinstance(
                e.__cause__, sqlite3.OperationalError | OSError
            ):  # not the data: the disk
                self._unsaved[row["position"]] = row
            raise
        self._unsaved.pop(row["position"], None)
        self._saved.add(row["position"])

    def rate(self, position: int, pain: int | None) -> None:
        """Save a set's pain. A set the disk refused is tried again, with its pain.

        Rating it would otherwise fail as "no longer in the history", which on a full
        disk says the wrong thing; and the disk may have room again by now.
        """
        if position in self._unsaved:
            self._insert({**self._unsaved[position], "pain": pain})
            return
        self.sessions.set_pain(self.session_id, position, pain)

    def finish(self, outcome: Outcome, seconds: float, reason: str = "") -> None:
        with failing_as("save the end of the session"):
            self.sessions.db.sql.table("sessions").update(
                self.session_id,
                {
                    "status": outcome.value,
                    "ended": stamp(self.sessions.db.now()),
                    "seconds": round(float(seconds), 3),
                    "reason": reason,
                },
            )

    def note(self, text: str) -> None:
        self.sessions.set_note(self.session_id, text)
