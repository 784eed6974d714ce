from __future__ import annotations

import pytest

from coach.domain.plan import plan
from coach.domain.protocols import ALFREDSON, JONSSON
from coach.domain.settings import Injured, Settings
from coach.domain.summary import format_seconds, summarize
from coach.domain.timeline import CueKind, timeline


def test_summary_steps_are_the_timeline_first_rep_word_for_word() -> None:
    tl = timeline(plan(ALFREDSON, Settings(injured=Injured.LEFT)))
    summary = summarize(tl)
    first_rep = [
        c for c in tl.cues if c.rep == 1 and c.set == 1 and c.is_phase and c.exercise
        and c.exercise.id == "straight_knee_step"
    ]  # fmt: skip
    assert [(s.text, s.detail) for s in summary.sequences[0].steps] == [
        (c.text, c.detail) for c in first_rep
    ]
    assert [c.kind for c in first_rep] == [CueKind.UP, CueKind.SHIFT, CueKind.LOWER, CueKind.RESET]


def test_summary_text_is_a_complete_printable_plan() -> None:
    text = summarize(timeline(plan(ALFREDSON, Settings(injured=Injured.RIGHT)))).as_text()
    assert "Alfredson" in text
    assert "3 sets x 15 reps" in text
    assert "knee straight" in text
    assert "knee bent" in text
    assert "UP on your LEFT leg (2 s)" in text
    assert "LOWER on your RIGHT leg (3 s)" in text
    assert "Session length: 15 min 35 s" in text
    assert "Source: Alfredson H et al." in text


def test_both_sides_get_a_sequence_per_side() -> None:
    summary = summarize(timeline(plan(JONSSON, Settings(injured=Injured.BOTH))))
    assert [s.title for s in summary.sequences] == [
        "Each rep: heel drop on a flat floor, knee straight, left leg",
        "Each rep: heel drop on a flat floor, knee straight, right leg",
    ]
    assert summary.sequences[0].steps[0].text == "Step UP on the box"
    assert summary.sequences[0].seconds == 8


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0 s"), (45, "45 s"), (60, "1 min"), (935, "15 min 35 s")]
)
def test_format_seconds(seconds: float, text: str) -> None:
    assert format_seconds(seconds) == text


def test_both_sides_say_how_to_get_up_and_where_that_comes_from() -> None:
    step = summarize(timeline(plan(ALFREDSON, Settings(injured=Injured.BOTH))))
    facts = dict(step.facts)
    assert "pull yourself up with your arms on a rail" in facts["Injured"]
    assert "Alfredson" in facts["Way up"]
    assert "Coach's own wording" in facts["Way up"]
    assert "box" not in step.as_text().split("Way up")[0].lower()
    floor = dict(summarize(timeline(plan(JONSSON, Settings(injured=Injured.BOTH)))).facts)
    assert "Jonsson" in floor["Way up"]
    one = dict(summarize(timeline(plan(ALFREDSON, Settings(injured=Injured.LEFT)))).facts)
    assert "Way up" not in one


def test_the_plan_prints_the_pain_rules_and_the_stop_rules_with_their_sources() -> None:
    text = summarize(timeline(plan(JONSSON, Settings(injured=Injured.LEFT)))).as_text()
    rules = text.split("Pain and stop rules", 1)[1]
    assert "0-2 safe, 3-5 acceptable, above 5 too much (Silbernagel 2007)" in rules
    assert "must settle by the next morning" in rules
    assert "must not rise from week to week" in rules
    assert "Coach's own thresholds" in rules
    assert "Stop the session if the pain becomes disabling (Alfredson 1998)" in rules
    assert "rated 8 or more, or 4 above" in rules
    assert "snap or pop" in rules
    assert "breathlessness or chest pain" in rules
