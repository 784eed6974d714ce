"""Light and dark: the palette follows the desktop, and coloured text stays readable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from coach.app.player import SilentPlayer
from coach.app.prefs import Prefs
from coach.app.session import WorkoutSession
from coach.domain.plan import plan
from coach.domain.program import Program
from coach.domain.protocols import JONSSON
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import timeline
from coach.ui import look
from coach.ui.settings_dialog import SettingsDialog
from coach.ui.workout.view import WorkoutView
from tests.helpers import contrast


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


# -- a live switch: widgets with style sheets, and toned ones ---------------------------
@pytest.fixture
def follower(app: QApplication) -> Iterator[look.SchemeFollower]:
    """The app's scheme follower, on a light desktop to begin with (the test app's own)."""
    follower = look.SchemeFollower(app)
    follower.apply(Qt.ColorScheme.Light)
    yield follower
    follower.setParent(None)
    follower.deleteLater()


def text_colour(widget: QWidget) -> str:
    """The colour the widget draws its text in, once polished (style sheet and all)."""
    widget.ensurePolished()
    return widget.palette().color(widget.foregroundRole()).name()


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """A window to show labels in: inside one, unlike as windows of their own, a label
    with a style sheet keeps its palette when the app's changes."""
    window = QWidget()
    QVBoxLayout(window)
    qtbot.addWidget(window)
    return window


def in_window(qtbot: QtBot, window: QWidget, label: QLabel) -> None:
    layout = window.layout()
    assert layout is not None
    layout.addWidget(label)
    shown(qtbot, window)


def test_a_heading_with_a_style_sheet_turns_light_on_dark(
    follower: look.SchemeFollower, qtbot: QtBot, window: QWidget
) -> None:
    heading = QLabel("Progress")
    heading.setStyleSheet("font-size: 22pt; font-weight: 600;")
    in_window(qtbot, window, heading)
    light = text_colour(heading)
    assert contrast(light, "#ffffff") >= 7
    follower.apply(Qt.ColorScheme.Dark)
    text = look.dark_palette().color(QPalette.ColorRole.WindowText).name()
    qtbot.waitUntil(lambda: text_colour(heading) == text)
    follower.apply(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: text_colour(heading) == light)


def test_a_toned_style_sheet_takes_each_schemes_tone(
    follower: look.SchemeFollower, qtbot: QtBot, window: QWidget
) -> None:
    label = QLabel("Not saved")
    look.set_toned_style(label, "font-size: 11pt; color: {danger};")
    in_window(qtbot, window, label)
    light, dark = look.TONES["danger"]
    assert text_colour(label) == light
    follower.apply(Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: text_colour(label) == dark)
    assert label.styleSheet() == f"font-size: 11pt; color: {dark};"
    follower.apply(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: text_colour(label) == light)


def test_a_theme_that_turns_dark_by_itself_retones_too(
    app: QApplication, follower: look.SchemeFollower, qtbot: QtBot, window: QWidget
) -> None:
    label = QLabel("Too much")
    look.set_toned_style(label, "color: {danger};")
    in_window(qtbot, window, label)
    app.setPalette(look.dark_palette())  # as a desktop theme with a dark palette does
    follower.apply(Qt.ColorScheme.Dark)
    assert not follower.forced
    qtbot.waitUntil(lambda: text_colour(label) == look.TONES["danger"][1])


def test_a_style_sheet_given_since_is_kept_as_it_is(
    follower: look.SchemeFollower, qtbot: QtBot, window: QWidget
) -> None:
    label = QLabel("Not rated yet")
    look.set_toned_style(label, "color: {danger};")
    label.setStyleSheet("font-size: 13pt;")  # the pain panel's question, no longer toned
    in_window(qtbot, window, label)
    follower.apply(Qt.ColorScheme.Dark)
    text = look.dark_palette().color(QPalette.ColorRole.WindowText).name()
    qtbot.waitUntil(lambda: text_colour(label) == text)
    assert label.styleSheet() == "font-size: 13pt;"


def test_the_workouts_coloured_texts_switch_tone_live(
    follower: look.SchemeFollower, qtbot: QtBot
) -> None:
    tl = timeline(plan(JONSSON, Settings(injured=Injured.RIGHT, reps=2, sets=2)))
    session = WorkoutSession(tl, SilentPlayer(), notice="No sound output: follow the screen.")
    view = WorkoutView(session)
    shown(qtbot, view)
    panel = view.pain_panel
    panel.show_rating(7, offer_stop=False)  # too much
    panel.show()
    coloured: dict[QWidget, str] = {
        view.wrong_button: "danger",
        view.notice: "warning",
        view.save_notice: "danger",
        panel.zone_label: "danger",
    }

    def shades(shade: int) -> bool:
        return all(text_colour(w) == look.TONES[name][shade] for w, name in coloured.items())

    assert shades(0)
    follower.apply(Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: shades(1))
    panel.show_rating(1, offer_stop=False)  # safe: good, in the dark shade at once
    assert text_colour(panel.zone_label) == look.TONES["good"][1]


def test_the_settings_problem_switches_tone_live(
    follower: look.SchemeFollower, qtbot: QtBot
) -> None:
    program = Program("p", date(2026, 11, 2), "alfredson", Injured.LEFT)
    dialog = shown(qtbot, SettingsDialog(program, Prefs()))
    assert isinstance(dialog, SettingsDialog)
    assert text_colour(dialog.problem) == look.TONES["danger"][0]
    follower.apply(Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: text_colour(dialog.problem) == look.TONES["danger"][1])
