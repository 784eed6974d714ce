"""The workouts: a session and its sets written as they happen, read back, edited."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from coach.domain.record import Outcome, SessionRecord
from coach.domain.timeline import Timeline
from coach.storage.database import stamp
from coach.storage.history import History
from coach.storage.schema import StorageError
from coach.storage.sessions import SessionStatus
from tests.helpers import WallClock, fill_the_disk, run_sets


def test_a_session_row_exists_from_the_start_and_each_set_as_it_ends(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    journal = store.sessions.journal(short_timeline)
    assert store.db.count("sessions") == 0
    journal.begin()
    (row,) = store.sessions.interrupted()
    assert row.status == SessionStatus.IN_PROGRESS
    assert stamp(row.started) == "2026-11-21T08:00:00+01:00"
    assert row.sets_done == 0
    record = SessionRecord(short_timeline)
    span = short_timeline.spans[0]
    journal.set_started(0)
    wall.advance(seconds=20)
    journal.add(record.add_completed(span))
    # A second connection sees the set: it is committed, not waiting in a transaction.
    other = sqlite3.connect(store.db.path)
    assert other.execute("SELECT started, finished, pain FROM sets").fetchall() == [
        ("2026-11-21T08:00:00+01:00", "2026-11-21T08:00:20+01:00", None)
    ]
    journal.rate(0, 4)
    assert other.execute("SELECT pain FROM sets").fetchone() == (4,)
    other.close()


def test_finish_and_note_end_the_session(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 2)
    journal = store.sessions.resume(sid)[0]
    journal.finish(Outcome.ENDED_EARLY, 123.4567, "too much pain")
    journal.note("Sore = stairs")
    row = store.sessions.session(sid)
    assert (row.status, row.reason, row.seconds, row.note) == (
        SessionStatus.ENDED_EARLY, "too much pain", 123.457, "Sore = stairs"
    )  # fmt: skip
    assert row.ended is not None
    assert stamp(row.ended) == "2026-11-21T08:01:00+01:00"
    assert store.sessions.interrupted() == []


def test_resume_gives_back_the_sets_saved_and_the_same_plan(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 3)
    journal, row, sets = store.sessions.resume(sid)
    assert journal.id == sid
    assert [s.position for s in sets] == [0, 1, 2]
    assert [s.result().index for s in sets] == [0, 1, 2]
    assert row.timeline() == short_timeline
    assert row.set_count == len(short_timeline.spans) == 4


def test_an_interrupted_session_can_be_closed_as_partial(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 1)
    store.sessions.close_as_partial(sid)
    row = store.sessions.session(sid)
    assert row.status == SessionStatus.PARTIAL
    assert row.ended is not None
    assert stamp(row.ended) == "2026-11-21T08:00:30+01:00"  # when the last set ended
    assert store.sessions.interrupted() == []


def test_an_interrupted_session_with_every_set_saved_closes_as_completed(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, len(short_timeline.spans))
    store.sessions.close_as_partial(sid)
    assert (store.sessions.session(sid).status, store.sessions.session(sid).reason) == (
        SessionStatus.COMPLETED,
        "",
    )


def test_history_is_newest_first_with_pain_summaries_and_a_date_filter(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    first = run_sets(store, short_timeline, wall, 2)
    store.sessions.set_pain(first, 0, 2)
    store.sessions.set_pain(first, 1, 5)
    wall.advance(days=1, hours=11)  # the next day, at 19:01
    second = run_sets(store, short_timeline, wall, 1)
    rows = store.sessions.sessions()
    assert [r.id for r in rows] == [second, first]
    assert (rows[1].mean_pain, rows[1].max_pain, rows[1].sets_done) == (3.5, 5, 2)
    assert (rows[0].mean_pain, rows[0].max_pain) == (None, None)
    assert [r.part_of_day for r in rows] == ["evening", "morning"]
    assert [r.id for r in store.sessions.sessions(first=date(2026, 11, 22))] == [second]
    assert [r.id for r in store.sessions.sessions(last=date(2026, 11, 21))] == [first]
    assert store.sessions.sessions(date(2026, 11, 23), date(2026, 11, 30)) == []


def test_edits_return_the_old_value_and_a_deleted_session_can_be_restored(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 2)
    assert store.sessions.set_pain(sid, 1, 3) is None
    assert store.sessions.set_pain(sid, 1, None) == 3
    assert store.sessions.set_note(sid, "a") == ""
    before = (store.sessions.session(sid), store.sessions.sets(sid))
    deleted = store.sessions.delete_session(sid)
    assert store.db.count("sessions") == 0
    assert store.db.sql.execute("SELECT count(*) FROM sets").fetchone()[0] == 0
    store.sessions.restore(deleted)
    assert (store.sessions.session(sid), store.sessions.sets(sid)) == before


def test_a_full_disk_is_a_clear_error_and_the_sets_saved_stay(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 1)
    journal = store.sessions.resume(sid)[0]
    fill_the_disk(store, sid)
    record = SessionRecord(short_timeline)
    with pytest.raises(StorageError, match=r"Could not save set 2 \(right leg\): the disk is full"):
        journal.add(record.add_completed(short_timeline.spans[1]))
    assert [s.position for s in store.sessions.sets(sid)][:1] == [0]
    assert 1 not in [s.position for s in store.sessions.sets(sid)]
    assert not store.db.conn.in_transaction


def test_writing_to_a_session_deleted_meanwhile_is_a_clear_error(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 1)
    journal = store.sessions.resume(sid)[0]
    store.sessions.delete_session(sid)
    record = SessionRecord(short_timeline)
    with pytest.raises(StorageError, match=r"Could not save set 2 \(right leg\): the history"):
        journal.add(record.add_completed(short_timeline.spans[1]))
    with pytest.raises(StorageError, match="no longer in the history"):
        journal.rate(1, 3)
    assert store.db.count("sessions") == 0


def test_restoring_over_a_session_that_came_back_is_a_clear_error(
    store: History, short_timeline: Timeline, wall: WallClock
) -> None:
    sid = run_sets(store, short_timeline, wall, 2)
    deleted = store.sessions.delete_session(sid)
    store.sessions.restore(deleted)  # say an import brought it back
    with pytest.raises(StorageError, match="the history has changed"):
        store.sessions.restore(deleted)
    assert len(store.sessions.sets(sid)) == 2  # the failed restore left nothing half-written
