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
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import __version__
from coach.ui.app import PAINTED_MESSAGE

if TYPE_CHECKING:
    from coach.storage.demo import DemoResult

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


# The Progress page's first show, in a fresh process each time (so pyqtgraph's import is
# paid as a user pays it): the store is open, as it is by the time the user can click.
PROGRESS_FIRST_SHOW = """
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from coach.storage.history import History

app = QApplication(sys.argv[:1])
store = History.open(Path(sys.argv[1]))
times = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "show" not in times:
            times["show"] = (time.perf_counter() - start) * 1000
            QTimer.singleShot(0, app.quit)
        return False

start = time.perf_counter()
from coach.ui.progress_view import ProgressView  # brings pyqtgraph
times["import"] = (time.perf_counter() - start) * 1000
view = ProgressView()
view.resize(930, 700)
watcher = FirstPaint(view)
view.installEventFilter(watcher)
view.set_store(store)
view.show()
app.exec()
store.close()
print(json.dumps(times), flush=True)
"""


# A Coach session as `coach` starts one (first frame, then the history, the reminders,
# the daily questions declined), on a data folder given as argv[1], which then opens the
# page named by argv[2]: "progress" (all five charts over "Everything", scrolled
# through so each is painted) or "today" (the page it starts on: the baseline). Prints
# the process's peak resident memory, and what was painted.
PEAK_RSS_SESSION = """
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QEventLoop, QObject
from coach.bench import peak_rss_mb
from coach.ui.app import FirstPaint, create_application, finish_startup
from coach.ui.main_window import MainWindow
from coach.ui.program_dialogs import CheckinDialog
from coach.ui.visa_dialog import VisaDialog

# The morning check-in and the VISA-A would wait for an answer: the user declines both.
CheckinDialog.ask = classmethod(lambda cls, *args: None)
VisaDialog.ask = classmethod(lambda cls, *args: None)

class Painted(QObject):
    def __init__(self, widgets):
        super().__init__()
        self.waiting = set(widgets)
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            self.waiting.discard(watched)
        return False

app = create_application()
window = MainWindow(Path(sys.argv[1]))
first_frame = QEventLoop()  # not app.quit(): in Qt 6 that closes the window too
FirstPaint(window).painted.connect(first_frame.quit)
window.show()
first_frame.exec()
finish_startup(app, window, interactive=False)
if window.store is None:
    sys.exit(f"the history did not open: {window.store_problem}")
report = {}
bar = None
if sys.argv[2] == "progress":
    from coach.domain.trends import Span
    page = window.progress
    page.span_box.setCurrentIndex(page.span_box.findData(Span.EVERYTHING))
    watched = [chart.canvas.viewport() for chart in page.charts]
    bar = page.scroll_area.verticalScrollBar()
    window.nav.setCurrentRow(2)
else:
    watched = [window.today]
painted = Painted(watched)
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    for _ in range(5):  # layouts, then the charts, then their paint
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if bar is not None and bar.value() < bar.maximum():
        bar.setValue(bar.value() + bar.pageStep())  # the user scrolls down the charts
    elif not painted.waiting:
        break
if bar is not None:
    report["empty"] = sum(chart.is_empty for chart in page.charts)
    report["summary"] = page.summary.text()
report["painted"] = len(watched) - len(painted.waiting)
report["watched"] = len(watched)
report["peak_mb"] = peak_rss_mb()
window.store.close()
print(json.dumps(report), flush=True)
"""


@dataclass(frozen=True)
class Stats:
    median: float
    p95: float
    samples: list[float]

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        return cls(statistics.median(samples), percentile(samples, 95), list(samples))


def percentile(samples: Sequence[float], q: int) -> float:
    """The nearest-rank q-th percentile: a value that was measured, never interpolated.

    So the p95 of fewer than 20 samples is their largest, and of 1 sample, that sample.
    """
    ordered = sorted(samples)
    return ordered[max(0, -(-q * len(ordered) // 100) - 1)]


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
    # Coach starts on an empty folder of its own: never the user's data (or its lock).
    env["COACH_DATA_DIR"] = tempfile.mkdtemp(prefix="coach-bench-")
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


def detect_onsets(samples: Sequence[int], quiet_ms: int = 50) -> list[int]:
    """Where the audio gets loud (half of full scale) after a quiet stretch.

    Reads only the samples, so it checks the track rather than repeating its code.
    """
    import numpy as np  # noqa: PLC0415 - the benchmark's own import, not start-up's

    x = np.abs(np.asarray(samples, dtype=np.int32))
    loud = np.flatnonzero(x >= 32767 // 2)
    gaps = np.diff(loud, prepend=-(10**9))
    return [int(i) for i in loud[gaps > quiet_ms * 48]]


def audio_onsets() -> Result:
    """How far each sound of a rendered track starts from its cue, in samples."""
    from coach.audio.track import SAMPLE_RATE, SOUNDED, CueTrack, Voice  # noqa: PLC0415
    from coach.domain.plan import plan  # noqa: PLC0415
    from coach.domain.protocols import ALFREDSON  # noqa: PLC0415
    from coach.domain.settings import Injured, Settings  # noqa: PLC0415
    from coach.domain.timeline import timeline  # noqa: PLC0415

    settings = Settings(injured=Injured.BOTH, reps=3, sets=2, rest_seconds=5)
    tl = timeline(plan(ALFREDSON, settings))
    track = CueTrack(tl, Voice.load())
    found = detect_onsets(track.render(0, track.length).tolist())
    expected = sorted({round(c.t * SAMPLE_RATE) for c in tl.cues if c.kind in SOUNDED})
    errors = [float(min(abs(f - e) for f in found)) for e in expected]
    extra = len(found) - len(expected)
    return Result(
        name="audio onset error",
        unit="samples",
        value=Stats.of(errors),
        goal="0 (every sound on its cue's sample)",
        met=max(errors) == 0 and extra == 0,
        notes=[f"{len(expected)} cues, {len(found)} onsets found"],
    )


def workout_timing() -> tuple[Result, Result]:
    """A short real-time workout offscreen: when each phase reached the screen, and CPU."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # noqa: PLC0415

    from coach.app.prefs import Prefs  # noqa: PLC0415
    from coach.app.session import WorkoutSession  # noqa: PLC0415
    from coach.domain.plan import plan  # noqa: PLC0415
    from coach.domain.protocols import JONSSON  # noqa: PLC0415
    from coach.domain.settings import Settings  # noqa: PLC0415
    from coach.domain.timeline import Cue, CueKind, timeline  # noqa: PLC0415
    from coach.ui.app import create_application  # noqa: PLC0415
    from coach.ui.sound import open_sound  # noqa: PLC0415
    from coach.ui.workout.view import WorkoutView  # noqa: PLC0415

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    create_application()
    settings = Settings(reps=2, sets=1, lower_seconds=2, get_ready_seconds=1, rest_seconds=0)
    tl = timeline(plan(JONSSON, settings))
    owner = QObject()
    player, _ = open_sound(tl, owner, Prefs())
    view = WorkoutView(WorkoutSession(tl, player))
    view.resize(1280, 800)
    view.show()
    pending: list[Cue] = []
    late_ms: list[float] = []
    view.phase_shown.connect(lambda cue, _t: pending.append(cue))

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802, ARG002 - Qt override
            if event.type() == QEvent.Type.Paint and pending:
                cue = pending[-1]
                pending.clear()
                late_ms.append((view.session.engine.state().elapsed - cue.t) * 1000)
            return False

    watch = PaintWatch()
    view.instruction.installEventFilter(watch)
    loop = QEventLoop()
    # The end: the page then asks the last set's pain, which nobody answers here.
    view.phase_shown.connect(lambda cue, _t: loop.quit() if cue.kind is CueKind.DONE else None)
    QTimer.singleShot(int(tl.duration_ms + 20_000), loop.quit)
    pending.clear()
    cpu, wall = time.process_time(), time.perf_counter()
    view.start()
    loop.exec()
    cpu_pct = (time.process_time() - cpu) / (time.perf_counter() - wall) * 100
    view.close()
    source = "audio clock" if player is not None else "monotonic clock (no sound output)"
    if not late_ms:
        raise BenchError("the timed workout drew no phase change on the screen")
    p99 = percentile(late_ms, 99)
    return (
        Result(
            name="visual lateness",
            unit="ms",
            value=Stats.of(late_ms),
            goal="p99 < 16.7 (one 60 Hz frame)",
            met=p99 < 16.7,
            notes=[f"p99 {p99:.1f} ms over {len(late_ms)} phase changes; {source}"],
        ),
        Result(
            name="CPU during a workout",
            unit="% core",
            value=Stats.of([cpu_pct]),
            goal="< 5",
            met=cpu_pct < 5,
            notes=[f"{tl.duration_ms / 1000:.0f} s workout in real time; {source}"],
        ),
    )


SET_ROWS = 100_000
FIVE_YEARS_WEEKS = 261


def durable_insert(runs: int) -> Result:
    """One finished set committed to disk (WAL, synchronous=FULL), as a workout saves it."""
    from coach.domain.plan import plan  # noqa: PLC0415 - the storage benches load their own
    from coach.domain.protocols import ALFREDSON  # noqa: PLC0415
    from coach.domain.record import SessionRecord  # noqa: PLC0415
    from coach.domain.settings import Settings  # noqa: PLC0415
    from coach.domain.timeline import timeline  # noqa: PLC0415
    from coach.paths import data_dir  # noqa: PLC0415
    from coach.storage.history import History  # noqa: PLC0415

    inserts = max(runs, 50)
    tl = timeline(plan(ALFREDSON, Settings(sets=10)))
    # Beside the user's data folder, on the disk their history lives on (/tmp may be RAM).
    near = data_dir().parent
    with tempfile.TemporaryDirectory(
        prefix="coach-bench-", dir=near if near.is_dir() else None
    ) as folder:
        samples: list[float] = []
        with History.open(Path(folder)) as store:
            while len(samples) < inserts:
                journal = store.sessions.journal(tl)
                journal.begin()
                record = SessionRecord(tl)
                for span in tl.spans:
                    result = record.add_completed(span)
                    start = time.perf_counter()
                    journal.add(result)
                    samples.append((time.perf_counter() - start) * 1000)
    value = Stats.of(samples[:inserts])
    return Result(
        name="durable insert of one set",
        unit="ms",
        value=value,
        goal="median < 10 ms",
        met=value.median < 10,
        notes=[f"{inserts} sets, each its own commit, in a folder beside the data folder"],
    )


def five_years(runs: int) -> Result:
    """Opening the database (integrity check included) with 5 years of demo history."""
    from coach.storage import demo  # noqa: PLC0415
    from coach.storage.database import Database  # noqa: PLC0415
    from coach.storage.history import History  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="coach-bench-") as name:
        folder = Path(name)
        with Database.open(folder) as db:
            made = demo.fill(db, FIVE_YEARS_WEEKS, seed=5)
        samples: list[float] = []
        listing: list[float] = []
        for _ in range(runs):
            start = time.perf_counter()
            store = History.open(folder)
            samples.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            store.sessions.sessions()
            listing.append((time.perf_counter() - start) * 1000)
            store.close()
    value = Stats.of(samples)
    return Result(
        name="open 5 years of history",
        unit="ms",
        value=value,
        goal="median < 100 ms",
        met=value.median < 100,
        notes=[
            f"{made.sessions} sessions, {made.sets} sets",
            f"listing them for the History page: median {statistics.median(listing):.1f} ms",
        ],
    )


def _demo_folder(parent: Path, weeks: int, seed: int) -> tuple[Path, DemoResult]:
    """A data folder in `parent` holding `weeks` of demo history (5 years: seed 5)."""
    from coach.storage import demo  # noqa: PLC0415
    from coach.storage.database import Database  # noqa: PLC0415

    folder = parent / f"{weeks}w"
    with Database.open(folder) as db:
        made = demo.fill(db, weeks, seed=seed)
    return folder, made


def progress_first_show(runs: int) -> tuple[Result, Result]:
    """The Progress page's first show, lazy import included, on 12 weeks and on 5 years."""
    env = _child_env()
    results = []
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as name:
        for weeks, goal_ms, seed in ((12, 150, 7), (FIVE_YEARS_WEEKS, 600, 5)):
            folder, made = _demo_folder(Path(name), weeks, seed)
            argv = [sys.executable, "-c", PROGRESS_FIRST_SHOW, str(folder)]
            _child_json(argv, env, "Progress page")  # warm-up: the bytecode cache, the disk cache
            shows, imports = [], []
            for _ in range(runs):
                times = _child_json(argv, env, "Progress page")
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


def _child_json(argv: list[str], env: dict[str, str], what: str) -> dict[str, Any]:
    """Run a benchmark's child process; what it measured is the JSON of its last line."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise BenchError(f"the {what} benchmark exited with {done.returncode}: {last}")
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (10**6 bytes).

    On Linux, VmHWM from /proc/self/status. Not ru_maxrss: Linux carries that over from
    the process that started this one (its size when it spawned us), so a child of a
    large parent would report the parent's peak. Elsewhere (macOS), ru_maxrss, in bytes.
    """
    status = Path("/proc/self/status")
    if status.exists():
        return vm_hwm_kib(status.read_text()) * 1024 / 1e6
    import resource  # noqa: PLC0415 - Unix only, and only the benchmark's child asks

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def vm_hwm_kib(status: str) -> int:
    """The peak resident set ("VmHWM:  123456 kB") in the text of /proc/<pid>/status."""
    for line in status.splitlines():
        name, _, value = line.partition(":")
        if name == "VmHWM":
            return int(value.split()[0])
    raise BenchError("/proc/self/status has no VmHWM line")


PEAK_RSS_GOAL_MB = 250


def peak_rss(runs: int) -> Result:
    """Peak memory of a Coach session showing the Progress page on 5 years, against Today."""
    env = _child_env()
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as name:
        folder, made = _demo_folder(Path(name), FIVE_YEARS_WEEKS, 5)
        reports: dict[str, list[dict[str, Any]]] = {"progress": [], "today": []}

        def session(page: str) -> float:
            argv = [sys.executable, "-c", PEAK_RSS_SESSION, str(folder), page]
            report = _child_json(argv, env, f"peak RSS ({page} page)")
            if report["painted"] != report["watched"] or report.get("empty"):
                raise BenchError(
                    f"the {page} page was not fully drawn: {report['painted']} of "
                    f"{report['watched']} painted, {report.get('empty', 0)} charts empty"
                )
            reports[page].append(report)
            peak: float = report["peak_mb"]
            return peak

        progress, today = _alternate(runs, lambda: session("progress"), lambda: session("today"))
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


def export_csv(runs: int) -> Result:
    """Writing 100 000 set rows to CSV, as `coach export --format csv` does."""
    from coach.storage import csv_export, demo  # noqa: PLC0415
    from coach.storage.database import Database  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="coach-bench-") as name:
        folder = Path(name)
        with Database.open(folder) as db:
            demo.fill(db, 1400, seed=6)  # a little over 100 000 sets...
            extra = db.sql.execute("SELECT count(*) FROM sets").fetchone()[0] - SET_ROWS
            db.sql.execute(  # ...trimmed to exactly that many rows
                "DELETE FROM sets WHERE rowid IN (SELECT rowid FROM sets ORDER BY rowid DESC "
                "LIMIT ?)",
                [extra],
            )
            db.sql.execute("DELETE FROM sessions WHERE id NOT IN (SELECT session_id FROM sets)")
            samples: list[float] = []
            for _ in range(min(runs, 5)):
                start = time.perf_counter()
                rows = csv_export.export_csv(db, folder / "export.csv")
                samples.append((time.perf_counter() - start) * 1000)
            if rows != SET_ROWS:
                raise BenchError(f"the CSV export wrote {rows} rows, not {SET_ROWS}")
    value = Stats.of(samples)
    return Result(
        name="export 100 000 sets to CSV",
        unit="ms",
        value=value,
        goal="median < 2000 ms",
        met=value.median < 2000,
        notes=[f"{len(samples)} runs (each writes a {SET_ROWS}-row file)"],
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


def run(*, runs: int, as_json: bool) -> int:
    """Run every benchmark; print a table (or JSON). Exit status 1 if a command failed."""
    try:
        results = [
            startup(runs),
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
