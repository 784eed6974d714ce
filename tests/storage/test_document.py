"""The checked document: each fault of a file named with where it is; a good one typed."""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from coach.domain.program import DOSE, Status
from coach.domain.settings import Injured, Settings, Side
from coach.storage import document, json_export, json_import
from coach.storage.history import History
from coach.storage.sessions import SESSION_COLUMNS, SET_COLUMNS
from tests.helpers import WallClock, table_rows
from tests.storage.exports import ANSWERS, good_document, write_doc


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
        before = json_export.export_document(other.db)["sessions"]
        with pytest.raises(json_import.ImportFileError) as caught:
            json_import.import_file(other.db, path)
        assert problem in str(caught.value)
        assert json_export.export_document(other.db)["sessions"] == before


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
    with pytest.raises(json_import.ImportFileError) as caught:
        json_import.read_document(write_doc(tmp_path, doc))
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
        json_import.import_file(other.db, write_doc(tmp_path, doc))
        assert [
            r.started for r in other.sessions.sessions(date(2026, 11, 21), date(2026, 11, 21))
        ] == [datetime.fromisoformat(london)]
        assert json_export.export_document(other.db)["sessions"][0]["started"] == london
    for utc in ("2026-11-21T23:30:00Z", "2026-11-21T23:30:00-00:00"):
        doc["sessions"][0]["started"] = utc
        with pytest.raises(json_import.ImportFileError) as caught:
            json_import.read_document(write_doc(tmp_path, doc))
        assert caught.value.problems == [
            "sessions[0].started: needs the local time with its UTC offset, like "
            f"2026-11-21T08:00:00+01:00, not UTC marked {utc[19:]!r} (got {utc!r})"
        ]


def test_the_sections_carry_every_column_of_their_tables(store: History) -> None:
    for section, columns in (
        ("programs", document.PROGRAM_COLUMNS), ("checkins", document.CHECKIN_COLUMNS),
        ("visa_a", document.VISA_COLUMNS), ("events", document.EVENT_COLUMNS),
    ):  # fmt: skip
        declared = tuple(r[1] for r in store.db.sql.execute(f"PRAGMA table_info({section})"))
        assert columns == declared


def test_a_program_with_a_bad_pace_is_refused(complete: History, tmp_path: Path) -> None:
    doc = json_export.export_document(complete.db)
    doc["programs"][0]["lower_seconds"] = 1
    with pytest.raises(json_import.ImportFileError, match=r"programs\[0\]\.lower_seconds: must be"):
        json_import.read_document(write_doc(tmp_path, doc))


def test_a_version_4_file_needs_the_leg_of_each_visa_a_result(
    complete: History, tmp_path: Path
) -> None:
    doc = json_export.export_document(complete.db)
    assert doc["version"] == 4
    del doc["visa_a"][1]["side"]
    with pytest.raises(json_import.ImportFileError, match=r"visa_a\[1\]: missing side"):
        json_import.read_document(write_doc(tmp_path, doc))


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
        with pytest.raises(json_import.ImportFileError) as caught:
            json_import.import_file(other.db, path)
        assert problem in str(caught.value)
        assert not any(table_rows(other).values())


# -- the checked document ----------------------------------------------------------
def test_a_good_file_is_a_document_of_typed_rows(complete: History) -> None:
    checked = document.check(good_document(complete))
    assert (checked.version, checked.exported) == (4, stamp("2026-11-22T08:04:30+01:00"))
    first = checked.sessions[0]
    assert (first.started, first.injured, first.load_kg) == (
        stamp("2026-11-21T08:00:00+01:00"), Injured.RIGHT, 0.0,
    )  # fmt: skip
    assert [(s.side, s.pain) for s in first.sets] == [(Side.RIGHT, 3), (Side.RIGHT, None)]
    assert [(p.id, p.start, p.morning, p.status) for p in checked.programs] == [
        ("p1", date(2026, 11, 16), time(8, 0), Status.ENDED),
        ("p2", date(2026, 11, 21), time(8, 0), Status.ACTIVE),
    ]
    assert [(c.day, c.pain, c.stiffness_minutes) for c in checked.checkins] == [
        (date(2026, 11, 21), 2, 10), (date(2026, 11, 22), None, None),
    ]  # fmt: skip
    assert [(v.answers, v.score, v.side) for v in checked.visa_a[:1]] == [(ANSWERS, 44, None)]
    assert [(e.kind, e.program_id) for e in checked.events] == [
        ("red flag", "p2"), ("resumed", "p2"),
    ]  # fmt: skip


def stamp(text: str) -> document.Stamp:
    return document.Stamp(text, datetime.fromisoformat(text))


def test_each_row_holds_its_tables_columns_in_their_order() -> None:
    def names(row: type) -> tuple[str, ...]:
        return tuple(f.name for f in fields(row))

    assert names(document.Session) == (*SESSION_COLUMNS, "sets")
    assert names(document.Set) == SET_COLUMNS[1:]  # its session_id is its session's
    assert names(document.Program) == document.PROGRAM_COLUMNS
    assert names(document.Checkin) == document.CHECKIN_COLUMNS
    assert names(document.VisaResult) == document.VISA_COLUMNS
    assert names(document.Event) == document.EVENT_COLUMNS


def test_an_older_file_is_read_as_version_4_says_it_and_left_as_it_was(complete: History) -> None:
    raw = good_document(complete)
    raw["version"] = 2
    for row in raw["programs"]:
        for name in DOSE:
            del row[name]
    for row in raw["visa_a"]:
        del row["side"]
    before = copy.deepcopy(raw)
    checked = document.check(raw)
    assert raw == before
    defaults = Settings()
    assert {(p.lower_seconds, p.rest_seconds, p.get_ready_seconds, p.load_kg)
            for p in checked.programs} == {
        (defaults.lower_seconds, defaults.rest_seconds, defaults.get_ready_seconds,
         defaults.load_kg),
    }  # fmt: skip
    assert [v.side for v in checked.visa_a] == [None, None]


def test_every_problem_is_named_and_the_first_five_are_said(filled: History) -> None:
    raw = good_document(filled)
    for session in raw["sessions"]:
        session["reason"] = None
        for one in session["sets"]:
            one["pain"] = 11
    with pytest.raises(document.DocumentError) as caught:
        document.check(raw)
    pain = "must be a whole number from 0 to 10, or null (got 11)"
    assert caught.value.problems == [
        "sessions[0].reason: must be text (got None)",
        f"sessions[0].sets[0].pain: {pain}",
        f"sessions[0].sets[1].pain: {pain}",
        "sessions[1].reason: must be text (got None)",
        f"sessions[1].sets[0].pain: {pain}",
    ]
    raw["sessions"][0]["note"] = raw["sessions"][1]["note"] = 1
    with pytest.raises(document.DocumentError) as caught:
        document.check(raw)
    assert str(caught.value) == "; ".join(caught.value.problems[:5]) + "; and 2 more"
