from __future__ import annotations

import copy
import csv
import json
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from coach.domain.advice import Morning
from coach.domain.program import DOSE, Program
from coach.domain.record import Outcome, SessionRecord
from coach.domain.settings import Injured, Side
from coach.domain.timeline import Timeline
from coach.domain.visa_a import VisaAnswers
from coach.storage import demo, exchange
from coach.storage.database import stamp
from coach.storage.history import History
from coach.storage.schema import StorageError
from coach.storage.sessions import SessionStatus
from tests.helpers import ZONE, WallClock, flag, run_sets, table_rows


@pytest.fixture
def filled(store: History, short_timeline: Timeline, wall: WallClock) -> History:
    """Two sessions on two days; the first with pains and a formula-like note."""
    first = run_sets(store, short_timeline, wall, 2)
    store.sessions.set_pain(first, 0, 3)
    store.sessions.set_note(first, '=HYPERLINK("http://x")')
    wall.advance(days=1)
    run_sets(store, short_timeline, wall, 1)
    return store


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_a_header_and_one_row_per_set_with_its_session(
    filled: History, tmp_path: Path
) -> None:
    out = tmp_path / "h.csv"
    assert exchange.export_csv(filled.db, out) == 3
    rows = read_csv(out)
    assert list(rows[0]) == list(exchange.CSV_COLUMNS)
    assert [(r["session_started"][:10], r["set_position"], r["pain"]) for r in rows] == [
        ("2026-11-21", "0", "3"), ("2026-11-21", "1", ""), ("2026-11-22", "0", ""),
    ]  # fmt: skip
    assert rows[0]["set_started"] == "2026-11-21T08:00:00+01:00"
    assert rows[0]["part_of_day"] == "morning"
    assert rows[0]["status"] == "in progress"


def test_csv_says_whether_each_session_was_complete_or_partial(
    store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    run_sets(store, short_timeline, wall, 4)  # every set of the four
    stopped = run_sets(store, short_timeline, wall, 1)  # one set, then Stop
    store.db.sql.execute("UPDATE sessions SET status = 'stopped' WHERE id = ?", [stopped])
    run_sets(store, short_timeline, wall, 0)  # Start, then Stop before a set ended
    out = tmp_path / "h.csv"
    assert exchange.export_csv(store.db, out) == 6
    rows = read_csv(out)
    assert [(r["status"], r["set_position"], r["session_sets"]) for r in rows] == [
        *[("in progress", str(i), "complete: 4 of 4 sets") for i in range(4)],
        ("stopped", "0", "partial: 1 of 4 sets"),
        ("in progress", "", "no sets done: 0 of 4 sets"),
    ]


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(
    filled: History, tmp_path: Path
) -> None:
    out = tmp_path / "h.csv"
    exchange.export_csv(filled.db, out)
    assert read_csv(out)[0]["session_note"] == '\'=HYPERLINK("http://x")'
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert exchange._safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert exchange._safe_cell("2026-11-21T08:00:00-05:00") == "2026-11-21T08:00:00-05:00"
    assert exchange._safe_cell(-1) == -1  # numbers are numbers; none of ours is negative


def test_csv_and_json_take_a_date_range(filled: History, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    assert exchange.export_csv(filled.db, out, first=date(2026, 11, 22)) == 1
    assert exchange.export_csv(filled.db, out, last=date(2026, 11, 21)) == 2
    doc = exchange.export_document(filled.db, date(2026, 11, 22), date(2026, 11, 22))
    assert len(doc["sessions"]) == 1


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_exports_are_private(filled: History, tmp_path: Path) -> None:
    for name, write in (("h.csv", exchange.export_csv), ("h.json", exchange.export_json)):
        write(filled.db, tmp_path / name)
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_json_round_trips_into_an_empty_database_and_twice_adds_nothing(
    filled: History, tmp_path: Path, wall: WallClock
) -> None:
    out = tmp_path / "h.json"
    assert exchange.export_json(filled.db, out) == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("coach-export", 4)
    with History.open(tmp_path / "other", now=wall) as other:
        first = exchange.import_file(other.db, out)
        assert (first.sessions_added, first.sets_added, first.sessions_present) == (2, 3, 0)
        again = exchange.import_file(other.db, out)
        assert (again.sessions_added, again.sets_added, again.sessions_present) == (0, 0, 2)
        assert [s["id"] for s in exchange.export_document(other.db)["sessions"]] == [
            s["id"] for s in doc["sessions"]
        ]
        assert [r.sets_done for r in other.sessions.sessions()] == [
            r.sets_done for r in filled.sessions.sessions()
        ]
        # A session that was still running where it was exported cannot go on here.
        assert {r.status for r in other.sessions.sessions()} == {SessionStatus.PARTIAL}


def test_a_write_that_fails_leaves_the_old_file_whole(
    filled: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "h.csv"
    out.write_text("the previous export\n", encoding="utf-8")

    def broken(*_args: object, **_kw: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv, "writer", broken)
    with pytest.raises(StorageError, match="the disk is full"):
        exchange.export_csv(filled.db, out)
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "h.csv"]


def good_document(store: History) -> dict[str, Any]:
    return exchange.export_document(store.db)


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda d: d.update(format="other"), '"format": must be "coach-export"'),
        (lambda d: d.update(version=5),
         '"version": 5 is from a newer Coach (this one reads up to 4)'),
        (lambda d: d.update(sessions={}), '"sessions": must be a list'),
        (lambda d: d["sessions"][1].pop("started"), "sessions[1]: missing started"),
        (lambda d: d["sessions"][0].update(started="yesterday"),
         "sessions[0].started: not an ISO 8601 date and time"),
        (lambda d: d["sessions"][0].update(started="2026-11-21T08:00:00"),
         "sessions[0].started: needs its UTC offset"),
        (lambda d: d["sessions"][0].update(protocol="mystery"), "sessions[0].protocol"),
        (lambda d: d["sessions"][0].update(reps="15"), "sessions[0].reps: must be a whole number"),
        (lambda d: d["sessions"][0]["sets"][1].update(pain=11), "sessions[0].sets[1].pain"),
        (lambda d: d["sessions"][0]["sets"][1].update(pain=True), "sessions[0].sets[1].pain"),
        (lambda d: d["sessions"][0]["sets"][0].update(side="left"),
         "sessions[0].sets[0].side: must be one of the injured sides right"),
        (lambda d: d["sessions"][0]["sets"][0].update(exercise="floor"),
         "sessions[0].sets[0].exercise: must be one of bent_knee_step, straight_knee_step"),
        (lambda d: d["sessions"][0]["sets"][1].update(position=0),
         "sessions[0].sets[1].position: 0 appears twice"),
        (lambda d: d["sessions"][1].update(id=d["sessions"][0]["id"]),
         "sessions[1].id: '"),
        (lambda d: d["sessions"][1].update(id="../../etc"), "sessions[1].id: must be"),
        (lambda d: d["sessions"][0].update(seconds=float("nan")), "sessions[0].seconds"),
        (lambda d: d["sessions"][0].update(extra=1), "sessions[0]: unknown extra"),
        (lambda d: d["sessions"][0]["sets"][0].update(session_id="x"),
         "sessions[0].sets[0]: unknown session_id"),
        (lambda d: d["sessions"][0]["sets"][0].update(exercise=["a"]),
         "sessions[0].sets[0].exercise: must be one of"),
        (lambda d: d["sessions"][0]["sets"][0].update(position=[1]),
         "sessions[0].sets[0].position: must be a whole number from 0 to 99"),
        (lambda d: d["sessions"][0]["sets"][0].update(number=10**400),
         "sessions[0].sets[0].number: must be a whole number from 1 to 10"),
        (lambda d: d["sessions"][0].update(started="20261121T080000+01:00"),
         "sessions[0].started: not an ISO 8601 date and time like 2026-11-21T08:00:00+01:00"),
        (lambda d: d["sessions"][0].update(started="2026-02-30T08:00:00+01:00"),
         "sessions[0].started: not a real date and time"),
    ],
)  # fmt: skip
def test_an_invalid_file_names_its_problem_and_changes_nothing(
    filled: History, tmp_path: Path, wall: WallClock, damage: Any, problem: str
) -> None:
    doc = copy.deepcopy(good_document(filled))
    damage(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with History.open(tmp_path / "other", now=wall) as other:
        before = exchange.export_document(other.db)["sessions"]
        with pytest.raises(exchange.ImportFileError) as caught:
            exchange.import_file(other.db, path)
        assert problem in str(caught.value)
        assert exchange.export_document(other.db)["sessions"] == before


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{", "not a JSON file (line 1 column 2"),
        (b"\xff\xfe junk", "byte 0: not UTF-8 text"),
        (b"[]", "top level: must be a JSON object"),
    ],
)
def test_a_broken_file_is_refused(store: History, tmp_path: Path, content: bytes,
                                  problem: str) -> None:  # fmt: skip
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(exchange.ImportFileError, match=re.escape(problem)):
        exchange.import_file(store.db, path)
    assert store.db.count("sessions") == 0


def test_an_import_that_fails_midway_writes_nothing(
    filled: History, tmp_path: Path, wall: WallClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = good_document(filled)
    with History.open(tmp_path / "other", now=wall) as other:
        calls = 0
        original = other.db.sql.table("sets").insert_all

        def failing(*args: Any, **kw: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls == 2:
                raise StorageError("the disk is full")
            return original(*args, **kw)

        table = other.db.sql.table("sets")
        monkeypatch.setattr(type(table), "insert_all", lambda self, *a, **k: failing(*a, **k))
        with pytest.raises(StorageError):
            exchange.import_document(other.db, doc)
        assert other.db.count("sessions") == 0


def test_a_session_record_survives_the_round_trip(
    store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    sid = run_sets(store, short_timeline, wall, 4)
    store.sessions.resume(sid)[0].note("ünïcode ✓")
    out = tmp_path / "h.json"
    exchange.export_json(store.db, out)
    with History.open(tmp_path / "other", now=wall) as other:
        exchange.import_file(other.db, out)
        assert other.sessions.session(sid).note == "ünïcode ✓"
        assert other.sessions.sets(sid) == store.sessions.sets(sid)


# -- when a row says it was made ----------------------------------------------------
def test_a_workout_whose_wall_clock_was_set_back_round_trips(
    store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    """Coach stamps what the wall clock says: an end may read before its start.

    A clock set back an hour during a workout (tests/test_time.py) writes a set and a
    session that end before they began; their export imports, every row as it was.
    An end more than a day before its start imports with a warning (below).
    """
    journal = store.sessions.journal(short_timeline)
    journal.begin()  # 08:00
    journal.set_started(0)
    wall.now = datetime(2026, 11, 21, 7, 0, 30, tzinfo=ZONE)  # the clock goes back an hour
    record = SessionRecord(short_timeline)
    journal.add(record.add_completed(short_timeline.spans[0]))
    journal.finish(Outcome.STOPPED, 30.0)
    out = tmp_path / "h.json"
    exchange.export_json(store.db, out)
    [session] = json.loads(out.read_text(encoding="utf-8"))["sessions"]
    assert (session["started"], session["ended"]) == (
        "2026-11-21T08:00:00+01:00", "2026-11-21T07:00:30+01:00",
    )  # fmt: skip
    [one] = session["sets"]
    assert (one["started"], one["finished"]) == (session["started"], session["ended"])
    with History.open(tmp_path / "other", now=wall) as other:
        assert exchange.import_file(other.db, out).sessions_added == 1
        assert table_rows(other) == table_rows(store)


@pytest.mark.parametrize(
    ("ended", "odd"),
    [
        ("2026-11-20T08:00:00+01:00", None),  # a day before: a clock set back a day, at most
        ("2026-11-20T07:00:00+00:00", None),  # the same instant, in another zone
        ("2026-11-20T07:59:59+01:00",
         "sessions[0].ended: 2026-11-20T07:59:59+01:00 is more than a day before the session "
         "started (2026-11-21T08:00:00+01:00)"),
    ],
)  # fmt: skip
def test_an_end_more_than_a_day_before_its_start_imports_as_it_is_but_is_named(
    filled: History, tmp_path: Path, wall: WallClock, ended: str, odd: str | None
) -> None:
    doc = good_document(filled)
    assert doc["sessions"][0]["started"] == "2026-11-21T08:00:00+01:00"
    doc["sessions"][0]["ended"] = ended
    with History.open(tmp_path / "other", now=wall) as other:
        result = exchange.import_file(other.db, write_doc(tmp_path, doc))
        assert other.db.sql.execute("SELECT ended FROM sessions ORDER BY started").fetchone() == (
            ended,
        )
    assert result.odd_dates == (() if odd is None else (odd,))
    if odd is not None:
        assert (
            "Some dates in the file look wrong, perhaps because a clock was wrong when they "
            "were recorded (or this computer's is wrong now). Coach keeps them as they are, "
            f"and your history and advice count them by those dates: {odd}." in result.describe()
        )


@pytest.mark.parametrize(
    ("started", "odd"),
    [
        ("2000-01-01T00:00:00+01:00", False),  # 1999-12-31 23:00 UTC, but it shows 2000-01-01
        ("1999-12-31T23:30:00-01:00", True),  # 2000-01-01 00:30 UTC, but it shows 1999-12-31
        ("1999-12-31T23:59:59+00:00", True),
        ("1970-01-01T00:00:00+00:00", True),  # a clock never set
    ],
)
def test_a_date_before_2000_as_a_stamp_shows_it_imports_as_it_is_but_is_named(
    complete: History, tmp_path: Path, wall: WallClock, started: str, odd: bool
) -> None:
    doc = good_document(complete)
    doc["sessions"][0]["started"] = doc["sessions"][0]["sets"][0]["started"] = started
    doc["checkins"][0]["day"] = doc["programs"][0]["start"] = started[:10]
    with History.open(tmp_path / "other", now=wall) as other:
        result = exchange.import_file(other.db, write_doc(tmp_path, doc))
        assert result.checkins_added == 2
        assert [stamp(r.started) for r in other.sessions.sessions(last=date(2000, 1, 1))] == [
            started
        ]
    too_early = "is before 2000-01-01"
    assert result.odd_dates == (
        (
            f"sessions[0].started: {started} {too_early}",
            f"sessions[0].sets[0].started: {started} {too_early}",
            f"checkins[0].day: {started[:10]} {too_early}",
            f"programs[0].start: {started[:10]} {too_early}",
        )
        if odd
        else ()
    )


@pytest.mark.parametrize(
    "started",
    [
        "1969-12-30T23:59:59-12:00",
        "0001-01-01T08:00:00+00:00",
        "2100-01-01T08:00:00+00:00",
        "9999-12-31T08:00:00+00:00",
    ],
)
def test_a_date_no_computer_clock_shows_is_refused(
    complete: History, tmp_path: Path, started: str
) -> None:
    doc = good_document(complete)
    doc["sessions"][0]["started"] = started
    with pytest.raises(exchange.ImportFileError) as caught:
        exchange.read_document(write_doc(tmp_path, doc))
    assert caught.value.problems == [
        f"sessions[0].started: {started} is outside the dates Coach reads (1969-12-31 to "
        "2099-12-31); the file may be damaged"
    ]


def test_a_utc_offset_of_zero_is_local_time_but_z_is_refused(
    filled: History, tmp_path: Path, wall: WallClock
) -> None:
    """ "+00:00" is what Coach writes in London in winter: the time is that place's, as
    any offset's is. "Z" and "-00:00" say UTC with no local time, which Coach never
    writes: the day and the session a workout counts for cannot be told from them.
    """
    doc = good_document(filled)
    london = "2026-11-21T23:30:00+00:00"  # the 21st in London; the 22nd at +01:00, here
    doc["sessions"][0]["started"] = london
    with History.open(tmp_path / "other", now=wall) as other:
        exchange.import_file(other.db, write_doc(tmp_path, doc))
        assert [
            stamp(r.started)
            for r in other.sessions.sessions(date(2026, 11, 21), date(2026, 11, 21))
        ] == [london]
        assert exchange.export_document(other.db)["sessions"][0]["started"] == london
    for utc in ("2026-11-21T23:30:00Z", "2026-11-21T23:30:00-00:00"):
        doc["sessions"][0]["started"] = utc
        with pytest.raises(exchange.ImportFileError) as caught:
            exchange.read_document(write_doc(tmp_path, doc))
        assert caught.value.problems == [
            "sessions[0].started: needs the local time with its UTC offset, like "
            f"2026-11-21T08:00:00+01:00, not UTC marked {utc[19:]!r} (got {utc!r})"
        ]


# -- version 2: programs, check-ins, VISA-A results and events ---------------------
ANSWERS = VisaAnswers(5, 5, 5, 5, 5, 5, 4, "B", 10)  # scores 44


def write_doc(tmp_path: Path, doc: dict[str, Any], name: str = "doc.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def program(pid: str, start: date, weeks: int = 12) -> Program:
    return Program(id=pid, start=start, protocol="alfredson", injured=Injured.RIGHT, weeks=weeks)


@pytest.fixture
def complete(filled: History, wall: WallClock) -> History:
    """`filled` plus two programs (the first ended), two events, check-ins and VISA-A."""
    progress = filled.programs
    progress.start_program(program("p1", date(2026, 11, 16)))
    wall.advance(minutes=1)
    progress.start_program(program("p2", date(2026, 11, 21)))
    progress.pause("p2", flag("a snap in the heel"))
    wall.advance(minutes=1)
    progress.resume("p2")
    progress.save_checkin(date(2026, 11, 21), 2, 10)
    progress.save_checkin(date(2026, 11, 22), None, None)  # skipped
    progress.save_visa(ANSWERS)
    wall.advance(minutes=1)
    progress.save_visa(VisaAnswers(10, 10, 10, 10, 10, 10, 10, "A", 30))
    return filled


def test_the_sections_carry_every_column_of_their_tables(store: History) -> None:
    for section, columns in (
        ("programs", exchange.PROGRAM_COLUMNS), ("checkins", exchange.CHECKIN_COLUMNS),
        ("visa_a", exchange.VISA_COLUMNS), ("events", exchange.EVENT_COLUMNS),
    ):  # fmt: skip
        declared = tuple(r[1] for r in store.db.sql.execute(f"PRAGMA table_info({section})"))
        assert columns == declared


def test_a_version_2_file_imports_with_the_default_pace(
    complete: History, tmp_path: Path, wall: WallClock
) -> None:
    doc = exchange.export_document(complete.db)
    doc["version"] = 2
    for row in doc["programs"]:
        for name in DOSE:
            del row[name]
    path = write_doc(tmp_path, doc)
    with History.open(tmp_path / "other", now=wall) as other:
        result = exchange.import_file(other.db, path)
        assert result.programs_added == 2
        current = other.programs.program()
        assert current is not None
        assert (current.lower_seconds, current.rest_seconds, current.load_kg) == (3, 60, 0.0)


def test_a_program_with_a_bad_pace_is_refused(complete: History, tmp_path: Path) -> None:
    doc = exchange.export_document(complete.db)
    doc["programs"][0]["lower_seconds"] = 1
    with pytest.raises(exchange.ImportFileError, match=r"programs\[0\]\.lower_seconds: must be"):
        exchange.read_document(write_doc(tmp_path, doc))


def test_every_table_round_trips_and_a_second_import_adds_nothing(
    store: History, tmp_path: Path, wall: WallClock
) -> None:
    demo.fill(store.db, 12, seed=1)
    current = store.programs.program()
    assert current is not None
    store.programs.pause(current.id, flag("a snap in the heel"))
    out = tmp_path / "h.json"
    exchange.export_json(store.db, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(doc["visa_a"][0]["answers"], dict)  # an object, not a string
    before = table_rows(store)
    assert all(before.values())  # every table has rows to carry
    with History.open(tmp_path / "other", now=wall) as other:
        first = exchange.import_file(other.db, out)
        assert table_rows(other) == before
        assert other.programs.program() == store.programs.program()  # paused, with its reason
        assert first == exchange.ImportResult(
            len(before["sessions"]), len(before["sets"]), 0,
            programs_added=1, checkins_added=len(before["checkins"]),
            visa_added=len(before["visa_a"]), events_added=1,
        )  # fmt: skip
        again = exchange.import_file(other.db, out)
        assert table_rows(other) == before
        assert again == exchange.ImportResult(
            0, 0, len(before["sessions"]),
            programs_present=1, checkins_present=len(before["checkins"]),
            visa_present=len(before["visa_a"]), events_present=1,
        )  # fmt: skip
        assert again.describe().startswith("Nothing new to add. Already in your history")


def test_the_leg_of_each_visa_a_result_round_trips(
    store: History, tmp_path: Path, wall: WallClock
) -> None:
    progress = store.programs
    progress.save_visa(ANSWERS, side=Side.LEFT)
    wall.advance(minutes=1)
    progress.save_visa(VisaAnswers(10, 10, 10, 10, 10, 10, 10, "A", 30), side=Side.RIGHT)
    wall.advance(minutes=1)
    progress.save_visa(ANSWERS)  # the one painful leg: no side
    out = tmp_path / "h.json"
    exchange.export_json(store.db, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [v["side"] for v in doc["visa_a"]] == ["left", "right", None]
    with History.open(tmp_path / "other", now=wall) as other:
        assert exchange.import_file(other.db, out).visa_added == 3
        assert [v.side for v in other.programs.visa()] == [Side.LEFT, Side.RIGHT, None]
        assert table_rows(other)["visa_a"] == table_rows(store)["visa_a"]


def test_a_version_3_file_imports_its_visa_a_results_with_no_leg(
    complete: History, tmp_path: Path, wall: WallClock
) -> None:
    doc = exchange.export_document(complete.db)
    doc["version"] = 3
    for row in doc["visa_a"]:
        del row["side"]
    with History.open(tmp_path / "other", now=wall) as other:
        result = exchange.import_file(other.db, write_doc(tmp_path, doc))
        assert result.visa_added == 2
        assert [(v.score, v.side) for v in other.programs.visa()] == [(44, None), (100, None)]


def test_a_version_4_file_needs_the_leg_of_each_visa_a_result(
    complete: History, tmp_path: Path
) -> None:
    doc = exchange.export_document(complete.db)
    assert doc["version"] == 4
    del doc["visa_a"][1]["side"]
    with pytest.raises(exchange.ImportFileError, match=r"visa_a\[1\]: missing side"):
        exchange.read_document(write_doc(tmp_path, doc))


def test_a_version_1_file_still_imports(filled: History, tmp_path: Path, wall: WallClock) -> None:
    doc = good_document(filled)
    doc["version"] = 1
    for name in exchange.SECTIONS:
        del doc[name]
    with History.open(tmp_path / "other", now=wall) as other:
        result = exchange.import_file(other.db, write_doc(tmp_path, doc))
        assert result == exchange.ImportResult(2, 3, 0)
        assert table_rows(other)["sets"] == table_rows(filled)["sets"]


@pytest.fixture
def spread(store: History, wall: WallClock) -> History:
    """Three programs a few weeks apart, with rows around their edges.

    a: 5-18 January, paused on 1 March; b: 2-29 March; c: 4-10 May.
    """
    progress = store.programs
    wall.now = datetime(2026, 1, 5, 7, 0, tzinfo=ZONE)
    progress.start_program(program("a", date(2026, 1, 5), weeks=2))
    wall.now = datetime(2026, 3, 1, 9, 0, tzinfo=ZONE)
    progress.pause("a", flag("swelling"))
    wall.now = datetime(2026, 3, 1, 10, 0, tzinfo=ZONE)
    progress.start_program(program("b", date(2026, 3, 2), weeks=4))
    wall.now = datetime(2026, 3, 20, 8, 0, tzinfo=ZONE)
    progress.pause("b", flag("bruising"))
    wall.now = datetime(2026, 5, 4, 7, 0, tzinfo=ZONE)
    progress.start_program(program("c", date(2026, 5, 4), weeks=1))
    for day in ("01-05", "01-18", "01-19", "02-28", "03-01", "03-31", "04-01"):
        progress.save_checkin(date.fromisoformat(f"2026-{day}"), 1, 5)
    for taken in ("2026-01-18T20:00:00+01:00", "2026-03-01T00:10:00+01:00",
                  "2026-03-31T23:50:00+02:00"):  # fmt: skip
        progress.save_visa(ANSWERS, datetime.fromisoformat(taken))
    return store


@pytest.mark.parametrize(
    ("first", "last", "programs", "checkins", "visa", "events"),
    [
        # a overlaps nothing here, but its event of 1 March is in: it comes along.
        ("2026-03-01", "2026-03-31", "ab", ["03-01", "03-31"], ["03-01", "03-31"],
         ["03-01", "03-20"]),
        ("2026-01-18", "2026-01-18", "a", ["01-18"], ["01-18"], []),  # a's last day
        ("2026-01-19", "2026-02-28", "", ["01-19", "02-28"], [], []),  # between programs
        (None, "2026-01-05", "a", ["01-05"], [], []),  # a's first day
        ("2026-03-29", None, "bc", ["03-31", "04-01"], ["03-31"], []),
        (None, None, "abc", ["01-05", "01-18", "01-19", "02-28", "03-01", "03-31", "04-01"],
         ["01-18", "03-01", "03-31"], ["03-01", "03-20"]),
    ],
)  # fmt: skip
def test_a_date_range_takes_the_rows_of_its_days_and_the_programs_it_needs(
    spread: History, tmp_path: Path, wall: WallClock, first: str | None, last: str | None,
    programs: str, checkins: list[str], visa: list[str], events: list[str],
) -> None:  # fmt: skip
    doc = exchange.export_document(
        spread.db,
        date.fromisoformat(first) if first else None,
        date.fromisoformat(last) if last else None,
    )
    assert "".join(p["id"] for p in doc["programs"]) == programs
    assert [c["day"][5:] for c in doc["checkins"]] == checkins
    assert [v["taken"][5:10] for v in doc["visa_a"]] == visa
    assert [e["at"][5:10] for e in doc["events"]] == events
    with History.open(tmp_path / "other", now=wall) as other:  # the file stands on its own
        result = exchange.import_file(other.db, write_doc(tmp_path, doc))
        assert result.events_added == len(events)


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda d: d.update(version=1), '"programs": not part of a version 1 file'),
        (lambda d: d.pop("checkins"), '"checkins": missing'),
        (lambda d: d.update(events={}), '"events": must be a list'),
        (lambda d: d.update(visa_a=None), '"visa_a": must be a list'),
        (lambda d: d["programs"].append(1), "programs[2]: must be an object"),
        (lambda d: d["programs"][0].pop("weeks"), "programs[0]: missing weeks"),
        (lambda d: d["programs"][0].update(colour="red"), "programs[0]: unknown colour"),
        (lambda d: d["programs"][0].update(id="../p"), "programs[0].id: must be 1 to 64"),
        (lambda d: d["programs"][1].update(id="p1"), "programs[1].id: 'p1' appears twice"),
        (lambda d: d["programs"][0].update(created="2026-11-21T08:00:00"),
         "programs[0].created: needs its UTC offset"),
        (lambda d: d["programs"][0].update(start="21/11/2026"),
         "programs[0].start: must be a date like 2026-11-21"),
        (lambda d: d["programs"][0].update(start="2026-11-31"),
         "programs[0].start: not a real date"),
        (lambda d: d["programs"][0].update(protocol="mystery"),
         "programs[0].protocol: must be one of"),
        (lambda d: d["programs"][0].update(injured="neither"),
         "programs[0].injured: must be one of left, right, both"),
        (lambda d: d["programs"][0].update(morning="8:00"),
         "programs[0].morning: must be a time of day like 08:00"),
        (lambda d: d["programs"][0].update(evening="25:00"),
         "programs[0].evening: not a real time of day"),
        (lambda d: d["programs"][0].update(morning="19:00", evening="07:00"),
         "programs[0].evening: must be later than morning (19:00) (got '07:00')"),
        (lambda d: d["programs"][0].update(evening="08:00"),
         "programs[0].evening: must be later than morning (08:00)"),
        (lambda d: d["programs"][0].update(weeks=0),
         "programs[0].weeks: must be a whole number from 1 to 52"),
        (lambda d: d["programs"][0].update(weeks=53), "programs[0].weeks: must be"),
        (lambda d: d["programs"][0].update(weeks=True), "programs[0].weeks: must be"),
        (lambda d: d["programs"][0].update(visa_every_weeks=13),
         "programs[0].visa_every_weeks: must be a whole number from 1 to 12"),
        (lambda d: d["programs"][0].update(visa_every_weeks=2.0),
         "programs[0].visa_every_weeks: must be"),
        (lambda d: d["programs"][0].update(status="done"),
         "programs[0].status: must be one of active, paused, ended"),
        (lambda d: d["programs"][0].update(reason=None), "programs[0].reason: must be text"),
        (lambda d: d["programs"][0].update(ended="soon"),
         "programs[0].ended: not an ISO 8601 date and time"),
        (lambda d: d["checkins"][0].update(day="2026-11-21T00:00:00+01:00"),
         "checkins[0].day: must be a date like"),
        (lambda d: d["checkins"][1].update(day=d["checkins"][0]["day"]),
         "checkins[1].day: '2026-11-21' appears twice"),
        (lambda d: d["checkins"][0].update(recorded=5),
         "checkins[0].recorded: must be a date and time as text"),
        (lambda d: d["checkins"][0].update(pain=11),
         "checkins[0].pain: must be a whole number from 0 to 10, or null"),
        (lambda d: d["checkins"][0].update(pain=True), "checkins[0].pain: must be"),
        (lambda d: d["checkins"][0].update(stiffness_minutes=1441),
         "checkins[0].stiffness_minutes: must be a whole number of minutes from 0 to 1440"),
        (lambda d: d["checkins"][0].update(stiffness_minutes=-1),
         "checkins[0].stiffness_minutes: must be"),
        (lambda d: d["checkins"][0].update(stiffness_minutes="10"),
         "checkins[0].stiffness_minutes: must be"),
        (lambda d: d["checkins"][0].pop("recorded"), "checkins[0]: missing recorded"),
        (lambda d: d["visa_a"][0].update(id=""), "visa_a[0].id: must be 1 to 64"),
        (lambda d: d["visa_a"][1].update(id=d["visa_a"][0]["id"]), "visa_a[1].id: '"),
        (lambda d: d["visa_a"][0].update(taken="2026-11-22"),
         "visa_a[0].taken: not an ISO 8601 date and time"),
        (lambda d: d["visa_a"][0].update(answers=json.dumps(ANSWERS.as_dict())),
         "visa_a[0].answers: must be an object of the answers"),
        (lambda d: d["visa_a"][0]["answers"].update(q3=11),
         "visa_a[0].answers: Question 3 needs a whole number from 0 to 10 (got 11)"),
        (lambda d: d["visa_a"][0]["answers"].pop("q8"), "visa_a[0].answers: The answers lack q8"),
        (lambda d: d["visa_a"][0]["answers"].update(q9=1),
         "visa_a[0].answers: The answers have unknown entries: q9"),
        (lambda d: d["visa_a"][0]["answers"].update(q8_branch="D"),
         "visa_a[0].answers: Question 8 needs one of the parts A, B or C"),
        (lambda d: d["visa_a"][0]["answers"].update(q8=30),
         "visa_a[0].answers: Question 8 needs one of 0, 4, 10, 14, 20 in part B"),
        (lambda d: d["visa_a"][0].update(score=45),
         "visa_a[0].score: must be 44, the score of its answers (got 45)"),
        (lambda d: d["visa_a"][0].update(score=101),
         "visa_a[0].score: must be a whole number from 0 to 100"),
        (lambda d: d["visa_a"][0].update(side="both"),
         "visa_a[0].side: must be left, right or null (got 'both')"),
        (lambda d: d["visa_a"][0].update(side="LEFT"), "visa_a[0].side: must be left, right"),
        (lambda d: d["visa_a"][0].update(side=1), "visa_a[0].side: must be left, right"),
        (lambda d: d["visa_a"][0].pop("side"), "visa_a[0]: missing side"),
        (lambda d: d["events"][0].update(kind="flag"),
         "events[0].kind: must be 'red flag' or 'resumed' (got 'flag')"),
        (lambda d: d["events"][0].update(program_id=7),
         "events[0].program_id: must be 1 to 64 letters, digits, '-' or '_' or null"),
        (lambda d: d["events"][1].update(at="2026-11-22T08:01:00+1"), "events[1].at: not an ISO"),
        (lambda d: d["events"][0].update(detail=["a snap"]), "events[0].detail: must be text"),
        (lambda d: d["events"][1].update(id=d["events"][0]["id"]), "events[1].id: '"),
        (lambda d: d["events"][0].update(program=None), "events[0]: unknown program"),
    ],
)  # fmt: skip
def test_an_invalid_section_names_its_field_and_changes_nothing(
    complete: History, tmp_path: Path, wall: WallClock, damage: Any, problem: str
) -> None:
    doc = copy.deepcopy(good_document(complete))
    damage(doc)
    path = write_doc(tmp_path, doc)
    with History.open(tmp_path / "other", now=wall) as other:
        with pytest.raises(exchange.ImportFileError) as caught:
            exchange.import_file(other.db, path)
        assert problem in str(caught.value)
        assert not any(table_rows(other).values())


def test_an_event_of_a_program_found_nowhere_fails_and_writes_nothing(
    complete: History, tmp_path: Path, wall: WallClock
) -> None:
    doc = good_document(complete)
    doc["events"][1]["program_id"] = "ghost"
    path = write_doc(tmp_path, doc)
    exchange.read_document(path)  # the file alone cannot tell: the program may be at home
    with History.open(tmp_path / "other", now=wall) as other:
        with pytest.raises(StorageError) as caught:
            exchange.import_file(other.db, path)
        assert isinstance(caught.value, exchange.MissingProgramError)
        assert str(caught.value) == (
            "Could not import the file: events[1].program_id: 'ghost' is neither a program "
            "in the file nor one in your history."
        )
        assert not any(table_rows(other).values())  # the sessions and programs rolled back


def test_an_event_of_a_program_already_in_the_database_imports(
    complete: History, tmp_path: Path, wall: WallClock
) -> None:
    doc = good_document(complete)
    with History.open(tmp_path / "other", now=wall) as other:
        exchange.import_document(other.db, {**doc, "events": []})
        events_only = {**doc, "programs": [], "sessions": [], "checkins": [], "visa_a": []}
        result = exchange.import_file(other.db, write_doc(tmp_path, events_only))
        assert result.events_added == 2
        assert table_rows(other)["events"] == table_rows(complete)["events"]


def test_a_check_in_of_a_day_already_recorded_is_left_as_it_is(
    complete: History, tmp_path: Path, wall: WallClock
) -> None:
    doc = good_document(complete)
    with History.open(tmp_path / "other", now=wall) as other:
        other.programs.save_checkin(date(2026, 11, 21), 7, 60)
        result = exchange.import_file(other.db, write_doc(tmp_path, doc))
        assert (result.checkins_added, result.checkins_present) == (1, 1)
        assert other.programs.checkin(date(2026, 11, 21)) == Morning(date(2026, 11, 21), 7, 60)
        assert other.programs.checkin(date(2026, 11, 22)) == Morning(date(2026, 11, 22), None, None)


# The database's program was created at 2026-11-21T08:00:00+01:00 (07:00 UTC). Compared
# as text these two stamps sort the other way round; compared as instants they do not.
OLDER = "2026-11-21T09:30:00+05:00"  # 04:30 UTC
NEWER = "2026-11-21T07:30:00+00:00"  # 07:30 UTC


@pytest.mark.parametrize("status", ["active", "paused"])
@pytest.mark.parametrize("created", [OLDER, NEWER])
def test_an_import_leaves_one_program_current_the_newest(
    store: History, tmp_path: Path, created: str, status: str
) -> None:
    store.programs.start_program(program("mine", date(2026, 11, 21)))
    doc = good_document(store)
    mine = doc["programs"][0]
    theirs = {**mine, "id": "theirs", "created": created, "status": status}
    doc["programs"] = [theirs]
    result = exchange.import_file(store.db, write_doc(tmp_path, doc))
    assert (result.programs_added, result.programs_ended) == (1, 1)
    newer, older = (theirs, mine) if created == NEWER else (mine, theirs)
    current = store.programs.program()
    assert current is not None
    assert (current.id, current.status.value) == (newer["id"], newer["status"])
    rows = {p["id"]: p for p in store.db.sql.query("SELECT * FROM programs")}
    assert (rows[older["id"]]["status"], rows[older["id"]]["ended"]) == ("ended", newer["created"])
    assert (rows[newer["id"]]["status"], rows[newer["id"]]["ended"]) == (newer["status"], None)


def test_an_imported_ended_program_leaves_the_current_one_alone(
    store: History, tmp_path: Path
) -> None:
    store.programs.start_program(program("mine", date(2026, 11, 21)))
    doc = good_document(store)
    doc["programs"] = [
        {**doc["programs"][0], "id": "old", "created": NEWER, "status": "ended", "ended": NEWER}
    ]
    result = exchange.import_file(store.db, write_doc(tmp_path, doc))
    assert (result.programs_added, result.programs_ended) == (1, 0)
    rows = {
        p["id"]: (p["status"], p["ended"]) for p in store.db.sql.query("SELECT * FROM programs")
    }
    assert rows == {"mine": ("active", None), "old": ("ended", NEWER)}


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (exchange.ImportResult(2, 3, 0), "Added 2 sessions (3 sets)."),
        (exchange.ImportResult(1, 1, 0, programs_added=1, programs_ended=1, checkins_added=2,
                               checkins_present=1, visa_added=1, events_added=1),
         "Added 1 session (1 set), 1 program, 2 morning check-ins, 1 VISA-A result and "
         "1 program event. Already in your history, left as they are: 1 morning check-in. "
         "1 older program was stored as ended, so that only the newest program is current."),
        (exchange.ImportResult(0, 0, 2, visa_present=1, events_present=3),
         "Nothing new to add. Already in your history, left as they are: 2 sessions, "
         "1 VISA-A result and 3 program events."),
    ],
)  # fmt: skip
def test_an_import_result_describes_itself(result: exchange.ImportResult, text: str) -> None:
    assert result.describe() == text
