from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coach.ui.app import FirstPaint, app_icon, create_application


def test_first_paint_is_reported_once_after_show(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    watcher = FirstPaint(widget)
    seen: list[bool] = []
    watcher.painted.connect(lambda: seen.append(True))
    with qtbot.waitSignal(watcher.painted, timeout=5000):
        widget.show()
    widget.update()
    qtbot.wait(50)  # a second paint must not be reported again
    assert seen == [True]


def test_create_application_reuses_the_running_one(qapp: QApplication) -> None:
    assert create_application() is qapp


@pytest.mark.usefixtures("qapp")
def test_app_icon_loads() -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(64, 64).isNull()
