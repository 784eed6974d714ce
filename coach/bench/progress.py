"""The Progress page's first show in a fresh process, lazy import included."""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from coach.bench.processes import child_env, child_json
from coach.bench.results import Result, Stats
from coach.bench.storage import FIVE_YEARS_WEEKS, demo_folder

# The child that shows the page (coach/bench/children/progress_first_show.py).
PROGRESS_FIRST_SHOW = "coach.bench.children.progress_first_show"


def progress_first_show(runs: int) -> tuple[Result, Result]:
    """The Progress page's first show, lazy import included, on 12 weeks and on 5 years."""
    env = child_env()
    results = []
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as name:
        for weeks, goal_ms, seed in ((12, 150, 7), (FIVE_YEARS_WEEKS, 600, 5)):
            folder, made = demo_folder(Path(name), weeks, seed)
            argv = [sys.executable, "-m", PROGRESS_FIRST_SHOW, str(folder)]
            child_json(argv, env, "Progress page")  # warm-up: the bytecode cache, the disk cache
            shows, imports = [], []
            for _ in range(runs):
                times = child_json(argv, env, "Progress page")
                shows.append(times["show"])
                imports.append(times["import"])
            value = Stats.of(shows)
            span = "12 weeks" if weeks == 12 else "5 years"
            results.append(
                Result(
                    name=f"Progress page, {span}",
                    unit="ms",
                    value=value,
                    goal=f"median < {goal_ms} ms",
                    met=value.median < goal_ms,
                    notes=[
                        f"first show to first paint, in a fresh process; of which importing "
                        f"the page and pyqtgraph: median {statistics.median(imports):.1f} ms",
                        f"{made.sessions} sessions, {made.checkins} check-ins, "
                        f"{made.visa} VISA-A results",
                    ],
                )
            )
    return results[0], results[1]
