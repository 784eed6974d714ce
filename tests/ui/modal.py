"""Driving a modal dialog that a test has opened with its blocking `ask()`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

D = TypeVar("D", bound=QDialog)


def when_shown(kind: type[D], act: Callable[[D], None]) -> None:
    """Run `act` on the `kind` dialog once `ask()` has it on screen; never leave it hanging."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, kind)
            act(dialog)
        finally:
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()  # a failed step must not leave exec() waiting forever

    QTimer.singleShot(0, run)
