from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from coach.app.player import SilentPlayer
from coach.app.prefs import Prefs
from coach.audio.track import Voice
from coach.domain.plan import plan
from coach.domain.protocols import JONSSON
from coach.domain.settings import Settings
from coach.domain.timeline import timeline
from coach.ui import sound
from coach.ui.main_window import MainWindow
from coach.ui.workout.view import WorkoutView
from tests.missing_libs import pretend_missing

if TYPE_CHECKING:
    from coach.audio.player import AudioPlayer

TIMELINE = timeline(plan(JONSSON, Settings(reps=1, sets=1)))


def player_class() -> type[AudioPlayer]:
    """The player, imported once a test has made sure QtMultimedia loads (sound_output)."""
    from coach.audio.player import AudioPlayer  # noqa: PLC0415

    return AudioPlayer


@pytest.mark.usefixtures("qapp")
def test_without_an_output_the_clock_is_monotonic_and_a_notice_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sound, "output_available", lambda: False)
    player, notice = sound.open_sound(TIMELINE, QObject(), Prefs())
    assert isinstance(player, SilentPlayer)
    assert not player.audible
    assert "silent" in notice


@pytest.mark.usefixtures("sound_output")
def test_with_an_output_the_player_is_the_clock(qtbot: QtBot) -> None:
    owner = QObject()
    player, notice = sound.open_sound(TIMELINE, owner, Prefs())
    assert isinstance(player, player_class())
    assert player.audible
    assert notice == ""


@pytest.mark.usefixtures("sound_output")
def test_missing_voice_clips_are_named_in_the_notice(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Voice, "load", classmethod(lambda cls: Voice({}, ("rest", "back"))))
    _, notice = sound.open_sound(TIMELINE, QObject(), Prefs())
    assert "rest, back" in notice


@pytest.mark.usefixtures("qapp")
def test_sound_off_in_the_settings_means_no_player_and_a_notice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sound, "output_available", lambda: True)  # even with an output
    player, notice = sound.open_sound(TIMELINE, QObject(), Prefs(sound=False))
    assert isinstance(player, SilentPlayer)
    assert notice == sound.SOUND_OFF


@pytest.mark.usefixtures("sound_output")
def test_the_voice_and_volume_settings_reach_the_player(qtbot: QtBot) -> None:
    owner = QObject()
    player, notice = sound.open_sound(TIMELINE, owner, Prefs(voice=False, volume=40))
    assert isinstance(player, player_class())
    assert player.device.track.voice.clips == {}  # beats and chimes only
    assert notice == ""  # no voice asked for: none is missing
    assert player.volume == pytest.approx(0.4)
    spoken, _ = sound.open_sound(TIMELINE, owner, Prefs())
    assert isinstance(spoken, player_class())
    assert spoken.device.track.voice.clips  # the default speaks


# -- without QtMultimedia (no libpulse0): silent, and the notice says what to install ----
NO_PULSE = (
    "This session is silent, with every cue on the screen: a system library Coach needs for "
    "sound (libpulse.so.0) is missing. To hear the prompts, install it (Debian/Ubuntu: "
    "sudo apt install libpulse0; Fedora: sudo dnf install pulseaudio-libs) and restart Coach."
)


@pytest.mark.usefixtures("qapp")
def test_without_qt_multimedia_the_session_is_silent_and_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pretend_missing(monkeypatch, ["libpulse.so.0"])
    player, notice = sound.open_sound(TIMELINE, QObject(), Prefs())
    assert isinstance(player, SilentPlayer)
    assert notice == NO_PULSE


@pytest.mark.usefixtures("no_unexpected_dialog")
def test_without_qt_multimedia_a_workout_runs_from_the_window_and_is_saved(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Start this session" once raised the ImportError: now the session runs, silent."""
    pretend_missing(monkeypatch, ["libpulse.so.0"])
    window = MainWindow(tmp_path / "data")
    qtbot.addWidget(window)
    window.open_data()
    assert window.model.history is not None
    try:
        window.today.start_button.click()
        workout = window.workout
        assert isinstance(workout, WorkoutView)
        assert workout.notice.text() == NO_PULSE
        assert not workout.notice.isHidden()
        workout.start()
        workout.session.end_early()
        workout.summary.done_button.click()
        assert window.workout is None
        assert len(window.history.model.rows) == 1
    finally:
        window.model.history.close()
