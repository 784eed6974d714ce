"""Fixtures shared by the UI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coach.storage import demo
from coach.storage.history import History
from coach.ui.red_flags import RuptureCheck, WhatToDoNow


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


@pytest.fixture
def no_unexpected_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """A red-flag dialog a test did not answer fails it, rather than wait forever.

    The rupture questions and the what-to-do page are modal: a test that meets one it
    did not replace would hang in exec().
    """

    def unexpected(cls: type, *_args: object) -> None:
        raise AssertionError(f"{cls.__name__} opened, and the test did not expect it")

    monkeypatch.setattr(RuptureCheck, "ask", classmethod(unexpected))
    monkeypatch.setattr(WhatToDoNow, "show_modal", classmethod(unexpected))


@pytest.fixture
def twelve_weeks(store: History) -> History:
    """Twelve weeks of made-up history, for the Progress page and its charts."""
    demo.fill(store.db, weeks=12, seed=5)
    return store
