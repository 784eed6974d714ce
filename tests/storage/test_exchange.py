from __future__ import annotations

import copy
import csv
import json
import os
import re
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach.domain.timeline import Timeline
from coach.storage import exchange
from coach.storage.schema import StorageError
from coach.storage.store import Store
from tests.helpers import WallClock, run_sets


@pytest.fixture
def filled(store: Store, short_timeline: Timeline, wall: WallClock) -> Store:
    """Two sessions on two days; the first with pains and a formula-like note."""
    first = run_sets(store, short_timeline, wall, 2)
    store.set_pain(first, 0, 3)
    store.set_note(first, '=HYPERLINK("http://x")')
    wall.advance(days=1)
    run_sets(store, short_timeline, wall, 1)
    return store


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_a_header_and_one_row_per_set_with_its_session(
    filled: Store, tmp_path: Path
) -> None:
    out = tmp_path / "h.csv"
    assert exchange.export_csv(filled, out) == 3
    rows = read_csv(out)
    assert list(rows[0]) == list(exchange.CSV_COLUMNS)
    assert [(r["session_started"][:10], r["set_position"], r["pain"]) for r in rows] == [
        ("2026-11-21", "0", "3"), ("2026-11-21", "1", ""), ("2026-11-22", "0", ""),
    ]  # fmt: skip
    assert rows[0]["set_started"] == "2026-11-21T08:00:00+01:00"
    assert rows[0]["part_of_day"] == "morning"
    assert rows[0]["status"] == "in progress"


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    exchange.export_csv(filled, out)
    assert read_csv(out)[0]["session_note"] == '\'=HYPERLINK("http://x")'
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert exchange._safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert exchange._safe_cell("2026-11-21T08:00:00-05:00") == "2026-11-21T08:00:00-05:00"
    assert exchange._safe_cell(-1) == -1  # numbers are numbers; none of ours is negative


def test_csv_and_json_take_a_date_range(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    assert exchange.export_csv(filled, out, first=date(2026, 11, 22)) == 1
    assert exchange.export_csv(filled, out, last=date(2026, 11, 21)) == 2
    doc = exchange.export_document(filled, date(2026, 11, 22), date(2026, 11, 22))
    assert len(doc["sessions"]) == 1


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_exports_are_private(filled: Store, tmp_path: Path) -> None:
    for name, write in (("h.csv", exchange.export_csv), ("h.json", exchange.export_json)):
        write(filled, tmp_path / name)
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_json_round_trips_into_an_empty_database_and_twice_adds_nothing(
    filled: Store, tmp_path: Path, wall: WallClock
) -> None:
    out = tmp_path / "h.json"
    assert exchange.export_json(filled, out) == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("coach-export", 1)
    with Store.open(tmp_path / "other", now=wall) as other:
        first = exchange.import_file(other, out)
        assert (first.sessions_added, first.sets_added, first.sessions_present) == (2, 3, 0)
        again = exchange.import_file(other, out)
        assert (again.sessions_added, again.sets_added, again.sessions_present) == (0, 0, 2)
        assert [s["id"] for s in exchange.export_document(other)["sessions"]] == [
            s["id"] for s in doc["sessions"]
        ]
        assert [r.sets_done for r in other.sessions()] == [r.sets_done for r in filled.sessions()]
        # A session that was still running where it was exported cannot go on here.
        assert {r.status for r in other.sessions()} == {"partial"}


def test_a_write_that_fails_leaves_the_old_file_whole(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "h.csv"
    out.write_text("the previous export\n", encoding="utf-8")

    def broken(*_args: object, **_kw: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv, "writer", broken)
    with pytest.raises(StorageError, match="no space left on device"):
        exchange.export_csv(filled, out)
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "h.csv"]


def good_document(store: Store) -> dict[str, Any]:
    return exchange.export_document(store)


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda d: d.update(format="other"), '"format": must be "coach-export"'),
        (lambda d: d.update(version=2), '"version": 2 is from a newer Coach'),
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
    filled: Store, tmp_path: Path, wall: WallClock, damage: Any, problem: str
) -> None:
    doc = copy.deepcopy(good_document(filled))
    damage(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with Store.open(tmp_path / "other", now=wall) as other:
        before = exchange.export_document(other)["sessions"]
        with pytest.raises(exchange.ImportFileError) as caught:
            exchange.import_file(other, path)
        assert problem in str(caught.value)
        assert exchange.export_document(other)["sessions"] == before


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{", "not a JSON file (line 1 column 2"),
        (b"\xff\xfe junk", "byte 0: not UTF-8 text"),
        (b"[]", "top level: must be a JSON object"),
    ],
)
def test_a_broken_file_is_refused(store: Store, tmp_path: Path, content: bytes,
                                  problem: str) -> None:  # fmt: skip
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(exchange.ImportFileError, match=re.escape(problem)):
        exchange.import_file(store, path)
    assert store.count_sessions() == 0


def test_an_import_that_fails_midway_writes_nothing(
    filled: Store, tmp_path: Path, wall: WallClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = good_document(filled)
    with Store.open(tmp_path / "other", now=wall) as other:
        calls = 0
        original = other.db.table("sets").insert_all

        def failing(*args: Any, **kw: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls == 2:
                raise StorageError("the disk is full")
            return original(*args, **kw)

        table = other.db.table("sets")
        monkeypatch.setattr(type(table), "insert_all", lambda self, *a, **k: failing(*a, **k))
        with pytest.raises(StorageError):
            exchange.import_document(other, doc)
        assert other.count_sessions() == 0


def test_a_session_record_survives_the_round_trip(
    store: Store, short_timeline: Timeline, wall: WallClock, tmp_path: Path
) -> None:
    sid = run_sets(store, short_timeline, wall, 4)
    store.resume(sid)[0].note("ünïcode ✓")
    out = tmp_path / "h.json"
    exchange.export_json(store, out)
    with Store.open(tmp_path / "other", now=wall) as other:
        exchange.import_file(other, out)
        assert other.session(sid).note == "ünïcode ✓"
        assert other.sets(sid) == store.sets(sid)
