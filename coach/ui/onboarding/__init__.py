"""The first-run wizard: set up a 12-week program one question at a time.

Six short pages replace the one-form ProgramDialog: what Coach is (and is not), where
it hurts (which picks the protocol, CLINICAL.md §1), which side, the schedule, the
pace and load, and the red-flag check (CLINICAL.md §4) with a summary. The wizard only
gathers answers; `Program` checks them, and its ProgramError text is what the user
reads. It opens through `OnboardingWizard.ask()`, which tests can replace (pytest-qt,
"Dialogs").

The package: `page` (what the pages share) and one module per page, in order:
`welcome`, `where`, `side`, `schedule`, `pace` and `ready`. This module is the wizard.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from coach.domain.program import Program, ProgramError
from coach.ui.onboarding.pace import PacePage
from coach.ui.onboarding.page import BODY_POINTS
from coach.ui.onboarding.ready import ReadyPage
from coach.ui.onboarding.schedule import SchedulePage
from coach.ui.onboarding.side import SidePage
from coach.ui.onboarding.welcome import WelcomePage
from coach.ui.onboarding.where import WherePage
from coach.ui.widgets import guard_boxes

SIZE = (940, 580)
MINIMUM_SIZE = (820, 570)


class OnboardingWizard(QWizard):
    """Six pages that end in a Program; `program()` is it, or None while incomplete."""

    def __init__(self, today: date, current: Program | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up your program")
        # ClassicStyle: no banner pixmaps to size, and it draws alike offscreen and on a
        # desktop, so the tests and screenshots show what users see.
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Start the program")
        font = QFont(self.font())
        font.setPointSize(max(BODY_POINTS, font.pointSize()))
        self.setFont(font)
        self.setTitleFormat(Qt.TextFormat.RichText)
        self._id = uuid.uuid4().hex
        self.welcome = WelcomePage(current)
        self.where = WherePage(current)
        self.side = SidePage(current)
        self.schedule = SchedulePage(today, current)
        self.pace = PacePage(current)
        self.ready = ReadyPage(current)
        for page in (self.welcome, self.where, self.side, self.schedule, self.pace, self.ready):
            self.addPage(page)
        # A fixed size rather than the size hint, which word-wrapped text makes jump from
        # page to page; it fits a 1024 x 640 screen with room for the window frame.
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*SIZE)
        guard_boxes(self)  # no value changes under a passing mouse wheel

    def program(self) -> Program | None:
        """The program as answered so far, or None while an answer is missing or wrong."""
        protocol, injured = self.where.protocol(), self.side.injured()
        if protocol is None or injured is None:
            return None
        start, morning, evening = self.schedule.values()
        try:
            return Program(
                id=self._id,
                start=start,
                protocol=protocol.id,
                injured=injured,
                morning=morning,
                evening=evening,
                visa_every_weeks=self.schedule.visa.value(),
                lower_seconds=self.pace.lowering.value(),
                rest_seconds=self.pace.rest.value(),
                get_ready_seconds=self.pace.get_ready.value(),
                load_kg=self.pace.load.value(),
            )
        except ProgramError:
            return None  # the schedule page shows why and keeps Next off

    @classmethod
    def ask(cls, parent: QWidget | None, today: date, current: Program | None) -> Program | None:
        """The program set up, or None if the user cancelled."""
        wizard = cls(today, current, parent)
        try:
            return wizard.program() if wizard.exec() == QDialog.DialogCode.Accepted else None
        finally:
            wizard.deleteLater()
