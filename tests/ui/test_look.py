"""Light and dark: the palette follows the desktop, and coloured text stays readable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from coach.ui import look


def contrast(a: str | QColor, b: str | QColor) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(colour: str | QColor) -> float:
        c = QColor(colour)
        r, g, b = (
            v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
            for v in (c.redF(), c.greenF(), c.blueF())
        )
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The test app, its style and palette put back afterwards."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.mark.parametrize("name", list(look.TONES))
@pytest.mark.usefixtures("qapp")
def test_every_tone_is_readable_on_a_light_and_a_dark_window(name: str) -> None:
    light, dark = look.TONES[name]
    light_window = QApplication.style().standardPalette().color(QPalette.ColorRole.Window)
    assert contrast(light, light_window) >= 4.5
    assert contrast(light, "#ffffff") >= 4.5
    assert contrast(dark, look.dark_palette().color(QPalette.ColorRole.Window)) >= 4.5
    assert contrast(dark, look.dark_palette().color(QPalette.ColorRole.Base)) >= 4.5


def test_the_dark_palette_has_readable_text() -> None:
    p = look.dark_palette()
    assert look.is_dark(p)
    for text, ground in ((QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
                         (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
                         (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button)):  # fmt: skip
        assert contrast(p.color(text), p.color(ground)) >= 7


def test_a_dark_desktop_gets_the_dark_palette_and_back(app: QApplication, qtbot: QtBot) -> None:
    follower = look.SchemeFollower(app)
    try:
        follower.apply(Qt.ColorScheme.Light)
        assert not look.is_dark(app.palette())  # the offscreen theme is light
        follower.apply(Qt.ColorScheme.Dark)
        assert look.is_dark(app.palette())
        label = QLabel("x")
        qtbot.addWidget(label)
        assert look.is_dark(label.palette())  # widgets take it
        assert look.tone("danger") == look.TONES["danger"][1]
        follower.apply(Qt.ColorScheme.Light)
        assert not look.is_dark(app.palette())
        assert look.tone("danger") == look.TONES["danger"][0]
    finally:
        follower.setParent(None)
        follower.deleteLater()


def test_a_theme_that_is_dark_already_is_left_alone(app: QApplication) -> None:
    app.setPalette(look.dark_palette())
    style = app.style().name()
    follower = look.SchemeFollower(app)
    try:
        follower.apply(Qt.ColorScheme.Dark)
        assert not follower.forced
        assert app.style().name() == style
    finally:
        follower.setParent(None)
        follower.deleteLater()
