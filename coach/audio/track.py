"""The cue track: every sound of a workout placed at the exact sample of its cue.

The track is rendered from the timeline, the same one the screen shows, so sound and
picture cannot disagree. Each beat and phase sound is synthesised to start at full
strength on sample `round(t * SAMPLE_RATE)` of its cue and to die away within about
50 ms; the spoken prompt follows VOICE_DELAY later, quieter, so the chime marks the
moment and the voice says what to do. Any stretch of the track can be rendered on
its own, so a 35-minute session is never held in memory whole.
"""

from __future__ import annotations

import bisect
import math
import os
import tempfile
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from coach.domain.plan import SessionPlan, WayUp
from coach.domain.timeline import Cue, CueKind, Timeline
from coach.resources import asset_path

SAMPLE_RATE = 48_000
VOICE_DELAY_MS = 60
VOICE_PEAK = 0.3  # voice stays below the synthesised sounds, whose first sample is 0.6+

Samples = npt.NDArray[np.float32]

# Kinds that make a sound. SET_START, EXERCISE_START and SET_END fall on the same
# instant as an UP or a REST, which already sound.
SOUNDED = frozenset(
    {CueKind.GET_READY, CueKind.UP, CueKind.SHIFT, CueKind.LOWER, CueKind.BEAT,
     CueKind.RESET, CueKind.REST, CueKind.DONE}
)  # fmt: skip


def _tone(freqs: tuple[float, ...], ms: int, decay_ms: float, peak: float) -> Samples:
    """A struck tone: cosines (so the first sample is the peak) under an exponential decay."""
    t = np.arange(SAMPLE_RATE * ms // 1000, dtype=np.float64) / SAMPLE_RATE
    wave_ = sum(np.cos(2 * math.pi * f * t) for f in freqs) / len(freqs)
    out = peak * np.exp(-t / (decay_ms / 1000)) * wave_
    return np.asarray(out, dtype=np.float32)


# One distinct sound per kind of moment (pitches of a major chord, easy to tell apart).
CLICK = _tone((1000.0,), 25, 4, 0.7)
ACCENT = _tone((1600.0, 2400.0), 40, 6, 0.9)
CHIMES: dict[CueKind, Samples] = {
    CueKind.GET_READY: _tone((523.25,), 150, 15, 0.8),
    CueKind.UP: _tone((783.99,), 150, 15, 0.8),
    CueKind.SHIFT: _tone((659.25,), 150, 15, 0.8),
    CueKind.RESET: _tone((587.33,), 150, 15, 0.8),
    CueKind.REST: _tone((440.0,), 150, 15, 0.8),
    CueKind.DONE: _tone((523.25, 659.25, 783.99), 150, 18, 0.9),
}

VOICE_CLIPS = (
    "up_left", "up_right", "step_up", "pull_up", "onto_left", "onto_right", "lower_left",
    "lower_right", "back", "rest", "get_ready", "done",
    *(f"count_{n}" for n in range(2, 11)),
)  # fmt: skip


def read_wav(path: Path) -> Samples:
    """A 16-bit mono WAV at SAMPLE_RATE, as floats in [-1, 1]."""
    with wave.open(str(path), "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, SAMPLE_RATE):
            raise ValueError(f"{path.name}: not 16-bit mono at {SAMPLE_RATE} Hz")
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return (data.astype(np.float32) / 32768).astype(np.float32)


@dataclass(frozen=True)
class Voice:
    """The spoken prompts, loaded from assets/voice. `missing` names clips not found."""

    clips: dict[str, Samples]
    missing: tuple[str, ...] = ()

    @classmethod
    def load(cls) -> Voice:
        clips: dict[str, Samples] = {}
        missing = []
        for name in VOICE_CLIPS:
            try:
                samples = read_wav(asset_path(f"voice/{name}.wav"))
            except (FileNotFoundError, ValueError, EOFError, wave.Error):
                missing.append(name)
                continue
            peak = float(np.max(np.abs(samples))) or 1.0
            clips[name] = (samples * (VOICE_PEAK / peak)).astype(np.float32)
        return cls(clips, tuple(missing))


_FIXED_PROMPTS = {
    CueKind.GET_READY: "get_ready",
    CueKind.RESET: "back",
    CueKind.REST: "rest",
    CueKind.DONE: "done",
}
_SIDED_PROMPTS = {CueKind.SHIFT: "onto", CueKind.LOWER: "lower"}


def voice_clip_for(cue: Cue, session: SessionPlan) -> str | None:
    """Which prompt to speak at `cue`, by the clip's name."""
    if cue.kind is CueKind.UP and cue.side is not None:
        # Rise on the good leg, or, when both legs lower, step up on the box or pull up.
        both = {WayUp.BOX: "step_up", WayUp.ARMS: "pull_up"}
        return both.get(session.way_up, f"up_{cue.side.other.value}")
    if cue.kind is CueKind.BEAT:
        # The first beat is the lowering cue itself, which says "lower on the ...".
        return f"count_{cue.beat}" if cue.beat and cue.beat >= 2 else None
    if cue.kind in _SIDED_PROMPTS and cue.side is not None:
        return f"{_SIDED_PROMPTS[cue.kind]}_{cue.side.value}"
    return _FIXED_PROMPTS.get(cue.kind)


def sound_for(cue: Cue) -> Samples | None:
    """The synthesised sound that marks `cue`, starting on its exact sample."""
    if cue.kind is CueKind.BEAT:
        return ACCENT if cue.beat == 1 else CLICK
    return CHIMES.get(cue.kind)


@dataclass(frozen=True)
class Placement:
    start: int
    samples: Samples


@dataclass
class CueTrack:
    """All sounds of one timeline at their samples; `render()` mixes any stretch."""

    timeline: Timeline
    voice: Voice
    placements: list[Placement] = field(init=False)
    length: int = field(init=False)

    def __post_init__(self) -> None:
        placed = []
        session = self.timeline.plan
        for cue in self.timeline.cues:
            at = cue_sample(cue)
            sound = sound_for(cue)
            if sound is not None:
                placed.append(Placement(at, sound))
            name = voice_clip_for(cue, session)
            if name is not None and name in self.voice.clips:
                placed.append(Placement(at + VOICE_DELAY_MS * 48, self.voice.clips[name]))
        placed.sort(key=lambda p: p.start)
        self.placements = placed
        self._starts = [p.start for p in placed]
        self._longest = max((len(p.samples) for p in placed), default=0)
        self.length = max(
            [cue_sample(self.timeline.cues[-1])] + [p.start + len(p.samples) for p in placed]
        )

    def render(self, start: int, frames: int) -> npt.NDArray[np.int16]:
        """Samples [start, start + frames) as 16-bit PCM (silence past the end)."""
        mix = np.zeros(frames, dtype=np.float32)
        end = start + frames
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        for p in self.placements[first:last]:
            lo, hi = max(start, p.start), min(end, p.start + len(p.samples))
            if lo < hi:
                mix[lo - start : hi - start] += p.samples[lo - p.start : hi - p.start]
        np.clip(mix, -1.0, 1.0, out=mix)
        return (mix * 32767).astype(np.int16)

    def write_wav(self, path: Path, chunk: int = SAMPLE_RATE * 10) -> None:
        """Write the whole track as a 16-bit mono WAV, atomically: all of it or nothing."""
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as f, wave.open(f, "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(SAMPLE_RATE)
                for start in range(0, self.length, chunk):
                    frames = min(chunk, self.length - start)
                    w.writeframes(self.render(start, frames).astype("<i2").tobytes())
            tmp.replace(path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def cue_sample(cue: Cue) -> int:
    """The sample a cue falls on: round(t * SAMPLE_RATE), exact from whole milliseconds."""
    return cue.t_ms * SAMPLE_RATE // 1000
