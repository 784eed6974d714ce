"""The application model without a window: Today, the resume policy, the writes."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from coach.app.model import AppModel, TodayState
from coach.domain.program import Part, Program, Slot
from coach.domain.red_flags import CALF
from coach.domain.settings import Injured
from coach.domain.timeline import Timeline
from coach.storage.history import History
from coach.storage.programs import EventKind
from coach.storage.schema import StorageError
from coach.storage.sessions import SessionStatus
from tests.helpers import WallClock, run_sets

pytestmark = pytest.mark.usefixtures("qapp")  # a QObject with signals

START = date(2026, 11, 16)


def model_of(history: History | None, tmp_path: Path) -> AppModel:
    model = AppModel(tmp_path)
    model.attach(history)
    return model


def test_the_reminders_read_the_program_and_its_sessions_done(
    store: History, wall: WallClock, short_timeline: Timeline, tmp_path: Path
) -> None:
    model = model_of(store, tmp_path)
    assert model.reminder_state() is None  # no program yet
    store.programs.start_program(Program("p", START, "alfredson", Injured.LEFT))
    run_sets(store, short_timeline, wall, 4)  # the wall clock's day, in the morning: every set
    store.db.sql.execute("UPDATE sessions SET status = 'completed'")  # as closing the workout does
    state = model.reminder_state()
    assert state is not None
    assert state[0].id == "p"
    assert set(state[1]) == {Slot(wall.now.date(), Part.MORNING, time(8))}
    model.busy = True  # a workout under way: no reminder
    assert model.reminder_state() is None


def test_several_interrupted_sessions_older_ones_are_closed_the_newest_is_offered(
    store: History, wall: WallClock, short_timeline: Timeline, tmp_path: Path
) -> None:
    first = run_sets(store, short_timeline, wall, 1)
    wall.advance(hours=2)
    second = run_sets(store, short_timeline, wall, 1)
    wall.advance(hours=2)
    newest = run_sets(store, short_timeline, wall, 1)
    model = model_of(store, tmp_path)
    changed: list[None] = []
    model.history_changed.connect(lambda: changed.append(None))
    offered = model.interrupted()
    assert offered is not None
    assert offered.id == newest
    statuses = {r.id: r.status for r in store.sessions.sessions()}
    assert statuses[first] == statuses[second] == SessionStatus.PARTIAL  # kept, as partial
    assert statuses[newest] == SessionStatus.IN_PROGRESS  # the user decides
    assert changed  # the pages re-read


def test_an_interrupted_session_with_every_set_done_is_completed_not_offered(
    store: History, wall: WallClock, short_timeline: Timeline, tmp_path: Path
) -> None:
    sid = run_sets(store, short_timeline, wall, len(short_timeline.spans))
    model = model_of(store, tmp_path)
    assert model.interrupted() is None
    assert store.sessions.session(sid).status == SessionStatus.COMPLETED  # only its end missed


def test_a_red_flag_pauses_the_program_and_today_says_so(store: History, tmp_path: Path) -> None:
    store.programs.start_program(Program("p", START, "alfredson", Injured.LEFT))
    model = model_of(store, tmp_path)
    shown: list[TodayState] = []
    model.today_changed.connect(shown.append)
    assert model.record_red_flag(CALF)
    [event] = store.programs.events()
    assert (event.kind, event.red_flag) == (EventKind.RED_FLAG, CALF)
    assert shown[-1].today is not None
    assert shown[-1].today.program.status.value == "paused"


def test_a_write_the_disk_refuses_is_said_and_today_still_reads(
    store: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = model_of(store, tmp_path)
    told: list[tuple[str, str]] = []
    model.problem.connect(lambda title, text: told.append((title, text)))
    refreshed: list[TodayState] = []
    model.today_changed.connect(refreshed.append)

    def full(*_a: object) -> None:
        raise StorageError("Could not save the morning check-in: the disk is full.")

    monkeypatch.setattr(store.programs, "save_checkin", full)
    assert not model.save_checkin(3, 10)
    assert told == [
        ("Check-in not saved", "Could not save the morning check-in: the disk is full.")
    ]
    assert refreshed  # Today re-read all the same


def test_without_a_history_nothing_is_written_and_today_has_no_program(tmp_path: Path) -> None:
    model = model_of(None, tmp_path)
    assert not model.available
    assert model.program() is None
    assert not model.save_checkin(1, 0)
    assert model.interrupted() is None
    assert model.refresh().today is None
