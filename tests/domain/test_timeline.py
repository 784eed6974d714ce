from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from coach.domain.plan import plan
from coach.domain.protocols import ALFREDSON, BENT_KNEE_STEP, JONSSON, PROTOCOLS, Protocol
from coach.domain.settings import Injured, Settings, Side
from coach.domain.timeline import Cue, CueKind, Timeline, timeline

KINDS = {
    "get_ready", "exercise_start", "set_start", "up", "shift", "lower",
    "beat", "reset", "set_end", "rest", "done",
}  # fmt: skip


def make(protocol: Protocol = ALFREDSON, **kw: Any) -> Timeline:
    return timeline(plan(protocol, Settings(**kw)))


settings_strategy = st.builds(
    Settings,
    injured=st.sampled_from(list(Injured)),
    lower_seconds=st.integers(2, 10),
    rest_seconds=st.integers(0, 600),
    reps=st.integers(1, 6),
    sets=st.integers(1, 4),
    load_kg=st.floats(0, 200),
    get_ready_seconds=st.integers(0, 30),
)


def test_default_step_session_ends_exactly_where_arithmetic_says() -> None:
    tl = make(injured=Injured.RIGHT)
    # 5 s get ready; 2 exercises x 3 sets of 15 reps x (2 up + 1 shift + 3 lower + 1 reset);
    # a 60 s rest between consecutive sets: 6 sets, 5 rests.
    assert tl.duration_ms == 5_000 + 6 * 15 * 7_000 + 5 * 60_000 == 935_000
    assert tl.cues[-1].kind is CueKind.DONE
    assert tl.cues[-1].t == 935.0


def test_both_sides_session_length() -> None:
    tl = make(JONSSON, injured=Injured.BOTH)
    # Box step-up takes 3 s: 8 s a rep; 3 sets on each of 2 sides; 5 rests.
    assert tl.duration_ms == 5_000 + 6 * 15 * 8_000 + 5 * 60_000


@given(settings_strategy, st.sampled_from(list(PROTOCOLS.values())))
def test_duration_is_the_sum_of_its_parts(settings: Settings, protocol: Protocol) -> None:
    p = plan(protocol, settings)
    tl = timeline(p)
    sets = len(p.sets)
    expected = (
        settings.get_ready_seconds * 1000
        + sets * settings.reps * p.rep_ms
        + (sets - 1) * settings.rest_seconds * 1000
    )
    assert tl.duration_ms == expected


@given(settings_strategy, st.sampled_from(list(PROTOCOLS.values())))
def test_phases_tile_the_session_without_gaps_or_overlaps(
    settings: Settings, protocol: Protocol
) -> None:
    tl = timeline(plan(protocol, settings))
    times = [c.t_ms for c in tl.cues]
    assert times == sorted(times)
    at = 0
    for phase in tl.phases:
        assert phase.t_ms == at
        at = phase.end_ms
    assert at == tl.duration_ms
    assert {c.kind for c in tl.cues if c.is_phase} <= {
        CueKind.GET_READY, CueKind.UP, CueKind.SHIFT, CueKind.LOWER, CueKind.RESET, CueKind.REST
    }  # fmt: skip


def test_one_rep_is_up_shift_lower_with_a_beat_a_second_then_reset() -> None:
    tl = make(lower_seconds=4, injured=Injured.LEFT)
    rep = [c for c in tl.cues if c.rep == 1 and c.set == 1 and c.exercise is ALFREDSON.exercises[0]]
    assert [c.kind for c in rep] == [
        CueKind.UP, CueKind.SHIFT, CueKind.LOWER,
        CueKind.BEAT, CueKind.BEAT, CueKind.BEAT, CueKind.BEAT, CueKind.RESET,
    ]  # fmt: skip
    lower = rep[2]
    beats = rep[3:7]
    assert [b.t_ms - lower.t_ms for b in beats] == [0, 1000, 2000, 3000]
    assert [b.beat for b in beats] == [1, 2, 3, 4]
    assert lower.duration_ms == 4000
    assert rep[0].t_ms == 5000  # right after the 5 s get-ready


def test_single_side_rises_on_the_good_leg_and_lowers_on_the_injured_one() -> None:
    tl = make(injured=Injured.RIGHT)
    up = next(c for c in tl.cues if c.kind is CueKind.UP)
    shift = next(c for c in tl.cues if c.kind is CueKind.SHIFT)
    lower = next(c for c in tl.cues if c.kind is CueKind.LOWER)
    reset = next(c for c in tl.cues if c.kind is CueKind.RESET)
    assert up.text == "UP on your LEFT leg"
    assert "RIGHT" in shift.text
    assert lower.text == "LOWER on your RIGHT leg"
    assert "LEFT" in reset.text
    assert "no lifting" in reset.detail
    assert {c.side for c in tl.cues if c.rep} == {Side.RIGHT}


def test_both_sides_alternate_set_by_set_and_step_up_on_a_box() -> None:
    tl = make(JONSSON, injured=Injured.BOTH, sets=2, reps=2)
    lowers = [c for c in tl.cues if c.kind is CueKind.LOWER]
    assert [(c.set, c.side, c.text) for c in lowers] == [
        (1, Side.LEFT, "LOWER on your LEFT leg"),
        (1, Side.LEFT, "LOWER on your LEFT leg"),
        (1, Side.RIGHT, "LOWER on your RIGHT leg"),
        (1, Side.RIGHT, "LOWER on your RIGHT leg"),
        (2, Side.LEFT, "LOWER on your LEFT leg"),
        (2, Side.LEFT, "LOWER on your LEFT leg"),
        (2, Side.RIGHT, "LOWER on your RIGHT leg"),
        (2, Side.RIGHT, "LOWER on your RIGHT leg"),
    ]
    ups = [c for c in tl.cues if c.kind is CueKind.UP]
    assert {c.text for c in ups} == {"Step UP on the box"}
    assert all("thigh" in c.detail for c in ups)
    # The box is on the other side: stepping up for the left leg uses the right foot.
    assert ups[0].detail.startswith("Right foot")
    get_ready = tl.cues[0]
    assert "box (about 15 cm) by your right foot" in get_ready.detail
    # Every set changes leg, so the box moves: each rest and set start says where it goes.
    rests = [c for c in tl.cues if c.kind is CueKind.REST]
    assert [r.detail.rsplit(".", 2)[-2].strip() for r in rests] == [
        "Move the box to your LEFT foot", "Move the box to your RIGHT foot",
        "Move the box to your LEFT foot",
    ]  # fmt: skip
    starts = [c for c in tl.cues if c.kind is CueKind.SET_START]
    assert all(c.side and c.detail.endswith(f"box by your {c.side.other.upper} foot.")
               for c in starts)  # fmt: skip


def test_both_sides_off_a_step_never_mention_a_box() -> None:
    tl = make(ALFREDSON, injured=Injured.BOTH, sets=1, reps=2)
    assert not any("box" in f"{c.text} {c.detail}".lower() for c in tl.cues)
    ups = [c for c in tl.cues if c.kind is CueKind.UP]
    assert {c.text for c in ups} == {"Pull UP with your arms"}
    assert all("as much weight through your arms" in c.detail for c in ups)
    assert "rail" in tl.cues[0].detail  # get ready: where to stand


def test_flat_floor_lowering_says_floor_and_no_lower() -> None:
    lower = next(c for c in make(JONSSON).cues if c.kind is CueKind.LOWER)
    assert "floor and no lower" in lower.detail


def test_bent_knee_exercise_says_so_when_lowering() -> None:
    tl = make(ALFREDSON)
    bent = next(c for c in tl.cues if c.kind is CueKind.LOWER and c.exercise is BENT_KNEE_STEP)
    assert "knee bent" in bent.detail


def test_rests_sit_between_sets_only_and_name_the_next_set() -> None:
    tl = make(ALFREDSON, injured=Injured.LEFT, rest_seconds=45)
    rests = [c for c in tl.cues if c.kind is CueKind.REST]
    assert len(rests) == 5
    assert all(r.duration_ms == 45_000 for r in rests)
    assert rests[0].text == "Rest 45 s"
    assert "Next: set 2 of 3" in rests[0].detail
    assert "knee bent" in rests[2].detail  # the rest before the first bent-knee set
    last_set_end = [c for c in tl.cues if c.kind is CueKind.SET_END][-1]
    assert tl.cues[-1].t_ms == last_set_end.t_ms  # no rest after the last set


def test_zero_rest_and_zero_get_ready_leave_those_phases_out() -> None:
    tl = make(JONSSON, rest_seconds=0, get_ready_seconds=0)
    kinds = {c.kind for c in tl.cues}
    assert CueKind.REST not in kinds
    assert CueKind.GET_READY not in kinds
    assert tl.cues[0].kind is CueKind.EXERCISE_START


def test_added_load_is_mentioned_when_getting_ready() -> None:
    assert "2.5 kg" in make(load_kg=2.5).cues[0].detail
    assert "kg" not in make(load_kg=0).cues[0].detail


def test_set_spans_cover_each_set_from_start_to_end() -> None:
    tl = make(JONSSON, injured=Injured.RIGHT)
    starts = [c.t_ms for c in tl.cues if c.kind is CueKind.SET_START]
    ends = [c.t_ms for c in tl.cues if c.kind is CueKind.SET_END]
    assert [(s.start_ms, s.end_ms) for s in tl.spans] == list(zip(starts, ends, strict=True))
    assert [s.index for s in tl.spans] == [0, 1, 2]


def test_document_is_json_with_the_documented_fields() -> None:
    doc = make(JONSSON, injured=Injured.LEFT).to_document()
    text = json.dumps(doc)
    back = json.loads(text)
    assert back["protocol"] == "jonsson"
    assert back["settings"]["injured"] == "left"
    assert back["duration_s"] == 440.0
    assert {c["kind"] for c in back["cues"]} == KINDS
    for cue in back["cues"]:
        assert {"t", "kind", "text", "exercise", "set", "rep", "side"} <= set(cue)
        assert isinstance(cue["t"], float)
    assert all(isinstance(c, Cue) for c in make().cues)


def test_span_at_names_the_set_under_way_and_none_between_sets() -> None:
    tl = timeline(plan(ALFREDSON, Settings(reps=2, rest_seconds=30)))
    first, second = tl.spans[0], tl.spans[1]
    assert tl.span_at(first.start_ms / 1000) is first
    assert tl.span_at((first.end_ms - 1) / 1000) is first
    assert tl.span_at(first.end_ms / 1000) is None  # resting
    assert tl.span_at(second.start_ms / 1000) is second
    assert tl.span_at(0) is None  # getting ready
