"""Every page and dialog at 1024x640: nothing squeezed or cut off, every control named,
every menu item reachable from the keyboard."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollBar,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coach.app.player import SilentPlayer
from coach.app.prefs import Prefs, TextSize
from coach.app.session import WorkoutSession
from coach.domain.clock import ManualClock
from coach.domain.red_flags import RUPTURE
from coach.storage import demo
from coach.ui.help_dialogs import AboutDialog, WhyDialog
from coach.ui.main_window import MainWindow
from coach.ui.onboarding import OnboardingWizard
from coach.ui.program_dialogs import CheckinDialog
from coach.ui.red_flags import RedFlagDialog, RuptureCheck, WhatToDoNow
from coach.ui.settings_dialog import SettingsDialog
from coach.ui.visa_dialog import VisaDialog
from coach.ui.widgets import GUARDED
from coach.ui.workout.view import WorkoutView

# A 1024x640 screen, less a title bar: the smallest Coach is laid out for (issue 6).
SCREEN = (1024, 610)
DIALOG_ROOM = (1000, 600)
# Widgets whose children are their own parts (a spin box's line edit, a table's header).
INPUTS = (QAbstractSpinBox, QComboBox, QLineEdit, QSlider, QAbstractItemView, QTextEdit)
COMPOSITES = (QAbstractSpinBox, QComboBox, QAbstractItemView, QTextEdit, QCalendarWidget, QTabBar)


def _own_parts(root: QWidget) -> Iterator[QWidget]:
    """The widgets under `root`, without the inner parts of composite widgets."""
    for child in root.findChildren(QWidget):
        ancestor = child.parentWidget()
        inner = False
        while ancestor is not None and ancestor is not root:
            if isinstance(ancestor, COMPOSITES):
                inner = True
                break
            ancestor = ancestor.parentWidget()
        if not inner and not isinstance(child, QScrollBar | QHeaderView):
            yield child


def squeezed(root: QWidget) -> list[str]:
    """Visible widgets smaller than their minimum, or text cut off."""
    found = []
    for w in _own_parts(root):
        if not w.isVisibleTo(root):
            continue
        least = w.minimumSizeHint().expandedTo(w.minimumSize())
        if w.minimumWidth():  # set by the code: the layout honours it over the hint
            least.setWidth(w.minimumWidth())
        if w.minimumHeight():
            least.setHeight(w.minimumHeight())
        if least.isValid() and (w.width() + 1 < least.width() or w.height() + 1 < least.height()):
            found.append(
                f"{type(w).__name__} {_name(w)!r}: {w.size().toTuple()} < {least.toTuple()}"
            )
        wrapped = isinstance(w, QLabel) and bool(w.text()) and w.wordWrap()
        if wrapped and w.height() + 1 < w.heightForWidth(w.width()):
            found.append(
                f"label {_name(w)!r} cut off: {w.height()} < {w.heightForWidth(w.width())}"
            )
    return found


def unnamed(root: QWidget) -> list[str]:
    """Controls a screen reader could not name: no text, accessible name or label."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    found = []
    for w in _own_parts(root):
        if w.objectName().startswith("qt_"):  # Qt's own (the menu bar's overflow button)
            continue
        if isinstance(w, QAbstractButton):
            if not (w.text().strip() or w.accessibleName()):
                found.append(f"button {w.toolTip()!r}")
        elif isinstance(w, INPUTS) and not w.accessibleName() and id(w) not in buddies:
            found.append(f"{type(w).__name__} in {type(w.parentWidget()).__name__}")
    return found


def unguarded(root: QWidget) -> list[str]:
    """Combo and spin boxes a passing mouse wheel could change (coach.ui.widgets)."""
    boxes = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    return [_name(b) or type(b).__name__ for b in boxes if not b.property(GUARDED)]


def _name(w: QWidget) -> str:
    text = w.text() if isinstance(w, QLabel | QAbstractButton) else ""
    return w.accessibleName() or text[:40]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The window at 1024x640 on five weeks of demo data, every page built."""
    w = MainWindow(tmp_path / "data")
    qtbot.addWidget(w)
    w.open_data()
    assert w.model.history is not None
    w.model.history.close()  # demo data goes into a fresh store; the window opened an empty one
    from coach.storage.history import History  # noqa: PLC0415

    store = History.open(tmp_path / "demo")
    demo.fill(store.db, 5)
    w.model.attach(store)
    w.model.refresh()
    w.resize(*SCREEN)
    w.show()
    yield w
    store.close()


def test_the_window_fits_a_1024_by_640_screen(window: MainWindow) -> None:
    least = window.minimumSizeHint()
    assert least.width() <= SCREEN[0]
    assert least.height() <= SCREEN[1]
    assert window.size().toTuple() == SCREEN


@pytest.mark.parametrize("row", [0, 1, 2], ids=["today", "history", "progress"])
def test_no_page_is_squeezed_or_cut_off(window: MainWindow, qtbot: QtBot, row: int) -> None:
    window.nav.setCurrentRow(row)
    qtbot.wait(1)  # the layouts settle
    page = window.pages.currentWidget()
    assert page is not None
    assert squeezed(page) == []
    assert unnamed(page) == []
    assert unguarded(page) == []


def test_the_workout_and_its_summary_fit_and_are_named(window: MainWindow, qtbot: QtBot) -> None:
    clock = ManualClock()
    session = WorkoutSession(
        window.today.timeline, SilentPlayer(clock), notice="A long notice. " * 8
    )
    view = WorkoutView(session, text_scale=TextSize.LARGEST.scale)
    window.pages.addWidget(view)
    window.pages.setCurrentWidget(view)
    view.start()
    clock.advance(window.today.timeline.spans[0].end_ms / 1000 + 0.5)  # the pain question
    view.session.poll()
    qtbot.wait(1)
    try:
        assert view.pain_panel.isVisible()
        assert squeezed(view) == []
        assert unnamed(view) == []
    finally:
        view.close()


def _dialogs(window: MainWindow) -> dict[str, Callable[[], QDialog]]:
    assert window.model.history is not None
    program = window.model.history.programs.program()
    return {
        "settings": lambda: SettingsDialog(program, Prefs(), window),
        "check-in": lambda: CheckinDialog(date(2026, 11, 21), None, window),
        "visa-a": lambda: VisaDialog(window),
        "about": lambda: AboutDialog(window.model.data_dir, window),
        "why": lambda: WhyDialog(window),
        "onboarding": lambda: OnboardingWizard(date(2026, 11, 21), None, window),
        "red flags": lambda: RedFlagDialog(window, in_workout=False),
        "rupture check": lambda: RuptureCheck(window),
        "what to do now": lambda: WhatToDoNow(RUPTURE, window),
    }


@pytest.mark.parametrize(
    "name",
    [
        "settings", "check-in", "visa-a", "about", "why", "onboarding", "red flags",
        "rupture check", "what to do now",
    ],
)  # fmt: skip
def test_every_dialog_fits_and_is_named(window: MainWindow, qtbot: QtBot, name: str) -> None:
    dialog = _dialogs(window)[name]()
    qtbot.addWidget(dialog)
    dialog.show()
    least = dialog.minimumSizeHint()
    assert least.width() <= DIALOG_ROOM[0]
    assert least.height() <= DIALOG_ROOM[1]
    dialog.resize(min(dialog.width(), DIALOG_ROOM[0]), min(dialog.height(), DIALOG_ROOM[1]))
    qtbot.wait(1)
    assert squeezed(dialog) == []
    assert unnamed(dialog) == []
    assert unguarded(dialog) == []


def test_every_menu_item_has_a_mnemonic_and_the_main_ones_a_shortcut(window: MainWindow) -> None:
    window.install_shortcuts()
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text()
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if not action.isSeparator():
                assert "&" in action.text(), action.text()
    for action, keys in (
        (window.menus.new_program, "Ctrl+N"), (window.menus.settings, "Ctrl+,"),
        (window.menus.quit, "Ctrl+Q"), (window.menus.why, "F1"),
    ):  # fmt: skip
        assert action.shortcut().toString() == keys
