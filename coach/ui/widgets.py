"""Small widgets shared by several pages, and the app-wide guard on the mouse wheel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
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
    return box


class WheelGuard(QObject):
    """Wheel events reach a choice box or a number box only when it has the keyboard focus.

    Qt lets one tick of the wheel change a combo box or spin box the pointer merely
    passes over while the page scrolls: a pain rating, a load or a session time could
    change unseen. Installed on the application (`install`), the guard hands such a
    wheel event to the box's parent instead, so the page scrolls and the value stays;
    a box the user clicked or tabbed into still takes the wheel.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() is not QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        box = _box_of(watched)
        if box is None or box.hasFocus():
            return False
        parent = box.parentWidget()
        if parent is not None:
            QApplication.sendEvent(parent, event)
        return True  # the box never sees it

    @classmethod
    def install(cls, app: QApplication) -> WheelGuard:
        """Guard every box of `app`; the guard lives as long as the application."""
        guard = cls(app)
        app.installEventFilter(guard)
        return guard


def _box_of(widget: QWidget) -> QWidget | None:
    """The combo or spin box `widget` is, or is part of (a spin box's line edit)."""
    for w in (widget, widget.parentWidget()):
        if isinstance(w, QComboBox | QAbstractSpinBox):
            return w
    return None
