from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from coach.domain.timeline import Timeline
from coach.storage.store import Store
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
    parent: QWidget, store: Store, short_timeline: Timeline, wall: WallClock, tmp_path: Path,
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
    parent: QWidget, store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(dialogs.ChooseExportFile, "ask", classmethod(lambda *_a: None))
    assert dialogs.export_history(parent, store, (None, None)) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_import_adds_a_good_file_and_lists_the_problems_of_a_bad_one(
    parent: QWidget, store: Store, short_timeline: Timeline, wall: WallClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, told: list[tuple[str, str]],
) -> None:  # fmt: skip
    run_sets(store, short_timeline, wall, 2)
    good = tmp_path / "good.json"
    monkeypatch.setattr(dialogs.ChooseExportFile, "ask", classmethod(lambda *_a: (good, "json")))
    dialogs.export_history(parent, store, (None, None))
    with Store.open(tmp_path / "other") as other:
        monkeypatch.setattr(dialogs.ChooseImportFile, "ask", classmethod(lambda *_a: good))
        assert dialogs.import_history(parent, other)
        assert other.count_sessions() == 1
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
    parent: QWidget, store: Store, short_timeline: Timeline, wall: WallClock, tmp_path: Path,
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
    parent: QWidget, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
) -> None:  # fmt: skip
    target = tmp_path / "missing" / "report.pdf"
    monkeypatch.setattr(dialogs.ChooseReportFile, "ask", classmethod(lambda *_a: target))
    assert dialogs.write_report(parent, store, (None, None)) is None
    assert told[0][0] == "Report not written"
    assert "No file was written." in told[0][1]
    assert not target.parent.exists()


def test_a_backwards_date_range_is_refused_before_asking_for_a_file(
    parent: QWidget, store: Store, wall: WallClock, monkeypatch: pytest.MonkeyPatch,
    told: list[tuple[str, str]],
) -> None:  # fmt: skip
    monkeypatch.setattr(
        dialogs.ChooseReportFile, "ask", classmethod(lambda *_a: pytest.fail("asked for a file"))
    )
    day = wall.now.date()
    assert dialogs.write_report(parent, store, (day, day.replace(day=1))) is None
    assert told[0][0] == "Report not written"
    assert "run backwards" in told[0][1]
