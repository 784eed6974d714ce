from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from coach.audio.track import SAMPLE_RATE, CueTrack, Voice
from coach.domain.plan import plan
from coach.domain.protocols import JONSSON
from coach.domain.settings import Settings
from coach.domain.timeline import timeline
from tests.multimedia import require_qt_multimedia

require_qt_multimedia()  # the player is QtMultimedia: skipped without it (failed on CI)

from coach.audio.player import AudioPlayer, TrackDevice  # noqa: E402 - after the check above

SHORT = Settings(reps=1, sets=1, lower_seconds=2, get_ready_seconds=1)


def short_track() -> CueTrack:
    return CueTrack(timeline(plan(JONSSON, SHORT)), Voice.load())


@pytest.fixture
def player(qtbot: QtBot, sound_output: None) -> Iterator[AudioPlayer]:
    owner = QObject()
    p = AudioPlayer(short_track(), owner)
    yield p
    p.stop()


@pytest.mark.slow
def test_a_track_plays_through_the_real_sink_and_its_position_is_the_clock(
    player: AudioPlayer, qtbot: QtBot
) -> None:
    assert player.now() == 0
    player.start()
    qtbot.waitUntil(lambda: player.now() >= 1.0, timeout=15_000)
    # The sink pulled at least what it played, rendered from the track.
    assert player.device.cursor >= SAMPLE_RATE
    played = player.now()
    assert played < player.device.cursor / SAMPLE_RATE + 0.05


@pytest.mark.slow
def test_stop_keeps_the_clock_where_it_stopped(player: AudioPlayer, qtbot: QtBot) -> None:
    """The player is the workout's clock: a stopped session must not go back to 0 s."""
    player.start()
    qtbot.waitUntil(lambda: player.now() >= 0.5, timeout=15_000)
    player.stop()
    stopped = player.now()
    assert stopped >= 0.5
    qtbot.wait(200)
    assert player.now() == stopped


@pytest.mark.slow
def test_pause_stops_the_clock_and_mute_does_not(player: AudioPlayer, qtbot: QtBot) -> None:
    player.start()
    qtbot.waitUntil(lambda: player.now() >= 0.5, timeout=15_000)
    player.pause()
    qtbot.wait(100)
    held = player.now()
    qtbot.wait(400)
    assert player.now() == pytest.approx(held, abs=0.03)
    player.resume()
    player.set_muted(True)
    assert player.muted
    qtbot.waitUntil(lambda: player.now() >= held + 0.3, timeout=15_000)


def test_track_device_renders_from_its_cursor_and_jumps(qtbot: QtBot) -> None:
    owner = QObject()
    track = short_track()
    device = TrackDevice(track, owner)
    first = device.readData(2 * 480)
    assert first == track.render(0, 480).astype("<i2").tobytes()
    assert device.cursor == 480
    device.cursor += SAMPLE_RATE  # what AudioPlayer.jump does
    assert device.readData(200) == track.render(480 + SAMPLE_RATE, 100).astype("<i2").tobytes()
    assert device.writeData(b"x", 1) == -1
    assert device.isSequential()


@pytest.mark.slow
def test_a_healthy_player_reports_no_problem(player: AudioPlayer, qtbot: QtBot) -> None:
    player.start()
    qtbot.waitUntil(lambda: player.now() > 0.1, timeout=15_000)
    assert player.problem() is None
