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

NO_OUTPUT = (
    "No sound output was found, so this session is silent: every cue is on the screen. "
    "Connect speakers or headphones and start a new session to hear the prompts."
)


def open_sound(timeline: Timeline, parent: QObject) -> tuple[AudioPlayer | None, Clock, str]:
    """(player, clock, notice): with an output, the player is the clock."""
    if not output_available():
        return None, MonotonicClock(), NO_OUTPUT
    voice = Voice.load()
    notice = ""
    if voice.missing:
        notice = (
            f"Some voice prompts could not be loaded ({', '.join(voice.missing)}); beats and "
            "chimes still play. Reinstalling Coach restores them."
        )
    player = AudioPlayer(CueTrack(timeline, voice), parent)
    return player, player, notice
