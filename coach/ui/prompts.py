"""The conversations the window has with the user: ask in a dialog, then tell the model.

Each function takes the parent widget and the `AppModel`: the dialog asks, the
model decides and writes, and says what changed (its pages re-read by themselves).
A write the disk refuses is told by the window, which listens to `model.problem`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget

from coach.app.model import AppModel
from coach.storage.schema import StorageError
from coach.ui.data import DataProblem, ResumeSession, back_up
from coach.ui.onboarding import OnboardingWizard
from coach.ui.program_dialogs import SKIPPED, ChangeProgram, CheckinDialog, ConfirmResume
from coach.ui.red_flags import RedFlagDialog, WhatToDoNow
from coach.ui.settings_dialog import SettingsDialog
from coach.ui.visa_dialog import VisaDialog


def tell(parent: QWidget, title: str, text: str) -> None:
    """A write the disk refused (the model's `problem`), in a box."""
    DataProblem.tell(parent, title, text)


def after_opening(window: QMainWindow, model: AppModel) -> str | None:
    """Once the Today page is usable: the daily backup, then a session the app died in.

    Returns the id of the session to resume, or None.
    """
    if model.history is None or model.data_dir is None:
        return None
    written = back_up(window, model.history, model.data_dir, model.prefs.backups)
    if written is not None:
        window.statusBar().showMessage(f"Backup written: {written}", 10_000)
    return offer_resume(window, model)


def new_program(parent: QWidget, model: AppModel) -> None:
    """The set-up wizard; the first VISA-A is the new program's baseline."""
    if model.history is None:
        DataProblem.tell(parent, "No history to keep a program in", model.why_none)
        return
    try:
        current = model.history.programs.program()
    except StorageError as e:
        DataProblem.tell(parent, "Could not read the program", str(e))
        return
    program = OnboardingWizard.ask(parent, model.now().date(), current)
    if program is not None and model.start_program(program):
        take_visa(parent, model)


def change_program(parent: QWidget, model: AppModel) -> None:
    """Where it hurts or the side: say why the protocols must not mix, then a new program."""
    if ChangeProgram.ask(parent):
        new_program(parent, model)


def check_in(parent: QWidget, model: AppModel) -> None:
    if model.history is None:
        return
    previous = model.checkin()
    answer = CheckinDialog.ask(parent, model.now().date(), previous)
    if answer is SKIPPED:
        model.skip_checkin()
    elif answer is not None:
        model.save_checkin(answer.pain, answer.stiffness_minutes)


def take_visa(parent: QWidget, model: AppModel) -> None:
    """Ask the VISA-A, empty each time: once, or with both legs painful, left then right.

    Each leg's answers are saved as soon as they are given; cancelling one stops there.
    """
    if model.history is None:
        return
    for named, stored in model.visa_sides():
        answers = VisaDialog.ask(parent, named)
        if answers is None or not model.save_visa(answers, stored):
            return


def ask_daily_questions(parent: QWidget, model: AppModel) -> None:
    """The first time the app opens each day: the morning check-in, and VISA-A when due."""
    asked = model.daily_questions()
    if asked.checkin:
        check_in(parent, model)
    if asked.visa and model.visa_still_due():
        take_visa(parent, model)


def report_problem(parent: QWidget, model: AppModel) -> None:
    """A red flag reported outside a workout: recorded at once, then what to do now."""
    flag = RedFlagDialog.ask(parent, in_workout=False)
    if flag is not None:
        model.record_red_flag(flag)
        WhatToDoNow.show_modal(parent, flag)


def resume_program(parent: QWidget, model: AppModel) -> None:
    today = model.state.today if model.state is not None else None
    if (
        model.history is not None
        and today is not None
        and ConfirmResume.ask(parent, today.program.reason)
    ):
        model.resume_program()


def open_settings(parent: QWidget, model: AppModel) -> bool:
    """The Settings dialog: the program's values go to the history, the rest to prefs.

    True if anything was chosen (what depends on the preferences reads them again).
    """
    program = model.state.today.program if model.state and model.state.today else None
    choices = SettingsDialog.ask(parent, program, model.prefs)
    if choices is None:
        return False
    problem = model.set_prefs(choices.prefs)  # this run follows them, saved or not
    if problem is not None:
        DataProblem.tell(parent, "Settings not saved", problem)
    if choices.program is not None and choices.program != program:
        model.change_program(choices.program)
    return True


def offer_resume(parent: QWidget, model: AppModel) -> str | None:
    """Ask about a session the app died in: the id to resume, or None (closed, or later)."""
    try:
        newest = model.interrupted()
        if newest is None:
            return None
        answer = ResumeSession.ask(parent, newest, newest.set_count)
        if answer == ResumeSession.CLOSE:
            model.close_interrupted(newest.id)
    except StorageError as e:
        DataProblem.tell(parent, "Interrupted session", str(e))
        return None
    return newest.id if answer == ResumeSession.RESUME else None
