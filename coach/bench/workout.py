"""A short workout in real time, offscreen: when each phase reached the screen, and CPU."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

from coach.app.prefs import Prefs
from coach.app.session import WorkoutSession
from coach.bench.results import BenchError, Result, Stats, percentile
from coach.domain.plan import plan
from coach.domain.protocols import JONSSON
from coach.domain.settings import Settings
from coach.domain.timeline import Cue, CueKind, timeline
from coach.ui.app import create_application
from coach.ui.sound import open_sound
from coach.ui.workout.view import WorkoutView


def workout_timing() -> tuple[Result, Result]:
    """A short real-time workout offscreen: when each phase reached the screen, and CPU."""
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
