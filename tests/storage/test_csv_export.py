"""The CSV export: one row per set with its session, cells a spreadsheet would run defused."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from coach.domain.timeline import Timeline
from coach.storage import csv_export, json_export
from coach.storage.history import History
from coach.storage.schema import StorageError
from tests.helpers import WallClock, run_sets


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_a_header_and_one_row_per_set_with_its_session(
    filled: History, tmp_path: Path
) -> None:
    out = tmp_path / "h.csv"
    assert csv_export.export_csv(filled.db, out) == 3
    rows = read_csv(out)
    assert list(rows[0]) == list(csv_export.CSV_COLUMNS)
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
    assert csv_export.export_csv(store.db, out) == 6
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
    csv_export.export_csv(filled.db, out)
    assert read_csv(out)[0]["session_note"] == '\'=HYPERLINK("http://x")'
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_export._safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert csv_export._safe_cell("2026-11-21T08:00:00-05:00") == "2026-11-21T08:00:00-05:00"
    assert csv_export._safe_cell(-1) == -1  # numbers are numbers; none of ours is negative


def test_csv_and_json_take_a_date_range(filled: History, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    assert csv_export.export_csv(filled.db, out, first=date(2026, 11, 22)) == 1
    assert csv_export.export_csv(filled.db, out, last=date(2026, 11, 21)) == 2
    doc = json_export.export_document(filled.db, date(2026, 11, 22), date(2026, 11, 22))
    assert len(doc["sessions"]) == 1


def test_a_write_that_fails_leaves_the_old_file_whole(
    filled: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "h.csv"
    out.write_text("the previous export\n", encoding="utf-8")

    def broken(*_args: object, **_kw: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv, "writer", broken)
    with pytest.raises(StorageError, match="the disk is full"):
        csv_export.export_csv(filled.db, out)
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "h.csv"]
