"""Choosing how a workout keeps time: the audio player's clock, or a silent one.

Imported only when a workout starts: the audio stack brings numpy and
QtMultimedia, which the first screen does not need. Sound is optional at every
level: without QtMultimedia (a system library missing), without a sound server or
without an output, the workout runs silently on the monotonic clock and the notice
says why.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from coach import qt_check
from coach.app.player import Player, SilentPlayer
from coach.app.prefs import Prefs
from coach.audio.track import CueTrack, Voice
from coach.domain.timeline import Timeline

NO_OUTPUT = (
    "No sound output was found, so this session is silent: every cue is on the screen. "
    "Connect speakers or headphones and start a new session to hear the prompts."
)


SOUND_OFF = "Sound is off (Settings): every cue is on the screen."


def no_sound_library(error: ImportError) -> str:
    """The notice when QtMultimedia cannot load: what is missing, and what to install."""
    soname = qt_check.missing_soname(error)
    if soname is None:
        return (
            f"Sound cannot start on this computer ({error}), so this session is silent: "
            "every cue is on the screen. Reinstalling Coach may bring the prompts back."
        )
    return (
        "This session is silent, with every cue on the screen: a system library Coach needs "
        f"for sound ({soname}) is missing. To hear the prompts, install it "
        f"({qt_check.install_hint([soname])}) and restart Coach."
    )


def output_available() -> bool:
    """Whether the system has a sound output Qt can open (QtMultimedia must load)."""
    from coach.audio.player import output_available  # noqa: PLC0415 - see open_sound

    return output_available()


def open_sound(timeline: Timeline, parent: QObject, prefs: Prefs) -> tuple[Player, str]:
    """(player, notice): the player is the session's clock too.

    With sound off in the preferences the player is silent, as without an output or
    without QtMultimedia, and the notice says why; with the voice off, the track has
    the beats and chimes but no spoken prompts.
    """
    if not prefs.sound:
        return SilentPlayer(), SOUND_OFF
    try:
        # QtMultimedia links the PulseAudio client library: a machine without it gets
        # an ImportError here, and a silent session rather than a failed one.
        from coach.audio.player import AudioPlayer  # noqa: PLC0415
    except ImportError as e:
        if qt_check.missing_soname(e) is None and not (e.name or "").startswith("PySide6"):
            raise  # a fault of Coach's own, not of this computer: never hidden
        return SilentPlayer(), no_sound_library(e)
    if not output_available():
        return SilentPlayer(), NO_OUTPUT
    voice = Voice.load() if prefs.voice else Voice({})
    notice = ""
    if voice.missing:
        notice = (
            f"Some voice prompts could not be loaded ({', '.join(voice.missing)}); beats and "
            "chimes still play. Reinstalling Coach restores them."
        )
    player = AudioPlayer(CueTrack(timeline, voice), parent)
    player.set_volume(prefs.volume / 100)
    return player, notice
