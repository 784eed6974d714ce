"""The window's pages: a list on the left, the chosen page on the right.

A page not on the first screen can be built when first needed (`LazyPage`): a
stand-in holds its place until then. Each page is reachable from the Go menu too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

Page = TypeVar("Page", bound=QWidget)


class LazyPage(Generic[Page]):
    """A page built the first time it is needed, in the place its stand-in held."""

    def __init__(self, pages: QStackedWidget, build: Callable[[], Page]) -> None:
        self.pages = pages
        self.build = build
        self.slot = QWidget()
        self.page: Page | None = None

    def get(self) -> Page:
        if self.page is None:
            self.page = self.build()
            current = self.pages.currentIndex()
            self.pages.insertWidget(self.pages.indexOf(self.slot), self.page)
            self.pages.removeWidget(self.slot)
            self.slot.deleteLater()
            self.pages.setCurrentIndex(current)
        return self.page


class Pages(QWidget):
    """The page list (`nav`) beside the pages (`stack`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nav = QListWidget()
        self.nav.setAccessibleName("Pages")
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 12pt; } QListWidget::item { padding: 8px; }"
        )
        self.stack = QStackedWidget()
        self.nav.currentRowChanged.connect(self._show)
        self._lazy: list[LazyPage[Any]] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, stretch=1)

    def add(self, title: str, page: QWidget) -> int:
        """Add a page under `title`; returns its number (1 for the first)."""
        self.stack.addWidget(page)
        self.nav.addItem(title)
        return self.stack.count()

    def add_lazy(self, title: str, build: Callable[[], Page]) -> LazyPage[Page]:
        """Add a page built by `build` when it is first shown (or first asked for)."""
        lazy = LazyPage(self.stack, build)
        self._lazy.append(lazy)
        self.add(title, lazy.slot)
        return lazy

    def _show(self, row: int) -> None:
        for lazy in self._lazy:
            if lazy.page is None and self.stack.widget(row) is lazy.slot:
                lazy.get()  # builds the page in its slot
        self.stack.setCurrentIndex(row)
