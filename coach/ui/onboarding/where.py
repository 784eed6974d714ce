"""The wizard's "where does it hurt?" page: the answer picks the protocol (CLINICAL.md §1)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QVBoxLayout

from coach.domain.program import Program
from coach.domain.protocols import PROTOCOLS, Protocol
from coach.resources import asset_path
from coach.ui.onboarding.page import NOTICE, Page, framed, small, text_label

DRAWING_SIZE = (340, 250)


class WherePage(Page):
    """Where it hurts picks the protocol; "Not sure" stops here (CLINICAL.md §1)."""

    NOT_SURE = "not sure"

    def __init__(self, current: Program | None) -> None:
        super().__init__("Where does it hurt?", 2)
        self.drawing = self._drawing()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        choices = QVBoxLayout()
        for key, text in (
            # Short: a radio button does not wrap its text.
            ("alfredson", "&Midportion: in the tendon, 2-6 cm above the heel"),
            ("jonsson", "&Insertional: where it joins the heel bone"),
            (self.NOT_SURE, "I'm not &sure"),
        ):
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            self.group.addButton(button)
            self.buttons[key] = button
            choices.addWidget(button)
        self.hint = text_label(
            "Press gently along the tendon, from the heel upwards, to find the sorest spot."
        )
        choices.addWidget(self.hint)
        choices.addStretch(1)
        top = QHBoxLayout()
        if self.drawing is not None:
            top.addWidget(self.drawing, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(choices, 1)
        self.why = text_label(rich=True)
        self.why.setAccessibleName("Why this protocol")
        self.blocked = framed(NOTICE)
        self.blocked.setAccessibleName("Why you cannot go on")
        self.blocked.setText(
            "<b>Coach cannot choose for you.</b> Ask a physiotherapist or doctor where the "
            "problem is, then come back and pick it here."
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.why)
        layout.addWidget(self.blocked)
        layout.addStretch(1)
        if current is not None and current.protocol in self.buttons:
            self.buttons[current.protocol].setChecked(True)
        self.group.buttonToggled.connect(self._update)
        self._update()

    @staticmethod
    def _drawing() -> QSvgWidget | None:
        try:
            path = asset_path("drawings/achilles.svg")
        except FileNotFoundError:
            return None  # the page works without it: the choices say the same in words
        drawing = QSvgWidget(str(path))
        drawing.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        drawing.setFixedSize(*DRAWING_SIZE)
        drawing.setAccessibleName("Drawing of the Achilles tendon")
        drawing.setAccessibleDescription(
            "The two places it can hurt: in the tendon 2 to 6 cm above the heel "
            "(midportion), and where it meets the heel bone (insertional)."
        )
        return drawing

    def choice(self) -> str | None:
        """A protocol id, NOT_SURE, or None before any choice."""
        return next((key for key, b in self.buttons.items() if b.isChecked()), None)

    def protocol(self) -> Protocol | None:
        return PROTOCOLS.get(self.choice() or "")

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.protocol() is not None

    def _update(self, *_: object) -> None:
        choice = self.choice()
        protocol = self.protocol()
        if protocol is not None:
            exercises = " and ".join(e.name.lower() for e in protocol.exercises)
            self.why.setText(
                f"<b>Your exercises: {escape(exercises)}.</b> {escape(protocol.why)}"
                f"<br>{small('Source: ' + protocol.source)}"
            )
        elif choice == self.NOT_SURE:
            self.why.setText(
                "<b>How to tell them apart.</b> Midportion pain sits in the cord of the "
                "tendon itself, a few finger-widths above the heel. Insertional pain sits "
                "lower, on the back of the heel bone, and can spread around the heel. "
                "The two need different exercises: dropping below a step works well for the "
                "first but much less for the second (Jonsson 2008)."
            )
        else:
            self.why.setText("Choose one to see which exercises it means, and why.")
        self.blocked.setVisible(choice == self.NOT_SURE)
        self.completeChanged.emit()
