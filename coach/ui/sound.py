"""Choosing how a workout keeps time: the audio player's clock, or a silent one.

Imported only when a workout starts: the audio stack brings numpy and
QtMultimedia, which the first screen does not need.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from coach.audio.player import AudioPlayer, output_available
from coach.audio.track import CueTrack, Voice
from coach.domain.clock import Clock, MonotonicClock
from coach.domain.timeline import Timeline
from coach.ui.prefs import Prefs

NO_OUTPUT = (
    "No sound output was found, so this session is silent: every cue is on the screen. "
    "Connect speakers or headphones and start a new session to hear the prompts."
)


SOUND_OFF = "Sound is off (Settings): every cue is on the screen."


def open_sound(
    timeline: Timeline, parent: QObject, prefs: Prefs
) -> tuple[AudioPlayer | None, Clock, str]:
    """(player, clock, notice): with an output, the player is the clock.

    With sound off in the preferences there is no player, as without an output; with
    the voice off, the track has the beats and chimes but no spoken prompts.
    """
    if not prefs.sound:
        return None, MonotonicClock(), SOUND_OFF
    if not output_available():
        return None, MonotonicClock(), NO_OUTPUT
    voice = Voice.load() if prefs.voice else Voice({})
    notice = ""
    if voice.missing:
        notice = (
            f"Some voice prompts could not be loaded ({', '.join(voice.missing)}); beats and "
            "chimes still play. Reinstalling Coach restores them."
        )
    player = AudioPlayer(CueTrack(timeline, voice), parent)
    player.set_volume(prefs.volume / 100)
    return player, player, notice
