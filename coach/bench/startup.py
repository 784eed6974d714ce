"""Start-up against a bare PySide6 window, to the first paint."""

from __future__ import annotations

import sys

from coach.bench.processes import alternate, child_env, time_lines
from coach.bench.results import Result, Stats
from coach.ui.app import PAINTED_MESSAGE

# The bare window (coach/bench/children/bare_window.py), run as Coach is: `python -m`.
BARE_WINDOW = "coach.bench.children.bare_window"


def startup(runs: int) -> Result:
    env = child_env()
    coach_argv = [sys.executable, "-m", "coach", "--quit-after-show"]
    bare_argv = [sys.executable, "-m", BARE_WINDOW]
    coach, bare = alternate(
        runs,
        lambda: time_lines(coach_argv, env, [PAINTED_MESSAGE])[0],
        lambda: time_lines(bare_argv, env, [PAINTED_MESSAGE])[0],
    )
    value, baseline = Stats.of(coach), Stats.of(bare)
    ratio = value.median / baseline.median
    return Result(
        name="start-up to first paint",
        unit="ms",
        value=value,
        goal="ratio <= 1.5",
        met=ratio <= 1.5,
        baseline_name="bare PySide6 window",
        baseline=baseline,
        ratio=ratio,
        notes=[f"QT_QPA_PLATFORM={env.get('QT_QPA_PLATFORM', '(system default)')}"],
    )
