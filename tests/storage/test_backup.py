from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach.domain.timeline import Timeline
from coach.storage import backup
from coach.storage.store import DB_NAME, CorruptDatabaseError, Store
from tests.helpers import WallClock, run_sets

NOW = datetime(2026, 11, 21, 8, 0, 0)  # noqa: DTZ001 - backups are named in local time


def test_a_backup_is_a_checked_private_copy(
    store: Store, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    sid = run_sets(store, short_timeline, wall, 2)
    path = backup.make_backup(store, tmp_path / "backups", NOW)
    assert path.name == "coach-20261121T080000.sqlite3"
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT count(*) FROM sets WHERE session_id = ?", [sid]).fetchone() == (2,)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    copy.close()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left


def test_a_backup_is_due_after_a_day_and_only_the_newest_14_are_kept(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    assert backup.backup_due(folder, NOW)
    for day in range(20):
        assert backup.backup_if_due(store, folder, NOW + timedelta(days=day)) is not None
        assert backup.backup_if_due(store, folder, NOW + timedelta(days=day, hours=23)) is None
    kept = backup.backups_in(folder)
    assert len(kept) == backup.KEEP
    assert kept[0].taken == NOW + timedelta(days=19)
    assert kept[-1].taken == NOW + timedelta(days=6)


def test_the_user_chooses_how_many_backups_are_kept(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    for day in range(5):
        backup.backup_if_due(store, folder, NOW + timedelta(days=day), keep=3)
    assert [b.taken for b in backup.backups_in(folder)] == [
        NOW + timedelta(days=d) for d in (4, 3, 2)
    ]
    with pytest.raises(ValueError, match="at least 1"):
        backup.make_backup(store, folder, NOW + timedelta(days=9), keep=0)


def test_a_damaged_database_is_moved_aside_and_the_newest_good_backup_restored(
    store: Store, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    sid = run_sets(store, short_timeline, wall, 3)
    folder = tmp_path / "backups"
    backup.make_backup(store, folder, NOW)
    newest = backup.make_backup(store, folder, NOW + timedelta(days=1))
    newest.write_bytes(b"broken" * 1000)  # the newest backup is itself damaged
    data = store.path.parent
    store.close()
    damaged = b"\0" * 100 + (data / DB_NAME).read_bytes()[100:]  # the header is gone
    (data / DB_NAME).write_bytes(damaged)
    with pytest.raises(CorruptDatabaseError):
        Store.open(data)

    aside = backup.move_aside(data, NOW + timedelta(days=2))
    assert aside.name == f"{DB_NAME}.damaged-20261123T080000"
    assert aside.read_bytes() == damaged  # kept exactly as it was
    assert not (data / DB_NAME).exists()
    good = backup.newest_good(folder)
    assert good is not None
    assert good.taken == NOW
    backup.restore_backup(good, data)
    with Store.open(data) as restored:
        assert [s.position for s in restored.sets(sid)] == [0, 1, 2]


def test_restoring_never_overwrites_a_database(store: Store, tmp_path: Path) -> None:
    found = backup.Backup(backup.make_backup(store, tmp_path / "b", NOW), NOW)
    with pytest.raises(FileExistsError):
        backup.restore_backup(found, store.path.parent)


def test_no_good_backup_is_none(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "coach-20261121T080000.sqlite3").write_bytes(b"junk" * 100)
    (folder / "notes.txt").write_text("not a backup")
    assert backup.newest_good(folder) is None


def test_rotation_keeps_the_last_backup_from_before_a_damaged_database(store: Store) -> None:
    data = store.path.parent
    folder = data / "backups"  # where the app keeps them: beside the database
    good = backup.make_backup(store, folder, NOW)
    (data / f"{DB_NAME}.damaged-20261121T090000").write_bytes(b"old")
    for day in range(1, 30):  # a month of fresh starts on an empty history
        backup.make_backup(store, folder, NOW + timedelta(days=day))
    kept = [b.path for b in backup.backups_in(folder)]
    assert good in kept
    assert len(kept) == backup.KEEP + 1
