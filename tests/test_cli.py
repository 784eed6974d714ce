from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach import __version__, cli
from coach.cli import main
from coach.cli.parser import app_parser, build_parser, opens_the_app
from coach.ui.app import PAINTED_MESSAGE, READY_MESSAGE

PLAN = ["plan", "--protocol", "alfredson", "--injured", "right"]


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as e:  # argparse exits on its own for errors, --help, --version
        status = int(e.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_plan_prints_a_readable_plan(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_main(capsys, *PLAN)
    assert status == 0
    assert "Heel drop off a step, knee straight: 3 sets x 15 reps, right leg" in out
    assert "UP on your LEFT leg" in out
    assert "Session length: 15 min 35 s" in out


def test_plan_json_is_the_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_main(
        capsys, "plan", "--protocol", "jonsson", "--injured", "both", "--lower-seconds", "5",
        "--rest-seconds", "30", "--reps", "10", "--sets", "2", "--load-kg", "7.5", "--json",
    )  # fmt: skip
    assert status == 0
    doc = json.loads(out)
    assert doc["protocol"] == "jonsson"
    assert doc["settings"] == {
        "injured": "both", "lower_seconds": 5, "rest_seconds": 30, "reps": 10, "sets": 2,
        "load_kg": 7.5, "get_ready_seconds": 5,
    }  # fmt: skip
    # 5 s get ready; 4 sets (2 per side) of 10 reps x (3 box + 1 + 5 + 1) s; 3 rests of 30 s.
    assert doc["duration_s"] == 5 + 4 * 10 * 10 + 3 * 30
    kinds = {c["kind"] for c in doc["cues"]}
    assert kinds == {
        "get_ready", "exercise_start", "set_start", "up", "shift", "lower", "beat", "reset",
        "set_end", "rest", "done",
    }  # fmt: skip
    beats = [c for c in doc["cues"] if c["kind"] == "beat"]
    assert len(beats) == 4 * 10 * 5
    assert doc["cues"][-1] == {
        "t": doc["duration_s"], "duration": 0.0, "kind": "done", "text": "Session done",
        "detail": "Well done. That is all for this session.", "exercise": None, "set": None,
        "rep": None, "side": None, "beat": None,
    }  # fmt: skip


BAD_VALUES = [
    ("--protocol", "stretching", "must be one of alfredson, jonsson"),
    ("--injured", "middle", "must be one of left, right, both"),
    ("--lower-seconds", "1", "from 2 to 10 s"),
    ("--lower-seconds", "11", "from 2 to 10 s"),
    ("--lower-seconds", "2.5", "whole number"),
    ("--rest-seconds", "-1", "from 0 to 600 s"),
    ("--rest-seconds", "601", "from 0 to 600 s"),
    ("--reps", "0", "from 1 to 50"),
    ("--reps", "51", "from 1 to 50"),
    ("--reps", "lots", "from 1 to 50"),
    ("--sets", "0", "from 1 to 10"),
    ("--sets", "11", "from 1 to 10"),
    ("--load-kg", "-0.5", "from 0 to 200 kg"),
    ("--load-kg", "200.5", "from 0 to 200 kg"),
    ("--load-kg", "nan", "from 0 to 200 kg"),
    ("--load-kg", "inf", "from 0 to 200 kg"),
    ("--load-kg", "", "from 0 to 200 kg"),
    ("--get-ready-seconds", "31", "from 0 to 30 s"),
]


@pytest.mark.parametrize(("option", "value", "allowed"), BAD_VALUES)
def test_a_bad_value_exits_2_with_one_line_naming_option_and_range(
    capsys: pytest.CaptureFixture[str], option: str, value: str, allowed: str
) -> None:
    options = {"--protocol": "alfredson", "--injured": "right", option: value}
    status, out, err = run_main(capsys, "plan", *[x for kv in options.items() for x in kv])
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert option in err
    assert allowed in err
    assert "Traceback" not in err


@pytest.mark.parametrize("missing", ["--protocol", "--injured"])
def test_a_missing_required_option_is_named(
    capsys: pytest.CaptureFixture[str], missing: str
) -> None:
    argv = list(PLAN)
    i = argv.index(missing)
    del argv[i : i + 2]
    status, _, err = run_main(capsys, *argv)
    assert status == 2
    assert err.count("\n") == 1
    assert f"{missing}: required, one of" in err


@pytest.mark.parametrize(
    "argv", [["--nonsense"], ["fly"], ["plan", "--reps"], ["bench", "--runs", "1"]]
)
def test_unknown_or_incomplete_command_lines_exit_2_in_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, _, err = run_main(capsys, *argv)
    assert status == 2
    assert err.count("\n") == 1
    assert err.startswith("coach")


APP_LINES = [
    [], ["--quit-after-show"], ["--data-dir", "x"], ["--data-dir=x", "--quit-after-show"],
    ["--data-dir", "plan"], ["--data-dir", "x", "--data-dir", "y"],
    ["--data-dir"], ["--data-dir", ""], ["--data-dir="], ["--data-dir", "--quit-after-show"],
]  # fmt: skip


@pytest.mark.parametrize("argv", APP_LINES, ids=" ".join)
def test_the_app_parser_reads_app_lines_exactly_as_the_full_one(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`coach` without a command skips building every command's parser (start-up time)."""
    assert opens_the_app(argv)
    outcomes = []
    for parser in (app_parser(), build_parser()):
        try:
            outcomes.append(vars(parser.parse_args(argv)))
        except SystemExit as e:
            outcomes.append({"status": e.code, "said": capsys.readouterr().err})
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize(
    "argv", [["plan"], ["--help"], ["-h"], ["--version"], ["--data"], ["x"],
             ["--data-dir", "x", "doctor"], ["--quit-after-show", "--bogus"]],
    ids=" ".join,
)  # fmt: skip
def test_anything_else_gets_the_full_parser(argv: list[str]) -> None:
    assert not opens_the_app(argv)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_main(capsys, "--version")
    assert status == 0
    assert out.strip() == f"coach {__version__}"


def _python_m_coach(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "coach", *argv],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_python_dash_m_coach_runs_the_same_command() -> None:
    done = _python_m_coach("plan", "--protocol", "jonsson", "--injured", "left", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["duration_s"] == 5 + 3 * 15 * 7 + 2 * 60


def test_quit_after_show_opens_paints_and_exits_0() -> None:
    done = _python_m_coach("--quit-after-show")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [PAINTED_MESSAGE, READY_MESSAGE]


def test_a_closed_pipe_is_not_a_traceback() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen(
        [sys.executable, "-m", "coach", *PLAN, "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    ) as proc:  # fmt: skip
        assert proc.stdout is not None
        proc.stdout.read(10)
        proc.stdout.close()  # the reader goes away, like `coach plan --json | head -c 10`
        assert proc.stderr is not None
        err = proc.stderr.read().decode()
    assert "Traceback" not in err


# -- data commands ----------------------------------------------------------------
def coach(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args], capture_output=True, text=True, timeout=120,
        check=False, env=env,
    )  # fmt: skip


def test_demo_export_and_import_round_trip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    status, out, _ = run_main(capsys, "demo", "--weeks", "2", "--seed", "4", "--data-dir", data)
    assert status == 0
    assert out.startswith("Wrote ")
    csv_out, json_out = tmp_path / "h.csv", tmp_path / "h.json"
    status, out, _ = run_main(
        capsys, "--data-dir", data, "export", "--format", "csv", "--out", str(csv_out)
    )
    assert status == 0
    rows = len(csv_out.read_text(encoding="utf-8").splitlines()) - 1
    assert out == f"Wrote {rows} rows to {csv_out}\n"
    status, _, _ = run_main(
        capsys, "export", "--format", "json", "--out", str(json_out), "--data-dir", data
    )
    assert status == 0
    other = str(tmp_path / "other")
    status, out, _ = run_main(capsys, "import", str(json_out), "--data-dir", other)
    doc = json.loads(json_out.read_text(encoding="utf-8"))
    sessions, checkins = len(doc["sessions"]), len(doc["checkins"])
    assert status == 0
    assert out.startswith(f"Added {sessions} sessions ({rows} sets), 1 program, {checkins} morning")
    status, out, _ = run_main(capsys, "import", str(json_out), "--data-dir", other)
    assert out.startswith("Nothing new to add. Already in your history, left as they are: ")
    assert f"{sessions} sessions, 1 program, {checkins} morning check-ins" in out


def test_the_environment_names_the_data_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "env"))
    assert run_main(capsys, "demo", "--weeks", "1")[0] == 0
    assert (tmp_path / "env" / "coach.sqlite3").exists()


def test_export_takes_a_date_range_and_checks_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    run_main(capsys, "demo", "--weeks", "2", *data)
    out = tmp_path / "h.json"
    status, _, err = run_main(capsys, "export", "--format", "json", "--out", str(out),
                              "--from", "2026-13-01", *data)  # fmt: skip
    assert (status, err) == (2, "coach export: error: argument --from: must be a date as "
                                "YYYY-MM-DD (got '2026-13-01')\n")  # fmt: skip
    status, _, err = run_main(capsys, "export", "--format", "json", "--out", str(out),
                              "--from", "2026-11-20", "--to", "2026-11-01", *data)  # fmt: skip
    assert status == 2
    assert "is after --to" in err
    assert not out.exists()


def test_export_without_data_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    none = str(tmp_path / "none")
    out = str(tmp_path / "x.csv")
    status, _, err = run_main(capsys, "export", "--format", "csv", "--out", out, "--data-dir", none)
    assert (status, err) == (1, f"coach export: error: no Coach data in {tmp_path / 'none'}\n")
    assert not (tmp_path / "none").exists()


def test_an_invalid_import_exits_2_naming_the_problem_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    run_main(capsys, "demo", "--weeks", "1", *data)
    good = tmp_path / "h.json"
    run_main(capsys, "export", "--format", "json", "--out", str(good), *data)
    before = good.read_text(encoding="utf-8")
    doc = json.loads(before)
    doc["sessions"][0]["id"] = "new-id"
    doc["sessions"][0]["sets"][2]["reps"] = -1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    status, _, err = run_main(capsys, "import", str(bad), *data)
    assert status == 2
    assert err.startswith(
        f"coach import: error: {bad} cannot be imported: sessions[0].sets[2].reps"
    )
    run_main(capsys, "export", "--format", "json", "--out", str(good), *data)
    after = json.loads(good.read_text(encoding="utf-8"))
    assert after["sessions"] == json.loads(before)["sessions"]


def test_demo_refuses_a_folder_with_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert run_main(capsys, "demo", "--weeks", "1", *data)[0] == 0
    status, _, err = run_main(capsys, "demo", "--weeks", "1", *data)
    assert status == 2
    assert "already holds" in err


@pytest.mark.slow
def test_a_second_coach_on_the_same_folder_exits_1_and_touches_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path)}
    first = subprocess.Popen(
        [sys.executable, "-m", "coach"], env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        backups = tmp_path / "backups"
        deadline = time.monotonic() + 60

        def settled() -> bool:
            backed_up = any(backups.glob("coach-*.sqlite3"))
            return backed_up and (tmp_path / "settings.ini").exists()

        while not settled() and time.monotonic() < deadline:
            # Until the first has opened its history, backed it up, and (on its first start)
            # noted that it offered the set-up wizard: what it writes itself.
            time.sleep(0.1)
        before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
        second = coach(env=env)
        assert second.returncode == 1
        assert "Coach is already running" in second.stderr
        assert f"process {first.pid}" in second.stderr
        assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before
        for command in (["demo", "--weeks", "1"], ["import", str(tmp_path / "x.json")]):
            (tmp_path / "x.json").write_text('{"format": "coach-export", "version": 1, '
                                             '"sessions": []}')  # fmt: skip
            assert coach(*command, env=env).returncode == 1
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_a_data_folder_that_cannot_be_made_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    status, _, err = run_main(capsys, "demo", "--weeks", "1", "--data-dir", str(blocker / "d"))
    assert status == 1
    assert err == f"coach demo: error: Not a directory: {blocker / 'd'}\n"


# -- report -----------------------------------------------------------------------
def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader  # noqa: PLC0415 - only the report tests read PDFs

    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.mark.usefixtures("qapp")
def test_report_writes_the_history_as_a_pdf(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    assert run_main(capsys, "demo", "--weeks", "3", *data)[0] == 0
    out = tmp_path / "report.pdf"
    status, stdout, err = run_main(capsys, "report", "--out", str(out), *data)
    assert (status, err) == (0, "")
    assert stdout.startswith(f"Wrote {out} (")
    text = _pdf_text(out)
    assert text.startswith("Achilles exercise report")
    assert "Alfredson heel drops off a step" in text
    today = datetime.now().astimezone().date()  # the demo's history ends yesterday
    first, last = today - timedelta(days=6), today - timedelta(days=2)
    status, stdout, _ = run_main(capsys, "report", "--out", str(out), "--from", str(first),
                                 "--to", str(last), *data)  # fmt: skip
    assert status == 0
    assert stdout.endswith(f", {first} to {last})\n")
    assert "(5 days, as asked)" in _pdf_text(out)


@pytest.mark.parametrize(
    ("out", "extra", "message"),
    [
        (None, [], "argument --out: required, a file name ending in .pdf"),
        ("missing/r.pdf", [], "argument --out: folder"),
        (".", [], "is a folder"),
        ("r.txt", [], "must be a file name ending in .pdf"),
        ("r.pdf", ["--from", "2026-11-20", "--to", "2026-11-01"], "--from 2026-11-20 is after"),
        ("r.pdf", ["--to", "yesterday"], "argument --to: must be a date as YYYY-MM-DD"),
    ],
)
def test_report_misuse_exits_2_in_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, out: str | None, extra: list[str],
    message: str,
) -> None:  # fmt: skip
    data = tmp_path / "data"
    run_main(capsys, "demo", "--weeks", "1", "--data-dir", str(data))
    before = sorted(tmp_path.rglob("*"))
    argv = ["report", "--data-dir", str(data), *extra]
    if out is not None:
        argv += ["--out", str(tmp_path / out)]
    status, stdout, err = run_main(capsys, *argv)
    assert (status, stdout) == (2, "")
    assert err.startswith("coach report: error: ")
    assert err.count("\n") == 1
    assert message in err
    assert sorted(tmp_path.rglob("*")) == before


def test_report_without_data_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    none = tmp_path / "none"
    status, _, err = run_main(capsys, "report", "--out", str(tmp_path / "r.pdf"),
                              "--data-dir", str(none))  # fmt: skip
    assert (status, err) == (1, f"coach report: error: no Coach data in {none}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.usefixtures("qapp")
def test_report_that_cannot_be_written_exits_1_and_leaves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.reports import pdf  # noqa: PLC0415 - Qt, for the report tests only

    data = str(tmp_path / "data")
    run_main(capsys, "demo", "--weeks", "1", "--data-dir", data)
    out = tmp_path / "r.pdf"

    def refused(target: Path) -> object:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target.parent))

    monkeypatch.setattr(pdf, "private_temp", refused)
    status, stdout, err = run_main(capsys, "report", "--out", str(out), "--data-dir", data)
    assert (status, stdout) == (1, "")
    assert err == f"coach report: error: Could not write {out}: permission denied.\n"
    assert not out.exists()


def test_report_works_without_a_display(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    run_main(capsys, "demo", "--weeks", "1", "--data-dir", data)
    hidden = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    out = tmp_path / "r.pdf"
    done = coach("report", "--out", str(out), "--data-dir", data, env=env)
    assert done.returncode == 0, done.stderr
    assert _pdf_text(out).startswith("Achilles exercise report")


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "json", "--out", "OUT/h.json"],
        ["report", "--out", "OUT/r.pdf"],
        ["schedule", "--out", "OUT/s.ics"],
        ["demo", "--weeks", "1"],
    ],
    ids=["export", "report", "schedule", "demo"],
)
def test_no_command_creates_a_database_over_an_empty_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    """An emptied database is damage for every command, as for the window and doctor."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "coach.sqlite3").write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("OUT", str(out)) for a in argv]
    status, _out, err = run_main(capsys, "--data-dir", str(folder), *args)
    assert status == 1
    assert "is empty (0 bytes)" in err
    assert len(err.strip().splitlines()) == 1
    assert (folder / "coach.sqlite3").read_bytes() == b""
    assert not list(out.iterdir())


def test_ctrl_c_anywhere_says_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def interrupted(*_a: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_export", interrupted)
    status, out, err = run_main(capsys, "--data-dir", str(tmp_path), "export", "--format",
                                "json", "--out", str(tmp_path / "h.json"))  # fmt: skip
    assert status == 130
    assert out == ""
    assert err == "coach: interrupted; nothing half-written was kept\n"
