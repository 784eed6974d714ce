"""Small widgets shared by several pages, and the app-wide guard on the mouse wheel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from coach.domain.pain import zone


def pain_box(pain: int | None, changed: Callable[[int | None], None]) -> QComboBox:
    """A 0-10 pain picker with each value's zone, plus "not rated"."""
    box = QComboBox()
    box.setAccessibleName("Pain of this set")
    box.addItem("not rated", None)
    for value in range(11):
        box.addItem(f"{value}: {zone(value).zone.value}", value)
    box.setCurrentIndex(0 if pain is None else pain + 1)
    box.currentIndexChanged.connect(lambda _i: changed(box.currentData()))
    guard_wheel(box)
    return box


GUARDED = "wheel_guarded"  # a box property: its WheelGuard is installed


class WheelGuard(QObject):
    """Wheel events reach its box only when the box has the keyboard focus.

    Qt lets one tick of the wheel change a combo box or spin box the pointer merely
    passes over while the page scrolls: a pain rating, a load or a session time could
    change unseen. The guard hands such a wheel event to the box's parent instead, so
    the page scrolls and the value stays; a box the user clicked or tabbed into still
    takes the wheel. It watches its own box only: an application-wide filter would run
    Python for every event of the app (measured: +35 ms to the first paint, twice the
    CPU of a workout).
    """

    def __init__(self, box: QComboBox | QAbstractSpinBox) -> None:
        super().__init__(box)
        self.box = box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802, ARG002 - Qt's name and signature
        if event.type() is not QEvent.Type.Wheel or self.box.hasFocus():
            return False
        parent = self.box.parentWidget()
        if parent is not None:
            QApplication.sendEvent(parent, event)
        return True  # the box never sees it


def guard_wheel(*boxes: QComboBox | QAbstractSpinBox) -> None:
    """Keep a passing mouse wheel off `boxes` (see WheelGuard); they take focus on click."""
    for box in boxes:
        if box.property(GUARDED):
            continue
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        box.installEventFilter(WheelGuard(box))
        box.setProperty(GUARDED, True)  # noqa: FBT003 - Qt's setProperty takes a value


def guard_boxes(root: QWidget) -> None:
    """Guard every combo and spin box under `root` (a page or dialog, once built)."""
    guard_wheel(*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox))
