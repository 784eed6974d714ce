"""Start-up against a bare PySide6 window: to the first paint, and to a usable Today page."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from coach.bench.processes import alternate, child_env, time_lines
from coach.bench.results import Result, Stats
from coach.bench.storage import demo_folder
from coach.ui.app import PAINTED_MESSAGE, READY_MESSAGE

# The bare window (coach/bench/children/bare_window.py), run as Coach is: `python -m`.
BARE_WINDOW = "coach.bench.children.bare_window"


def startup(runs: int) -> tuple[Result, Result]:
    """`coach --quit-after-show` and the bare window, alternating, each `runs` times.

    Coach starts on 12 weeks of demo history (a program, sessions, check-ins), and
    says when its first frame is painted and then when the Today page is usable (the
    program shown, its buttons enabled): both are timed in the same process, against
    the same bare window's first paint.
    """
    env = child_env()
    coach_argv = [sys.executable, "-m", "coach", "--quit-after-show"]
    bare_argv = [sys.executable, "-m", BARE_WINDOW]
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as name:
        folder, made = demo_folder(Path(name), 12, seed=5)
        env["COACH_DATA_DIR"] = str(folder)
        coach, bare = alternate(
            runs,
            lambda: time_lines(coach_argv, env, [PAINTED_MESSAGE, READY_MESSAGE]),
            lambda: time_lines(bare_argv, env, [PAINTED_MESSAGE])[0],
        )
    painted, ready = Stats.of([t[0] for t in coach]), Stats.of([t[1] for t in coach])
    baseline = Stats.of(bare)
    platform = f"QT_QPA_PLATFORM={env.get('QT_QPA_PLATFORM', '(system default)')}"
    first_paint = Result(
        name="start-up to first paint",
        unit="ms",
        value=painted,
        goal="ratio <= 1.5",
        met=painted.median / baseline.median <= 1.5,
        baseline_name="bare PySide6 window",
        baseline=baseline,
        ratio=painted.median / baseline.median,
        notes=[platform],
    )
    usable = Result(
        name="start-up to a usable Today page",
        unit="ms",
        value=ready,
        goal="ratio <= 2.0",
        met=ready.median / baseline.median <= 2.0,
        baseline_name="the bare window's first paint",
        baseline=baseline,
        ratio=ready.median / baseline.median,
        notes=[
            f"the program shown, its buttons enabled; 12 weeks of demo history "
            f"({made.sessions} sessions), in the same runs as the first paint",
        ],
    )
    return first_paint, usable
