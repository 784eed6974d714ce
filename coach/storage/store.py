"""The repository: every read and write of the user's history goes through `Store`.

A workout writes through a `SessionJournal`: the session row exists from the
moment the user presses Start, and each set is committed the moment it is
finished. With WAL and `synchronous=FULL`, a commit has reached the disk when it
returns, so a set the screen calls saved survives a crash or a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from coach.domain.plan import plan
from coach.domain.program import halfway
from coach.domain.protocols import PROTOCOLS
from coach.domain.record import Outcome, SetResult
from coach.domain.settings import Injured, Settings, Side
from coach.domain.timeline import Timeline, timeline
from coach.storage import schema
from coach.storage.files import make_private, private_dir, private_temp
from coach.storage.schema import StorageError

if TYPE_CHECKING:
    from coach.storage.progress import Progress

DB_NAME = "coach.sqlite3"

Clock = Callable[[], datetime]


# A set or a session's end is stamped within hours of its start: the starts suffice.
_LATEST_STAMP = """
SELECT v FROM (
    SELECT started AS v FROM sessions UNION ALL SELECT recorded FROM checkins
    UNION ALL SELECT taken FROM visa_a UNION ALL SELECT created FROM programs
    UNION ALL SELECT at FROM events
) ORDER BY julianday(v) DESC LIMIT 1
"""


def latest_stamp(conn: sqlite3.Connection) -> datetime | None:
    """The latest moment a record of the database at `conn` was stamped with; None if none."""
    row = conn.execute(_LATEST_STAMP).fetchone()
    try:
        latest = None if row is None else datetime.fromisoformat(row[0])
    except ValueError:  # the schema checks a stamp's shape, not that its date is real
        return None
    # Coach writes every stamp with its UTC offset; one edited in by hand without one
    # cannot be compared with the clock's time.
    return latest if latest is not None and latest.tzinfo is not None else None


def local_now() -> datetime:
    return datetime.now().astimezone()


def stamp(moment: datetime) -> str:
    """ISO 8601 to the second, with the UTC offset: `2026-11-21T08:05:00+01:00`."""
    return moment.isoformat(timespec="seconds")


@dataclass(frozen=True)
class DaySplit:
    """Which of its day's two sessions each workout counts as, as the programs split days.

    A workout counts by the session times of the newest program whose days it fell in
    (before the first program's start: that program's; with no program: 08:00 and
    18:00), split halfway between them: the rule the program's adherence counts by, so
    the History, the exports and the Progress page agree on it.
    """

    halves: tuple[tuple[str, float], ...] = ()  # (start day, halfway in minutes), newest first
    # Each stamp's answer: a CSV export asks once per set, about six times per session.
    _known: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def part(self, started: str) -> str:
        """The part ("morning"/"evening") a workout started at stamp `started` counts as.

        Read from the stamp's text (Coach's form: its local time first).
        """
        known = self._known.get(started)
        if known is not None:
            return known
        day = started[:10]
        half = next((h for start, h in self.halves if start <= day), None)
        if half is None:
            half = self.halves[-1][1] if self.halves else halfway()
        minutes = int(started[11:13]) * 60 + int(started[14:16]) + int(started[17:19]) / 60
        known = self._known[started] = "morning" if minutes < half else "evening"
        return known


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


class CorruptDatabaseError(StorageError):
    """The database file fails SQLite's integrity check (or is not a database)."""


_FULL = {errno.ENOSPC, errno.EDQUOT}  # no space left; over the user's quota


def _no_room(error: BaseException | None) -> bool:
    """An error that a full disk gives: no space, or SQLite's I/O error making its files."""
    if isinstance(error, OSError):
        return error.errno in _FULL
    if isinstance(error, sqlite3.OperationalError):
        text = str(error)
        return "full" in text or "disk I/O error" in text
    return False


def _message(what: str, error: BaseException) -> str:
    text = str(error)
    full = (isinstance(error, sqlite3.OperationalError) and "full" in text) or (
        isinstance(error, OSError) and error.errno in _FULL
    )
    if full:
        text = "the disk is full"
    elif isinstance(error, OSError) and error.strerror:
        text = error.strerror.lower()
    return f"Could not {what}: {text}."


@contextlib.contextmanager
def failing_as(what: str) -> Iterator[None]:
    """Turn a disk or database failure into a StorageError that says what was lost.

    A constraint that fails (a row already there, or gone) means the data changed
    under the command, say a session deleted while it ran: the user is told, and
    the transaction, if any, has been rolled back.
    """
    try:
        yield
    except sqlite_utils.db.NotFoundError as e:
        raise StorageError(f"Could not {what}: it is no longer in the history.") from e
    except sqlite3.IntegrityError as e:
        raise StorageError(f"Could not {what}: the history has changed ({e}).") from e
    except (sqlite3.OperationalError, sqlite3.DatabaseError, OSError) as e:
        if isinstance(e, sqlite3.ProgrammingError):
            raise  # a programming error in Coach, not the user's disk
        raise StorageError(_message(what, e)) from e


# SQLite's primary result codes that mean the file itself is damaged.
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _is_damage(error: sqlite3.Error) -> bool:
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) in _DAMAGED


@dataclass(frozen=True)
class SessionRow:
    """A session as the history shows it."""

    id: str
    started: str
    ended: str | None
    status: str
    reason: str
    protocol: str
    injured: str
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
    part_of_day: str = ""  # "morning" or "evening", by the store's DaySplit

    @property
    def set_count(self) -> int:
        """Sets in the whole session: each exercise's sets, on each injured side."""
        return set_count(self.protocol, self.injured, self.planned_sets)

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
        return date.fromisoformat(self.started[:10])

    @property
    def settings(self) -> Settings:
        return Settings(
            injured=Injured(self.injured),
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
    side: str
    reps: int
    load_kg: float
    lower_seconds: int
    pain: int | None
    started: str
    finished: str

    def result(self) -> SetResult:
        return SetResult(
            index=self.position,
            exercise=self.exercise,
            number=self.number,
            side=Side(self.side),
            reps=self.reps,
            load_kg=self.load_kg,
            lower_seconds=self.lower_seconds,
            pain=self.pain,
        )


SESSION_COLUMNS = tuple(f.name for f in fields(SessionRow))[:15]
SET_COLUMNS = tuple(f.name for f in fields(SetRow))


@dataclass(frozen=True)
class DeletedSession:
    """What `Store.delete_session` removed, enough for `Store.restore` to put it back."""

    session: dict[str, Any]
    sets: tuple[dict[str, Any], ...]


_SUMMARY = """
SELECT s.*, count(t.position) AS sets_done, coalesce(sum(t.reps), 0) AS reps_done,
       avg(t.pain) AS mean_pain, max(t.pain) AS max_pain
FROM sessions AS s LEFT JOIN sets AS t ON t.session_id = s.id
"""


class Store:
    """The user's database. Open with `Store.open(folder)`; close when done."""

    def __init__(self, db: sqlite_utils.Database, path: Path, now: Clock = local_now) -> None:
        self.db = db
        self.path = path
        self.now = now

    @classmethod
    def open(cls, folder: Path, *, now: Clock = local_now, check: bool = True) -> Store:
        """Open (or create) the database in `folder`, migrated to this Coach's schema.

        A database is created only where no file is: a new one is built aside and linked
        into place whole, so an empty or truncated file is always damage, never a new
        history. Raises NewerDatabaseError for a file from a newer Coach (left untouched),
        CorruptDatabaseError if it is empty, not SQLite or fails the integrity check (left
        untouched), and StorageError if the folder or file cannot be created or read.
        """
        path = folder / DB_NAME
        with failing_as(f"open the database {path}"):
            private_dir(folder)
            if not path.exists():
                _create(path)
            check_file(path)
            tighten(path)
            checked = _check_read_only(path, check=check)
            conn = sqlite3.connect(path, timeout=5)
        try:
            with failing_as(f"open the database {path}"):
                schema.check_not_newer(_checked(conn, path), path)
                if check and not checked:
                    integrity_check(conn, path)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                conn.execute("PRAGMA foreign_keys = ON")
                schema.migrate(conn)
        except BaseException:
            conn.close()
            raise
        db = sqlite_utils.Database(conn, execute_plugins=False, recursive_triggers=False)
        return cls(db, path, now)

    @classmethod
    @contextlib.contextmanager
    def reading(
        cls, folder: Path, *, now: Clock = local_now, check: bool = True
    ) -> Iterator[Store]:
        """The database in `folder` for commands that only read it (export, report).

        On a full disk SQLite cannot make the -wal and -shm files it needs to open the
        file ("disk I/O error"), though nothing is to be written: then the database (and
        its -wal) is copied to a private temporary folder (another disk, as a rule) and
        read there, so a history can still be exported to another disk. The copy is
        removed afterwards; the original is never written. `check=False` skips the
        integrity check, to salvage what a damaged history still holds.
        """
        try:
            store = cls.open(folder, now=now, check=check)
        except CorruptDatabaseError:
            raise
        except StorageError as e:
            if not _no_room(e.__cause__):
                raise
            with tempfile.TemporaryDirectory(prefix="coach-read-") as place:
                copy = Path(place)
                with failing_as(f"copy the database {folder / DB_NAME} to read it"):
                    for suffix in ("", "-wal"):
                        source = folder / (DB_NAME + suffix)
                        if source.exists():
                            shutil.copyfile(source, copy / source.name)
                with cls.open(copy, now=now, check=check) as store:
                    yield store
            return
        with store:
            yield store

    def close(self) -> None:
        self.db.close()

    @functools.cached_property
    def progress(self) -> Progress:
        """The program, check-ins, VISA-A results and events."""
        from coach.storage.progress import Progress  # noqa: PLC0415 - it imports this module

        return Progress(self)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

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
        return self._summaries("WHERE s.status = ?", [schema.IN_PROGRESS], newest_first=False)

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
            self.db.table("sessions").update(
                session_id,
                {
                    "status": "completed" if done else schema.PARTIAL,
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
        return [SetRow(**r) for r in rows]

    def day_split(self) -> DaySplit:
        """How the programs split each day into its morning and evening session."""
        rows = self.db.execute("SELECT start, morning, evening FROM programs ORDER BY created DESC")
        return DaySplit(
            tuple((s, halfway(time.fromisoformat(m), time.fromisoformat(e))) for s, m, e in rows)
        )

    def count_sessions(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def latest_stamp(self) -> datetime | None:
        """The latest moment a record was stamped with (a session begun, a check-in or
        VISA-A saved, a program set up, an event), as an instant; None without records."""
        with failing_as("read the history"):
            return latest_stamp(self.db.conn)

    def set_pain(self, session_id: str, position: int, pain: int | None) -> int | None:
        """Change a set's pain rating. Returns the rating it had."""
        with failing_as("save the pain rating"):
            old = self.db.table("sets").get((session_id, position))["pain"]
            self.db.table("sets").update((session_id, position), {"pain": pain})
        return None if old is None else int(old)

    def set_note(self, session_id: str, note: str) -> str:
        """Change a session's note. Returns the note it had."""
        with failing_as("save the note"):
            old = str(self.db.table("sessions").get(session_id)["note"])
            self.db.table("sessions").update(session_id, {"note": note})
        return old

    def delete_session(self, session_id: str) -> DeletedSession:
        with failing_as("delete the session"), self.db.atomic():
            session = self.db.table("sessions").get(session_id)
            sets = tuple(self.db.table("sets").rows_where("session_id = ?", [session_id]))
            self.db.table("sessions").delete(session_id)  # its sets go with it (ON DELETE CASCADE)
        return DeletedSession(session, sets)

    def restore(self, deleted: DeletedSession) -> None:
        with failing_as("restore the session"), self.db.atomic():
            self.db.table("sessions").insert(deleted.session)
            if deleted.sets:
                self.db.table("sets").insert_all(deleted.sets)

    # -- internals ------------------------------------------------------------
    def _summaries(
        self, where: str, params: list[Any], *, newest_first: bool = True
    ) -> list[SessionRow]:
        order = "DESC" if newest_first else "ASC"
        sql = f"{_SUMMARY} {where} GROUP BY s.id ORDER BY julianday(s.started) {order}"
        split = self.day_split()
        return [
            SessionRow(**r, part_of_day=split.part(r["started"]))
            for r in self.db.query(sql, params)
        ]


def day_range(column: str, first: date | None, last: date | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if first is not None:
        clauses.append(f"substr({column}, 1, 10) >= ?")
        params.append(first.isoformat())
    if last is not None:
        clauses.append(f"substr({column}, 1, 10) <= ?")
        params.append(last.isoformat())
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _checked(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """The connection, once SQLite agrees the file is a database at all."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.DatabaseError as e:
        if not _is_damage(e):
            raise  # cannot open, locked, I/O error: a problem, but not proof of damage
        raise CorruptDatabaseError(f"{path} is not a readable Coach database ({e}).") from e
    return conn


def _check_read_only(path: Path, *, check: bool) -> bool:
    """Refuse a newer or damaged file, read through a read-only connection.

    Raises NewerDatabaseError or CorruptDatabaseError. The last read-write connection
    to close would checkpoint a -wal file (one a newer Coach left, say) into the
    database; a read-only one cannot, so a refused file stays exactly as it was.
    Returns True if the file passed; False if it could not be read this way (it is a
    folder, say): the read-write connection then meets the problem and says what it is.
    """
    try:
        reader = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            schema.check_not_newer(_checked(reader, path), path)
            if check:
                integrity_check(reader, path)
        finally:
            reader.close()
    except sqlite3.Error:
        return False
    return True


SQLITE_HEADER = b"SQLite format 3\x00"


def check_file(path: Path) -> None:
    """Refuse a database file that exists but holds no history: empty, or not SQLite.

    SQLite takes an empty file for a new database; Coach never does (a copy or a disk cut
    short leaves one), so a lost history cannot quietly become an empty one. Raises
    CorruptDatabaseError; a missing file or a folder is for the caller to meet.
    """
    if not path.is_file():
        return
    size = path.stat().st_size
    if size == 0:
        raise CorruptDatabaseError(
            f"{path} is empty (0 bytes): the history it held is lost. Coach does not start "
            "a new one over it."
        )
    with path.open("rb") as f:
        head = f.read(len(SQLITE_HEADER))
    if head != SQLITE_HEADER:
        raise CorruptDatabaseError(
            f"{path} is not a Coach database: it does not start as an SQLite file ({size} bytes)."
        )


def loose_files(path: Path) -> list[Path]:
    """The database and its -wal and -shm files that others than the user could read."""
    if os.name != "posix":
        return []
    found = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return [p for p in found if p.is_file() and p.stat().st_mode & 0o077]


def tighten(path: Path) -> list[Path]:
    """Make the database files the user's only (a copy made with a looser mode, say)."""
    loose = loose_files(path)
    for p in loose:
        with contextlib.suppress(OSError):  # another owner, a read-only disk: doctor says
            make_private(p)
    return loose


def _create(path: Path) -> None:
    """A new, migrated database at `path`, which must not exist: built aside, then linked.

    The link fails if a file appeared at `path` meanwhile: nothing is ever replaced.
    """
    with private_temp(path) as temp:
        conn = sqlite3.connect(temp)
        try:
            schema.migrate(conn)
        finally:
            conn.close()
        # A -wal (and -shm) with no database beside it (the main file deleted after a
        # crash, say) would be replayed onto the new one and damage it: kept, moved aside.
        for suffix in ("-wal", "-shm"):
            orphan = path.with_name(path.name + suffix)
            if orphan.exists():
                orphan.replace(orphan.with_name(f"{orphan.name}.orphan-{uuid.uuid4().hex[:8]}"))
        try:
            os.link(temp, path)
        except FileExistsError:
            return  # someone else's database: the checks that follow meet it
        except OSError:  # a file system without hard links
            if path.exists():
                return
            temp.replace(path)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """SQLite's integrity check, CHECK constraints included: ["ok"], or what is wrong.

    A read-only connection skips the CHECK constraints (one flipped byte, 'righv' for
    'right', passes), so the check runs on a read-write copy of the database in memory.
    Raises sqlite3.DatabaseError for what is not damage (a locked file, an I/O error).
    """
    copy = sqlite3.connect(":memory:")
    try:
        conn.backup(copy)
        return [str(r[0]) for r in copy.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as e:
        if not _is_damage(e):
            raise
        return [str(e)]
    finally:
        copy.close()


def integrity_check(conn: sqlite3.Connection, path: Path) -> None:
    """Raise CorruptDatabaseError unless `integrity_problems` finds nothing wrong."""
    problems = integrity_problems(conn)
    if problems != ["ok"]:
        raise CorruptDatabaseError(
            f"{path} is damaged (SQLite's integrity check says: {'; '.join(problems)})."
        )


class SessionJournal:
    """Writes one workout as it happens. Every method commits before it returns.

    Raises StorageError when the disk refuses; the workout can go on regardless.
    A `coach.app.session.Journal`.
    """

    keeps = True

    def __init__(self, store: Store, session_id: str | None, tl: Timeline) -> None:
        self.store = store
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
            self.store.db.table("sessions").insert(self._row, ignore=True)
        self.id = self._row["id"]

    def _new_row(self) -> dict[str, Any]:
        settings = self.timeline.plan.settings
        return {
            "id": uuid.uuid4().hex,
            "started": stamp(self.store.now()),
            "ended": None,
            "status": schema.IN_PROGRESS,
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
        self._set_started.setdefault(position, stamp(self.store.now()))

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
        finished = stamp(self.store.now())
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
                self.store.db.table("sets").insert(row, replace=True)
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
        self.store.set_pain(self.session_id, position, pain)

    def finish(self, outcome: Outcome, seconds: float, reason: str = "") -> None:
        with failing_as("save the end of the session"):
            self.store.db.table("sessions").update(
                self.session_id,
                {
                    "status": outcome.value,
                    "ended": stamp(self.store.now()),
                    "seconds": round(float(seconds), 3),
                    "reason": reason,
                },
            )

    def note(self, text: str) -> None:
        self.store.set_note(self.session_id, text)
