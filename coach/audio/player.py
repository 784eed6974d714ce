"""Plays a cue track through QtMultimedia, and serves its played position as a clock.

While sound plays, the workout's clock is the audio sink's processed position, so
the picture follows the sound rather than the other way round. Pausing suspends
the sink (its position stops), and skipping moves the read position by exactly
the amount the engine jumped, so track and timeline stay on the same sample.

Importing this module loads QtMultimedia, and with it the PulseAudio client library
(libpulse0), which a machine may lack: it is imported only where that ImportError
means a silent workout (coach.ui.sound.open_sound), never at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QIODevice, QObject
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from coach.audio.track import SAMPLE_RATE, CueTrack

BYTES_PER_FRAME = 2  # 16-bit mono


def output_available() -> bool:
    """Whether the system has a sound output Qt can open."""
    return not QMediaDevices.defaultAudioOutput().isNull()


class TrackDevice(QIODevice):
    """A read-only device that renders the track on demand, as the sink pulls it.

    After the track it gives silence, so the clock keeps running until the
    workout itself says it is over.
    """

    def __init__(self, track: CueTrack, parent: QObject) -> None:
        super().__init__(parent)
        self.track = track
        self.cursor = 0  # the next frame to hand to the sink

    def readData(self, maxlen: int) -> bytes:  # noqa: N802 - Qt's name
        frames = maxlen // BYTES_PER_FRAME
        if frames <= 0:
            return b""
        data = self.track.render(self.cursor, frames)
        self.cursor += frames
        return data.astype("<i2").tobytes()

    def writeData(self, data: bytes | bytearray | memoryview, size: int, /) -> int:  # noqa: N802, ARG002 - Qt's name and signature
        return -1  # read-only

    def bytesAvailable(self) -> int:  # noqa: N802 - Qt's name
        return 1 << 30  # an endless stream: never "at end"

    def isSequential(self) -> bool:  # noqa: N802 - Qt's name
        return True


class AudioPlayer(QObject):
    """One workout's sound. `now()` is the seconds of sound played so far (a Clock).

    A `coach.app.player.Player`: the session plays it and reads its clock.
    """

    audible = True

    def __init__(self, track: CueTrack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        fmt = QAudioFormat()
        fmt.setSampleRate(SAMPLE_RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self._sink = QAudioSink(QMediaDevices.defaultAudioOutput(), fmt, self)
        self.device = TrackDevice(track, self)
        self._volume = 1.0
        self._muted = False
        self._stopped_at: float | None = None  # the clock stands here once stopped

    def now(self) -> float:
        """Seconds of sound played; after stop(), where it stopped (time never goes back)."""
        if self._stopped_at is not None:
            return self._stopped_at
        return float(self._sink.processedUSecs()) / 1e6

    def start(self) -> None:
        self._stopped_at = None
        self.device.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink.start(self.device)

    def pause(self) -> None:
        self._sink.suspend()

    def resume(self) -> None:
        self._sink.resume()

    def stop(self) -> None:
        if self._stopped_at is None:
            self._stopped_at = self.now()
        self._sink.stop()
        self.device.close()

    def jump(self, seconds: float) -> None:
        """Move the read position forward, as the engine's timeline just did."""
        self.device.cursor += round(seconds * SAMPLE_RATE)

    @property
    def muted(self) -> bool:
        return self._muted

    def set_muted(self, muted: bool) -> None:  # noqa: FBT001 - a Qt-style setter
        """Silence without stopping: the sink keeps playing, so the clock runs on."""
        self._muted = muted
        self._apply_volume()

    @property
    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        self._volume = min(1.0, max(0.0, volume))
        self._apply_volume()

    def _apply_volume(self) -> None:
        self._sink.setVolume(0.0 if self._muted else self._volume)

    def problem(self) -> str | None:
        """What went wrong with the sound output, if anything (polled by the view).

        Polled rather than signalled: PySide6 cannot convert the QAudio::State
        argument of QAudioSink.stateChanged, so no Python slot can receive it.
        """
        error = self._sink.error()
        if error in (QtAudio.Error.NoError, QtAudio.Error.UnderrunError):
            return None
        return f"the sound output failed ({error.name})"
