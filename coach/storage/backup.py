"""Daily backups of the database, and recovery from a damaged one.

At start the app makes a backup if the newest is more than a day old: SQLite's
backup API copies a consistent snapshot even while the file is open, the copy is
checked, and the newest `KEEP` (or as many as the user chose) are kept. A damaged
database is never overwritten: it is renamed aside with a timestamp (its -wal and
-shm files with it), and the newest backup that passes the check can be copied into
its place.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from coach.domain.wall_clock import CLOCK_SLACK
from coach.storage.database import (
    DB_NAME,
    CorruptDatabaseError,
    Database,
    failing_as,
    integrity_check,
)
from coach.storage.files import make_private, private_dir, private_temp

KEEP = 14
EVERY = timedelta(hours=24)
_PREFIX = "coach-"
_SUFFIX = ".sqlite3"
_STAMP = "%Y%m%dT%H%M%S"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime  # local wall-clock time, no zone (from the file name)


def _local(moment: datetime) -> datetime:
    """Local wall-clock time without a zone, as backup names hold it."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def backups_in(folder: Path) -> list[Backup]:
    """The backups in `folder`, newest first."""
    found = []
    if folder.is_dir():
        for path in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
            try:
                taken = datetime.strptime(path.name[len(_PREFIX) : -len(_SUFFIX)], _STAMP)  # noqa: DTZ007 - names hold local time
            except ValueError:
                continue  # not one of ours
            found.append(Backup(path, taken))
    return sorted(found, key=lambda b: b.taken, reverse=True)


# A backup named later than now by more than CLOCK_SLACK was made by a clock that was ahead.


def in_time_order(folder: Path, now: datetime) -> list[Backup]:
    """The backups, newest first; those named in the future (a clock that was ahead) last.

    Their names cannot be trusted to say when they were taken, so they never count as
    the newest (a backup is still made each day) and are the first to rotate away.
    """
    found = backups_in(folder)
    latest = _local(now) + CLOCK_SLACK
    return [b for b in found if b.taken <= latest] + [b for b in found if b.taken > latest]


def future_backups(folder: Path, now: datetime) -> list[Backup]:
    """Backups named after `now` (plus a day): made while the clock was ahead."""
    latest = _local(now) + CLOCK_SLACK
    return [b for b in backups_in(folder) if b.taken > latest]


def backup_due(folder: Path, now: datetime) -> bool:
    """No backup yet, or the newest one not named in the future is a day old."""
    latest = _local(now) + CLOCK_SLACK
    trusted = [b for b in backups_in(folder) if b.taken <= latest]
    return not trusted or _local(now) - trusted[0].taken >= EVERY


def make_backup(db: Database, folder: Path, now: datetime, keep: int = KEEP) -> Path:
    """Copy the database into `folder`, check the copy, drop all but the newest `keep`."""
    if keep < 1:
        raise ValueError(f"keep must be at least 1 (got {keep})")
    target = folder / f"{_PREFIX}{_local(now).strftime(_STAMP)}{_SUFFIX}"
    with failing_as(f"write the backup {target}"):
        private_dir(folder)
        with private_temp(target) as temp:
            dest = sqlite3.connect(temp)
            try:
                db.conn.backup(dest)
                # The copy is a plain rollback-journal file: one file, complete in itself.
                dest.execute("PRAGMA journal_mode = DELETE")
                integrity_check(dest, target)
            finally:
                dest.close()
            make_private(temp)
            temp.replace(target)
        dropped = in_time_order(folder, now)[keep:]
        if dropped:
            protected = _protected(folder, folder.parent)
            richer = _richer(folder, _sessions(db.conn), target)
            if richer is not None:
                protected.add(richer)
            for old in dropped:
                if old.path not in protected:
                    old.path.unlink(missing_ok=True)
    return target


def _sessions(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])


def _richer(folder: Path, current: int, written: Path) -> Path | None:
    """The newest backup holding more sessions than the database now does, if any.

    Never rotated away without the user's word: after a history emptied or cut short,
    it is the last copy of what was lost.
    """
    for backup in backups_in(folder):
        if backup.path == written:
            continue
        try:
            conn = sqlite3.connect(f"{backup.path.absolute().as_uri()}?mode=ro", uri=True)
            try:
                held = _sessions(conn)
            finally:
                conn.close()
        except sqlite3.Error:
            continue  # unreadable: not a copy anyone can restore
        if held > current:
            return backup.path
    return None


def _protected(folder: Path, data: Path) -> set[Path]:
    """The newest backup from before each damaged database: the last known good state.

    Kept past the rotation, so a fresh start after damage cannot push it out.
    """
    keep = set()
    backups = backups_in(folder)
    for damaged in data.glob(f"{DB_NAME}.damaged-*"):
        try:
            when = datetime.strptime(damaged.name.rsplit("-", 1)[-1], _STAMP)  # noqa: DTZ007 - local
        except ValueError:
            continue
        before = [b for b in backups if b.taken <= when]
        if before:
            keep.add(before[0].path)
    return keep


def backup_if_due(db: Database, folder: Path, now: datetime, keep: int = KEEP) -> Path | None:
    return make_backup(db, folder, now, keep) if backup_due(folder, now) else None


def move_aside(data: Path, now: datetime) -> Path:
    """Rename a damaged database (and its -wal and -shm files) out of the way."""
    db = data / DB_NAME
    aside = data / f"{DB_NAME}.damaged-{_local(now).strftime(_STAMP)}"
    with failing_as(f"move the damaged database {db} aside"):
        # The main file first: a stop halfway leaves no damaged file in place without its
        # -wal (it could then pass the check and quietly lose what the -wal held), and a
        # -wal left alone is moved aside by the next database made (see database._create).
        db.replace(aside)
        for suffix in ("-wal", "-shm"):
            extra = db.with_name(db.name + suffix)
            if extra.exists():
                extra.replace(aside.with_name(aside.name + suffix))
    return aside


def put_back(aside: Path, data: Path) -> None:
    """Undo `move_aside`: the damaged file and its -wal and -shm where they were."""
    db = data / DB_NAME
    for suffix in ("-wal", "-shm", ""):
        moved = aside.with_name(aside.name + suffix)
        if moved.exists():
            moved.replace(db.with_name(db.name + suffix))


def newest_good(folder: Path) -> Backup | None:
    """The newest backup that opens and passes the integrity check."""
    for backup in backups_in(folder):
        try:
            conn = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
            try:
                integrity_check(conn, backup.path)
            finally:
                conn.close()
        except (CorruptDatabaseError, sqlite3.Error):
            continue
        return backup
    return None


def restore_backup(backup: Backup, data: Path, now: datetime) -> Path | None:
    """Put `backup` in place of the database in `data`; where the old file went, if any.

    In this order, so that no step cut short (a kill, a full disk) leaves anything but
    the damaged file or the restored one in place: the backup is copied to a private
    temporary file beside the database and checked; then the damaged file (with its -wal
    and -shm) is moved aside; then the copy is renamed into place. A failure before the
    rename leaves the damaged file where it was (so Coach asks again at the next start),
    and a failed rename puts it back. StorageError says what happened.
    """
    db = data / DB_NAME
    with failing_as(f"restore the backup {backup.path}"), private_temp(db) as temp:
        source = sqlite3.connect(f"{backup.path.absolute().as_uri()}?mode=ro", uri=True)
        dest = sqlite3.connect(temp)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one file, complete in itself
            integrity_check(dest, backup.path)
        finally:
            dest.close()
            source.close()
        make_private(temp)
        aside = move_aside(data, now) if db.exists() else None
        try:
            temp.replace(db)
        except OSError:
            if aside is not None:
                put_back(aside, data)  # the damaged files back: nothing half-changed
            raise
    return aside
