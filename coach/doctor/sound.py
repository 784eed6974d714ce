"""`coach doctor`'s checks of the sound: QtMultimedia, the outputs, a quiet test tone, the
voice clips and the speech engines. Qt is imported only inside the checks that use it."""

from __future__ import annotations

import importlib
import sys
import wave
from typing import TYPE_CHECKING

import numpy as np

from coach import qt_check
from coach.audio import track
from coach.doctor.findings import Finding
from coach.doctor.system import QT_MODULES
from coach.resources import asset_path

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

TONE_SECONDS = 0.2
TONE_HZ = 440.0
TONE_PEAK = 0.05  # quiet: the check is that the output opens, not that anyone hears it
TONE_WAIT_MS = 400  # the tone's length and a margin for the sound server to start


def application() -> QCoreApplication:
    """The running Qt application, or a new QCoreApplication: QtMultimedia needs one."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 - Qt only for this check

    return QCoreApplication.instance() or QCoreApplication([sys.argv[0]])


NO_OUTPUT = (
    "No sound output found: connect speakers or headphones, or check that PulseAudio or "
    "PipeWire runs; workouts still run with on-screen cues."
)


def sound_library() -> Finding | None:
    """None if QtMultimedia loads; else what stops it, and what to install."""
    if not all(_loads(module) for module in QT_MODULES):  # QtMultimedia needs them all
        return Finding("Sound library", "not checked (Qt cannot load: see above)")
    try:
        importlib.import_module("PySide6.QtMultimedia")
    except ImportError as e:
        soname = qt_check.missing_soname(e)
        if soname is None:
            return Finding(
                "Sound library", f"QtMultimedia cannot load ({e})",
                f"Sound cannot play: QtMultimedia does not load ({e}). Reinstall Coach; "
                "until then workouts run silently, with every cue on the screen.",
            )  # fmt: skip
        missing = list(dict.fromkeys([soname, *qt_check.missing_of(qt_check.SOUND_LIBS)]))
        names = ", ".join(missing)
        are = "is" if len(missing) == 1 else "are"
        return Finding(
            "Sound library", f"QtMultimedia cannot load ({names} {are} missing)",
            f"Sound cannot play: {names} {are} missing. Install "
            f"{'it' if len(missing) == 1 else 'them'} ({qt_check.install_hint(missing)}); "
            "until then workouts run silently, with every cue on the screen.",
        )  # fmt: skip
    return None


def _loads(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def sound_outputs() -> list[Finding]:
    """The sound outputs Qt finds, and which one is the default."""
    from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 - see sound_library

    outputs = QMediaDevices.audioOutputs()
    if not outputs:
        return [Finding("Sound outputs", "none found", NO_OUTPUT)]
    default = QMediaDevices.defaultAudioOutput()
    findings = [Finding("Sound outputs", f"{len(outputs)} found")]
    for n, device in enumerate(outputs, 1):
        mark = " (default)" if device == default else ""
        findings.append(Finding(f"Output {n}", f"{device.description()}{mark}"))
    if default.isNull():
        findings.append(
            Finding(
                "Default output",
                "none",
                "No sound output is chosen as the default: choose one in the system's "
                "sound settings; workouts still run with on-screen cues.",
            )
        )
    return findings


def _tone() -> bytes:
    frames = round(TONE_SECONDS * track.SAMPLE_RATE)
    t = np.arange(frames, dtype=np.float64) / track.SAMPLE_RATE
    fade = np.minimum(1.0, np.minimum(t, TONE_SECONDS - t) / 0.02)  # no click at either end
    samples = TONE_PEAK * fade * np.sin(2 * np.pi * TONE_HZ * t)
    return bytes(np.round(samples * 32767).astype("<i2").tobytes())


def tone_check(wait_ms: int = TONE_WAIT_MS) -> Finding:
    """Open the default output in the cue track's format and play a short quiet tone."""
    from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QTimer  # noqa: PLC0415
    from PySide6.QtMultimedia import (  # noqa: PLC0415 - see sound_library
        QAudioFormat,
        QAudioSink,
        QMediaDevices,
        QtAudio,
    )

    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        return Finding("Test tone", "not tried (no sound output)")
    fmt = QAudioFormat()
    fmt.setSampleRate(track.SAMPLE_RATE)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    if not device.isFormatSupported(fmt):
        return Finding(
            "Test tone", "format not supported",
            f"The sound output {device.description()} does not take 16-bit mono sound at "
            f"{track.SAMPLE_RATE} Hz: choose another output in the system's sound settings; "
            "workouts still run with on-screen cues.",
        )  # fmt: skip
    data = QByteArray(_tone())
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    sink = QAudioSink(device, fmt)
    try:
        sink.start(buffer)
        loop = QEventLoop()
        QTimer.singleShot(wait_ms, loop.quit)
        loop.exec()
        error, state = sink.error(), sink.state()
    finally:
        sink.stop()
        buffer.close()
    # Underrun only means the short tone ran out, as it should; Stopped means it never ran.
    ok = (QtAudio.Error.NoError, QtAudio.Error.UnderrunError)
    if error not in ok or state is QtAudio.State.StoppedState:
        return Finding(
            "Test tone", f"failed on {device.description()} ({error.name})",
            f"The sound output {device.description()} would not play ({error.name}): check "
            "that it is connected and not used exclusively by another program, or choose "
            "another in the system's sound settings; workouts still run with on-screen cues.",
        )  # fmt: skip
    return Finding("Test tone", f"played on {device.description()}")


def voice_clips() -> Finding:
    """The spoken prompts the cue track expects, found and readable under assets/voice."""
    expected = track.VOICE_CLIPS
    missing = []
    for name in expected:
        try:
            track.read_wav(asset_path(f"voice/{name}.wav"))
        except FileNotFoundError:
            missing.append(name)
        except (OSError, ValueError, EOFError, wave.Error):
            missing.append(f"{name} (unreadable)")
    present = len(expected) - len(missing)
    value = f"{present} of {len(expected)} present"
    if not missing:
        return Finding("Voice clips", value)
    return Finding(
        "Voice clips", value,
        f"Voice clips missing or unreadable: {', '.join(missing)}. Reinstall Coach to get "
        "them back; meanwhile workouts play beeps and show the words on screen.",
    )  # fmt: skip


def speech_engines() -> Finding:
    """Text-to-speech engines Qt offers (information: Coach speaks from recorded clips)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415 - optional module
    except ImportError as e:
        soname = qt_check.missing_soname(e)
        why = f"cannot load ({soname} is missing)" if soname else "QtTextToSpeech not installed"
        return Finding("Text-to-speech engines", why)
    engines = QTextToSpeech.availableEngines()
    return Finding("Text-to-speech engines", ", ".join(engines) or "none")


def sound() -> list[Finding]:
    """The sound library, the outputs and a test tone; then what is spoken."""
    spoken = [voice_clips(), speech_engines()]
    if (missing := sound_library()) is not None:
        return [missing, *spoken]
    _app = application()  # held until the sound checks are done
    return [*sound_outputs(), tone_check(), *spoken]
