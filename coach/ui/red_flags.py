"""The red-flag dialogs: report a problem, the rupture questions, and what to do now.

`RedFlagDialog` lists the warning signs (from a workout's "Something's wrong" button,
the Today page and the Help menu); `RuptureCheck` asks the four rupture questions in
large type after a painful set; `WhatToDoNow` says, step by step, what to do after any
red flag. Each opens through a classmethod that a test can replace (pytest-qt,
"Dialogs"). The signs, their urgency and the steps are `coach.domain.red_flags`'s.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coach.domain.red_flags import (
    OTHER,
    RED_FLAGS,
    RUPTURE_CHECK_RULE,
    RUPTURE_QUESTIONS,
    SOURCE,
    RedFlag,
    Urgency,
    by_id,
)
from coach.ui.look import set_toned_style

HEADINGS = {
    Urgency.EMERGENCY: "Call an ambulance now",
    Urgency.SAME_DAY: "Get medical care today",
    Urgency.BEFORE_NEXT: "See a clinician before the next session",
}


class RedFlagDialog(QDialog):
    """The warning signs; the user names the one that applies, or goes back."""

    def __init__(self, parent: QWidget | None = None, *, in_workout: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something's wrong" if in_workout else "Report a problem")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "<b>The session is paused.</b> If any of these is happening, end the session "
            "and Coach will show you what to do now:"
            if in_workout
            else "<b>Is one of these happening?</b> Choose it: Coach pauses your program, "
            "records it, and shows you what to do now."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choices = QButtonGroup(self)
        for flag in (*RED_FLAGS, OTHER):
            button = QRadioButton(f"{flag.sign}.\n{flag.action}")
            button.setProperty("flag", flag.id)
            button.setAccessibleName(flag.sign)
            self.choices.addButton(button)
            layout.addWidget(button)
        source = QLabel(SOURCE)
        source.setWordWrap(True)
        source.setStyleSheet("font-size: 9pt;")
        layout.addWidget(source)
        buttons = QDialogButtonBox()
        self.end_button = buttons.addButton(
            "End the session" if in_workout else "Report it",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        buttons.addButton(
            "Carry on" if in_workout else "Cancel", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.end_button.setEnabled(False)
        self.choices.buttonClicked.connect(lambda _: self.end_button.setEnabled(True))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> RedFlag | None:
        button = self.choices.checkedButton()
        return None if button is None else by_id(str(button.property("flag")))

    @classmethod
    def ask(cls, parent: QWidget | None, *, in_workout: bool = True) -> RedFlag | None:
        """The red flag the user reported, or None to carry on."""
        dialog = cls(parent, in_workout=in_workout)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class RuptureCheck(QDialog):
    """Four yes/no questions in large type; Done once each is answered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check for a tear")
        self.setAccessibleName("Rupture check")
        self.setMinimumWidth(720)  # each question on one or two lines, in large type
        layout = QVBoxLayout(self)
        heading = QLabel("That set hurt a lot. Before anything else:")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-size: 20pt; font-weight: 700;")
        layout.addWidget(heading)
        grid = QGridLayout()
        grid.setVerticalSpacing(14)
        self.groups: list[QButtonGroup] = []
        for row, question in enumerate(RUPTURE_QUESTIONS):
            text = QLabel(question)
            text.setWordWrap(True)
            text.setStyleSheet("font-size: 16pt;")
            grid.addWidget(text, row, 0)
            group = QButtonGroup(self)
            for col, (label, value) in enumerate((("Yes", True), ("No", False)), start=1):
                button = QPushButton(label)
                button.setCheckable(True)
                button.setMinimumSize(96, 52)
                button.setStyleSheet("font-size: 16pt; font-weight: 600;")
                button.setAccessibleName(f"{label}: {question}")
                button.setProperty("answer", value)
                group.addButton(button)
                grid.addWidget(button, row, col)
            group.buttonClicked.connect(self._answered)
            self.groups.append(group)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        small = QLabel(
            "If you are not sure, answer as if it were so: a torn tendon needs to be seen "
            f"early. Closing this without answering counts as not sure. {RUPTURE_CHECK_RULE}"
        )
        small.setWordWrap(True)
        small.setStyleSheet("font-size: 10pt;")
        layout.addWidget(small)
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton("Done", QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setMinimumHeight(44)
        self.done_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def answers(self) -> list[bool] | None:
        """The answers in question order, or None while any is unanswered."""
        chosen = [g.checkedButton() for g in self.groups]
        if any(b is None for b in chosen):
            return None
        return [bool(b.property("answer")) for b in chosen if b is not None]

    def _answered(self) -> None:
        self.done_button.setEnabled(self.answers() is not None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Esc does not dismiss the questions: a stray key must not answer them."""
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)

    @classmethod
    def ask(cls, parent: QWidget | None) -> bool:
        """True when any answer shows a possible tear, or the questions were not answered."""
        dialog = cls(parent)
        try:
            dialog.exec()
            answers = dialog.answers()
            return answers is None or any(answers)
        finally:
            dialog.deleteLater()


class WhatToDoNow(QDialog):
    """After a red flag: how urgent it is, and the steps to take, in large type."""

    def __init__(self, flag: RedFlag, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("What to do now")
        self.setAccessibleName("What to do now")
        layout = QVBoxLayout(self)
        self.heading = QLabel(HEADINGS[flag.urgency])
        self.heading.setWordWrap(True)
        set_toned_style(self.heading, "font-size: 22pt; font-weight: 700; color: {danger};")
        layout.addWidget(self.heading)
        reported = QLabel(f"You reported {escape(flag.label)}.")
        reported.setWordWrap(True)
        reported.setStyleSheet("font-size: 14pt;")
        layout.addWidget(reported)
        self.steps = QLabel(
            "<ol>" + "".join(f"<li>{escape(step)}</li>" for step in flag.steps) + "</ol>"
        )
        self.steps.setWordWrap(True)
        self.steps.setStyleSheet("font-size: 14pt;")
        layout.addWidget(self.steps)
        small = QLabel(SOURCE)
        small.setWordWrap(True)
        small.setStyleSheet("font-size: 9pt;")
        layout.addWidget(small)
        buttons = QDialogButtonBox()
        ok = buttons.addButton("I understand", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setMinimumHeight(44)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    @classmethod
    def show_modal(cls, parent: QWidget | None, flag: RedFlag) -> None:
        dialog = cls(flag, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
