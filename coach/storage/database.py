"""The user's database file: opening it safely, the clock, and the helpers every table shares.

`Database.open(folder)` opens (or creates) the one SQLite file, refusing a damaged or
newer one; the repositories (`coach.storage.sessions`, `.programs`, `.queries`) each
take a `Database` and read and write their tables through it. With WAL and
`synchronous=FULL`, a commit has reached the disk when it returns.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.storage import schema
from coach.storage.files import make_private, private_dir, private_temp
from coach.storage.schema import StorageError

if TYPE_CHECKING:
    import sqlite_utils

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


def instant(text: str) -> datetime:
    """A stamp read back (`stamp`'s text): an aware datetime, in the local time it was taken.

    Raises StorageError for text that is no date and time (a row edited by hand, say).
    """
    try:
        return datetime.fromisoformat(text)
    except ValueError as e:
        raise StorageError(f"The history holds a time Coach cannot read ({text!r}).") from e


def naive(moment: datetime) -> datetime:
    """A stamp's local wall-clock time, which is what the program's calendar is in."""
    return moment.replace(tzinfo=None)


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
    except sqlite3.IntegrityError as e:
        raise StorageError(f"Could not {what}: the history has changed ({e}).") from e
    except (sqlite3.OperationalError, sqlite3.DatabaseError, OSError) as e:
        if isinstance(e, sqlite3.ProgrammingError):
            raise  # a programming error in Coach, not the user's disk
        raise StorageError(_message(what, e)) from e
    except Exception as e:
        if _is_not_found(e):
            raise StorageError(f"Could not {what}: it is no longer in the history.") from e
        raise


# SQLite's primary result codes that mean the file itself is damaged.
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _is_damage(error: sqlite3.Error) -> bool:
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) in _DAMAGED


class NotFoundError(Exception):
    """A row the command needs is not in the table (sqlite-utils' `get` raises its own,
    which `failing_as` meets too)."""


def _is_not_found(error: BaseException) -> bool:
    return isinstance(error, NotFoundError) or (
        type(error).__name__ == "NotFoundError" and type(error).__module__ == "sqlite_utils.db"
    )


class Database:
    """The user's database. Open with `Database.open(folder)`; close when done.

    The repositories read through `query` and `execute` (the standard library's sqlite3)
    and write through `sql`, sqlite-utils over the same connection. `now` is the clock
    every stamp is taken from (injected, so tests can set the time).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, now: Clock = local_now) -> None:
        self.conn = conn
        self.path = path
        self.now = now
        self._sql: sqlite_utils.Database | None = None

    @property
    def sql(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection: the tables' writes and bulk reads.

        Made at its first use. Importing sqlite-utils takes about 0.2 s (numpy, plugin
        discovery); reading the program for the Today page needs none of it, so the
        page is usable before it loads. This is the storage layer's one deferred import.
        """
        if self._sql is None:
            import sqlite_utils  # noqa: PLC0415 - see the docstring

            self._sql = sqlite_utils.Database(
                self.conn, execute_plugins=False, recursive_triggers=False
            )
        return self._sql

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """The rows of a SELECT, each as a dict of its columns."""
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one statement (a SELECT, as a rule: writes go through `sql`)."""
        return self.conn.execute(sql, params)

    @classmethod
    def open(cls, folder: Path, *, now: Clock = local_now, check: bool = True) -> Database:
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
        return cls(conn, path, now)

    @classmethod
    @contextlib.contextmanager
    def reading(
        cls, folder: Path, *, now: Clock = local_now, check: bool = True
    ) -> Iterator[Database]:
        """The database in `folder` for commands that only read it (export, report).

        On a full disk SQLite cannot make the -wal and -shm files it needs to open the
        file ("disk I/O error"), though nothing is to be written: then the database (and
        its -wal) is copied to a private temporary folder (another disk, as a rule) and
        read there, so a history can still be exported to another disk. The copy is
        removed afterwards; the original is never written. `check=False` skips the
        integrity check, to salvage what a damaged history still holds.
        """
        try:
            database = cls.open(folder, now=now, check=check)
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
                with cls.open(copy, now=now, check=check) as database:
                    yield database
            return
        with database:
            yield database

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def count(self, table: str) -> int:
        """How many rows `table` holds."""
        (count,) = self.conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()  # noqa: S608 - our own table names
        return int(count)

    def latest_stamp(self) -> datetime | None:
        """The latest moment a record was stamped with (a session begun, a check-in or
        VISA-A saved, a program set up, an event), as an instant; None without records."""
        with failing_as("read the history"):
            return latest_stamp(self.conn)


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
