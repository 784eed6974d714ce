from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from coach import __version__
from coach.cli import main
from coach.ui.app import PAINTED_MESSAGE

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
    assert done.stdout.strip() == PAINTED_MESSAGE


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
