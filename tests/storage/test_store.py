from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from coach.domain.record import Outcome, SessionRecord
from coach.domain.timeline import Timeline
from coach.storage import schema
from coach.storage.schema import StorageError
from coach.storage.store import DB_NAME, CorruptDatabaseError, DaySplit, Store
from tests.helpers import WallClock, fill_the_disk, run_sets


def test_the_file_is_wal_with_full_sync_and_foreign_keys(store: Store) -> None:
    pragma = store.db.conn.execute
    assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert pragma("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema.version(store.db.conn) == schema.SCHEMA_VERSION


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_database_and_its_folder_are_private(store: Store) -> None:
    folder = store.path.parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name


def test_a_session_row_exists_from_the_start_and_each_set_as_it_ends(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    journal = store.journal(short_timeline)
    assert store.count_sessions() == 0
    journal.begin()
    (row,) = store.interrupted()
    assert row.status == "in progress"
    assert row.started == "2026-11-21T08:00:00+01:00"
    assert row.sets_done == 0
    record = SessionRecord(short_timeline)
    span = short_timeline.spans[0]
    journal.set_started(0)
    wall.advance(seconds=20)
    journal.add(record.add_completed(span))
    # A second connection sees the set: it is committed, not waiting in a transaction.
    other = sqlite3.connect(store.path)
    assert other.execute("SELECT started, finished, pain FROM sets").fetchall() == [
        ("2026-11-21T08:00:00+01:00", "2026-11-21T08:00:20+01:00", None)
    ]
    journal.rate(0, 4)
    assert other.execute("SELECT pain FROM sets").fetchone() == (4,)
    other.close()


def test_finish_and_note_end_the_session(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 2)
    journal = store.resume(sid)[0]
    journal.finish(Outcome.ENDED_EARLY, 123.4567, "too much pain")
    journal.note("Sore = stairs")
    row = store.session(sid)
    assert (row.status, row.reason, row.seconds, row.note) == (
        "ended early", "too much pain", 123.457, "Sore = stairs"
    )  # fmt: skip
    assert row.ended == "2026-11-21T08:01:00+01:00"
    assert store.interrupted() == []


def test_resume_gives_back_the_sets_saved_and_the_same_plan(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 3)
    journal, row, sets = store.resume(sid)
    assert journal.id == sid
    assert [s.position for s in sets] == [0, 1, 2]
    assert [s.result().index for s in sets] == [0, 1, 2]
    assert row.timeline() == short_timeline
    assert row.set_count == len(short_timeline.spans) == 4


def test_an_interrupted_session_can_be_closed_as_partial(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 1)
    store.close_as_partial(sid)
    row = store.session(sid)
    assert row.status == "partial"
    assert row.ended == "2026-11-21T08:00:30+01:00"  # when the last set ended
    assert store.interrupted() == []


def test_history_is_newest_first_with_pain_summaries_and_a_date_filter(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    first = run_sets(store, short_timeline, wall, 2)
    store.set_pain(first, 0, 2)
    store.set_pain(first, 1, 5)
    wall.advance(days=1, hours=11)  # the next day, at 19:01
    second = run_sets(store, short_timeline, wall, 1)
    rows = store.sessions()
    assert [r.id for r in rows] == [second, first]
    assert (rows[1].mean_pain, rows[1].max_pain, rows[1].sets_done) == (3.5, 5, 2)
    assert (rows[0].mean_pain, rows[0].max_pain) == (None, None)
    assert [r.part_of_day for r in rows] == ["evening", "morning"]
    assert [r.id for r in store.sessions(first=date(2026, 11, 22))] == [second]
    assert [r.id for r in store.sessions(last=date(2026, 11, 21))] == [first]
    assert store.sessions(date(2026, 11, 23), date(2026, 11, 30)) == []


def test_edits_return_the_old_value_and_a_deleted_session_can_be_restored(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 2)
    assert store.set_pain(sid, 1, 3) is None
    assert store.set_pain(sid, 1, None) == 3
    assert store.set_note(sid, "a") == ""
    before = (store.session(sid), store.sets(sid))
    deleted = store.delete_session(sid)
    assert store.count_sessions() == 0
    assert store.db.execute("SELECT count(*) FROM sets").fetchone()[0] == 0
    store.restore(deleted)
    assert (store.session(sid), store.sets(sid)) == before


def test_a_full_disk_is_a_clear_error_and_the_sets_saved_stay(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 1)
    journal = store.resume(sid)[0]
    fill_the_disk(store, sid)
    record = SessionRecord(short_timeline)
    with pytest.raises(StorageError, match=r"Could not save set 2 \(right leg\): the disk is full"):
        journal.add(record.add_completed(short_timeline.spans[1]))
    assert [s.position for s in store.sets(sid)][:1] == [0]
    assert 1 not in [s.position for s in store.sets(sid)]
    assert not store.db.conn.in_transaction


def test_a_file_that_is_not_a_database_is_reported_as_damaged_and_left_alone(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(CorruptDatabaseError, match="not a Coach database"):
        Store.open(folder)
    assert (folder / DB_NAME).read_bytes() == b"this is not SQLite" * 100


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="Could not open the database"):
        Store.open(blocker / "data")


def test_writing_to_a_session_deleted_meanwhile_is_a_clear_error(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 1)
    journal = store.resume(sid)[0]
    store.delete_session(sid)
    record = SessionRecord(short_timeline)
    with pytest.raises(StorageError, match=r"Could not save set 2 \(right leg\): the history"):
        journal.add(record.add_completed(short_timeline.spans[1]))
    with pytest.raises(StorageError, match="no longer in the history"):
        journal.rate(1, 3)
    assert store.count_sessions() == 0


def test_restoring_over_a_session_that_came_back_is_a_clear_error(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 2)
    deleted = store.delete_session(sid)
    store.restore(deleted)  # say an import brought it back
    with pytest.raises(StorageError, match="the history has changed"):
        store.restore(deleted)
    assert len(store.sets(sid)) == 2  # the failed restore left nothing half-written


def test_damage_inside_the_file_is_found_by_the_integrity_check(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    for _ in range(30):
        run_sets(store, short_timeline, wall, 4)
    folder = store.path.parent
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    raw = bytearray((folder / DB_NAME).read_bytes())
    page = 4096
    assert len(raw) > 4 * page
    raw[2 * page : 3 * page] = b"\xa5" * page  # scribble over a page, header intact
    (folder / DB_NAME).write_bytes(bytes(raw))
    with pytest.raises(CorruptDatabaseError, match="is damaged"):
        Store.open(folder)


def test_a_database_that_cannot_be_opened_is_not_called_damaged(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / DB_NAME).mkdir(parents=True)  # in the way: SQLite cannot open it
    with pytest.raises(StorageError) as caught:
        Store.open(folder)
    assert not isinstance(caught.value, CorruptDatabaseError)
    assert "unable to open" in str(caught.value)


def test_an_interrupted_session_with_every_set_saved_closes_as_completed(
    store: Store, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, len(short_timeline.spans))
    store.close_as_partial(sid)
    assert (store.session(sid).status, store.session(sid).reason) == ("completed", "")


def test_the_day_splits_halfway_between_the_session_times_of_the_program_of_that_day() -> None:
    split = DaySplit((("2026-11-22", 14 * 60.0), ("2026-11-11", 13 * 60.0)))  # newest first
    assert split.part("2026-11-21T13:30:00+01:00") == "evening"  # the older program: 13:00
    assert split.part("2026-11-22T13:30:00+01:00") == "morning"  # the newer one: 14:00
    assert split.part("2026-11-01T13:30:00+01:00") == "evening"  # before both: the first's
    assert split.part("2026-11-21T12:59:59-05:00") == "morning"  # its own local time
    assert DaySplit().part("2026-11-21T12:59:59+01:00") == "morning"  # no program: 08:00/18:00
    assert DaySplit().part("2026-11-21T13:00:00+01:00") == "evening"


def test_an_empty_file_is_damage_never_a_new_history(tmp_path: Path) -> None:
    """A copy or a disk cut short leaves 0 bytes: SQLite would take it for a new database."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"")
    with pytest.raises(CorruptDatabaseError, match=r"is empty \(0 bytes\)"):
        Store.open(folder)
    assert (folder / DB_NAME).read_bytes() == b""
    assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]  # no -wal, no -shm, no part


def test_a_new_database_appears_whole(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        assert store.count_sessions() == 0
    assert (folder / DB_NAME).read_bytes()[:16] == b"SQLite format 3\x00"
    assert not list(folder.glob("*.part"))
    if os.name == "posix":
        assert stat.S_IMODE((folder / DB_NAME).stat().st_mode) == 0o600


def test_the_latest_stamp_is_an_instant_and_one_without_its_offset_is_no_answer(
    store: Store, wall: WallClock
) -> None:
    assert store.latest_stamp() is None
    store.progress.save_checkin(wall.now.date(), 2, 10)
    assert store.latest_stamp() == wall.now
    # edited by hand in the sqlite3 shell: no UTC offset, so not comparable with the clock
    store.db.execute("UPDATE checkins SET recorded = '2030-01-01T08:00:00'")
    assert store.latest_stamp() is None
