from __future__ import annotations

from coach.domain.plan import BOX_STEP, ONE_GOOD_LEG, WayUp, plan
from coach.domain.protocols import ALFREDSON, BENT_KNEE_STEP, JONSSON, STRAIGHT_KNEE_STEP
from coach.domain.settings import Injured, Settings, Side


def test_step_protocol_does_all_straight_knee_sets_then_all_bent_knee_sets() -> None:
    p = plan(ALFREDSON, Settings(injured=Injured.LEFT))
    assert [(s.exercise, s.number, s.side) for s in p.sets] == [
        (STRAIGHT_KNEE_STEP, 1, Side.LEFT),
        (STRAIGHT_KNEE_STEP, 2, Side.LEFT),
        (STRAIGHT_KNEE_STEP, 3, Side.LEFT),
        (BENT_KNEE_STEP, 1, Side.LEFT),
        (BENT_KNEE_STEP, 2, Side.LEFT),
        (BENT_KNEE_STEP, 3, Side.LEFT),
    ]
    assert all(s.reps == 15 and s.of == 3 for s in p.sets)
    assert p.tempo == ONE_GOOD_LEG
    assert p.way_up is WayUp.GOOD_LEG


def test_both_sides_do_each_set_left_then_right_with_a_box() -> None:
    p = plan(JONSSON, Settings(injured=Injured.BOTH, sets=2, reps=4))
    assert [(s.number, s.side) for s in p.sets] == [
        (1, Side.LEFT),
        (1, Side.RIGHT),
        (2, Side.LEFT),
        (2, Side.RIGHT),
    ]
    assert p.way_up is WayUp.BOX
    assert p.tempo == BOX_STEP


def test_rep_length_is_the_sum_of_its_phases() -> None:
    p = plan(JONSSON, Settings(lower_seconds=7))
    assert p.rep_ms == 2000 + 1000 + 7000 + 1000


def test_both_sides_off_a_step_pull_up_with_the_arms_not_a_box() -> None:
    """A box beside a stair cannot lift anyone above the step's edge (CLINICAL.md §1)."""
    p = plan(ALFREDSON, Settings(injured=Injured.BOTH))
    assert p.way_up is WayUp.ARMS
    assert p.tempo == BOX_STEP  # pulling up takes as long as stepping up
    assert plan(JONSSON, Settings(injured=Injured.BOTH)).way_up is WayUp.BOX
    assert plan(ALFREDSON, Settings(injured=Injured.LEFT)).way_up is WayUp.GOOD_LEG
