"""Peak memory of a Coach session showing the Progress page on 5 years, against Today."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from coach.bench.processes import alternate, child_env, child_json
from coach.bench.results import BenchError, Result, Stats
from coach.bench.storage import FIVE_YEARS_WEEKS, demo_folder

# The Coach session (coach/bench/children/peak_rss_session.py).
PEAK_RSS_SESSION = "coach.bench.children.peak_rss_session"

PEAK_RSS_GOAL_MB = 250


def peak_rss(runs: int) -> Result:
    """Peak memory of a Coach session showing the Progress page on 5 years, against Today."""
    env = child_env()
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as name:
        folder, made = demo_folder(Path(name), FIVE_YEARS_WEEKS, 5)
        reports: dict[str, list[dict[str, Any]]] = {"progress": [], "today": []}

        def session(page: str) -> float:
            argv = [sys.executable, "-m", PEAK_RSS_SESSION, str(folder), page]
            report = child_json(argv, env, f"peak RSS ({page} page)")
            if report["painted"] != report["watched"] or report.get("empty"):
                raise BenchError(
                    f"the {page} page was not fully drawn: {report['painted']} of "
                    f"{report['watched']} painted, {report.get('empty', 0)} charts empty"
                )
            reports[page].append(report)
            peak: float = report["peak_mb"]
            return peak

        progress, today = alternate(runs, lambda: session("progress"), lambda: session("today"))
    value, baseline = Stats.of(progress), Stats.of(today)
    shown = reports["progress"][-1]
    return Result(
        name="peak RSS, Progress on 5 years",
        unit="MB",
        value=value,
        goal=f"median < {PEAK_RSS_GOAL_MB} MB",
        met=value.median < PEAK_RSS_GOAL_MB,
        baseline_name="the same session showing only the Today page",
        baseline=baseline,
        ratio=value.median / baseline.median,
        notes=[
            f"{shown['painted']} of {shown['watched']} charts painted over Everything "
            f"({shown['summary']}); {made.sessions} sessions, {made.checkins} check-ins, "
            f"{made.visa} VISA-A results",
            "peak resident memory of a fresh process started as `coach` starts; 1 MB = 10^6 bytes",
        ],
    )
