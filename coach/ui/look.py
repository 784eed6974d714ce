"""Light or dark: the palette Coach follows, and text colours readable on either.

Qt takes the palette from the desktop's theme where it can. Where the desktop says
it prefers dark (QStyleHints.colorScheme) but the theme gave a light palette, as
on desktops whose Qt has no theme plugin, Coach switches to the Fusion style with
a dark palette, and back when the desktop changes its mind (from right after the
first paint: see coach.ui.app.finish_startup).

Coloured text (a problem, a warning, a good sign) takes its colour from `tone()`,
which picks a shade readable on the palette's window colour: a dark red on white
is a dim one on dark grey.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Each tone: (on a light window, on a dark one). Every pair has a contrast of at least
# 4.5:1 against the window colour of its palette (WCAG AA for text; tests/ui/test_look.py).
TONES = {
    "danger": ("#b00020", "#ff8a80"),
    "warning": ("#8a4b00", "#ffb74d"),
    "good": ("#1e6b30", "#81c784"),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(name: str, palette: QPalette | None = None) -> str:
    """The colour of `name` ("danger", "warning", "good") for text on `palette`'s window."""
    if palette is None:
        palette = QGuiApplication.palette()
    light, dark = TONES[name]
    return dark if is_dark(palette) else light


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style: dark greys, light text, a blue highlight."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2b2b"), (roles.WindowText, "#ececec"), (roles.Base, "#1f1f1f"),
        (roles.AlternateBase, "#2f2f2f"), (roles.ToolTipBase, "#3a3a3a"),
        (roles.ToolTipText, "#ececec"), (roles.Text, "#ececec"), (roles.Button, "#353535"),
        (roles.ButtonText, "#ececec"), (roles.BrightText, "#ff6b6b"), (roles.Link, "#8ab4f8"),
        (roles.Highlight, "#3d7bd9"), (roles.HighlightedText, "#ffffff"),
        (roles.PlaceholderText, "#9a9a9a"), (roles.Light, "#4a4a4a"), (roles.Midlight, "#3f3f3f"),
        (roles.Mid, "#555555"), (roles.Dark, "#1a1a1a"), (roles.Shadow, "#000000"),
    ):  # fmt: skip
        p.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor("#7a7a7a"))
    return p


class SchemeFollower(QObject):
    """Keeps the app's palette on the desktop's colour scheme (see the module's text).

    A child of the application, which keeps it alive.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.forced = False  # whether the dark palette is ours, not the theme's
        self._original_style = app.style().name()
        self.apply(app.styleHints().colorScheme())
        app.styleHints().colorSchemeChanged.connect(self.apply)

    def apply(self, scheme: Qt.ColorScheme) -> None:
        if scheme is Qt.ColorScheme.Dark and not is_dark(self.app.palette()):
            self.app.setStyle("Fusion")
            self.app.setPalette(dark_palette())
            self.forced = True
        elif scheme is not Qt.ColorScheme.Dark and self.forced:
            self.app.setStyle(self._original_style)
            self.app.setPalette(self.app.style().standardPalette())
            self.forced = False
