"""The wizard's "which side hurts?" page, with how the exercise works on that side."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout

from coach.domain.program import Program
from coach.domain.protocols import FLAT_FLOOR_ARTICLE, Surface
from coach.domain.settings import Injured
from coach.ui.onboarding.page import Page, small, text_label
from coach.ui.today_view import SIDES

CITE = {"alfredson": "Alfredson 1998", "jonsson": "Jonsson 2008"}  # short forms of .source
# Where each side's Alt+letter goes in its SIDES text: "B" is taken by the Back button.
_SIDE_KEY = {Injured.LEFT: 0, Injured.RIGHT: 0, Injured.BOTH: 2}


class SidePage(Page):
    def __init__(self, current: Program | None) -> None:
        super().__init__("Which side hurts?", 3)
        self.group = QButtonGroup(self)
        self.buttons: dict[Injured, QRadioButton] = {}
        layout = QVBoxLayout(self)
        for injured, text in SIDES.items():
            key = _SIDE_KEY[injured]
            button = QRadioButton(f"{text[:key]}&{text[key:]}")
            button.setAccessibleName(text)
            self.group.addButton(button)
            self.buttons[injured] = button
            layout.addWidget(button)
        self.note = text_label(rich=True)
        self.note.setAccessibleName("How the sides work")
        layout.addWidget(self.note)
        layout.addStretch(1)
        if current is not None:
            self.buttons[current.injured].setChecked(True)
        self.group.buttonToggled.connect(self._update)

    def injured(self) -> Injured | None:
        return next((i for i, b in self.buttons.items() if b.isChecked()), None)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.injured() is not None

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self._update()  # the box cue depends on the protocol chosen on the page before

    def _update(self, *_: object) -> None:
        injured = self.injured()
        protocol = self.onboarding().where.protocol()
        on_floor = protocol is not None and protocol.exercises[0].surface is Surface.FLOOR
        if injured is None:
            text = "Choose the leg whose Achilles hurts. Only a sore side does the exercise."
        elif injured is Injured.BOTH and on_floor:
            text = (
                "Every set is done twice: lowering on the left leg, then on the right. "
                "As neither calf should lift you, you get up another way: put a low box "
                "(about 15 cm) on the floor by the other foot, step up onto it with the foot "
                "flat and push with the thigh, not the calf. Coach says where the box goes "
                "before each set.<br>"
                + small(
                    "Source: Jonsson P et al. 2008: patients sore on both sides used a box; "
                    f"its height and use as {FLAT_FLOOR_ARTICLE} describes them."
                )
            )
        elif injured is Injured.BOTH:
            text = (
                "Every set is done twice: lowering on the left leg, then on the right. "
                "As neither calf should lift you, and a box cannot lift you above a step's "
                "edge, you pull yourself up on a rail or banister, taking as much weight "
                "through your arms as you can. Coach reminds you in each session.<br>"
                + small(
                    "Source: Alfredson H et al. 1998: up on the good leg or with the arms' "
                    "help. How to do it with both sides sore is Coach's own wording."
                )
            )
        else:
            side, other = injured.value, injured.sides[0].other.value
            text = (
                f"You rise onto your toes on the {other} leg, then shift onto the {side} "
                f"foot and lower slowly. The {side} calf only lowers, it never lifts "
                f"({CITE[protocol.id if protocol is not None else 'alfredson']})."
            )
        self.note.setText(text)
        self.completeChanged.emit()
