"""The rendered cue track: each sound found in the audio, against its cue's sample."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from coach.audio.track import SAMPLE_RATE, SOUNDED, CueTrack, Voice
from coach.bench.results import Result, Stats
from coach.domain.plan import plan
from coach.domain.protocols import ALFREDSON
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import timeline


def detect_onsets(samples: Sequence[int], quiet_ms: int = 50) -> list[int]:
    """Where the audio gets loud (half of full scale) after a quiet stretch.

    Reads only the samples, so it checks the track rather than repeating its code.
    """
    x = np.abs(np.asarray(samples, dtype=np.int32))
    loud = np.flatnonzero(x >= 32767 // 2)
    gaps = np.diff(loud, prepend=-(10**9))
    return [int(i) for i in loud[gaps > quiet_ms * 48]]


def audio_onsets() -> Result:
    """How far each sound of a rendered track starts from its cue, in samples."""
    settings = Settings(injured=Injured.BOTH, reps=3, sets=2, rest_seconds=5)
    tl = timeline(plan(ALFREDSON, settings))
    track = CueTrack(tl, Voice.load())
    found = detect_onsets(track.render(0, track.length).tolist())
    expected = sorted({round(c.t * SAMPLE_RATE) for c in tl.cues if c.kind in SOUNDED})
    errors = [float(min(abs(f - e) for f in found)) for e in expected]
    extra = len(found) - len(expected)
    return Result(
        name="audio onset error",
        unit="samples",
        value=Stats.of(errors),
        goal="0 (every sound on its cue's sample)",
        met=max(errors) == 0 and extra == 0,
        notes=[f"{len(expected)} cues, {len(found)} onsets found"],
    )
