"""Fixtures shared by the UI tests."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """A widget to parent dialogs and message boxes, closed after the test."""
    w = QWidget()
    qtbot.addWidget(w)
    return w
