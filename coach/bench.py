"""`coach bench`: Coach's speed goals, measured as medians and ratios, never as unit tests.

Shared machines are noisy, so each measurement runs many times, alternating with
its baseline in the same run, and the report gives medians, p95 and the ratio of
medians, which noise on the machine affects far less than absolute times.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from coach import __version__
from coach.ui.app import PAINTED_MESSAGE

# A window that does what `coach --quit-after-show` does, and nothing else.
BARE_WINDOW = f"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def painted():
    print({PAINTED_MESSAGE!r}, flush=True)
    QApplication.quit()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
watcher = FirstPaint(window)
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""


@dataclass(frozen=True)
class Stats:
    median: float
    p95: float
    samples: list[float]

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        ordered = sorted(samples)
        rank = max(0, -(-95 * len(ordered) // 100) - 1)  # nearest-rank percentile
        return cls(statistics.median(ordered), ordered[rank], list(samples))


@dataclass(frozen=True)
class Result:
    name: str
    unit: str
    value: Stats
    goal: str
    met: bool
    baseline_name: str | None = None
    baseline: Stats | None = None
    ratio: float | None = None
    notes: list[str] = field(default_factory=list)


class BenchError(RuntimeError):
    """A measured command failed; the message says which and why."""


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # Measure what a user's machine does: Python caches compiled bytecode. Some
    # containers turn that off, which would charge Coach for recompiling its own
    # modules on every start while the bare baseline has none to compile.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _time_to_first_paint(argv: list[str], env: dict[str, str]) -> float:
    """Milliseconds from starting `argv` until it reports its first painted frame.

    The program prints PAINTED_MESSAGE once its window is painted; the time is taken
    when that line arrives, so what the program does on its way out is not counted.
    """
    start = time.perf_counter()
    with subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None  # noqa: S101 - PIPE was asked for
        line = proc.stdout.readline()
        elapsed = (time.perf_counter() - start) * 1000
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise BenchError(f"{' '.join(argv[:3])}... did not exit") from None
    if proc.returncode != 0 or line.strip() != PAINTED_MESSAGE:
        last = (err.strip().splitlines() or ["(no output)"])[-1]
        raise BenchError(f"{' '.join(argv[:3])}... exited with {proc.returncode}: {last}")
    return elapsed


def _alternate(
    runs: int, first: Callable[[], float], second: Callable[[], float]
) -> tuple[list[float], list[float]]:
    """Run both `runs` times, interleaved, after one untimed warm-up of each."""
    first()
    second()
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return a, b


def startup(runs: int) -> Result:
    env = _child_env()
    coach_argv = [sys.executable, "-m", "coach", "--quit-after-show"]
    bare_argv = [sys.executable, "-c", BARE_WINDOW]
    coach, bare = _alternate(
        runs,
        lambda: _time_to_first_paint(coach_argv, env),
        lambda: _time_to_first_paint(bare_argv, env),
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


def machine() -> dict[str, object]:
    from PySide6 import __version__ as pyside  # noqa: PLC0415 - only the report needs it

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
        f"{'measurement':<28}{'median':>10}{'p95':>10}{'baseline':>10}{'ratio':>8}  goal",
    ]
    for r in results:
        base = f"{r.baseline.median:10.1f}" if r.baseline else f"{'-':>10}"
        ratio = f"{r.ratio:8.2f}" if r.ratio is not None else f"{'-':>8}"
        verdict = "met" if r.met else "NOT MET"
        lines.append(
            f"{r.name + ' (' + r.unit + ')':<28}{r.value.median:10.1f}{r.value.p95:10.1f}"
            f"{base}{ratio}  {r.goal}: {verdict}"
        )
        if r.baseline_name:
            lines.append(f"{'':<4}baseline: {r.baseline_name}; " + "; ".join(r.notes))
    return "\n".join(lines) + "\n"


def run(*, runs: int, as_json: bool) -> int:
    """Run every benchmark; print a table (or JSON). Exit status 1 if a command failed."""
    try:
        results = [startup(runs)]
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
