"""After a set: its pain, 0 to 10, its zone at once, and an offer to stop."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coach.domain.pain import SOURCE as PAIN_SOURCE
from coach.domain.pain import Zone, zone
from coach.ui.look import set_toned_style

# The tones of coach.ui.look, as set_toned_style names them.
ZONE_TONES = {Zone.SAFE: "{good}", Zone.ACCEPTABLE: "{warning}", Zone.TOO_MUCH: "{danger}"}


class PainPanel(QWidget):
    """After a set: 0-10 buttons (keys 0-9 and T), the zone at once, and an offer to stop.

    After the last set it can also be skipped (`skipped`): the summary then shows the set
    as not rated.
    """

    rated = Signal(int)
    end_requested = Signal()
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Pain rating")
        self.question = QLabel()
        self.question.setStyleSheet("font-size: 16pt; font-weight: 600;")
        row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for value in range(11):
            key = "T" if value == 10 else str(value)
            button = QPushButton(f"{value}" if value < 10 else "10 (T)")
            button.setToolTip(f"Pain {value} of 10 (key {key})")
            button.setAccessibleName(f"Pain {value}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(44)
            button.setMinimumWidth(48)  # not the style's 80 px: eleven fit a 1024 px screen
            button.clicked.connect(lambda _=False, v=value: self.rated.emit(v))
            row.addWidget(button)
            self.buttons.append(button)
        self.zone_label = QLabel()
        self.zone_label.setWordWrap(True)
        self.zone_label.setStyleSheet("font-size: 13pt;")
        self.zone_label.setMinimumHeight(2 * self.zone_label.fontMetrics().lineSpacing() + 8)
        self.offer = QWidget()
        offer_row = QHBoxLayout(self.offer)
        offer_row.setContentsMargins(0, 0, 0, 0)
        offer_text = QLabel(
            "That is more than these exercises should hurt. End the session now? The sets "
            "done are kept. (Coach's own offer: you may carry on with less.)"
        )
        offer_text.setWordWrap(True)
        self.end_button = QPushButton("End the session")
        self.end_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.end_button.clicked.connect(self.end_requested)
        self.carry_on_button = QPushButton("Carry on")
        self.carry_on_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.carry_on_button.clicked.connect(self.offer.hide)
        offer_row.addWidget(offer_text, stretch=1)
        offer_row.addWidget(self.end_button)
        offer_row.addWidget(self.carry_on_button)
        self.offer.hide()
        self.skip_button = QPushButton("Skip: rate it later on the summary")
        self.skip_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skip_button.setMinimumHeight(44)
        self.skip_button.clicked.connect(self.skipped)
        self.skip_button.hide()
        hint = QLabel(f"0 = no pain, 10 = the worst imaginable. Zones: {PAIN_SOURCE}")
        hint.setStyleSheet("font-size: 9pt;")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.zone_label)
        layout.addWidget(self.offer)
        layout.addWidget(self.skip_button, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(hint)

    def ask(self, question: str, *, last: bool = False) -> None:
        """Ask a set's pain; `last`: the session is over, and the rating may be skipped."""
        self.question.setText(question)
        self.zone_label.setText(
            "Rate it now, or skip and rate it on the summary."
            if last
            else "Not rated yet: rate it now or at the end of the session."
        )
        self.zone_label.setStyleSheet("font-size: 13pt;")
        self.offer.hide()
        self.skip_button.setVisible(last)
        self.show()

    def show_rating(self, pain: int, *, offer_stop: bool) -> None:
        info = zone(pain)
        self.zone_label.setText(f"<b>{pain}: {info.zone.value} ({info.scores}).</b> {info.meaning}")
        set_toned_style(self.zone_label, f"font-size: 13pt; color: {ZONE_TONES[info.zone]};")
        self.offer.setVisible(offer_stop)
