"""Running the measured programs: their environment, their output, and alternation."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from coach.bench.results import BenchError

First = TypeVar("First")
Second = TypeVar("Second")

# How long a measured program may take to say what it was asked to, and exit.
TIMEOUT_S = 60.0


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    # Measure what a user's machine does: Python caches compiled bytecode. Some
    # containers turn that off, which would charge Coach for recompiling its own
    # modules on every start while the bare baseline has none to compile.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Coach starts on an empty folder of its own: never the user's data (or its lock).
    env["COACH_DATA_DIR"] = tempfile.mkdtemp(prefix="coach-bench-")
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def time_lines(
    argv: list[str], env: dict[str, str], expected: Sequence[str], timeout: float = TIMEOUT_S
) -> list[float]:
    """Milliseconds from starting `argv` until each line of `expected` arrives, in order.

    The program prints each line once it reaches that point (PAINTED_MESSAGE once its
    window is painted); each time is taken when its line arrives, so what the program
    does on its way out is not counted. A program that has not printed every line and
    exited within `timeout` seconds is stopped, and a BenchError names what was missing.
    """
    command = f"{' '.join(argv[:3])}..."
    stopped = threading.Event()
    times: list[float] = []
    start = time.perf_counter()
    with subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:

        def stop() -> None:
            stopped.set()
            proc.kill()

        watchdog = threading.Timer(timeout, stop)
        watchdog.start()
        try:
            assert proc.stdout is not None  # noqa: S101 - PIPE was asked for
            printed = ""
            for line in expected:
                printed = proc.stdout.readline().strip()
                if printed != line:
                    break
                times.append((time.perf_counter() - start) * 1000)
            _, err = proc.communicate()
        finally:
            watchdog.cancel()
    missing = expected[len(times)] if len(times) < len(expected) else None
    if stopped.is_set():
        what = f"had not printed {missing!r}" if missing else "had not exited"
        raise BenchError(f"{command} was stopped after {timeout:g} s: it {what}")
    if proc.returncode != 0:
        last = (err.strip().splitlines() or ["(no output)"])[-1]
        raise BenchError(f"{command} exited with {proc.returncode}: {last}")
    if missing is not None:
        got = f"printed {printed!r} instead" if printed else "printed nothing more"
        raise BenchError(f"{command} did not print {missing!r}: it {got}")
    return times


def alternate(
    runs: int, first: Callable[[], First], second: Callable[[], Second]
) -> tuple[list[First], list[Second]]:
    """Run both `runs` times, interleaved, after one untimed warm-up of each."""
    first()
    second()
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return a, b


def child_json(argv: list[str], env: dict[str, str], what: str) -> dict[str, Any]:
    """Run a benchmark's child process; what it measured is the JSON of its last line."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise BenchError(f"the {what} benchmark exited with {done.returncode}: {last}")
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report
