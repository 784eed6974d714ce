"""`coach screenshots`: every main page rendered offscreen from demo data, for the README.

The pages are the app's own widgets on a throwaway data folder filled by
`coach.storage.demo`; the workout is driven by a ManualClock to the middle of a
lowering and then to the pain question after the set, so every picture is of a
state a user really sees. The user's own data folder is never touched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coach.domain.clock import ManualClock
from coach.domain.timeline import CueKind

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QWidget

    from coach.storage.history import History
    from coach.ui.main_window import MainWindow
    from coach.ui.workout.view import WorkoutView

SIZE = (1024, 640)  # the smallest screen Coach is laid out for (issue 6)
DEMO_WEEKS = 5  # the demo program is then in its 6th week of 12
DEMO_SEED = 3


@dataclass(frozen=True)
class Shot:
    name: str  # the PNG's file name, without .png
    caption: str  # what it shows, as the README says it


SHOTS = (
    Shot("today", "Today: the program, the advice from your records, the next session's plan"),
    Shot("workout", "A workout mid-set: the leg, the phase and the lowering metronome"),
    Shot("rating", "After each set: how much did it hurt, 0 to 10, and what that means"),
    Shot("history", "History: every session and its sets, editable, with undo"),
    Shot("progress", "Progress: pain, morning stiffness, VISA-A and load over the program"),
    Shot("onboarding", "Setting up a program: where it hurts decides the protocol"),
    Shot("settings", "Settings: the program's pace and times, sound, reminders, backups"),
)


def render(out: Path) -> list[Path]:
    """Write one PNG per entry of SHOTS into `out` (created if needed). Returns the paths.

    Raises OSError if a file cannot be written.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from coach.storage import demo  # noqa: PLC0415 - the heavy imports only when asked
    from coach.storage.history import History  # noqa: PLC0415
    from coach.ui.app import app_icon, create_application  # noqa: PLC0415

    app = create_application()
    app.setWindowIcon(app_icon())
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="coach-screenshots-") as folder:
        store = History.open(Path(folder))
        try:
            demo.fill(store.db, DEMO_WEEKS, seed=DEMO_SEED)
            studio = Studio(store)
        except BaseException:
            store.close()
            raise
        try:
            for shot in SHOTS:
                path = out / f"{shot.name}.png"
                if not studio.draw(shot.name).save(str(path)):
                    raise OSError(f"could not write {path}")
                written.append(path)
        finally:
            studio.close()
            store.close()
    return written


class Studio:
    """The main window on demo data, and how to bring each shot's state about."""

    def __init__(self, store: History) -> None:
        from coach.ui.main_window import MainWindow  # noqa: PLC0415 - see render()

        self.store = store
        self.window: MainWindow = MainWindow(store.db.path.parent)
        self.window.model.attach(store)
        self.window.model.refresh()
        self.window.install_shortcuts()
        self.window.resize(*SIZE)
        self.window.show()
        self.clock = ManualClock()
        self.workout: WorkoutView | None = None
        self._drawers: dict[str, Callable[[], QPixmap]] = {
            "today": lambda: self._page(0),
            "history": lambda: self._page(1),
            "progress": lambda: self._page(2),
            "workout": self._mid_set,
            "rating": self._rating,
            "onboarding": lambda: self._dialog(self._onboarding()),
            "settings": lambda: self._dialog(self._settings()),
        }

    def draw(self, name: str) -> QPixmap:
        return self._drawers[name]()

    def close(self) -> None:
        self._end_workout()
        self.window.close()
        self.window.deleteLater()

    @staticmethod
    def _settle() -> None:
        from PySide6.QtCore import QEvent  # noqa: PLC0415
        from PySide6.QtWidgets import QApplication  # noqa: PLC0415

        for _ in range(5):  # layouts, then lazy pages and charts, then their paint
            QApplication.processEvents()
            # What the event loop would have deleted by now (a table's old cell widgets):
            # processEvents() alone leaves it, to be drawn in the picture.
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def _page(self, row: int) -> QPixmap:
        self._end_workout()
        self.window.nav.setCurrentRow(row)
        self._settle()
        return self.window.grab()

    def _start_workout(self) -> WorkoutView:
        from coach.app.player import SilentPlayer  # noqa: PLC0415
        from coach.app.session import WorkoutSession  # noqa: PLC0415
        from coach.ui.workout.view import WorkoutView  # noqa: PLC0415

        if self.workout is None:
            self.window.nav.setCurrentRow(0)
            timeline = self.window.today.timeline
            session = WorkoutSession(
                timeline, SilentPlayer(self.clock), self.store.sessions.journal(timeline)
            )
            self.workout = WorkoutView(session, text_scale=self.window.model.prefs.text_scale)
            self.window.pages.addWidget(self.workout)
            self.window.pages.setCurrentWidget(self.workout)
            self.workout.start()
        return self.workout

    def _mid_set(self) -> QPixmap:
        view = self._start_workout()
        lowering = [
            c for c in view.timeline.cues if c.kind is CueKind.LOWER and c.set == 1 and c.side
        ]
        cue = lowering[len(lowering) // 3]
        self._move_to(cue.t_ms / 1000 + cue.duration_ms / 2000)  # halfway down
        return self.window.grab()

    def _rating(self) -> QPixmap:
        view = self._start_workout()
        self._move_to(view.timeline.spans[0].end_ms / 1000 + 2)  # the rest after set 1
        return self.window.grab()

    def _move_to(self, seconds: float) -> None:
        assert self.workout is not None  # noqa: S101 - started by the caller
        self.clock.advance(max(0.0, seconds - self.clock.now()))
        self.workout.session.poll()
        self._settle()

    def _end_workout(self) -> None:
        if self.workout is not None:
            self.workout.close()
            self.window.pages.removeWidget(self.workout)
            self.workout.deleteLater()
            self.workout = None
            self.window.pages.setCurrentWidget(self.window.today)

    def _dialog(self, dialog: QWidget) -> QPixmap:
        dialog.show()
        self._settle()
        image = dialog.grab()
        dialog.close()
        dialog.deleteLater()
        return image

    def _onboarding(self) -> QWidget:
        from coach.ui.onboarding import OnboardingWizard  # noqa: PLC0415

        wizard = OnboardingWizard(self.store.db.now().date(), None, self.window)
        wizard.show()  # a wizard moves on only once it is shown
        wizard.welcome.understood.setChecked(True)
        wizard.next()  # to where it hurts
        wizard.where.buttons["alfredson"].setChecked(True)
        return wizard

    def _settings(self) -> QWidget:
        from coach.ui.settings_dialog import SettingsDialog  # noqa: PLC0415

        return SettingsDialog(self.store.programs.program(), self.window.model.prefs, self.window)
