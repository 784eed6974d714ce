"""Importing a JSON export: the file read, its rows written once, what the import says."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from coach.domain.advice import Morning
from coach.domain.program import DOSE
from coach.domain.record import Outcome, SessionRecord
from coach.domain.settings import Side
from coach.domain.timeline import Timeline
from coach.domain.visa_a import VisaAnswers
from coach.storage import demo, document, json_export, json_import
from coach.storage.database import stamp
from coach.storage.history import History
from coach.storage.schema import StorageError
from coach.storage.sessions import SessionStatus
from tests.helpers import ZONE, WallClock, flag, run_sets, table_rows
from tests.storage.exports import ANSWERS, good_document, program, write_doc


def test_json_round_trips_into_an_empty_database_and_twice_adds_nothing(
    filled: History, tmp_path: Path, wall: WallClock
) -> None:
    out = tmp_path / "h.json"
    assert json_export.export_json(filled.db, out) == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("coach-export", 4)
    with History.open(tmp_path / "other", now=wall) as other:
        first = json_import.import_file(other.db, out)
        assert (first.sessions_added, first.sets_added, first.sessions_present) == (2, 3, 0)
        again = json_import.import_file(other.db, out)
        assert (again.sessions_added, again.sets_added, again.sessions_present) == (0, 0, 2)
        assert [s["id"] for s in json_export.export_document(other.db)["sessions"]] == [
            s["id"] for s in doc["sessions"]
        ]
        assert [r.sets_done for r in other.sessions.sessions()] == [
            r.sets_done for r in filled.sessions.sessions()
        ]
        # A session that was still running where it was exported cannot go on here.
        assert {r.status for r in other.sessions.sessions()} == {SessionStatus.PARTIAL}


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
    with pytest.raises(json_import.ImportFileError, match=re.escape(problem)):
        json_import.import_file(store.db, path)
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
            json_import.import_document(other.db, doc)
        assert other.db.count("sessions") == 0


def test_a_session_record_survives_the_round_trip(
    store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    sid = run_sets(store, short_timeline, wall, 4)
    store.sessions.resume(sid)[0].note("ünïcode ✓")
    out = tmp_path / "h.json"
    json_export.export_json(store.db, out)
    with History.open(tmp_path / "other", now=wall) as other:
        json_import.import_file(other.db, out)
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
    json_export.export_json(store.db, out)
    [session] = json.loads(out.read_text(encoding="utf-8"))["sessions"]
    assert (session["started"], session["ended"]) == (
        "2026-11-21T08:00:00+01:00", "2026-11-21T07:00:30+01:00",
    )  # fmt: skip
    [one] = session["sets"]
    assert (one["started"], one["finished"]) == (session["started"], session["ended"])
    with History.open(tmp_path / "other", now=wall) as other:
        assert json_import.import_file(other.db, out).sessions_added == 1
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
        result = json_import.import_file(other.db, write_doc(tmp_path, doc))
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
        result = json_import.import_file(other.db, write_doc(tmp_path, doc))
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


# -- version 2: programs, check-ins, VISA-A results and events ---------------------
def test_a_version_2_file_imports_with_the_default_pace(
    complete: History, tmp_path: Path, wall: WallClock
) -> None:
    doc = json_export.export_document(complete.db)
    doc["version"] = 2
    for row in doc["programs"]:
        for name in DOSE:
            del row[name]
    path = write_doc(tmp_path, doc)
    with History.open(tmp_path / "other", now=wall) as other:
        result = json_import.import_file(other.db, path)
        assert result.programs_added == 2
        current = other.programs.program()
        assert current is not None
        assert (current.lower_seconds, current.rest_seconds, current.load_kg) == (3, 60, 0.0)


def test_every_table_round_trips_and_a_second_import_adds_nothing(
    store: History, tmp_path: Path, wall: WallClock
) -> None:
    demo.fill(store.db, 12, seed=1)
    current = store.programs.program()
    assert current is not None
    store.programs.pause(current.id, flag("a snap in the heel"))
    out = tmp_path / "h.json"
    json_export.export_json(store.db, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(doc["visa_a"][0]["answers"], dict)  # an object, not a string
    before = table_rows(store)
    assert all(before.values())  # every table has rows to carry
    with History.open(tmp_path / "other", now=wall) as other:
        first = json_import.import_file(other.db, out)
        assert table_rows(other) == before
        assert other.programs.program() == store.programs.program()  # paused, with its reason
        assert first == json_import.ImportResult(
            len(before["sessions"]), len(before["sets"]), 0,
            programs_added=1, checkins_added=len(before["checkins"]),
            visa_added=len(before["visa_a"]), events_added=1,
        )  # fmt: skip
        again = json_import.import_file(other.db, out)
        assert table_rows(other) == before
        assert again == json_import.ImportResult(
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
    json_export.export_json(store.db, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [v["side"] for v in doc["visa_a"]] == ["left", "right", None]
    with History.open(tmp_path / "other", now=wall) as other:
        assert json_import.import_file(other.db, out).visa_added == 3
        assert [v.side for v in other.programs.visa()] == [Side.LEFT, Side.RIGHT, None]
        assert table_rows(other)["visa_a"] == table_rows(store)["visa_a"]


def test_a_version_3_file_imports_its_visa_a_results_with_no_leg(
    complete: History, tmp_path: Path, wall: WallClock
) -> None:
    doc = json_export.export_document(complete.db)
    doc["version"] = 3
    for row in doc["visa_a"]:
        del row["side"]
    with History.open(tmp_path / "other", now=wall) as other:
        result = json_import.import_file(other.db, write_doc(tmp_path, doc))
        assert result.visa_added == 2
        assert [(v.score, v.side) for v in other.programs.visa()] == [(44, None), (100, None)]


def test_a_version_1_file_still_imports(filled: History, tmp_path: Path, wall: WallClock) -> None:
    doc = good_document(filled)
    doc["version"] = 1
    for name in document.SECTIONS:
        del doc[name]
    with History.open(tmp_path / "other", now=wall) as other:
        result = json_import.import_file(other.db, write_doc(tmp_path, doc))
        assert result == json_import.ImportResult(2, 3, 0)
        assert table_rows(other)["sets"] == table_rows(filled)["sets"]


def test_an_event_of_a_program_found_nowhere_fails_and_writes_nothing(
    complete: History, tmp_path: Path, wall: WallClock
) -> None:
    doc = good_document(complete)
    doc["events"][1]["program_id"] = "ghost"
    path = write_doc(tmp_path, doc)
    json_import.read_document(path)  # the file alone cannot tell: the program may be at home
    with History.open(tmp_path / "other", now=wall) as other:
        with pytest.raises(StorageError) as caught:
            json_import.import_file(other.db, path)
        assert isinstance(caught.value, json_import.MissingProgramError)
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
        json_import.import_document(other.db, {**doc, "events": []})
        events_only = {**doc, "programs": [], "sessions": [], "checkins": [], "visa_a": []}
        result = json_import.import_file(other.db, write_doc(tmp_path, events_only))
        assert result.events_added == 2
        assert table_rows(other)["events"] == table_rows(complete)["events"]


def test_a_check_in_of_a_day_already_recorded_is_left_as_it_is(
    complete: History, tmp_path: Path, wall: WallClock
) -> None:
    doc = good_document(complete)
    with History.open(tmp_path / "other", now=wall) as other:
        other.programs.save_checkin(date(2026, 11, 21), 7, 60)
        result = json_import.import_file(other.db, write_doc(tmp_path, doc))
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
    result = json_import.import_file(store.db, write_doc(tmp_path, doc))
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
    result = json_import.import_file(store.db, write_doc(tmp_path, doc))
    assert (result.programs_added, result.programs_ended) == (1, 0)
    rows = {
        p["id"]: (p["status"], p["ended"]) for p in store.db.sql.query("SELECT * FROM programs")
    }
    assert rows == {"mine": ("active", None), "old": ("ended", NEWER)}


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (json_import.ImportResult(2, 3, 0), "Added 2 sessions (3 sets)."),
        (json_import.ImportResult(1, 1, 0, programs_added=1, programs_ended=1, checkins_added=2,
                               checkins_present=1, visa_added=1, events_added=1),
         "Added 1 session (1 set), 1 program, 2 morning check-ins, 1 VISA-A result and "
         "1 program event. Already in your history, left as they are: 1 morning check-in. "
         "1 older program was stored as ended, so that only the newest program is current."),
        (json_import.ImportResult(0, 0, 2, visa_present=1, events_present=3),
         "Nothing new to add. Already in your history, left as they are: 2 sessions, "
         "1 VISA-A result and 3 program events."),
    ],
)  # fmt: skip
def test_an_import_result_describes_itself(result: json_import.ImportResult, text: str) -> None:
    assert result.describe() == text


def test_a_document_given_as_it_was_exported_is_checked_before_anything_is_written(
    complete: History, tmp_path: Path, wall: WallClock
) -> None:
    doc = good_document(complete)
    doc["visa_a"][1]["score"] = 99
    with History.open(tmp_path / "other", now=wall) as other:
        with pytest.raises(document.DocumentError) as caught:
            json_import.import_document(other.db, doc)
        assert caught.value.problems == [
            "visa_a[1].score: must be 100, the score of its answers (got 99)"
        ]
        assert not any(table_rows(other).values())
