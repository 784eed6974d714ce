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

TIMELINE = timeline(plan(JONSSON, Settings(reps=1, sets=1)))


@pytest.mark.usefixtures("qapp")
def test_without_an_output_the_clock_is_monotonic_and_a_notice_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sound, "output_available", lambda: False)
    player, clock, notice = sound.open_sound(TIMELINE, QObject())
    assert player is None
    assert isinstance(clock, MonotonicClock)
    assert "silent" in notice


@pytest.mark.usefixtures("sound_output")
def test_with_an_output_the_player_is_the_clock(qtbot: QtBot) -> None:
    owner = QObject()
    player, clock, notice = sound.open_sound(TIMELINE, owner)
    assert isinstance(player, AudioPlayer)
    assert clock is player
    assert notice == ""


@pytest.mark.usefixtures("sound_output")
def test_missing_voice_clips_are_named_in_the_notice(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Voice, "load", classmethod(lambda cls: Voice({}, ("rest", "back"))))
    _, _, notice = sound.open_sound(TIMELINE, QObject())
    assert "rest, back" in notice
