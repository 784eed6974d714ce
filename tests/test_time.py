"""Time: wall-clock jumps during a workout, midnight, daylight saving, and the calendar.

The rules these tests pin down:
- A workout keeps time by its `Clock` (the audio device's played position, else
  `MonotonicClock`), never by the wall clock: changing the system time mid-session moves
  neither the cue on screen nor the session's length. Only the history's stamps (when a
  set began and ended) are wall-clock times, and they are written as the wall clock says.
- A workout belongs to the calendar day of its start, in local wall-clock time (the
  stamp's own UTC offset, never UTC): `progress.naive()`. The day splits halfway between
  the two session times; the evening session closes at midnight (`Program.closes`), so a
  workout started at 23:55 is that day's evening session and one started at 00:05 is the
  new day's morning session (done early), not a late evening one.
- On a daylight-saving day the same holds: a wall-clock time that never shows (spring
  forward) or shows twice (fall back) lands on that day, and two workouts in a repeated
  hour fill one session.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import time as time_module
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest
from pytestqt.qtbot import QtBot

from coach.app import player as player_module
from coach.app import session as session_module
from coach.app.player import SilentPlayer
from coach.app.session import WorkoutSession
from coach.domain import clock as clock_module
from coach.domain import engine as engine_module
from coach.domain.clock import ManualClock, MonotonicClock
from coach.domain.engine import Engine
from coach.domain.plan import plan
from coach.domain.program import Part, Program, Slot, adherence, day_plan, filled
from coach.domain.protocols import JONSSON
from coach.domain.record import Outcome, SessionRecord
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import CueKind, Timeline, timeline
from coach.reports import calendar
from coach.storage.database import naive, stamp
from coach.storage.history import History
from coach.storage.sessions import SessionStatus
from coach.ui.workout import view as workout_view_module
from coach.ui.workout.view import WorkoutView
from tests.helpers import ZONE, WallClock

# Jonsson, right side, 2 reps, 2 sets, 30 s rest: set 1 from 5 s to 19 s, the rest to
# 49 s, set 2 to 63 s (tests/ui/workout/test_view.py spells the cues out).
SETTINGS = Settings(injured=Injured.RIGHT, reps=2, sets=2, rest_seconds=30)
DAY = date(2026, 11, 21)  # tests.helpers.WallClock's day


def jonsson() -> Timeline:
    return timeline(plan(JONSSON, SETTINGS))


def program(start: date = DAY, **kw: object) -> Program:
    return Program("p", start, "alfredson", Injured.RIGHT, **kw)  # type: ignore[arg-type] # the test's own keywords


def workout(store: History, wall: WallClock, tl: Timeline, at: datetime) -> str:
    """A workout begun at wall-clock time `at`, every set done (complete: it counts)."""
    wall.now = at
    journal = store.sessions.journal(tl)
    journal.begin()
    record = SessionRecord(tl)
    for span in tl.spans:
        journal.add(record.add_completed(span))
    journal.finish(Outcome.COMPLETED, 60.0)
    return journal.session_id


# -- a wall-clock jump during a workout ------------------------------------------------
def _time_reads(module: object) -> set[str]:
    """What a module uses of the `time` and `datetime` modules: `time.monotonic` and the like."""
    tree = ast.parse(inspect.getsource(module))  # type: ignore[arg-type] # a module object
    reads = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            reads |= {f"import {a.name}" for a in node.names if a.name in ("time", "datetime")}
        elif isinstance(node, ast.ImportFrom) and node.module in ("time", "datetime"):
            reads |= {f"from {node.module} import {a.name}" for a in node.names}
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("time", "datetime", "date")
        ):
            reads.add(f"{node.value.id}.{node.attr}")
    return reads


def test_the_workout_reads_the_time_only_from_its_clock() -> None:
    # The engine, the session, its players and the workout page import neither `time`
    # nor `datetime`: every moment they know comes from the Clock they are given.
    # MonotonicClock reads only the monotonic clock, which a change of the system time
    # does not move.
    assert _time_reads(engine_module) == set()
    assert _time_reads(session_module) == set()
    assert _time_reads(player_module) == set()
    assert _time_reads(workout_view_module) == set()
    assert _time_reads(clock_module) == {"import time", "time.monotonic"}


def test_setting_the_system_clock_back_or_forward_moves_neither_cue_nor_session_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monotonic, wall = [5000.0], [1_795_000_000.0]
    monkeypatch.setattr(time_module, "monotonic", lambda: monotonic[0])
    monkeypatch.setattr(time_module, "time", lambda: wall[0])
    monkeypatch.setattr(time_module, "time_ns", lambda: int(wall[0] * 1e9))
    engine = Engine(jonsson(), MonotonicClock())
    engine.start()
    monotonic[0] += 8.5  # half a second into the first lowering
    before = engine.state()
    assert (before.phase, before.elapsed, before.beat) == (CueKind.LOWER, 8.5, 1)
    wall[0] -= 3600  # the system clock is set back an hour
    assert engine.state() == before
    wall[0] += 2 * 86400  # and then two days forward
    assert engine.state() == before
    monotonic[0] += 2.0
    after = engine.state()
    assert (after.phase, after.elapsed, after.beat, after.remaining) == (
        CueKind.LOWER, 10.5, 3, 63 - 10.5,
    )  # fmt: skip


def test_the_workout_page_keeps_time_and_saves_in_order_while_the_wall_clock_jumps(
    qtbot: QtBot, store: History, wall: WallClock
) -> None:
    p = program()
    store.programs.start_program(p)
    clock = ManualClock()
    tl = jonsson()
    view = WorkoutView(WorkoutSession(tl, SilentPlayer(clock), store.sessions.journal(tl)))
    qtbot.addWidget(view)

    def at(seconds: float) -> None:
        clock.advance(seconds - view.session.engine.state().elapsed)
        view.session.poll()

    view.start()  # at the wall clock's 08:00
    at(6)  # set 1 under way
    wall.now = datetime(2026, 11, 21, 7, 0, 6, tzinfo=ZONE)  # the system clock goes back 1 h
    at(20)
    assert view.instruction.text() == "Rest 30 s"
    assert view.left_label.text() == "0:43 left"  # 63 s - 20 s, by the workout's clock
    wall.now = datetime(2026, 11, 22, 9, 30, tzinfo=ZONE)  # then a day and more forward
    at(50)
    assert (view.set_label.text(), view.left_label.text()) == ("Set 2 of 2", "0:13 left")
    at(70)
    assert view.session.engine.state().elapsed == 63
    view.rate(2)  # the last set's pain, asked as the session ends
    [row] = store.sessions.sessions()
    assert (row.status, row.seconds) == (SessionStatus.COMPLETED, 63.0)  # the session's own time
    assert stamp(row.started) == "2026-11-21T08:00:00+01:00"
    sets = store.sessions.sets(row.id)
    assert [s.position for s in sets] == [0, 1]
    # The stamps say what the wall clock said, jumps and all; nothing is computed from them.
    assert [(stamp(s.started), stamp(s.finished)) for s in sets] == [
        ("2026-11-21T08:00:00+01:00", "2026-11-21T07:00:06+01:00"),
        ("2026-11-22T09:30:00+01:00", "2026-11-22T09:30:00+01:00"),
    ]
    # It fills the session of the day and time it started, not of a stamp after the jump.
    assert store.queries.done_slots(p) == {Slot(DAY, Part.MORNING, time(8))}


# -- midnight -----------------------------------------------------------------------
def at_(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second))


NEXT = DAY + timedelta(days=1)


@pytest.mark.parametrize(
    ("moment", "slot"),
    [
        (at_(DAY, 23, 55), Slot(DAY, Part.EVENING, time(18))),
        (at_(DAY, 23, 59, 59), Slot(DAY, Part.EVENING, time(18))),
        (at_(NEXT, 0, 0), Slot(NEXT, Part.MORNING, time(8))),
        (at_(NEXT, 0, 5), Slot(NEXT, Part.MORNING, time(8))),
    ],
)
def test_midnight_ends_the_evening_session_and_begins_the_next_morning(
    moment: datetime, slot: Slot
) -> None:
    p = program()
    assert p.slot_of(moment) == slot
    assert p.closes(Slot(DAY, Part.EVENING, time(18))) == at_(NEXT, 0, 0)


def test_workouts_either_side_of_midnight_fill_two_sessions_once_each() -> None:
    p = program(evening=time(23, 30))  # even a late evening session closes at midnight
    done = filled(p, [at_(DAY, 8), at_(DAY, 23, 55), at_(NEXT, 0, 5)])
    assert done == {
        Slot(DAY, Part.MORNING, time(8)), Slot(DAY, Part.EVENING, time(23, 30)),
        Slot(NEXT, Part.MORNING, time(8)),
    }  # fmt: skip
    plan_ = day_plan(p, done, at_(NEXT, 0, 10))
    assert [s.part for s in plan_.done] == [Part.MORNING]  # the new day's morning is done
    assert plan_.next == Slot(NEXT, Part.EVENING, time(23, 30))
    assert adherence(p, done, at_(NEXT, 0, 10)).describe() == "3 of 3 sessions done (100%)"
    # After the program's last day, a workout just past midnight fills nothing.
    short = program(weeks=1)
    assert short.slot_of(at_(short.end, 23, 55)) == Slot(short.end, Part.EVENING, time(18))
    assert short.slot_of(at_(short.end + timedelta(days=1), 0, 5)) is None


def test_a_stamp_reads_back_on_its_own_local_day_not_the_utc_one(
    store: History, wall: WallClock
) -> None:
    p = program()
    store.programs.start_program(p)
    tl = jonsson()
    new_york = timezone(timedelta(hours=-5))
    workout(store, wall, tl, datetime(2026, 11, 21, 23, 30, tzinfo=ZONE))  # UTC: 22:30
    late = workout(store, wall, tl, datetime(2026, 11, 22, 0, 30, tzinfo=ZONE))  # UTC: the 21st
    workout(store, wall, tl, datetime(2026, 11, 21, 20, 30, tzinfo=new_york))  # UTC: the 22nd
    assert [stamp(r.started) for r in store.sessions.sessions()] == [
        "2026-11-21T20:30:00-05:00", "2026-11-22T00:30:00+01:00", "2026-11-21T23:30:00+01:00",
    ]  # newest first by the instant (01:30, 23:30 and 22:30 UTC), not by the text  # fmt: skip
    assert naive(store.sessions.session(late).started) == at_(NEXT, 0, 30)
    assert store.queries.done_slots(p) == {
        Slot(DAY, Part.EVENING, time(18)), Slot(NEXT, Part.MORNING, time(8)),
    }  # fmt: skip
    assert [r.id for r in store.sessions.sessions(NEXT, NEXT)] == [late]
    assert store.queries.done_parts() == {(DAY, Part.EVENING), (NEXT, Part.MORNING)}
    wall.now = datetime(2026, 11, 22, 0, 40, tzinfo=ZONE)
    plan_ = store.queries.day_plan(p, store.db.now())
    assert plan_.done == (Slot(NEXT, Part.MORNING, time(8)),)
    assert (plan_.adherence.done, plan_.adherence.planned) == (2, 3)  # the 21st's morning missed


# -- daylight saving --------------------------------------------------------------------
DST_DAYS = [
    # 01:00 GMT -> 02:00 BST: 01:30 never shows on a clock.
    pytest.param("Europe/London", date(2027, 3, 28), time(1, 30), id="london-spring-forward"),
    # 02:00 EST -> 03:00 EDT: 02:30 never shows.
    pytest.param("America/New_York", date(2027, 3, 14), time(2, 30), id="new-york-spring-forward"),
    # 02:00 BST -> 01:00 GMT: 01:30 shows twice.
    pytest.param("Europe/London", date(2026, 10, 25), time(1, 30), id="london-fall-back"),
    # 02:00 EDT -> 01:00 EST: 01:30 shows twice.
    pytest.param("America/New_York", date(2026, 11, 1), time(1, 30), id="new-york-fall-back"),
]


@pytest.mark.parametrize(("name", "day", "odd"), DST_DAYS)
def test_on_a_daylight_saving_day_workouts_land_on_that_day_once(
    store: History, wall: WallClock, name: str, day: date, odd: time
) -> None:
    zone = ZoneInfo(name)

    def clock_reads(wall_time: time, day: date = day, fold: int = 0) -> datetime:
        """What `datetime.now().astimezone()` gives at the instant `wall_time` (`fold`) names."""
        return (
            datetime.combine(day, wall_time, zone)
            .replace(fold=fold)
            .astimezone(UTC)
            .astimezone(zone)
        )

    first, second = clock_reads(odd, fold=0), clock_reads(odd, fold=1)
    assert first.utcoffset() != second.utcoffset()  # the premise: a changing day
    p = program(day - timedelta(days=1), weeks=1)
    store.programs.start_program(p)
    tl = jonsson()
    ids = [
        workout(store, wall, tl, clock_reads(time(8), day - timedelta(days=1))),
        workout(store, wall, tl, clock_reads(time(18), day - timedelta(days=1))),
        workout(store, wall, tl, first),
        workout(store, wall, tl, second),
        # An aware time built in the gap itself (spring), or the first 01:30 (fall).
        workout(store, wall, tl, datetime.combine(day, odd, zone)),
        workout(store, wall, tl, clock_reads(time(18))),
    ]
    for sid, moment in zip(
        ids[2:5], (first, second, datetime.combine(day, odd, zone)), strict=True
    ):
        row = store.sessions.session(sid)
        # The same instant comes back (compared in UTC: PEP 495 makes a time in a fold
        # unequal to any time in another zone).
        assert row.started.astimezone(UTC) == moment.astimezone(UTC)
        assert (row.day, p.part_of(naive(row.started))) == (
            day, Part.MORNING,
        )  # fmt: skip
    wall.now = clock_reads(time(20))
    assert store.queries.done_slots(p) == {
        Slot(day - timedelta(days=1), Part.MORNING, time(8)),
        Slot(day - timedelta(days=1), Part.EVENING, time(18)),
        Slot(day, Part.MORNING, time(8)), Slot(day, Part.EVENING, time(18)),
    }  # fmt: skip
    plan_ = store.queries.day_plan(p, store.db.now())
    assert [s.part for s in plan_.done] == [Part.MORNING, Part.EVENING]
    assert plan_.adherence.describe() == "4 of 4 sessions done (100%)"


# -- the calendar across a daylight-saving change ----------------------------------------
STAMP = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
NEW_YORK = "America/New_York"


def sessions(data: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return [e for e in cal.events if "session" in str(e["SUMMARY"])]


def start(event: icalendar.Event) -> datetime:
    moment = event.start
    assert isinstance(moment, datetime)
    return moment


def test_new_york_sessions_keep_their_local_time_through_fall_back_and_spring_forward() -> None:
    # 26 Oct 2026 to 14 Mar 2027: clocks go back on 1 Nov and forward on 14 Mar.
    p = program(date(2026, 10, 26), weeks=20)
    assert p.end == date(2027, 3, 14)
    data = calendar.schedule_bytes(p, NEW_YORK, STAMP)
    cal = icalendar.Calendar.from_ical(data)
    events = sessions(data)
    starts = {start(e).date(): start(e) for e in events if start(e).hour == 8}
    # The file's own VTIMEZONE, read without the IANA database, as a calendar app might.
    [vtimezone] = cal.walk("VTIMEZONE")
    assert isinstance(vtimezone, icalendar.Timezone)
    own = vtimezone.to_tz(lookup_tzid=False)
    expected_utc = {
        date(2026, 10, 31): time(12), date(2026, 11, 1): time(13),
        date(2027, 3, 13): time(13), date(2027, 3, 14): time(12),
    }  # fmt: skip
    for day, utc in expected_utc.items():
        assert starts[day].time() == time(8)
        assert starts[day].astimezone(UTC).time() == utc
        assert datetime.combine(day, time(8), own).astimezone(UTC).time() == utc
    assert b"DTSTART;TZID=America/New_York:20261101T080000" in data
    assert b"DTSTART;TZID=America/New_York:20270314T080000" in data
    # Each reminder is relative to its session, so it comes 10 minutes before 08:00 or
    # 18:00 local on both sides of each change (an absolute one would drift by an hour).
    assert data.count(b"TRIGGER:-PT10M\r\n") == len(events) == 2 * 140
    for event in events:
        [alarm] = event.walk("VALARM")
        rings = start(event) + alarm.decoded("TRIGGER")
        assert rings.time() in (time(7, 50), time(17, 50))


@pytest.mark.parametrize(
    "zone_name", ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata"]
)
def test_each_vtimezone_change_starts_at_the_old_offsets_local_time(zone_name: str) -> None:
    """RFC 5545 3.6.5: DTSTART and RDATE of an observance are local times in TZOFFSETFROM.

    New York goes forward at 02:00 EST and back at 02:00 EDT; London forward at 01:00
    GMT and back at 02:00 BST. Read that way, the file's onsets are the zone's real
    changes: each one, and no other.
    """
    p = program(date(2026, 10, 26), weeks=20)
    [vtimezone] = icalendar.Calendar.from_ical(calendar.schedule_bytes(p, zone_name, STAMP)).walk(
        "VTIMEZONE"
    )
    onsets = set()
    for observance in vtimezone.subcomponents:
        before = observance.decoded("TZOFFSETFROM")
        if before == observance.decoded("TZOFFSETTO"):
            continue  # where the definition starts, not a change
        rdates = observance.get("RDATE", [])
        walls = [observance.decoded("DTSTART")] + [
            d.dt for value in (rdates if isinstance(rdates, list) else [rdates]) for d in value.dts
        ]
        onsets |= {(wall - before).replace(tzinfo=UTC) for wall in walls}
    zone = ZoneInfo(zone_name)
    first = datetime.combine(p.start - timedelta(days=366), time(), UTC)
    hours = [first + timedelta(hours=h) for h in range(24 * (366 * 2 + 20 * 7))]
    changes = {
        later
        for earlier, later in itertools.pairwise(hours)
        if earlier.astimezone(zone).utcoffset() != later.astimezone(zone).utcoffset()
    }  # these zones change on the hour (UTC), so hourly steps find each change exactly
    assert onsets == changes
    if zone_name == NEW_YORK:
        assert {o.astimezone(zone).date() for o in onsets} >= {date(2026, 11, 1), date(2027, 3, 14)}
    if zone_name == "Europe/London":
        assert datetime(2027, 3, 28, 1, tzinfo=UTC) in onsets  # 01:00 GMT, written 010000


def test_without_a_zone_every_session_floats_at_its_wall_clock_time_across_a_change() -> None:
    data = calendar.schedule_bytes(program(date(2027, 3, 22), weeks=1), None, STAMP)  # 28 Mar
    # Plain `DTSTART:` (no TZID) and no Z: 08:00 and 18:00 on both sides of the change.
    floating = re.findall(rb"\r\nDTSTART:(\d{8})(T\d{6}Z?)\r\n", data)
    assert len(floating) == 14
    assert {day for day, _ in floating} >= {b"20270327", b"20270328"}
    assert {at for _, at in floating} == {b"T080000", b"T180000"}


@pytest.mark.parametrize(
    ("day", "at", "utc"),
    [
        # RFC 5545 3.3.5: a time in the gap means the offset before it (03:30 EDT) ...
        (date(2027, 3, 14), time(2, 30), datetime(2027, 3, 14, 7, 30, tzinfo=UTC)),
        # ... and a time that happens twice means the first one (01:30 EDT).
        (date(2026, 11, 1), time(1, 30), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
    ],
)
def test_a_session_time_in_a_missing_or_repeated_hour_is_written_as_chosen(
    day: date, at: time, utc: datetime
) -> None:
    data = calendar.schedule_bytes(program(day, weeks=1, morning=at), NEW_YORK, STAMP)
    assert f"DTSTART;TZID={NEW_YORK}:{day:%Y%m%d}T{at:%H%M%S}\r\n".encode() in data
    assert start(sessions(data)[0]).astimezone(UTC) == utc
