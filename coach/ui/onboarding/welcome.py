"""The wizard's first page: what Coach is, and is not, and the disclaimer to acknowledge."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QCheckBox, QVBoxLayout

from coach.domain.program import WEEKS, Program
from coach.ui.onboarding.page import NOTICE, Page, framed, text_label
from coach.ui.today_view import DISCLAIMER


class WelcomePage(Page):
    def __init__(self, current: Program | None) -> None:
        super().__init__("Welcome to Coach", 1)
        layout = QVBoxLayout(self)
        about = (
            f"Coach guides you through a {WEEKS}-week course of heel-drop exercises for a "
            "sore Achilles tendon: two short sessions a day, every day.",
            "During a session it calls out each move and counts the slow lowering, so you "
            "can watch your foot rather than the screen.",
            "Each morning it asks how the tendon feels, and a short questionnaire every "
            "few weeks shows how far you have come.",
            "Setting up takes a couple of minutes.",
        )
        intro = text_label("".join(f"<p>{escape(line)}</p>" for line in about), rich=True)
        intro.setAccessibleName("What Coach does")
        layout.addWidget(intro)
        self.replacing = framed(NOTICE)
        self.replacing.setText(
            "You already have a program. It stays in your history, marked as ended, "
            "and the new one takes its place from the start date you choose."
        )
        self.replacing.setVisible(current is not None)
        layout.addWidget(self.replacing)
        disclaimer = text_label(f"<b>Please read:</b> {escape(DISCLAIMER)}", rich=True)
        disclaimer.setAccessibleName("Disclaimer")
        layout.addWidget(disclaimer)
        self.understood = QCheckBox("I &understand: Coach does not replace a clinician")
        self.understood.setAccessibleName("I understand the disclaimer")
        layout.addWidget(self.understood)
        layout.addStretch(1)
        # The asterisk makes it mandatory: Next stays off until it is ticked.
        self.registerField("understood*", self.understood)
