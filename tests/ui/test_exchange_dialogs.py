from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from coach.domain.timeline import Timeline
from coach.reports import calendar
from coach.storage.history import History
from coach.ui import exchange_dialogs as dialogs
from tests.helpers import WallClock, run_sets


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    for name in ("info", "problem"):
        monkeypatch.setattr(
            dialogs.Tell, name, classmethod(lambda _c, _p, title, text: said.append((title, text)))
        )
    return said


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_writes_the_chosen_format(
    parent: QWidget, store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, told: list[tuple[str, str]], fmt: str,
) -> None:  # fmt: skip
    run_sets(store, short_timeline, wall, 2)
    target = tmp_path / f"out.{fmt}"
    monkeypatch.setattr(dialogs.ChooseExportFile, "ask", classmethod(lambda *_a: (target, fmt)))
    assert dialogs.export_history(parent, store, (None, None)) == target
    text = target.read_text(encoding="utf-8")
    if fmt == "csv":
        assert len(text.splitlines()) == 3  # header and two sets
    else:
        assert json.loads(text)["format"] == "coach-export"
    assert told[0][0] == "Export done"


def test_cancelling_export_writes_nothing(
    parent: QWidget, store: History, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(dialogs.ChooseExportFile, "ask", classmethod(lambda *_a: None))
    assert dialogs.export_history(parent, store, (None, None)) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_import_adds_a_good_file_and_lists_the_problems_of_a_bad_one(
    parent: QWidget, store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, told: list[tuple[str, str]],
) -> None:  # fmt: skip
    run_sets(store, short_timeline, wall, 2)
    good = tmp_path / "good.json"
    monkeypatch.setattr(dialogs.ChooseExportFile, "ask", classmethod(lambda *_a: (good, "json")))
    dialogs.export_history(parent, store, (None, None))
    with History.open(tmp_path / "other") as other:
        monkeypatch.setattr(dialogs.ChooseImportFile, "ask", classmethod(lambda *_a: good))
        assert dialogs.import_history(parent, other)
        assert other.db.count("sessions") == 1
        assert told[-1][1].startswith("Added 1 session (2 sets)")
        bad = tmp_path / "bad.json"
        doc = json.loads(good.read_text(encoding="utf-8"))
        doc["sessions"][0]["sets"][0]["pain"] = 12
        bad.write_text(json.dumps(doc), encoding="utf-8")
        monkeypatch.setattr(dialogs.ChooseImportFile, "ask", classmethod(lambda *_a: bad))
        assert not dialogs.import_history(parent, other)
        title, text = told[-1]
        assert title == "Cannot import"
        assert "• sessions[0].sets[0].pain: must be a whole number from 0 to 10" in text
        assert "nothing was added" in text


def test_the_report_is_a_pdf_of_the_chosen_range(
    parent: QWidget, store: History, short_timeline: Timeline, wall: WallClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, told: list[tuple[str, str]],
) -> None:  # fmt: skip
    from pypdf import PdfReader  # noqa: PLC0415 - a dev dependency, for reading it back

    run_sets(store, short_timeline, wall, 2)
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(dialogs.ChooseReportFile, "ask", classmethod(lambda *_a: target))
    day = wall.now.date()
    assert dialogs.write_report(parent, store, (day, day)) == target
    words = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert "Achilles exercise report" in words
    assert "Period: 21 Nov 2026 to 21 Nov 2026" in words
    assert told == [("Report written", f"Wrote {target} (1 page).")]


def test_a_report_that_cannot_be_written_says_so_and_leaves_no_file(
    parent: QWidget, store: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
) -> None:  # fmt: skip
    target = tmp_path / "missing" / "report.pdf"
    monkeypatch.setattr(dialogs.ChooseReportFile, "ask", classmethod(lambda *_a: target))
    assert dialogs.write_report(parent, store, (None, None)) is None
    assert told[0][0] == "Report not written"
    assert "No file was written." in told[0][1]
    assert not target.parent.exists()


def test_a_backwards_date_range_is_refused_before_asking_for_a_file(
    parent: QWidget, store: History, wall: WallClock, monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
) -> None:  # fmt: skip
    monkeypatch.setattr(
        dialogs.ChooseReportFile, "ask", classmethod(lambda *_a: pytest.fail("asked for a file"))
    )
    day = wall.now.date()
    assert dialogs.write_report(parent, store, (day, day.replace(day=1))) is None
    assert told[0][0] == "Report not written"
    assert "run backwards" in told[0][1]


# -- File ▸ Export schedule ---------------------------------------------------------
def _start_program(store: History) -> None:
    from coach.domain.program import Program  # noqa: PLC0415 - only the schedule tests
    from coach.domain.settings import Injured  # noqa: PLC0415

    store.programs.start_program(
        Program(id="p1", start=date(2026, 12, 7), protocol="alfredson", injured=Injured.RIGHT)
    )


def test_the_schedule_is_a_calendar_of_the_program(
    parent: QWidget, store: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
) -> None:  # fmt: skip
    import icalendar  # noqa: PLC0415 - only this test reads calendars

    _start_program(store)
    target = tmp_path / "plan.ics"
    suggested: list[str] = []

    def choose(_cls: object, _parent: QWidget, name: str) -> Path:
        suggested.append(name)
        return target

    monkeypatch.setattr(dialogs.ChooseScheduleFile, "ask", classmethod(choose))
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert dialogs.export_schedule(parent, store) == target
    assert suggested == ["coach-schedule-2026-12-07.ics"]
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    events = [e for e in cal.events if "session" in str(e["SUMMARY"])]
    assert len(events) == 168
    first = events[0].start
    assert isinstance(first, datetime)
    assert str(first.tzinfo) == "Europe/Berlin"
    [(title, text)] = told
    assert title == "Schedule exported"
    assert text.startswith(f"Wrote 168 sessions (12 weeks from 7 Dec 2026) to {target}.")


def test_without_a_program_the_schedule_is_not_offered_a_file(
    parent: QWidget, store: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
) -> None:  # fmt: skip
    monkeypatch.setattr(
        dialogs.ChooseScheduleFile, "ask", classmethod(lambda *_a: pytest.fail("asked"))
    )
    assert dialogs.export_schedule(parent, store) is None
    [(title, text)] = told
    assert title == "No program yet"
    assert "Set up a 12-week program" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_schedule_that_cannot_be_written_says_so(
    parent: QWidget, store: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
) -> None:  # fmt: skip
    _start_program(store)
    target = tmp_path / "missing" / "plan.ics"
    monkeypatch.setattr(dialogs.ChooseScheduleFile, "ask", classmethod(lambda *_a: target))
    assert dialogs.export_schedule(parent, store) is None
    [(title, text)] = told
    assert title == "Schedule not exported"
    assert text.startswith(f"Could not write {target}: ")
    assert text.endswith("No file was written.")
    assert not target.parent.exists()


def test_cancelling_the_schedule_writes_nothing(
    parent: QWidget, store: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
) -> None:  # fmt: skip
    _start_program(store)
    monkeypatch.setattr(dialogs.ChooseScheduleFile, "ask", classmethod(lambda *_a: None))
    assert dialogs.export_schedule(parent, store) is None
    assert told == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


@pytest.mark.parametrize(("qt_says", "zone"), [(b"Asia/Kolkata", "Asia/Kolkata"),
                                               (b"Not a zone", None)])  # fmt: skip
def test_the_local_zone_falls_back_to_qts(
    monkeypatch: pytest.MonkeyPatch, qt_says: bytes, zone: str | None
) -> None:
    from PySide6.QtCore import QByteArray  # noqa: PLC0415

    class FakeZone:
        @staticmethod
        def systemTimeZoneId() -> QByteArray:  # noqa: N802 - Qt's name
            return QByteArray(qt_says)

    monkeypatch.setattr(dialogs, "QTimeZone", FakeZone)
    monkeypatch.setattr(calendar, "local_zone_name", lambda: None)
    assert dialogs.local_zone_name() == zone
    monkeypatch.setattr(calendar, "local_zone_name", lambda: "Asia/Tokyo")
    assert dialogs.local_zone_name() == "Asia/Tokyo"
