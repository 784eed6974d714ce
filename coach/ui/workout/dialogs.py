"""The workout's questions: really stop? and, when the disk refused part of it, what now.

Each opens through a classmethod returning the answer, so tests can replace it
(pytest-qt, "Dialogs"). The red-flag dialogs are coach.ui.red_flags.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


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


class LeaveUnsaved:
    COPY = "copy"  # save a copy elsewhere, then close
    LEAVE = "leave"  # close without it
    STAY = "stay"  # keep Coach open (the disk may have room later)

    @classmethod
    def ask(cls, parent: QWidget, unsaved: list[str]) -> str:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Not all of this session is saved")
        box.setText(
            f"The disk refused part of this session: {', '.join(unsaved)}. If Coach closes "
            "now, that part is lost."
        )
        copy = box.addButton("Save a copy elsewhere…", QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton("Close without it", QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton("Keep Coach open", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.exec()
        if box.clickedButton() is copy:
            return cls.COPY
        return cls.LEAVE if box.clickedButton() is leave else cls.STAY


class SaveCopy:
    @classmethod
    def ask(cls, parent: QWidget) -> Path | None:
        """Where to write a copy of the session (a file on another disk), or None."""
        name, _filter = QFileDialog.getSaveFileName(
            parent, "Save a copy of this session", "coach-session.json", "JSON (*.json)"
        )
        return Path(name) if name else None
