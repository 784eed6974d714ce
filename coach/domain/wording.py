"""What Coach says at each moment of a workout, in plain words.

The headline (`text`) is short enough to read from two metres; `detail` explains.
Side names are always spelled out (LEFT / RIGHT) so a cue never relies on colour.
The movement follows CLINICAL.md §1 "How one rep goes" and seed 004: rise on the
good leg (or step up on a box when both hurt), lower on the injured one.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.domain.plan import SessionPlan, SetPlan
from coach.domain.protocols import Exercise


@dataclass(frozen=True)
class Words:
    text: str
    detail: str


def get_ready(session: SessionPlan, first: SetPlan) -> Words:
    extra = ""
    if session.uses_box:
        extra += " Put a low box (about 15 cm) beside you."
    load = session.settings.load_kg
    if load > 0:
        extra += f" Backpack on, with {format_kg(load)}."
    return Words("Get ready", f"{first.exercise.name}. {first.exercise.setup}{extra}")


def exercise_start(exercise: Exercise) -> Words:
    return Words(exercise.name, exercise.setup)


def set_start(s: SetPlan) -> Words:
    return Words(f"Set {s.number} of {s.of}: {s.side.upper} leg", s.exercise.name)


def up(session: SessionPlan, s: SetPlan) -> Words:
    helper = s.side.other
    if session.uses_box:
        return Words(
            "Step UP on the box",
            f"{helper.value.capitalize()} foot flat on the box: push up with the thigh, "
            "not the calf.",
        )
    return Words(
        f"UP on your {helper.upper} leg",
        f"Rise onto your toes using the {helper.value} leg only.",
    )


def shift(session: SessionPlan, s: SetPlan) -> Words:
    helper = s.side.other
    lift = (
        f"lift the {helper.value} foot off the box"
        if session.uses_box
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
    if session.uses_box:
        return Words(
            f"{helper.upper} foot back on the box",
            f"Ready to step up again. The {s.side.value} calf does no lifting.",
        )
    return Words(
        f"{helper.upper} foot back down",
        f"Put the {helper.value} foot back. The {s.side.value} leg does no lifting.",
    )


def set_end(s: SetPlan) -> Words:
    return Words(f"Set {s.number} done", f"{s.reps} reps on the {s.side.value} leg.")


def rest(seconds: int, following: SetPlan) -> Words:
    return Words(
        f"Rest {seconds} s",
        f"Next: set {following.number} of {following.of}, {following.exercise.short}, "
        f"{following.side.upper} leg.",
    )


def done() -> Words:
    return Words("Session done", "Well done. That is all for this session.")


def format_kg(kg: float) -> str:
    return f"{kg:g} kg"
