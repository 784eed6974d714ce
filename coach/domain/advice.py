"""The pain-monitoring rules: from the recorded history to one piece of advice for today.

Each rule is a pure function of plain records that returns an `Advice` (what to do,
a one-line "why" and its source) or None when it has nothing to say. `advise()` asks
them in order of urgency and returns the first that speaks. The numbers are those of
CLINICAL.md §2 and §4; the wording is Coach's own. Coach advises on the load of the
exercises only: it never says the user is injured or healed.
"""

from __future__ import annotations

import enum
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coach.domain.pain import SOURCE as SILBERNAGEL
from coach.domain.visa_a import RECOVERED, SMALLEST_CHANGE

ALFREDSON = "Alfredson H et al. Am J Sports Med 1998;26(3):360-6."
SEED_002 = (
    'Dr.Oracle, "What is the treatment for a calcified Achilles tendon?", updated 25 Feb '
    "2026 (seed 002): if no better after 6-8 weeks of exercise, see a clinician."
)

TOO_MUCH = 5  # pain above this during the sets is too much (Silbernagel 2007)
NEARLY_PAIN_FREE = 1  # a set rated at most this counts as pain-free or nearly
ADD_KG = 5.0  # Alfredson: add about 5 kg at a time
WORSE_BY = 2  # morning pain this far above the usual is "clearly worse" (MCID ~1.3)
STIFFER_BY = 15  # minutes of morning stiffness above the usual that count as worse
USUAL_MORNINGS = 7  # the usual morning: the median of up to this many before today
FEW_MORNINGS = 3  # fewer earlier mornings than this: no usual to compare with
REVIEW_FROM_WEEK = 6  # Seed 002: no better after 6-8 weeks, see a clinician
PAIN_CHANGE = 1.3  # the smallest change in 0-10 pain that matters (CLINICAL.md §2)
VISA_CHANGE = SMALLEST_CHANGE  # the smallest VISA-A change that matters (CLINICAL.md §3)
SAFE = 2  # pain up to this is the safe zone (Silbernagel 2007)
TREND_DAYS = 14  # the pain trend compares the first and the latest 14 days
EARLY_WEEKS = 4  # morning soreness in the first 3-4 weeks is common
MAX_STIFFNESS = 24 * 60  # minutes: a whole day


class Kind(enum.Enum):
    PAUSED = "paused"
    LOWER = "lower"
    REVIEW = "review"
    ADD_LOAD = "add load"
    CARRY_ON = "carry on"


@dataclass(frozen=True)
class Advice:
    kind: Kind
    text: str  # what to do, in a sentence
    why: str  # the rule behind it, in a line
    source: str


@dataclass(frozen=True)
class SessionPain:
    """A session's pain during its sets, in the order they were done."""

    day: date
    load_kg: float
    pains: tuple[int | None, ...]  # one per set done; None: not rated
    complete: bool  # every planned set was done

    @property
    def worst(self) -> int | None:
        rated = [p for p in self.pains if p is not None]
        return max(rated) if rated else None


@dataclass(frozen=True)
class Morning:
    """A morning check-in. Either answer may be skipped (None)."""

    day: date
    pain: int | None
    stiffness_minutes: int | None


def check_stiffness(minutes: int | None) -> int | None:
    """`minutes` itself if None or a whole number from 0 to a day; ValueError otherwise."""
    whole = isinstance(minutes, int) and not isinstance(minutes, bool)
    if minutes is not None and (not whole or not 0 <= minutes <= MAX_STIFFNESS):
        raise ValueError(
            f"morning stiffness must be a whole number of minutes from 0 to {MAX_STIFFNESS} "
            f"(got {minutes!r})"
        )
    return minutes


@dataclass(frozen=True)
class VisaScore:
    day: date
    score: int


@dataclass(frozen=True)
class History:
    """What the rules look at. Sessions, mornings and scores oldest first."""

    today: date
    start: date  # the program's first day
    sessions: Sequence[SessionPain] = ()
    mornings: Sequence[Morning] = ()
    visa: Sequence[VisaScore] = ()
    paused_for: str = ""  # the red flag that paused the program; "" if none

    @property
    def week(self) -> int:
        return (self.today - self.start).days // 7 + 1


# -- the rules, most urgent first --------------------------------------------------
def red_flag(history: History) -> Advice | None:
    """A recorded red flag pauses the program until the user resumes it."""
    if not history.paused_for:
        return None
    return Advice(
        Kind.PAUSED,
        f"The program is paused: you reported {history.paused_for}. Have it checked by a "
        "clinician before the next session; resume the program when they agree.",
        "Signs like this can mean a torn tendon or another problem that exercise could make worse.",
        "CLINICAL.md §4 (red flags)",
    )


def twenty_four_hours(history: History) -> Advice | None:
    """This morning clearly worse than the usual morning: lower the load.

    The usual morning is the median of up to 7 earlier check-ins (at least 3); clearly
    worse is 2 or more points of pain, or 15 or more minutes of stiffness, above it.
    """
    today = next((m for m in history.mornings if m.day == history.today), None)
    if today is None:
        return None
    earlier = [m for m in history.mornings if m.day < history.today][-USUAL_MORNINGS:]
    worse = []
    pains = [m.pain for m in earlier if m.pain is not None]
    if today.pain is not None and len(pains) >= FEW_MORNINGS:
        usual = statistics.median(pains)
        if today.pain >= usual + WORSE_BY:
            worse.append(f"pain {today.pain}/10 against your usual {usual:g}")
    stiffness = [m.stiffness_minutes for m in earlier if m.stiffness_minutes is not None]
    if today.stiffness_minutes is not None and len(stiffness) >= FEW_MORNINGS:
        usual = statistics.median(stiffness)
        if today.stiffness_minutes >= usual + STIFFER_BY:
            worse.append(f"stiffness {today.stiffness_minutes} min against your usual {usual:g}")
    if not worse:
        return None
    early = (
        " Some morning soreness is common in the first weeks; easing off for a day or two "
        "usually settles it."
        if history.week <= EARLY_WEEKS
        else ""
    )
    return Advice(
        Kind.LOWER,
        "This morning is worse than usual (" + "; ".join(worse) + "). Lower the load today: "
        "fewer sets, or less weight." + early,
        "Pain after the exercises should settle by the next morning; a worse morning means "
        "the last sessions were too much.",
        SILBERNAGEL,
    )


def too_much_during(history: History) -> Advice | None:
    """A set of the last session hurt more than 5: less load next time."""
    if not history.sessions:
        return None
    last = history.sessions[-1]
    if last.worst is None or last.worst <= TOO_MUCH:
        return None
    return Advice(
        Kind.LOWER,
        f"Your last session reached {last.worst}/10. Next time, do fewer sets or use less "
        "weight, so the pain stays at 5 or below.",
        "Pain during the exercises is fine up to 5 out of 10; above that is too much.",
        SILBERNAGEL,
    )


def review(history: History) -> Advice | None:
    """From week 6: no improvement in the pain trend nor in VISA-A: see a clinician.

    The pain trend compares the mean morning pain (or, without check-ins, the mean pain
    during the sets) of the program's first 14 days with that of the latest 14; it has
    improved if it fell by at least 1.3. VISA-A has improved if the latest score is at
    least 15 above the first. Without a second VISA-A score, pain alone decides. Nobody
    is sent for a review whose latest pain is in the safe zone (2 or less) or whose
    latest VISA-A is in the recovered range (90 or more).
    """
    if history.week < REVIEW_FROM_WEEK:
        return None
    trend = _pain_trend(history)
    if trend is None:
        return None
    first, latest = trend
    change = round(latest - first, 6)  # 4.3 -> 3.0 is a fall of 1.3, not of 1.2999...
    if change <= -PAIN_CHANGE or latest <= SAFE:  # better, or already little pain: no review
        return None
    visa_up: int | None = None
    if history.visa and history.visa[-1].score >= RECOVERED:
        return None
    if len(history.visa) >= 2:
        visa_up = history.visa[-1].score - history.visa[0].score
        if visa_up >= VISA_CHANGE:
            return None
    pain = change
    measured = f"pain {'fell' if pain < 0 else 'rose'} by {abs(pain):.1f}"
    if visa_up is not None:
        measured += f", VISA-A changed by {visa_up:+d}"
    return Advice(
        Kind.REVIEW,
        f"After {history.week - 1} weeks there is no clear improvement ({measured}). "
        "Book a check-up with a clinician to review the program.",
        f"With no progress by weeks {REVIEW_FROM_WEEK}-8, the diagnosis or the program may "
        "need a second look.",
        SEED_002,
    )


def add_load(history: History) -> Advice | None:
    """Every set of the last two sessions pain-free or nearly: add about 5 kg."""
    if len(history.sessions) < 2:
        return None
    last_two = history.sessions[-2:]
    for s in last_two:
        if not s.complete or not s.pains:
            return None
        if any(p is None or p > NEARLY_PAIN_FREE for p in s.pains):
            return None
    load = last_two[-1].load_kg
    return Advice(
        Kind.ADD_LOAD,
        f"Your last two sessions were pain-free or nearly. Add about {ADD_KG:g} kg "
        f"(a backpack with weights: {load + ADD_KG:g} kg in all), so the exercise hurts "
        "mildly again.",
        "The tendon adapts to load; once the sets no longer hurt, the load is too light.",
        ALFREDSON,
    )


def carry_on(history: History) -> Advice:
    early = history.week <= EARLY_WEEKS
    return Advice(
        Kind.CARRY_ON,
        "Carry on with the same load."
        + (" Some morning soreness is common in the first weeks." if early else ""),
        "Pain up to 5 during the sets that settles by the next morning is the right dose.",
        SILBERNAGEL,
    )


RULES = (red_flag, twenty_four_hours, too_much_during, review, add_load)


def advise(history: History) -> Advice:
    """The most urgent advice any rule gives, or "carry on"."""
    for rule in RULES:
        advice = rule(history)
        if advice is not None:
            return advice
    return carry_on(history)


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _pain_trend(history: History) -> tuple[float, float] | None:
    """The mean pain of the program's first 14 days and of the latest 14."""
    first_end = history.start + timedelta(days=TREND_DAYS)
    last_start = history.today - timedelta(days=TREND_DAYS - 1)
    mornings = [(m.day, m.pain) for m in history.mornings if m.pain is not None]
    during = [(s.day, float(p)) for s in history.sessions for p in s.pains if p is not None]
    for points in (mornings, during):
        first = _mean([p for d, p in points if d < first_end])
        last = _mean([p for d, p in points if d >= last_start])
        if first is not None and last is not None:
            return first, last
    return None
