from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coach import bench
from coach.bench import audio, processes, rss
from coach.bench.children import bare_window
from coach.bench.report import format_table
from coach.bench.results import BenchError, Result, Stats, percentile
from coach.ui.app import PAINTED_MESSAGE, READY_MESSAGE

COACH = Path(__file__).resolve().parent.parent / "coach"


def test_stats_median_and_nearest_rank_p95() -> None:
    s = Stats.of([5.0, 1.0, 3.0, 2.0, 4.0])
    assert s.median == 3.0
    assert s.p95 == 5.0
    s = Stats.of([float(i) for i in range(1, 101)])
    assert s.median == 50.5
    assert s.p95 == 95.0


def test_percentile_is_a_measured_value() -> None:
    samples = [float(i) for i in range(1, 11)]
    assert percentile(samples, 99) == 10.0
    assert percentile(samples, 50) == 5.0
    assert percentile([7.0], 99) == 7.0


def test_table_shows_ratio_and_verdict() -> None:
    result = Result(
        name="start-up to first paint", unit="ms", value=Stats.of([150.0, 160.0, 170.0]),
        goal="ratio <= 1.5", met=False, baseline_name="bare", baseline=Stats.of([100.0] * 3),
        ratio=1.6,
    )  # fmt: skip
    info = {"system": "Linux", "cores": 2, "memory_gib": 24, "python": "3.11", "pyside6": "6"}
    memory = Result(
        name="peak RSS, Progress on 5 years", unit="MB", value=Stats.of([165.0, 166.0, 167.0]),
        goal="median < 250 MB", met=True, baseline_name="Today", baseline=Stats.of([115.0] * 3),
        ratio=166.0 / 115.0,
    )  # fmt: skip
    usable = Result(
        name="start-up to a usable Today page", unit="ms", value=Stats.of([190.0] * 3),
        goal="ratio <= 2.0", met=True, baseline_name="bare", baseline=Stats.of([100.0] * 3),
        ratio=1.9,
    )  # fmt: skip
    table = format_table([result, usable, memory], 3, info)
    assert "160.0" in table
    assert "1.60" in table
    assert "NOT MET" in table
    lines = table.splitlines()
    startup_row = next(line for line in lines if line.startswith("start-up"))
    memory_row = next(line for line in lines if line.startswith("peak RSS"))
    assert "1.44  median < 250 MB: met" in memory_row
    usable_row = next(line for line in lines if line.startswith("start-up to a usable"))
    assert "1.90  ratio <= 2.0: met" in usable_row
    # The longest names still leave the figures in their columns.
    assert memory_row.index("166.0") == startup_row.index("160.0")
    assert usable_row.index("190.0") == startup_row.index("160.0")


def test_vm_hwm_is_read_from_proc_status() -> None:
    status = "Name:\tpython\nVmPeak:\t  900000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 1000 kB\n"
    assert rss.vm_hwm_kib(status) == 204_800
    with pytest.raises(BenchError, match="VmHWM"):
        rss.vm_hwm_kib("Name:\tpython\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/status is Linux's")
def test_peak_rss_of_a_child_is_its_own() -> None:
    # Linux's ru_maxrss would give a child the peak of its parent; VmHWM does not.
    ballast = b"x" * 150_000_000  # this process: over 150 MB resident
    child = subprocess.run(
        [sys.executable, "-c", "from coach.bench.rss import peak_rss_mb; print(peak_rss_mb())"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert rss.peak_rss_mb() > 150
    assert 1 < float(child.stdout) < 120  # Python and PySide6: about 50
    del ballast


@pytest.mark.slow
def test_bench_measures_start_up_against_a_bare_window(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.run(runs=3, as_json=True) == 0
    doc = json.loads(capsys.readouterr().out)
    results = doc["results"]
    startup, ready, onsets, lateness, cpu, insert, open_db, export, weeks, years, memory = results
    assert startup["name"] == "start-up to first paint"
    assert len(startup["value"]["samples"]) == 3
    assert len(startup["baseline"]["samples"]) == 3
    assert startup["ratio"] == pytest.approx(
        startup["value"]["median"] / startup["baseline"]["median"]
    )
    # Both programs really started Qt and painted: no process does that in under 20 ms.
    assert min(startup["value"]["samples"] + startup["baseline"]["samples"]) > 20
    # The same runs of Coach, to a usable Today page: after the first paint, each time.
    assert (ready["name"], ready["goal"]) == ("start-up to a usable Today page", "ratio <= 2.0")
    assert ready["baseline"] == startup["baseline"]
    assert all(
        paint < usable
        for paint, usable in zip(
            startup["value"]["samples"], ready["value"]["samples"], strict=True
        )
    )
    assert ready["ratio"] == pytest.approx(ready["value"]["median"] / ready["baseline"]["median"])
    assert ready["met"] == (ready["ratio"] <= 2.0)
    assert doc["machine"]["cores"] >= 1
    # Every sound on its cue's sample, found by reading the rendered audio.
    assert onsets["name"] == "audio onset error"
    assert onsets["value"]["samples"]
    assert max(onsets["value"]["samples"]) == 0
    assert onsets["met"]
    # A real-time workout ran: one lateness per phase change (2 reps x 4 phases).
    assert lateness["name"] == "visual lateness"
    assert len(lateness["value"]["samples"]) == 8
    assert all(0 <= ms < 1000 for ms in lateness["value"]["samples"])
    assert cpu["name"] == "CPU during a workout"
    assert 0 < cpu["value"]["median"] < 100
    # The storage rows time real work: a commit per set, a 5-year file, 100 000 rows.
    assert insert["name"] == "durable insert of one set"
    assert len(insert["value"]["samples"]) == 50
    assert open_db["name"] == "open 5 years of history"
    assert open_db["notes"][0].endswith("sets")
    assert int(open_db["notes"][0].split()[0]) > 5 * 365  # twice a day, some missed
    assert export["name"] == "export 100 000 sets to CSV"
    assert len(export["value"]["samples"]) == 3
    assert min(export["value"]["samples"]) > 0
    # The Progress page was shown, in fresh processes, on 12 weeks and on 5 years.
    assert (weeks["name"], years["name"]) == ("Progress page, 12 weeks", "Progress page, 5 years")
    for page in (weeks, years):
        assert len(page["value"]["samples"]) == 3
        imported = float(page["notes"][0].rsplit("median ", 1)[1].removesuffix(" ms"))
        assert 0 < imported < page["value"]["median"]  # the import is part of the first show
    assert int(years["notes"][1].split()[0]) > 20 * int(weeks["notes"][1].split()[0])
    # A Coach session with the Progress page on 5 years, against one showing only Today,
    # alternated: every chart painted over all the data, and pyqtgraph's memory shows.
    assert (memory["name"], memory["unit"]) == ("peak RSS, Progress on 5 years", "MB")
    assert len(memory["value"]["samples"]) == len(memory["baseline"]["samples"]) == 3
    stored = years["notes"][1].split(",")[0]  # "3287 sessions": 5 years, as above
    assert memory["notes"][0].startswith(f"5 of 5 charts painted over Everything ({stored})")
    assert memory["ratio"] == pytest.approx(
        memory["value"]["median"] / memory["baseline"]["median"]
    )
    assert memory["value"]["median"] > memory["baseline"]["median"] > 10
    assert memory["met"] == (memory["value"]["median"] < 250)


def test_detect_onsets_finds_sound_after_silence() -> None:
    samples = [0] * 5000 + [30000, -30000, 20000] + [0] * 5000 + [-20000] + [0] * 10
    assert audio.detect_onsets(samples) == [5000, 10003]
    assert audio.detect_onsets([0] * 100) == []


# -- the measured programs ----------------------------------------------------------------
def imports_outside_functions(path: Path) -> set[str]:
    """The modules that importing `path` imports itself (not those its functions import)."""
    found: set[str] = set()
    nodes: list[ast.AST] = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while nodes:
        node = nodes.pop()
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add(node.module or "")
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            nodes.extend(ast.iter_child_nodes(node))
    return found


def test_the_bare_window_imports_nothing_of_coach() -> None:
    """`python -m coach.bench.children.bare_window` imports the packages it is run from
    first: they import nothing, so the baseline pays for Python and PySide6 alone."""
    for package in ("coach", "coach/bench", "coach/bench/children"):
        init = COACH.parent / package / "__init__.py"
        assert imports_outside_functions(init) <= {"__future__"}, package
    window = imports_outside_functions(COACH / "bench" / "children" / "bare_window.py")
    assert window == {"__future__", "sys", "PySide6.QtCore", "PySide6.QtWidgets"}
    code = "import sys; before = set(sys.modules); import coach.bench.children; " + (
        "print(sorted(set(sys.modules) - before))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout == "['coach', 'coach.bench', 'coach.bench.children']\n"
    assert bare_window.PAINTED_MESSAGE == PAINTED_MESSAGE


def printing(*lines: str, then: str = "") -> list[str]:
    """A program that prints `lines`, one at a time, then runs `then`."""
    code = "".join(f"print({line!r}, flush=True)\n" for line in lines) + then
    return [sys.executable, "-c", code]


def test_each_line_is_timed_as_it_arrives() -> None:
    argv = printing(PAINTED_MESSAGE, then=f"import time; time.sleep(0.2); print({READY_MESSAGE!r})")
    painted, ready = processes.time_lines(argv, dict(os.environ), [PAINTED_MESSAGE, READY_MESSAGE])
    assert 0 < painted < ready
    assert ready - painted >= 200


def test_a_line_never_printed_is_named() -> None:
    with pytest.raises(BenchError, match=re.escape(f"did not print {READY_MESSAGE!r}")):
        processes.time_lines(
            printing(PAINTED_MESSAGE), dict(os.environ), [PAINTED_MESSAGE, READY_MESSAGE]
        )
    with pytest.raises(BenchError, match="printed 'hello' instead"):
        processes.time_lines(printing("hello"), dict(os.environ), [PAINTED_MESSAGE])


def test_a_program_that_never_says_it_is_ready_is_stopped() -> None:
    argv = printing(PAINTED_MESSAGE, then="import time; time.sleep(60)")
    said = f"stopped after 0.5 s: it had not printed {READY_MESSAGE!r}"
    with pytest.raises(BenchError, match=re.escape(said)):
        processes.time_lines(argv, dict(os.environ), [PAINTED_MESSAGE, READY_MESSAGE], timeout=0.5)


def test_a_program_that_fails_says_why() -> None:
    argv = printing(PAINTED_MESSAGE, then="raise SystemExit('no display here')")
    with pytest.raises(BenchError, match="exited with 1: no display here"):
        processes.time_lines(argv, dict(os.environ), [PAINTED_MESSAGE, READY_MESSAGE])
