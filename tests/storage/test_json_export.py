"""The JSON export: private files, and the rows of a date range with the programs they need."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from coach.storage import csv_export, json_export, json_import
from coach.storage.history import History
from tests.helpers import ZONE, WallClock, flag
from tests.storage.exports import ANSWERS, program, write_doc


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_exports_are_private(filled: History, tmp_path: Path) -> None:
    for name, write in (("h.csv", csv_export.export_csv), ("h.json", json_export.export_json)):
        write(filled.db, tmp_path / name)
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


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
    doc = json_export.export_document(
        spread.db,
        date.fromisoformat(first) if first else None,
        date.fromisoformat(last) if last else None,
    )
    assert "".join(p["id"] for p in doc["programs"]) == programs
    assert [c["day"][5:] for c in doc["checkins"]] == checkins
    assert [v["taken"][5:10] for v in doc["visa_a"]] == visa
    assert [e["at"][5:10] for e in doc["events"]] == events
    with History.open(tmp_path / "other", now=wall) as other:  # the file stands on its own
        result = json_import.import_file(other.db, write_doc(tmp_path, doc))
        assert result.events_added == len(events)
