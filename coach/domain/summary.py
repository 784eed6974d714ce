"""A plan a patient can read or print, derived from the timeline itself.

The rep sequences are the first rep of each exercise and side as the timeline
cues it, so the printed plan says exactly what the workout screen will say.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.domain.pain import SAFE, TOO_MUCH, zones_in_words
from coach.domain.plan import WAY_UP_SOURCES, WayUp
from coach.domain.timeline import CueKind, Timeline
from coach.domain.wording import format_kg

_REP_PHASES = (CueKind.UP, CueKind.SHIFT, CueKind.LOWER, CueKind.RESET)


@dataclass(frozen=True)
class Step:
    text: str
    detail: str
    seconds: float


@dataclass(frozen=True)
class RepSequence:
    title: str
    steps: tuple[Step, ...]

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps)


@dataclass(frozen=True)
class PlanSummary:
    title: str
    facts: tuple[tuple[str, str], ...]
    exercises: tuple[str, ...]
    sequences: tuple[RepSequence, ...]
    length: str
    why: str
    source: str
    rules: tuple[str, ...] = ()  # the pain rules and the stop rules, each with its source

    def as_text(self) -> str:
        width = max(len(label) for label, _ in self.facts) + 2
        lines = [self.title, "=" * len(self.title), ""]
        lines += [f"{label + ':':<{width}}{value}" for label, value in self.facts]
        lines += ["", "Exercises"]
        lines += [f"  {i}. {e}" for i, e in enumerate(self.exercises, 1)]
        for seq in self.sequences:
            lines += ["", f"{seq.title} ({format_seconds(seq.seconds)})"]
            lines += [
                f"  {i}. {st.text} ({format_seconds(st.seconds)}): {st.detail}"
                for i, st in enumerate(seq.steps, 1)
            ]
        lines += ["", f"Session length: {self.length}", "", self.why, f"Source: {self.source}"]
        if self.rules:
            lines += ["", "Pain and stop rules"]
            lines += [f"  - {rule}" for rule in self.rules]
        return "\n".join(lines) + "\n"


def summarize(tl: Timeline) -> PlanSummary:
    session = tl.plan
    protocol, settings = session.protocol, session.settings
    sides = settings.injured.sides
    side_words = " and ".join(s.value for s in sides) + (" legs" if len(sides) > 1 else " leg")
    if session.way_up is WayUp.BOX:
        movement = "lower on each leg in turn; step up on a low box to get back up"
    elif session.way_up is WayUp.ARMS:
        movement = "lower on each leg in turn; pull yourself up with your arms on a rail"
    else:
        lowering = sides[0]
        movement = f"lower on the {lowering.value}, rise on the {lowering.other.value}"
    load = format_kg(settings.load_kg) if settings.load_kg else "none (body weight)"
    facts: tuple[tuple[str, str], ...] = (
        ("Protocol", f"{protocol.name}, for {protocol.pain_site} pain"),
        ("Where it hurts", protocol.where_it_hurts),
        ("Injured", f"{side_words} ({movement})"),
        ("Lowering", f"{settings.lower_seconds} s per rep"),
        ("Rest", f"{settings.rest_seconds} s between sets"),
        ("Added load", load),
        (
            "Program",
            f"{protocol.sessions_per_day} sessions a day, {protocol.days_per_week} days a "
            f"week, for {protocol.weeks} weeks",
        ),
    )
    if session.way_up is not WayUp.GOOD_LEG:  # both sides: how to get up, with its source
        facts = (*facts[:3], ("Way up", WAY_UP_SOURCES[session.way_up]), *facts[3:])
    exercises = tuple(
        f"{e.name}: {settings.sets} sets x {settings.reps} reps, {side_words}"
        for e in protocol.exercises
    )
    sequences = []
    seen = set()
    for cue in tl.cues:
        if cue.kind is CueKind.UP and cue.rep == 1 and (cue.exercise, cue.side) not in seen:
            seen.add((cue.exercise, cue.side))
            steps = tuple(
                Step(c.text, c.detail, c.duration_ms / 1000)
                for c in tl.cues
                if c.kind in _REP_PHASES
                and c.rep == 1
                and c.set == cue.set
                and c.exercise is cue.exercise
                and c.side is cue.side
            )
            title = f"Each rep: {cue.exercise.name.lower() if cue.exercise else ''}"
            if len(sides) > 1 and cue.side is not None:
                title += f", {cue.side.value} leg"
            sequences.append(RepSequence(title, steps))
    rests = sum(1 for c in tl.cues if c.kind is CueKind.REST)
    length = (
        f"{format_seconds(tl.duration_ms / 1000)} ({len(tl.spans)} sets in all, {rests} rests"
        f"{f', {settings.get_ready_seconds} s to get ready' if settings.get_ready_seconds else ''})"
    )
    return PlanSummary(
        title="Coach: your heel-drop session",
        facts=facts,
        exercises=exercises,
        sequences=tuple(sequences),
        length=length,
        why=protocol.why,
        source=protocol.source,
        rules=pain_and_stop_rules(),
    )


def pain_and_stop_rules() -> tuple[str, ...]:
    """What the pain means, when load goes up, and when to stop: with `coach plan` and Today."""
    # The rules load with the program, after the first paint; this module loads before it.
    from coach.domain import advice, red_flags  # noqa: PLC0415

    return (
        f"Pain during the sets: {zones_in_words()} (Silbernagel 2007).",
        f"After a session pain may reach {TOO_MUCH}, but it must settle by the next "
        "morning, and morning pain and stiffness must not rise from week to week; a worse "
        "morning means less load (Silbernagel 2007).",
        "More load once the sets no longer hurt (Alfredson 1998) and the next morning is "
        "settled (Silbernagel 2007). Coach's own thresholds: two whole sessions at the same "
        f"load with every set 0-{advice.NEARLY_PAIN_FREE}, the last within "
        f"{advice.RECENT_DAYS} days, a morning check-in after them at 0-{SAFE} and no "
        f"worse than usual, {advice.WEEK_MORNINGS} check-ins in each of the last two weeks, "
        "mornings neither rising nor above your best week; then about "
        f"{advice.ADD_KG:g} kg, at most once in {advice.DAYS_AT_A_LOAD} days. The Today page "
        "says when.",
        "Stop the session if the pain becomes disabling (Alfredson 1998). After a set above "
        f"{TOO_MUCH}, Coach offers to end the session (Coach's own). After a set rated "
        f"{red_flags.RUPTURE_CHECK_AT} or more, or {red_flags.RUPTURE_CHECK_JUMP} above the "
        "one before, Coach asks about a torn tendon (Coach's own trigger).",
        *(f"Stop the program for: {f.sign.lower()}. {f.action}" for f in red_flags.RED_FLAGS),
        "(These are standard warning signs, in Coach's own words.) The seconds up, across and "
        "back in each rep are Coach's own timing; the protocols set only a slow lowering.",
    )


def format_seconds(seconds: float) -> str:
    """'45 s', '2 min', '15 min 35 s'."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"
