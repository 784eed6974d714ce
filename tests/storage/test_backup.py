from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach.domain.timeline import Timeline
from coach.storage import backup
from coach.storage.database import DB_NAME, CorruptDatabaseError
from coach.storage.history import History
from coach.storage.schema import StorageError
from tests.helpers import WallClock, run_sets

NOW = datetime(2026, 11, 21, 8, 0, 0)  # noqa: DTZ001 - backups are named in local time


def test_a_backup_is_a_checked_private_copy(
    store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    sid = run_sets(store, short_timeline, wall, 2)
    path = backup.make_backup(store.db, tmp_path / "backups", NOW)
    assert path.name == "coach-20261121T080000.sqlite3"
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT count(*) FROM sets WHERE session_id = ?", [sid]).fetchone() == (2,)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    copy.close()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left


def test_a_backup_is_due_after_a_day_and_only_the_newest_14_are_kept(
    store: History, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    assert backup.backup_due(folder, NOW)
    for day in range(20):
        assert backup.backup_if_due(store.db, folder, NOW + timedelta(days=day)) is not None
        assert backup.backup_if_due(store.db, folder, NOW + timedelta(days=day, hours=23)) is None
    kept = backup.backups_in(folder)
    assert len(kept) == backup.KEEP
    assert kept[0].taken == NOW + timedelta(days=19)
    assert kept[-1].taken == NOW + timedelta(days=6)


def test_the_user_chooses_how_many_backups_are_kept(store: History, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    for day in range(5):
        backup.backup_if_due(store.db, folder, NOW + timedelta(days=day), keep=3)
    assert [b.taken for b in backup.backups_in(folder)] == [
        NOW + timedelta(days=d) for d in (4, 3, 2)
    ]
    with pytest.raises(ValueError, match="at least 1"):
        backup.make_backup(store.db, folder, NOW + timedelta(days=9), keep=0)


def test_a_damaged_database_is_moved_aside_and_the_newest_good_backup_restored(
    store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    sid = run_sets(store, short_timeline, wall, 3)
    folder = tmp_path / "backups"
    backup.make_backup(store.db, folder, NOW)
    newest = backup.make_backup(store.db, folder, NOW + timedelta(days=1))
    newest.write_bytes(b"broken" * 1000)  # the newest backup is itself damaged
    data = store.db.path.parent
    store.close()
    damaged = b"\0" * 100 + (data / DB_NAME).read_bytes()[100:]  # the header is gone
    (data / DB_NAME).write_bytes(damaged)
    with pytest.raises(CorruptDatabaseError):
        History.open(data)

    aside = backup.move_aside(data, NOW + timedelta(days=2))
    assert aside.name == f"{DB_NAME}.damaged-20261123T080000"
    assert aside.read_bytes() == damaged  # kept exactly as it was
    assert not (data / DB_NAME).exists()
    good = backup.newest_good(folder)
    assert good is not None
    assert good.taken == NOW
    assert backup.restore_backup(good, data, NOW + timedelta(days=2)) is None  # nothing there
    with History.open(data) as restored:
        assert [s.position for s in restored.sessions.sets(sid)] == [0, 1, 2]


def test_restoring_never_overwrites_a_database_it_moves_it_aside_last(
    store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    sid = run_sets(store, short_timeline, wall, 2)
    found = backup.Backup(backup.make_backup(store.db, tmp_path / "b", NOW), NOW)
    data = store.db.path.parent
    store.close()
    damaged = b"\0" * 100 + (data / DB_NAME).read_bytes()[100:]
    (data / DB_NAME).write_bytes(damaged)
    aside = backup.restore_backup(found, data, NOW + timedelta(days=1))
    assert aside is not None
    assert aside.read_bytes() == damaged  # kept, exactly
    with History.open(data) as restored:
        assert len(restored.sessions.sets(sid)) == 2
    assert not list(data.glob("*.part"))


def test_a_restore_cut_short_leaves_the_damaged_file_in_place(
    store: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk or a kill during the copy: the damaged file stays, so Coach asks again."""
    found = backup.Backup(backup.make_backup(store.db, tmp_path / "b", NOW), NOW)
    data = store.db.path.parent
    store.close()
    damaged = b"\0" * 100 + (data / DB_NAME).read_bytes()[100:]
    (data / DB_NAME).write_bytes(damaged)

    def full_disk(*_a: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "integrity_check", full_disk)  # fails after the copy
    with pytest.raises(StorageError, match="restore the backup"):
        backup.restore_backup(found, data, NOW + timedelta(days=1))
    assert (data / DB_NAME).read_bytes() == damaged
    assert not list(data.glob(f"{DB_NAME}.damaged-*"))
    assert not list(data.glob("*.part"))


def test_no_good_backup_is_none(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "coach-20261121T080000.sqlite3").write_bytes(b"junk" * 100)
    (folder / "notes.txt").write_text("not a backup")
    assert backup.newest_good(folder) is None


def test_rotation_keeps_the_last_backup_from_before_a_damaged_database(store: History) -> None:
    data = store.db.path.parent
    folder = data / "backups"  # where the app keeps them: beside the database
    good = backup.make_backup(store.db, folder, NOW)
    (data / f"{DB_NAME}.damaged-20261121T090000").write_bytes(b"old")
    for day in range(1, 30):  # a month of fresh starts on an empty history
        backup.make_backup(store.db, folder, NOW + timedelta(days=day))
    kept = [b.path for b in backup.backups_in(folder)]
    assert good in kept
    assert len(kept) == backup.KEEP + 1


def test_rotation_never_drops_the_last_backup_that_holds_more_than_the_database(
    store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    """A history emptied (or cut short) must not rotate away the copies of what was lost."""
    folder = tmp_path / "backups"
    for _ in range(5):
        run_sets(store, short_timeline, wall, 1)
    rich = backup.make_backup(store.db, folder, NOW)
    store.db.sql.execute("DELETE FROM sets")
    store.db.sql.execute("DELETE FROM sessions")  # as a history that lost its contents
    for day in range(1, 10):  # daily starts on the empty history, keeping only 2
        backup.make_backup(store.db, folder, NOW + timedelta(days=day), keep=2)
    kept = [b.path for b in backup.backups_in(folder)]
    assert rich in kept
    assert len(kept) == 3  # the two newest, and the last that holds the lost sessions
    # Once the history holds as much again, the old copy may rotate away as usual.
    for _ in range(6):
        run_sets(store, short_timeline, wall, 1)
    backup.make_backup(store.db, folder, NOW + timedelta(days=20), keep=2)
    assert rich not in [b.path for b in backup.backups_in(folder)]
