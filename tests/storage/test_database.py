"""The database file: opened safely, private, checked for damage; its clock and latest stamp."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.domain.timeline import Timeline
from coach.storage import schema
from coach.storage.database import DB_NAME, CorruptDatabaseError
from coach.storage.history import History
from coach.storage.schema import StorageError
from tests.helpers import WallClock, run_sets


def test_the_file_is_wal_with_full_sync_and_foreign_keys(store: History) -> None:
    pragma = store.db.conn.execute
    assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert pragma("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema.version(store.db.conn) == schema.SCHEMA_VERSION


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_database_and_its_folder_are_private(store: History) -> None:
    folder = store.db.path.parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name


def test_a_file_that_is_not_a_database_is_reported_as_damaged_and_left_alone(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(CorruptDatabaseError, match="not a Coach database"):
        History.open(folder)
    assert (folder / DB_NAME).read_bytes() == b"this is not SQLite" * 100


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="Could not open the database"):
        History.open(blocker / "data")


def test_damage_inside_the_file_is_found_by_the_integrity_check(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    for _ in range(30):
        run_sets(store, short_timeline, wall, 4)
    folder = store.db.path.parent
    store.db.sql.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    raw = bytearray((folder / DB_NAME).read_bytes())
    page = 4096
    assert len(raw) > 4 * page
    raw[2 * page : 3 * page] = b"\xa5" * page  # scribble over a page, header intact
    (folder / DB_NAME).write_bytes(bytes(raw))
    with pytest.raises(CorruptDatabaseError, match="is damaged"):
        History.open(folder)


def test_a_database_that_cannot_be_opened_is_not_called_damaged(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / DB_NAME).mkdir(parents=True)  # in the way: SQLite cannot open it
    with pytest.raises(StorageError) as caught:
        History.open(folder)
    assert not isinstance(caught.value, CorruptDatabaseError)
    assert "unable to open" in str(caught.value)


def test_an_empty_file_is_damage_never_a_new_history(tmp_path: Path) -> None:
    """A copy or a disk cut short leaves 0 bytes: SQLite would take it for a new database."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"")
    with pytest.raises(CorruptDatabaseError, match=r"is empty \(0 bytes\)"):
        History.open(folder)
    assert (folder / DB_NAME).read_bytes() == b""
    assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]  # no -wal, no -shm, no part


def test_a_new_database_appears_whole(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with History.open(folder) as store:
        assert store.db.count("sessions") == 0
    assert (folder / DB_NAME).read_bytes()[:16] == b"SQLite format 3\x00"
    assert not list(folder.glob("*.part"))
    if os.name == "posix":
        assert stat.S_IMODE((folder / DB_NAME).stat().st_mode) == 0o600


def test_the_latest_stamp_is_an_instant_and_one_without_its_offset_is_no_answer(
    store: History, wall: WallClock
) -> None:
    assert store.db.latest_stamp() is None
    store.programs.save_checkin(wall.now.date(), 2, 10)
    assert store.db.latest_stamp() == wall.now
    # edited by hand in the sqlite3 shell: no UTC offset, so not comparable with the clock
    store.db.sql.execute("UPDATE checkins SET recorded = '2030-01-01T08:00:00'")
    assert store.db.latest_stamp() is None
