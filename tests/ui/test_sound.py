from __future__ import annotations

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from coach.audio.player import AudioPlayer
from coach.audio.track import Voice
from coach.domain.clock import MonotonicClock
from coach.domain.plan import plan
from coach.domain.protocols import JONSSON
from coach.domain.settings import Settings
from coach.domain.timeline import timeline
from coach.ui import sound
from coach.ui.prefs import Prefs

TIMELINE = timeline(plan(JONSSON, Settings(reps=1, sets=1)))


@pytest.mark.usefixtures("qapp")
def test_without_an_output_the_clock_is_monotonic_and_a_notice_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sound, "output_available", lambda: False)
    player, clock, notice = sound.open_sound(TIMELINE, QObject(), Prefs())
    assert player is None
    assert isinstance(clock, MonotonicClock)
    assert "silent" in notice


@pytest.mark.usefixtures("sound_output")
def test_with_an_output_the_player_is_the_clock(qtbot: QtBot) -> None:
    owner = QObject()
    player, clock, notice = sound.open_sound(TIMELINE, owner, Prefs())
    assert isinstance(player, AudioPlayer)
    assert clock is player
    assert notice == ""


@pytest.mark.usefixtures("sound_output")
def test_missing_voice_clips_are_named_in_the_notice(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Voice, "load", classmethod(lambda cls: Voice({}, ("rest", "back"))))
    _, _, notice = sound.open_sound(TIMELINE, QObject(), Prefs())
    assert "rest, back" in notice


@pytest.mark.usefixtures("qapp")
def test_sound_off_in_the_settings_means_no_player_and_a_notice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sound, "output_available", lambda: True)  # even with an output
    player, clock, notice = sound.open_sound(TIMELINE, QObject(), Prefs(sound=False))
    assert player is None
    assert isinstance(clock, MonotonicClock)
    assert notice == sound.SOUND_OFF


@pytest.mark.usefixtures("sound_output")
def test_the_voice_and_volume_settings_reach_the_player(qtbot: QtBot) -> None:
    owner = QObject()
    player, _, notice = sound.open_sound(TIMELINE, owner, Prefs(voice=False, volume=40))
    assert isinstance(player, AudioPlayer)
    assert player.device.track.voice.clips == {}  # beats and chimes only
    assert notice == ""  # no voice asked for: none is missing
    assert player.volume == pytest.approx(0.4)
    spoken, _, _ = sound.open_sound(TIMELINE, owner, Prefs())
    assert spoken is not None
    assert spoken.device.track.voice.clips  # the default speaks
