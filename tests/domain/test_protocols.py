from __future__ import annotations

from coach.domain.protocols import ALFREDSON, JONSSON, PROTOCOLS, Knee, Surface


def test_alfredson_is_the_midportion_step_protocol() -> None:
    p = ALFREDSON
    assert p.pain_site == "midportion"
    assert "2-6 cm" in p.where_it_hurts
    assert [(e.surface, e.knee) for e in p.exercises] == [
        (Surface.STEP, Knee.STRAIGHT),
        (Surface.STEP, Knee.BENT),
    ]
    assert (p.sets, p.reps, p.sessions_per_day, p.days_per_week, p.weeks) == (3, 15, 2, 7, 12)
    assert "Alfredson" in p.source
    assert "1998" in p.source


def test_jonsson_is_the_insertional_flat_floor_protocol() -> None:
    p = JONSSON
    assert p.pain_site == "insertional"
    assert [(e.surface, e.knee) for e in p.exercises] == [(Surface.FLOOR, Knee.STRAIGHT)]
    assert (p.sets, p.reps, p.sessions_per_day, p.days_per_week, p.weeks) == (3, 15, 2, 7, 12)
    assert "2008" in p.source
    assert "18184750" in p.source


def test_flat_floor_lowering_stops_at_the_floor() -> None:
    how = JONSSON.exercises[0].lower_how
    assert "floor" in how
    assert "no lower" in how


def test_bent_knee_lowering_says_to_keep_the_knee_bent() -> None:
    assert "bent" in ALFREDSON.exercises[1].lower_how
    assert "step" in ALFREDSON.exercises[1].lower_how


def test_protocols_are_listed_by_id() -> None:
    assert PROTOCOLS == {"alfredson": ALFREDSON, "jonsson": JONSSON}
