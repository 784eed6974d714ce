"""What Coach says at each moment of a workout, in plain words.

The headline (`text`) is short enough to read from two metres; `detail` explains.
Side names are always spelled out (LEFT / RIGHT) so a cue never relies on colour.
The movement follows CLINICAL.md §1 "How one rep goes" and seed 004: rise on the
good leg, lower on the injured one. When both hurt, neither calf lifts: on the floor
the user steps up on a low box (Jonsson 2008), off a step they pull up with their arms
on a rail (Alfredson 1998's "with the arms' help"; the wording is Coach's own).
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.domain.plan import SessionPlan, SetPlan, WayUp
from coach.domain.protocols import Exercise


@dataclass(frozen=True)
class Words:
    text: str
    detail: str


def get_ready(session: SessionPlan, first: SetPlan) -> Words:
    extra = ""
    if session.way_up is WayUp.BOX:
        extra += f" Put a low box (about 15 cm) by your {first.side.other.value} foot."
    elif session.way_up is WayUp.ARMS:
        extra += " Stand where you can hold a rail or banister with both hands."
    load = session.settings.load_kg
    if load > 0:
        extra += f" Backpack on, with {format_kg(load)}."
    return Words("Get ready", f"{first.exercise.name}. {first.exercise.setup}{extra}")


def exercise_start(exercise: Exercise) -> Words:
    return Words(exercise.name, exercise.setup)


def set_start(session: SessionPlan, s: SetPlan) -> Words:
    box = f" The box by your {s.side.other.upper} foot." if session.way_up is WayUp.BOX else ""
    return Words(f"Set {s.number} of {s.of}: {s.side.upper} leg", f"{s.exercise.name}.{box}")


def up(session: SessionPlan, s: SetPlan) -> Words:
    helper = s.side.other
    if session.way_up is WayUp.BOX:
        return Words(
            "Step UP on the box",
            f"{helper.value.capitalize()} foot flat on the box: push up with the thigh, "
            "not the calf.",
        )
    if session.way_up is WayUp.ARMS:
        return Words(
            "Pull UP with your arms",
            "Hold the rail with both hands and pull yourself up onto your toes, taking as "
            "much weight through your arms as you can, so the calves lift as little as "
            "possible.",
        )
    return Words(
        f"UP on your {helper.upper} leg",
        f"Rise onto your toes using the {helper.value} leg only.",
    )


def shift(session: SessionPlan, s: SetPlan) -> Words:
    helper = s.side.other
    lift = (
        f"lift the {helper.value} foot off the box"
        if session.way_up is WayUp.BOX
        else (f"lift the {helper.value} foot")
    )
    return Words(
        f"Onto your {s.side.upper} toes",
        f"Move your weight onto the {s.side.value} forefoot and {lift}.",
    )


def lower(session: SessionPlan, s: SetPlan) -> Words:
    seconds = session.settings.lower_seconds
    return Words(
        f"LOWER on your {s.side.upper} leg",
        f"Slowly, over {seconds} seconds: {s.exercise.lower_how}.",
    )


def beat(n: int) -> Words:
    return Words(str(n), "")


def reset(session: SessionPlan, s: SetPlan) -> Words:
    helper = s.side.other
    if session.way_up is WayUp.BOX:
        return Words(
            f"{helper.upper} foot back on the box",
            f"Ready to step up again. The {s.side.value} calf does no lifting.",
        )
    if session.way_up is WayUp.ARMS:
        return Words(
            f"{helper.upper} foot back on the step",
            "Both feet on the step, hands on the rail, ready to pull up again with your arms.",
        )
    return Words(
        f"{helper.upper} foot back down",
        f"Put the {helper.value} foot back. The {s.side.value} leg does no lifting.",
    )


def set_end(s: SetPlan) -> Words:
    return Words(f"Set {s.number} done", f"{s.reps} reps on the {s.side.value} leg.")


def rest(session: SessionPlan, seconds: int, following: SetPlan) -> Words:
    box = ""
    if session.way_up is WayUp.BOX:  # each set changes leg: the box goes to the other foot
        box = f" Move the box to your {following.side.other.upper} foot."
    return Words(
        f"Rest {seconds} s",
        f"Next: set {following.number} of {following.of}, {following.exercise.short}, "
        f"{following.side.upper} leg.{box}",
    )


def done() -> Words:
    return Words("Session done", "Well done. That is all for this session.")


def format_kg(kg: float) -> str:
    return f"{kg:g} kg"
