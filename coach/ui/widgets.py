"""Small widgets shared by several pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox

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
