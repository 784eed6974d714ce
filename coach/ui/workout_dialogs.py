"""The workout's two questions: "really stop?" and "what is wrong?".

Each opens through a classmethod returning the answer, so tests can replace it
(pytest-qt, "Dialogs").
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coach.domain.red_flags import OTHER, RED_FLAGS


class ConfirmStop:
    @classmethod
    def ask(cls, parent: QWidget) -> bool:
        answer = QMessageBox.question(
            parent,
            "Stop the session?",
            "Stop this session now? The sets you finished are kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class RedFlagDialog(QDialog):
    """Lists the red flags (CLINICAL.md §4); the user ends the session naming one, or goes on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something's wrong")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "<b>The session is paused.</b> If any of these is happening, end the session "
            "and do what it says:"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choices = QButtonGroup(self)
        for flag in (*RED_FLAGS, OTHER):
            button = QRadioButton(f"{flag.sign}.\n{flag.action}")
            button.setProperty("flag", flag.id)
            self.choices.addButton(button)
            layout.addWidget(button)
        buttons = QDialogButtonBox()
        self.end_button = buttons.addButton(
            "End the session", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Carry on", QDialogButtonBox.ButtonRole.RejectRole)
        self.end_button.setEnabled(False)
        self.choices.buttonClicked.connect(lambda _: self.end_button.setEnabled(True))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> str | None:
        button = self.choices.checkedButton()
        return None if button is None else str(button.property("flag"))

    @classmethod
    def ask(cls, parent: QWidget) -> str | None:
        """The red flag the user reported (its id), or None to carry on."""
        dialog = cls(parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
