"""The shared small widgets, and the guard that keeps a passing mouse wheel off the boxes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coach.ui.widgets import guard_boxes, pain_box


def wheel(widget: QWidget, steps: int = 1) -> None:
    """Ticks of the wheel (up) with the pointer over `widget`, as the user turns it."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(),
        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def boxes(qtbot: QtBot) -> tuple[QWidget, list[QWidget]]:
    page = QWidget()
    qtbot.addWidget(page)
    combo = pain_box(3, lambda _p: None)
    spin = QSpinBox()
    spin.setValue(5)
    double = QDoubleSpinBox()
    double.setValue(5.0)
    time_edit = QTimeEdit()
    layout = QVBoxLayout(page)
    for w in (combo, spin, double, time_edit):
        layout.addWidget(w)
    guard_boxes(page)  # as each page and dialog does once built (pain_box guards itself)
    page.show()
    qtbot.waitExposed(page)
    return page, [combo, spin, double, time_edit]


def value(w: QWidget) -> object:
    if isinstance(w, QComboBox):
        return w.currentIndex()
    assert isinstance(w, QAbstractSpinBox)
    return w.text()


def test_a_passing_wheel_changes_no_box(qtbot: QtBot) -> None:
    _page, widgets = boxes(qtbot)
    for w in widgets:
        before = value(w)
        wheel(w, 3)
        assert value(w) == before, type(w).__name__


@pytest.mark.parametrize("index", range(4))
def test_a_box_the_user_chose_takes_the_wheel(qtbot: QtBot, index: int) -> None:
    page, widgets = boxes(qtbot)
    w = widgets[index]
    page.activateWindow()
    w.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(w.hasFocus)
    before = value(w)
    wheel(w)
    assert value(w) != before, type(w).__name__
