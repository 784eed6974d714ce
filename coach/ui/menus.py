"""The window's menu bar: File, Edit, Go and Help, and the keys that reach them.

`Menus` builds the actions and keeps each one's key sequence; the keys are set by
`install_shortcuts()`, after the first paint (building the first key sequence makes
PySide6 build every enum of the Qt namespace, about 10 ms).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu


class Menus:
    """The actions of the menu bar. The window connects them to what they do."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack) -> None:
        self.shortcuts: list[tuple[QAction, str]] = []
        bar = window.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.new_program = self._add(self.file_menu, "&New program…", "Ctrl+N")
        self.file_menu.addSeparator()
        self.export = self._add(self.file_menu, "&Export history…")
        self.import_ = self._add(self.file_menu, "&Import history…")
        self.report = self._add(self.file_menu, "&Report for your clinician (PDF)…")
        self.schedule = self._add(self.file_menu, "Export &schedule (calendar)…")
        self.file_menu.addSeparator()
        self.quit = self._add(self.file_menu, "&Quit", "Ctrl+Q")
        self.edit_menu = bar.addMenu("&Edit")
        self.undo = undo_stack.createUndoAction(window, "&Undo")
        self.redo = undo_stack.createRedoAction(window, "&Redo")
        self.edit_menu.addAction(self.undo)
        self.edit_menu.addAction(self.redo)
        self.shortcuts += [(self.undo, "Ctrl+Z"), (self.redo, "Ctrl+Shift+Z")]
        self.edit_menu.addSeparator()
        self.settings = self._add(self.edit_menu, "&Settings…", "Ctrl+,")
        self.go_menu = bar.addMenu("&Go")
        self.help_menu = bar.addMenu("&Help")
        self.why = self._add(self.help_menu, "&Why these exercises", "F1")
        self.problem = self._add(self.help_menu, "Report a &problem (red flag)…")
        self.help_menu.addSeparator()
        self.about = self._add(self.help_menu, "&About Coach")
        self.enable_data(available=False)  # until the history is open

    @property
    def data_actions(self) -> tuple[QAction, ...]:
        """What needs the history: disabled without one, and during a workout."""
        return (self.new_program, self.export, self.import_, self.report, self.schedule)

    def enable_data(self, *, available: bool) -> None:
        for action in self.data_actions:
            action.setEnabled(available)

    def add_page(self, title: str, number: int) -> QAction:
        """The Go menu's entry for page `number` (Alt+G, then its first letter; Ctrl+<n>)."""
        return self._add(self.go_menu, f"&{title}", f"Ctrl+{number}")

    def install_shortcuts(self) -> None:
        for action, keys in self.shortcuts:
            action.setShortcut(keys)

    def _add(self, menu: QMenu, text: str, keys: str = "") -> QAction:
        action = menu.addAction(text)
        if keys:
            self.shortcuts.append((action, keys))
        return action
