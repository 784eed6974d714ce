"""The wizard's last page: the red flags to rule out (CLINICAL.md §4) and a summary."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout

from coach.domain import dates
from coach.domain.program import Program
from coach.domain.protocols import PROTOCOLS, Protocol
from coach.domain.red_flags import RED_FLAGS, Urgency
from coach.ui.onboarding.page import STOP, Page, framed, text_label
from coach.ui.today_view import SIDES

COLUMN_WIDTH = 430


def _kg(kg: float) -> str:
    return "none (body weight only)" if kg == 0 else f"{kg:g} kg in a backpack"


def _exercises(protocol: Protocol) -> str:
    if len(protocol.exercises) == 1:
        return protocol.exercises[0].name.lower()
    return ", then ".join(e.short for e in protocol.exercises)


URGENCY_WORDS = {
    Urgency.EMERGENCY: "call an ambulance now",
    Urgency.SAME_DAY: "get medical care today",
    Urgency.BEFORE_NEXT: "see a clinician first",
}


class ReadyPage(Page):
    """The red flags (CLINICAL.md §4) and a summary; Finish only with "none apply" ticked."""

    def __init__(self, current: Program | None) -> None:
        super().__init__("Before you start", 6)
        self.current = current
        flags = "".join(
            f"<li>{escape(f.sign)}: <i>{URGENCY_WORDS[f.urgency]}</i>.</li>" for f in RED_FLAGS
        )
        self.flags = text_label(
            f"<b>Do not start if any of these applies to you:</b><ul>{flags}</ul>", rich=True
        )
        self.flags.setAccessibleName("Red flags")
        self.none_apply = QCheckBox("None of these &apply to me")
        self.none_apply.setAccessibleName("None of the red flags apply to me")
        self.stop = framed(STOP)
        self.stop.setAccessibleName("If one applies")
        self.stop.setText(
            "<b>If one does, stop here:</b> press Cancel and see a clinician first, as soon "
            "as the list says."
        )
        self.summary = text_label(rich=True)
        self.summary.setAccessibleName("Summary")
        for label in (self.flags, self.summary):
            # A wrapped label asks for 80 characters; two such columns would not fit
            # a small screen, and about 60 read better anyway.
            label.setMaximumWidth(COLUMN_WIDTH)
        left = QVBoxLayout()
        left.addWidget(self.flags)
        left.addWidget(self.none_apply)
        left.addWidget(self.stop)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addSpacing(16)
        layout.addLayout(right, 1)
        # Mandatory, so going Back clears it (QWizardPage.cleanupPage): changed answers
        # get a fresh look at the red flags.
        self.registerField("none_apply*", self.none_apply)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.none_apply.isChecked() and self.onboarding().program() is not None

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        program = self.onboarding().program()
        if program is None:  # unreachable through the pages, each of which checks its part
            self.summary.setText("")
            return
        protocol = PROTOCOLS[program.protocol]
        rows = (
            ("Protocol", protocol.name),
            ("Exercises", _exercises(protocol)),
            ("Side", SIDES[program.injured]),
            ("Starts", f"{dates.day(program.start)}, for {program.weeks} weeks"),
            (
                "Sessions",
                f"{dates.clock_time(program.morning)} and "
                f"{dates.clock_time(program.evening)} every day",
            ),
            ("Lowering", f"{program.lower_seconds} s per rep"),
            ("Added weight", _kg(program.load_kg)),
            ("Questionnaire", f"every {program.visa_every_weeks} weeks"),
        )
        table = "".join(
            f"<tr><td style='padding-right: 10px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
            for k, v in rows
        )
        ended = (
            "<p>Your current program ends and stays in your history.</p>"
            if self.current is not None
            else ""
        )
        self.summary.setText(
            f"<b>Your program</b><table width='100%'>{table}</table>{ended}"
            "<p><b>Next: a short questionnaire</b> (VISA-A, 8 questions) gives your "
            "starting score, which later scores are compared with.</p>"
        )
