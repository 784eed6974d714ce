"""The app's state and every write: the history, the preferences, Today, what to resume.

`AppModel` is what the pages share. It owns the opened `History` (or says why there
is none), the preferences and the clock; it gives the Today page its data, decides
what to do with sessions the app died in, and makes every write of the program's
tables. Pages receive it in `__init__` and subscribe to what changed:
- `today_changed(TodayState)`: the program as of now (after any write, and on refresh);
- `history_changed()`: sessions, sets or notes changed (a workout, an import, an edit);
- `opened()`: the history opened, or could not be (`history` None, `problem` says why);
- `problem(title, text)`: a write the disk refused, for the window to tell.

This module loads before the first paint (the main window makes the model), so
what it needs of the data and of the rules it imports only when the history opens,
after the first paint: the imports inside `attach` and the functions it calls.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from coach.app.player import Player
    from coach.app.prefs import Prefs, PrefsFile
    from coach.app.session import WorkoutSession
    from coach.app.today import Today
    from coach.domain.program import Program, Slot
    from coach.domain.red_flags import RedFlag
    from coach.domain.settings import Side
    from coach.domain.timeline import Timeline
    from coach.domain.visa_a import VisaAnswers
    from coach.storage.history import History
    from coach.storage.sessions import SessionRow

ReminderState = tuple["Program", Collection["Slot"]]
OPENING = "the history is still opening"


@dataclass(frozen=True)
class TodayState:
    """What the Today page shows, as of `now`."""

    today: Today | None  # None: no program (or no history, or it could not be read)
    now: datetime
    clock_doubt: str | None  # why the computer's date looks wrong, if it does
    unreadable: str = ""  # why the program could not be read, if it could not


@dataclass(frozen=True)
class DailyQuestions:
    """What to ask on opening, the first time each day."""

    checkin: bool
    visa: bool


class AppModel(QObject):
    """The history, the preferences and every write; says what changed."""

    today_changed = Signal(object)  # TodayState
    history_changed = Signal()
    opened = Signal()
    problem = Signal(str, str)  # title, text: a write the disk refused
    said = Signal(str)  # a passing message (the status bar)

    def __init__(self, data_dir: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir  # None: no history at all (workouts run unsaved)
        self.history: History | None = None
        self.why_none = OPENING  # why there is no history
        self.busy = False  # a workout is under way: no reminders
        self._prefs_file: PrefsFile | None = None
        self._prefs: Prefs | None = None
        self.state: TodayState | None = None

    # -- preferences ------------------------------------------------------------
    @property
    def prefs_file(self) -> PrefsFile:
        if self._prefs_file is None:
            from coach.app.prefs import PrefsFile  # noqa: PLC0415 - after the first paint

            self._prefs_file = PrefsFile.in_folder(self.data_dir)
        return self._prefs_file

    @property
    def prefs(self) -> Prefs:
        if self._prefs is None:
            self._prefs = self.prefs_file.load()
        return self._prefs

    def set_prefs(self, prefs: Prefs) -> str | None:
        """Follow `prefs` from now on, and save them: the problem if they were not saved."""
        self._prefs = prefs
        return self.prefs_file.save(prefs)

    def welcome_once(self) -> bool:
        """True the very first time (and never again): the set-up wizard is offered."""
        if self.history is None or self.prefs.welcomed or self.program() is not None:
            return False
        self._prefs = replace(self.prefs, welcomed=True)
        self.prefs_file.save(self._prefs)  # if it fails, asking again next time is harmless
        return True

    # -- the history --------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self.history is not None

    def attach(self, history: History | None, problem: str = "") -> None:
        """The opened history (None: `problem` says why there is none)."""
        self.history = history
        self.why_none = problem
        self.opened.emit()
        self.history_changed.emit()

    def close(self) -> None:
        if self.history is not None:
            self.history.close()

    def now(self) -> datetime:
        if self.history is not None:
            return self.history.db.now()
        return datetime.now().astimezone()

    def program(self) -> Program | None:
        """The current program; None without one, or when it cannot be read."""
        if self.history is None:
            return None
        from coach.storage.schema import StorageError  # noqa: PLC0415 - see the docstring

        try:
            return self.history.programs.program()
        except StorageError:
            return None

    def refresh(self) -> TodayState:
        """Read the program's state as of now, and say it (`today_changed`)."""
        from coach.domain.wall_clock import clock_doubt  # noqa: PLC0415 - see the docstring

        now = self.now()
        if self.history is None:
            self.state = TodayState(None, now, clock_doubt(now, None))
        else:
            from coach.app.today import today  # noqa: PLC0415 - see the docstring
            from coach.storage.schema import StorageError  # noqa: PLC0415

            try:
                state = today(self.history.programs, self.history.queries, now)
                latest = self.history.db.latest_stamp()
                self.state = TodayState(state, now, clock_doubt(now, latest))
            except StorageError as e:
                self.state = TodayState(None, now, clock_doubt(now, None), str(e))
                self.said.emit(f"Could not read the program: {e}")
        self.today_changed.emit(self.state)
        return self.state

    def changed(self) -> None:
        """The history changed (a workout, an import, an edit): every page re-reads."""
        self.history_changed.emit()
        self.refresh()

    def daily_questions(self) -> DailyQuestions:
        """The morning check-in, and the VISA-A when due: on an active program's days.

        Not while the computer's date looks wrong (the Today page says why): the
        check-in would be saved under that date, and the advice reads it by its day.
        """
        state = self.state
        today = state.today if state is not None else None
        if state is None or today is None or today.plan.week is None or state.clock_doubt:
            return DailyQuestions(checkin=False, visa=False)
        from coach.domain.program import Status  # noqa: PLC0415 - see the docstring

        if today.program.status is not Status.ACTIVE:
            return DailyQuestions(checkin=False, visa=False)
        return DailyQuestions(checkin=today.checkin is None, visa=today.visa_due)

    def visa_still_due(self) -> bool:
        today = self.state.today if self.state is not None else None
        return today is not None and today.visa_due

    # -- writes -------------------------------------------------------------------
    def _write(self, title: str, write: Callable[[History], object]) -> bool:
        """Run a write; if the disk refuses it, say so (`problem`). Today re-reads either way."""
        if self.history is None:
            return False
        from coach.storage.schema import StorageError  # noqa: PLC0415 - see the docstring

        try:
            write(self.history)
        except StorageError as e:
            self.problem.emit(title, str(e))
            return False
        finally:
            self.refresh()
        return True

    def start_program(self, program: Program) -> bool:
        return self._write("Program not saved", lambda h: h.programs.start_program(program))

    def change_program(self, program: Program) -> bool:
        return self._write(
            "Program settings not saved", lambda h: h.programs.change_program(program)
        )

    def checkin(self) -> Morning | None:
        """Today's check-in so far (None: not answered, or no history)."""
        if self.history is None:
            return None
        return self.history.programs.checkin(self.now().date())

    def save_checkin(self, pain: int | None, stiffness_minutes: int | None) -> bool:
        day = self.now().date()
        return self._write(
            "Check-in not saved",
            lambda h: h.programs.save_checkin(day, pain, stiffness_minutes),
        )

    def skip_checkin(self) -> bool:
        """Skipped today: recorded as such, never erasing answers already given."""
        if self.checkin() is not None:
            return True
        return self.save_checkin(None, None)

    def visa_sides(self) -> tuple[tuple[Side | None, Side | None], ...]:
        """The VISA-A to ask: (the leg to name, the leg to store) for each questionnaire.

        With one painful leg the questionnaire names it and the result stores no leg;
        with both, left then right, each stored; with no readable program, one unnamed.
        """
        program = self.program()
        if program is None:
            return ((None, None),)
        from coach.domain.settings import Injured  # noqa: PLC0415 - see the docstring

        both = program.injured is Injured.BOTH
        return tuple((side, side if both else None) for side in program.injured.sides)

    def save_visa(self, answers: VisaAnswers, side: Side | None) -> bool:
        return self._write("VISA-A not saved", lambda h: h.programs.save_visa(answers, None, side))

    def record_red_flag(self, flag: RedFlag) -> bool:
        """Record a red flag the moment it is reported, pausing the program if there is one."""
        program = self.program()  # unreadable: the flag is still recorded, as an event
        program_id = program.id if program is not None else None
        return self._write("Red flag not recorded", lambda h: h.programs.pause(program_id, flag))

    def resume_program(self) -> bool:
        today = self.state.today if self.state is not None else None
        if today is None:
            return False
        program_id = today.program.id
        return self._write("Program not resumed", lambda h: h.programs.resume(program_id))

    # -- sessions the app died in -------------------------------------------------
    def interrupted(self) -> SessionRow | None:
        """The interrupted session to offer to resume, if any.

        Older interrupted sessions are long gone: they are closed as partial sessions,
        keeping what was done. So is the newest when all its sets were done (only its
        ending was missed).
        """
        if self.history is None:
            return None
        sessions = self.history.sessions
        interrupted = sessions.interrupted()
        if not interrupted:
            return None
        *older, newest = interrupted
        for row in older:
            sessions.close_as_partial(row.id)
        offer: SessionRow | None = newest
        if newest.sets_done >= newest.set_count:
            sessions.close_as_partial(newest.id)
            offer = None
        if older or offer is None:
            self.changed()
        return offer

    def close_interrupted(self, session_id: str) -> None:
        """Close an interrupted session as partial, keeping what was done."""
        if self.history is not None:
            self.history.sessions.close_as_partial(session_id)
            self.changed()

    # -- workouts -----------------------------------------------------------------
    def workout(self, timeline: Timeline, player: Player, notice: str = "") -> WorkoutSession:
        """A new session of `timeline`, written to the history as it runs (if there is one)."""
        from coach.app.session import WorkoutSession  # noqa: PLC0415 - with the first workout

        journal = self.history.sessions.journal(timeline) if self.history is not None else None
        return self._session(WorkoutSession(timeline, player, journal, notice=notice))

    def resumed_workout(
        self, session_id: str, player_for: Callable[[Timeline], tuple[Player, str]]
    ) -> WorkoutSession | None:
        """An interrupted session, from its next unfinished set; None if none is left."""
        from coach.app.session import WorkoutSession  # noqa: PLC0415 - with the first workout

        assert self.history is not None  # noqa: S101 - only offered with a history
        journal, row, sets = self.history.sessions.resume(session_id)
        done = [s.result() for s in sets]
        if max((s.index for s in done), default=-1) + 1 >= row.set_count:
            self.close_interrupted(session_id)  # nothing left to do
            return None
        player, notice = player_for(journal.timeline)
        session = WorkoutSession(journal.timeline, player, journal, done=done, notice=notice)
        return self._session(session)

    def _session(self, session: WorkoutSession) -> WorkoutSession:
        self.busy = True
        session.red_flag.connect(self.record_red_flag)  # the program pauses at once
        return session

    def workout_closed(self) -> None:
        """The workout page closed: what it saved is in the history."""
        self.busy = False
        self.changed()

    # -- reminders ----------------------------------------------------------------
    def reminder_state(self) -> ReminderState | None:
        """The program to remind of, and its sessions done; None without one, or while a
        workout runs, or when the history cannot be read (Today says why)."""
        if self.history is None or self.busy:
            return None
        from coach.storage.schema import StorageError  # noqa: PLC0415 - see the docstring

        try:
            program = self.history.programs.program()
            return None if program is None else (program, self.history.queries.done_slots(program))
        except StorageError:
            return None


if TYPE_CHECKING:
    from coach.domain.advice import Morning
