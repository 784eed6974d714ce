"""`coach schedule`: the program as a calendar file, from the command line."""

from __future__ import annotations

import errno
import os
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest

from coach.cli import main
from coach.domain.program import Program
from coach.domain.settings import Injured
from coach.storage.history import History


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as e:  # argparse exits on its own for errors
        status = int(e.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder holding a 12-week program from Monday 7 December 2026."""
    folder = tmp_path / "data"
    with History.open(folder) as store:
        store.programs.start_program(
            Program(id="p1", start=date(2026, 12, 7), protocol="jonsson", injured=Injured.LEFT)
        )
    return folder


def test_schedule_writes_every_session(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    out = tmp_path / "rehab.ics"
    status, stdout, err = run_main(capsys, "schedule", "--out", str(out), "--timezone",
                                   "America/New_York", "--data-dir", str(data))  # fmt: skip
    assert (status, err) == (0, "")
    assert stdout == f"Wrote 168 sessions (12 weeks from 7 Dec 2026) to {out}\n"
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = [e for e in cal.events if "session" in str(e["SUMMARY"])]
    assert len(events) == 168
    first = events[0].start
    assert isinstance(first, datetime)
    assert str(first.tzinfo) == "America/New_York"
    assert "Jonsson heel drops on a flat floor, left leg." in str(events[0]["DESCRIPTION"])


def test_the_zone_defaults_to_the_computers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("TZ", "Australia/Sydney")
    out = tmp_path / "rehab.ics"
    assert run_main(capsys, "--data-dir", str(data), "schedule", "--out", str(out))[0] == 0
    assert b"DTSTART;TZID=Australia/Sydney:20261207T080000" in out.read_bytes()
    monkeypatch.setenv("TZ", "AEST-10")  # a POSIX rule: no zone name, so plain local times
    assert run_main(capsys, "--data-dir", str(data), "schedule", "--out", str(out))[0] == 0
    assert b"DTSTART:20261207T080000\r\n" in out.read_bytes()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--out", "{tmp}/plan.ics", "--timezone", "Mars/Olympus"],
         "argument --timezone: must be a time zone name"),
        (["--out", "{tmp}/plan.ics", "--timezone", "Europe"],
         "argument --timezone: must be a time zone name"),
        ([], "argument --out: required, a file name ending in .ics"),
        (["--out", "{tmp}/plan.txt"], "argument --out: must be a file name ending in .ics"),
        (["--out", "{tmp}/missing/plan.ics"], "argument --out: folder"),
    ],
)  # fmt: skip
def test_schedule_misuse_exits_2_in_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path, argv: list[str],
    message: str,
) -> None:  # fmt: skip
    argv = [a.format(tmp=tmp_path) for a in argv]
    before = sorted(tmp_path.rglob("*"))
    status, stdout, err = run_main(capsys, "schedule", "--data-dir", str(data), *argv)
    assert (status, stdout) == (2, "")
    assert err.startswith("coach schedule: error: ")
    assert err.count("\n") == 1
    assert message in err
    assert sorted(tmp_path.rglob("*")) == before


def test_without_a_program_it_says_to_set_one_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "plan.ics"
    for folder in (tmp_path / "none", tmp_path / "empty"):
        if folder.name == "empty":
            History.open(folder).close()  # a history, but no program in it
        status, stdout, err = run_main(capsys, "schedule", "--out", str(out),
                                       "--data-dir", str(folder))  # fmt: skip
        assert (status, stdout) == (1, "")
        assert err == (
            f"coach schedule: error: no program in {folder}: set up a 12-week program in "
            "the Coach app (on the Today page) first\n"
        )
    assert not out.exists()
    assert not (tmp_path / "none").exists()


def test_a_full_disk_exits_1_and_leaves_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "plan.ics"
    status, stdout, err = run_main(capsys, "schedule", "--out", str(out), "--data-dir", str(data))
    assert (status, stdout) == (1, "")
    assert err == f"coach schedule: error: Could not write {out}: the disk is full.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
