"""Test setup shared by every test: no display needed, and no Qt leftovers allowed."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from coach import qt_check
from tests.helpers import WallClock
from tests.multimedia import skip_or_fail, why_no_qt_multimedia

if TYPE_CHECKING:
    from coach.domain.timeline import Timeline
    from coach.storage.history import History

# Before Qt is imported anywhere: a bare `pytest` works on a machine with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Python's bytecode cache, even where the environment turns it off (some containers set
# PYTHONDONTWRITEBYTECODE): else each run compiles every test module again (pytest rewrites
# their asserts: 7 of the 10 s that collecting took on a 2-core machine), and every Coach
# a test starts compiles Coach, numpy and pyqtgraph again. Git ignores the caches.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# The tests' temporary folders in memory, where /dev/shm is a tmpfs with room (1 GiB) and
# TMPDIR says nothing else: Coach's database syncs every commit to the disk (synchronous=
# FULL), and on a shared machine the tests' thousands of commits waited on the disk for a
# tenth of the run or more. No test here tests the disk itself: test_faults mounts its own.
SHM = Path("/dev/shm")  # noqa: S108 - as in /tmp, pytest makes its own 0700 folder there
if (
    "TMPDIR" not in os.environ
    and SHM.is_dir()
    and os.access(SHM, os.W_OK)
    and shutil.disk_usage(SHM).free > 2**30
):
    tempfile.tempdir = os.environ["TMPDIR"] = str(SHM)

# Hypothesis tries 100 examples a test on CI (its default), a quarter of that locally, so
# that `uv run pytest` stays quick; a test that asks for its own number asks through
# tests.helpers.examples, which takes the same share of it.
settings.register_profile("ci", max_examples=100)
settings.register_profile("local", max_examples=25)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "local")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow", action="store_true",
        help="also run the tests marked slow (CI, with CI=true, always runs them)",
    )  # fmt: skip


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The slow tests (a benchmark, 30 kills of a workout, a wheel build, sound played in
    real time, pytest run in a child, every command run with a socket guard or without a
    library, every bad value of every option) are opt-in locally, so that `uv run pytest`
    stays quick; CI runs every one of them."""
    if config.getoption("--slow") or os.environ.get("CI") == "true":
        return
    later = pytest.mark.skip(reason="slow: run with --slow (CI runs it)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(later)


@pytest.hookimpl(tryfirst=True)
def pytest_configure() -> None:
    """Where a system library Qt needs is missing, say which in one line and stop.

    pytest-qt imports Qt as the run starts, and would end it in a traceback; this runs
    first. Without QtMultimedia alone (no libpulse0), everything runs, and the few tests
    that play sound are skipped (tests/multimedia.py).
    """
    for module in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtTest"):
        try:
            importlib.import_module(module)
        except ImportError as e:
            problem = qt_check.import_problem(e)
            if problem is None:
                raise
            pytest.exit(f"the tests need Qt: {problem.removeprefix('coach: ')}", returncode=1)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """No test, nor any `coach` it starts, ever touches the user's real data folder,
    nor their applications menu (`coach install-desktop` writes under XDG_DATA_HOME)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))


@pytest.fixture(autouse=True)
def no_network() -> Iterator[list[str]]:
    """Fail a test in which anything opens a connection to a non-local address.

    Loopback and AF_UNIX (PulseAudio, D-Bus) stay open. Yields what was refused, which
    the guard's own tests inspect and clear. The guard and its limits: tests/test_isolation.py.
    """
    from tests.test_isolation import guard_sockets  # noqa: PLC0415 - the guard lives with its tests

    refused: list[str] = []
    undo = guard_sockets(refused.append)
    try:
        yield refused
    finally:
        undo()
    assert not refused, f"the test reached for the network: {refused}"


@pytest.fixture(autouse=True)
def _no_qt_leftovers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a Qt test that leaves a timer running or a window open (STYLE.md #8).

    Autouse fixtures are set up before `qtbot` and so torn down after it: by the
    time this checks, qtbot has closed the widgets the test registered.
    """
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QTimer  # noqa: PLC0415 - only Qt tests pay for Qt
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415
    from shiboken6 import isValid  # noqa: PLC0415

    started: list[QTimer] = []
    original_start = QTimer.start

    def recording_start(timer: QTimer, *args: object) -> None:
        started.append(timer)
        original_start(timer, *args)

    # Patching a method of a Qt class for the test only: napari's technique.
    QTimer.start = recording_start  # type: ignore[method-assign] # restored below
    try:
        yield
    finally:
        QTimer.start = original_start  # type: ignore[method-assign] # undo the patch
    QApplication.processEvents()
    running = [t for t in started if isValid(t) and t.isActive()]
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for w in windows:
        w.close()
    assert not running, f"{len(running)} QTimer(s) still running after the test"
    assert not windows, f"windows left open: {[type(w).__name__ for w in windows]}"


@pytest.fixture
def sound_output(qapp: object) -> None:
    """Needs a real sound output: skipped where there is none, but failed on CI.

    None means: QtMultimedia cannot load (libpulse0 missing), or no sound server, or
    no output. `.ci/run` starts a PulseAudio null sink, so CI always exercises the
    real QtMultimedia path; a developer without sound still gets a green `uv run pytest`.
    """
    if (reason := why_no_qt_multimedia()) is not None:
        skip_or_fail(reason, on_ci_say="CI must install libpulse0 (.ci/run)")
    from coach.audio.player import output_available  # noqa: PLC0415 - Qt tests only

    if not output_available():
        skip_or_fail(
            "no sound output on this machine (start a PulseAudio null sink to run this)",
            on_ci_say="CI must start the PulseAudio null sink (.ci/run)",
        )


@pytest.fixture
def wall() -> WallClock:
    return WallClock()


@pytest.fixture
def store(tmp_path: Path, wall: WallClock) -> Iterator[History]:
    """A real database file in tmp_path, stamped by the test's wall clock."""
    from coach.storage.history import History  # noqa: PLC0415 - storage tests only

    with History.open(tmp_path / "data", now=wall) as s:
        yield s


@pytest.fixture
def short_timeline() -> Timeline:
    """Alfredson, right side, 2 sets of 2 reps: 4 sets in all."""
    from coach.domain.plan import plan  # noqa: PLC0415
    from coach.domain.protocols import ALFREDSON  # noqa: PLC0415
    from coach.domain.settings import Injured, Settings  # noqa: PLC0415
    from coach.domain.timeline import timeline  # noqa: PLC0415

    return timeline(plan(ALFREDSON, Settings(injured=Injured.RIGHT, reps=2, sets=2)))
