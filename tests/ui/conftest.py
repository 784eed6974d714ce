"""Fixtures shared by the UI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coach.ui.widgets import WheelGuard


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


@pytest.fixture(autouse=True, scope="session")
def _wheel_guard(qapp: QApplication) -> None:
    """The app-wide mouse-wheel guard, installed as coach.ui.app installs it."""
    WheelGuard.install(qapp)
