"""Fixtures shared by the UI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """A widget to parent dialogs and message boxes, closed after the test."""
    w = QWidget()
    qtbot.addWidget(w)
    return w


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The test app, its style and palette put back afterwards."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
