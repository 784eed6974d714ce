"""The workout's "really stop?" question (the red-flag dialogs are coach.ui.red_flags).

Each opens through a classmethod returning the answer, so tests can replace it
(pytest-qt, "Dialogs").
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


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
