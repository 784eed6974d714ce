"""Light or dark: the palette Coach follows, and text colours readable on either.

Qt takes the palette from the desktop's theme where it can. Where the desktop says
it prefers dark (QStyleHints.colorScheme) but the theme gave a light palette, as
on desktops whose Qt has no theme plugin, Coach switches to the Fusion style with
a dark palette, and back when the desktop changes its mind (from right after the
first paint: see coach.ui.app.finish_startup).

Coloured text (a problem, a warning, a good sign) takes its colour from `tone()`,
which picks a shade readable on the palette's window colour: a dark red on white
is a dim one on dark grey. A widget given its coloured style sheet through
`set_toned_style` is given it again in the other shades when the palette changes.

Qt leaves a widget that has a style sheet, even one that only sets a font size, in
the palette it had when the sheet was applied: after a live switch, headings would
stay black on dark grey. So on each change of scheme the SchemeFollower applies every
widget's style sheet again (`refresh_style_sheets`).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

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


_TONED = "toned_style_sheet"  # a widget property: (its sheet with tone names, as applied)


def toned(sheet: str) -> str:
    """`sheet` with "{danger}", "{warning}" and "{good}" as the app palette's tones."""
    return sheet.format_map({name: tone(name) for name in TONES})


def set_toned_style(widget: QWidget, sheet: str) -> None:
    """Give `widget` the style sheet `sheet`, its tone names ("{danger}") as colours.

    For example `set_toned_style(label, "color: {warning};")`. When the palette turns
    light or dark, `refresh_style_sheets` fills the colours in again, in the new shades.
    """
    applied = toned(sheet)
    widget.setProperty(_TONED, (sheet, applied))
    widget.setStyleSheet(applied)


def refresh_style_sheets(app: QApplication) -> None:
    """Apply every widget's style sheet again, so that it takes the app's new palette.

    A toned sheet (see `set_toned_style`) is coloured again with the new palette's
    tones, unless the widget has been given another style sheet since.
    """
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if not sheet:
            continue
        toned_sheet, applied = widget.property(_TONED) or ("", None)
        if sheet == applied:
            set_toned_style(widget, toned_sheet)
        else:
            widget.setStyleSheet(sheet)


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
        self._scheme = app.styleHints().colorScheme()
        self.apply(self._scheme)
        app.styleHints().colorSchemeChanged.connect(self.apply)

    def apply(self, scheme: Qt.ColorScheme) -> None:
        changed = scheme is not self._scheme  # and with it a theme's own palette, if any
        self._scheme = scheme
        if scheme is Qt.ColorScheme.Dark and not is_dark(self.app.palette()):
            self.app.setStyle("Fusion")
            self.app.setPalette(dark_palette())
            self.forced = changed = True
        elif scheme is not Qt.ColorScheme.Dark and self.forced:
            self.app.setStyle(self._original_style)
            self.app.setPalette(self.app.style().standardPalette())
            self.forced = False
            changed = True
        if changed:
            # At the next turn of the event loop: a desktop theme that gives the palette
            # may give it after it has told of the new scheme.
            QTimer.singleShot(0, self, partial(refresh_style_sheets, self.app))
