"""Running every measurement, and the report: a table, or JSON."""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict

from PySide6 import __version__ as pyside

from coach import __version__
from coach.bench.audio import audio_onsets
from coach.bench.memory import peak_rss
from coach.bench.progress import progress_first_show
from coach.bench.results import BenchError, Result
from coach.bench.startup import startup
from coach.bench.storage import durable_insert, export_csv, five_years
from coach.bench.workout import workout_timing


def machine() -> dict[str, object]:
    mem_gib = None
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        mem_gib = round(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30, 1)
    return {
        "coach": __version__,
        "python": platform.python_version(),
        "pyside6": pyside,
        "system": f"{platform.system()} {platform.machine()}",
        "cores": os.cpu_count(),
        "memory_gib": mem_gib,
        "date": time.strftime("%Y-%m-%d"),
    }


def format_table(results: Sequence[Result], runs: int, info: dict[str, object]) -> str:
    lines = [
        f"coach bench: {runs} runs each, alternating with the baseline "
        f"({info['system']}, {info['cores']} cores, {info['memory_gib']} GiB, "
        f"Python {info['python']}, PySide6 {info['pyside6']})",
        "",
        f"{'measurement':<36}{'median':>10}{'p95':>10}{'baseline':>10}{'ratio':>8}  goal",
    ]
    for r in results:
        base = f"{r.baseline.median:10.1f}" if r.baseline else f"{'-':>10}"
        ratio = f"{r.ratio:8.2f}" if r.ratio is not None else f"{'-':>8}"
        verdict = "met" if r.met else "NOT MET"
        lines.append(
            f"{r.name + ' (' + r.unit + ')':<36}{r.value.median:10.1f}{r.value.p95:10.1f}"
            f"{base}{ratio}  {r.goal}: {verdict}"
        )
        if r.baseline_name:
            lines.append(f"{'':<4}baseline: {r.baseline_name}; " + "; ".join(r.notes))
        elif r.notes:
            lines.append(f"{'':<4}" + "; ".join(r.notes))
    return "\n".join(lines) + "\n"


def run_all(*, runs: int, as_json: bool) -> int:
    """Run every benchmark; print a table (or JSON). Exit status 1 if a command failed."""
    try:
        results = [
            *startup(runs),
            audio_onsets(),
            *workout_timing(),
            durable_insert(runs),
            five_years(runs),
            export_csv(runs),
            *progress_first_show(min(runs, 11)),
            peak_rss(min(runs, 11)),
        ]
    except BenchError as e:
        print(f"coach bench: error: {e}", file=sys.stderr)
        return 1
    info = machine()
    if as_json:
        doc = {"runs": runs, "machine": info, "results": [asdict(r) for r in results]}
        print(json.dumps(doc, indent=1))
    else:
        print(format_table(results, runs, info), end="")
    return 0
