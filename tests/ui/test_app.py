from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coach.ui.app import (
    FirstPaint,
    app_icon,
    create_application,
    display_problem,
    finish_startup,
)
from coach.ui.look import SchemeFollower
from coach.ui.main_window import MainWindow

DISPLAY_VARS = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}


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


@pytest.mark.parametrize(
    ("environ", "platform", "ok"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({}, "darwin", True),
        ({}, "win32", True),
    ],
)
def test_display_problem(environ: dict[str, str], platform: str, ok: bool) -> None:
    problem = display_problem(environ, platform)
    assert (problem is None) is ok
    if problem:
        assert "DISPLAY" in problem
        assert "QT_QPA_PLATFORM=offscreen" in problem


def test_coach_without_a_display_says_so_and_exits_1() -> None:
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARS}
    done = subprocess.run(
        [sys.executable, "-m", "coach"], env=env, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("coach: no display found")
    assert "Traceback" not in done.stderr


def test_finish_startup_sets_the_icon_and_the_shortcuts(qtbot: QtBot, qapp: QApplication) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    qapp.setWindowIcon(QIcon())
    finish_startup(qapp, window)
    assert not qapp.windowIcon().isNull()
    assert window.menus.quit.shortcut().toString() == "Ctrl+Q"
    assert window.keeper is None  # the tray and reminders: after Today is usable
    qtbot.waitUntil(lambda: window.keeper is not None)
    followers = qapp.findChildren(SchemeFollower)
    assert len(followers) == 1  # the palette follows the desktop from now on
    followers[0].setParent(None)  # the test app is shared: leave it as it was


def test_the_first_frame_does_not_wait_for_the_colour_scheme(qapp: QApplication) -> None:
    # Asking the desktop's colour scheme costs about 14 ms of enum building: after the paint.
    assert create_application() is qapp
    assert qapp.findChildren(SchemeFollower) == []
