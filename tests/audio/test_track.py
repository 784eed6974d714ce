from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from coach.audio import track as track_module
from coach.audio.track import (
    SAMPLE_RATE,
    VOICE_CLIPS,
    VOICE_DELAY_MS,
    CueTrack,
    Voice,
    read_wav,
    voice_clip_for,
)
from coach.cli import main
from coach.domain.plan import plan
from coach.domain.protocols import ALFREDSON, JONSSON
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import CueKind, timeline
from coach.resources import asset_path
from tests.helpers import examples

# What the issue asks to hear: a sound at every phase change and on every beat.
SOUNDED_KINDS = {"get_ready", "up", "shift", "lower", "beat", "reset", "rest", "done"}


def detect_onsets(samples: npt.NDArray[np.int16], quiet_ms: int = 50) -> list[int]:
    """Samples where the signal gets loud (half of full scale) after a quiet stretch.

    Independent of how the track is built: it only reads the audio.
    """
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) >= 32767 // 2)
    gaps = np.diff(loud, prepend=-(10**9))
    return [int(i) for i in loud[gaps > quiet_ms * SAMPLE_RATE // 1000]]


def wav_samples(path: Path) -> npt.NDArray[np.int16]:
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, SAMPLE_RATE)
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


CONFIGS = [
    ["--protocol", "alfredson", "--injured", "right", "--reps", "3", "--sets", "2"],
    ["--protocol", "jonsson", "--injured", "both", "--reps", "2", "--sets", "2",
     "--lower-seconds", "7", "--rest-seconds", "1", "--get-ready-seconds", "1"],
    ["--protocol", "jonsson", "--injured", "left", "--reps", "2", "--sets", "1",
     "--lower-seconds", "2", "--rest-seconds", "0", "--get-ready-seconds", "0"],
]  # fmt: skip


@pytest.mark.parametrize("options", CONFIGS)
def test_every_sound_starts_on_the_exact_sample_of_its_cue(
    options: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wav = tmp_path / "track.wav"
    assert main(["plan", *options, "--json"]) == 0
    cues = json.loads(capsys.readouterr().out)["cues"]
    assert main(["cues", *options, "--out", str(wav)]) == 0
    expected = sorted({round(c["t"] * SAMPLE_RATE) for c in cues if c["kind"] in SOUNDED_KINDS})
    assert detect_onsets(wav_samples(wav)) == expected


def test_the_track_is_as_long_as_the_session_plus_the_last_prompt(tmp_path: Path) -> None:
    wav = tmp_path / "t.wav"
    assert main(["cues", *CONFIGS[0], "--out", str(wav)]) == 0
    samples = wav_samples(wav)
    session_s = 5 + 2 * 2 * 3 * 7 + 3 * 60  # get ready, 2x2 sets of 3 reps, 3 rests
    assert len(samples) > session_s * SAMPLE_RATE
    assert len(samples) < (session_s + 1) * SAMPLE_RATE
    assert np.any(samples[session_s * SAMPLE_RATE :] != 0)  # "session done" is spoken


def test_every_voice_clip_is_shipped_and_fits_in_a_one_second_phase() -> None:
    for name in VOICE_CLIPS:
        samples = read_wav(asset_path(f"voice/{name}.wav"))
        assert np.max(np.abs(samples)) > 0.05, f"{name} is silent"
        # It must end before the next cue (1 s later at the soonest), with 50 ms of quiet.
        assert len(samples) + VOICE_DELAY_MS * 48 < SAMPLE_RATE * 95 // 100, name


def test_a_missing_voice_clip_is_named_and_the_rest_still_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:

    def without_rest(name: str) -> Path:
        if name == "voice/rest.wav":
            raise FileNotFoundError("Coach's file assets/voice/rest.wav is missing")
        return asset_path(name)

    monkeypatch.setattr(track_module, "asset_path", without_rest)
    voice = Voice.load()
    assert voice.missing == ("rest",)
    assert len(voice.clips) == len(VOICE_CLIPS) - 1


@hsettings(max_examples=examples(30), deadline=None)
@given(start=st.integers(0, 20 * SAMPLE_RATE), frames=st.integers(1, 3 * SAMPLE_RATE))
def test_any_stretch_renders_the_same_as_the_whole(start: int, frames: int) -> None:
    whole = WHOLE_TRACK.render(0, WHOLE_TRACK.length)
    part = WHOLE_TRACK.render(start, frames)
    expected = np.zeros(frames, dtype=np.int16)
    available = whole[start : start + frames]
    expected[: len(available)] = available
    assert np.array_equal(part, expected)


WHOLE_TRACK = CueTrack(
    timeline(plan(JONSSON, Settings(reps=2, sets=1, get_ready_seconds=1))), Voice.load()
)


def test_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "t.wav"
    out.write_bytes(b"the user's earlier file")

    def broken(self: CueTrack, start: int, frames: int) -> npt.NDArray[np.int16]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(CueTrack, "render", broken)
    with pytest.raises(OSError, match="No space"):
        WHOLE_TRACK.write_wav(out)
    assert out.read_bytes() == b"the user's earlier file"
    assert [p.name for p in tmp_path.iterdir()] == ["t.wav"]


def test_cues_reports_a_write_failure_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full_disk(self: CueTrack, path: Path, chunk: int = 0) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(CueTrack, "write_wav", full_disk)
    status = main(["cues", *CONFIGS[2], "--out", str(tmp_path / "t.wav")])
    err = capsys.readouterr().err
    assert status == 1
    assert err == f"coach cues: error: cannot write {tmp_path / 't.wav'}: No space left on device\n"


def test_both_sides_off_a_step_say_pull_up_not_step_up() -> None:
    for protocol, clip in ((ALFREDSON, "pull_up"), (JONSSON, "step_up")):
        session = plan(protocol, Settings(injured=Injured.BOTH))
        ups = [c for c in timeline(session).cues if c.kind is CueKind.UP]
        assert {voice_clip_for(c, session) for c in ups} == {clip}
