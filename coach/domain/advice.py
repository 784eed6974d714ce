"""The pain-monitoring model as a whole: from the recorded history to today's advice.

Silbernagel's model (Am J Sports Med 2007) has four parts: pain during the exercises
up to 5 of 10; pain after them up to 5; the next morning's pain and stiffness no worse
than usual (the 24-hour response decides the load); and mornings that do not rise from
week to week. Coach checks the first from each set's rating and the last two from the
morning check-ins; it records no pain after a session, so it explains that part (the
plan's pain rules) rather than checking it. Load goes up only after an
acceptable 24-hour response at the current load. Exercise pain is a dosing signal,
kept mild on purpose as load is added: whether the tendon is getting better is judged
on the outcomes, the mornings and the VISA-A, never on exercise pain.

Each rule is a pure function of plain records that returns an `Advice` (what to do,
a one-line "why", its source, and which of its thresholds are Coach's own rather than
a paper's) or None when it has nothing to say. `advise()` asks them in order of
urgency and returns the first that speaks. The wording is Coach's own. Coach advises
on the load of the exercises only: it never says the user is injured or healed.
"""

from __future__ import annotations

import enum
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coach.domain import red_flags
from coach.domain.pain import SOURCE as SILBERNAGEL
from coach.domain.protocols import FLAT_FLOOR_ARTICLE
from coach.domain.visa_a import (
    INSERTIONAL_CHANGE,
    INSERTIONAL_CHANGE_SOURCE,
    MIDPORTION_CHANGE_SOURCE,
    RECOVERED,
    change_source,
    important_change,
)

ALFREDSON = (
    "Alfredson H et al. Am J Sports Med 1998;26(3):360-6 (weight added once the exercise "
    f"no longer hurts); {FLAT_FLOOR_ARTICLE}, gives the same rule, the weight in a backpack."
)
SEED_002 = (
    'Dr.Oracle, "What is the treatment for a calcified Achilles tendon?" (updated 25 Feb '
    "2026): see a clinician if there is no improvement after 6-8 weeks."
)

# Silbernagel 2007's pain-monitoring model.
TOO_MUCH = 5  # pain above this during the sets is too much
SAFE = 2  # pain up to this is the safe zone
EARLY_WEEKS = 4  # morning soreness in the first 3-4 weeks is common (CLINICAL.md §2)
PAIN_CHANGE = 1.3  # the smallest change in 0-10 pain that matters (CLINICAL.md §2)
REVIEW_AFTER_WEEKS = 6  # seed 002: no better after 6-8 weeks, see a clinician
MAX_STIFFNESS = 24 * 60  # minutes: a whole day

# Coach's own thresholds: no paper sets these; each is on the cautious side.
NEARLY_PAIN_FREE = 1  # a set rated at most this counts as without pain
ADD_KG = 5.0  # the step of added weight
DAYS_AT_A_LOAD = 7  # a load is kept at least this long before the next step
RECENT_DAYS = 7  # after a longer break from the sessions, the load is not raised
WORSE_BY = 2  # morning pain this far above the usual is "worse than usual"
STIFFER_BY = 15  # minutes of morning stiffness above the usual that count as worse
USUAL_MORNINGS = 7  # the usual morning: the median of up to this many before today
FEW_MORNINGS = 3  # fewer earlier mornings than this: no usual to compare with
WEEK_MORNINGS = 3  # a week needs this many answered mornings to be compared
WEEKLY_PAIN_RISE = 0.5  # a week's mean morning pain this much above the last's is a rise
WEEKLY_STIFFNESS_RISE = 5.0  # minutes: the same for the mean morning stiffness
TREND_DAYS = 14  # "no improvement" compares the first and the latest 14 days
RESPONSE_DAYS = 3  # a morning check-in older than this says nothing of the last sessions
# A VISA-A fall that asks for a review: the smaller of the published changes that matter
# (7: 24 weeks midportion; 6.5 rounded up, insertional), whatever the pain site.
VISA_FALL = INSERTIONAL_CHANGE

OWN_24_HOURS = (
    f"Coach's own: worse than usual means {WORSE_BY} or more points of pain, or "
    f"{STIFFER_BY} or more minutes of stiffness, above the median of up to "
    f"{USUAL_MORNINGS} earlier mornings (at least {FEW_MORNINGS})."
)
OWN_BEST_WEEK = (
    f"Coach's own: clearly worse than your best week means a weekly mean morning pain "
    f"{PAIN_CHANGE:g} or more higher (the smallest change in pain that matters), or "
    f"{STIFFER_BY} or more minutes of stiffness (the pain only above the safe zone). It holds "
    f"the load rather than lowering it, so early soreness does not keep the load down for "
    f"good; after week {EARLY_WEEKS}, two such weeks in a row ask for a clinician and a "
    "return to the best week's load: Coach's own rule."
)
OWN_VISA_FALL = (
    f"Coach's own use of the published figures: a fall of {VISA_FALL} points, the smaller "
    "change found to matter, from your best score asks for a review at any time."
)
OWN_WEEKLY = (
    f"Coach's own: a rise is a weekly mean {WEEKLY_PAIN_RISE:g} point or more higher in "
    f"pain, or {WEEKLY_STIFFNESS_RISE:g} minutes or more longer in stiffness, over weeks "
    f"with at least {WEEK_MORNINGS} morning check-ins."
)
OWN_ADD_LOAD = (
    f"Coach's own: 'without pain' is every set rated 0-{NEARLY_PAIN_FREE} in two whole "
    f"sessions at the same load; a step is about {ADD_KG:g} kg; a load is kept at least "
    f"{DAYS_AT_A_LOAD} days; there must be a session in the last {RECENT_DAYS} days, "
    f"{WEEK_MORNINGS} morning check-ins in each of the last two weeks, and a morning "
    f"check-in after the sessions in the safe zone (0-{SAFE}) and no worse than usual."
)
OWN_REVIEW = (
    f"Coach's own: improvement is morning pain down by {PAIN_CHANGE:g} or more (the "
    f"first {TREND_DAYS} days against the latest {TREND_DAYS}), or a VISA-A rise of at "
    "least the change that matters."
)


class Kind(enum.Enum):
    PAUSED = "paused"
    LOWER = "lower"
    REVIEW = "review"
    HOLD = "hold"  # keep the load, add none: the mornings are not clearly settled
    ADD_LOAD = "add load"
    CARRY_ON = "carry on"


@dataclass(frozen=True)
class Advice:
    kind: Kind
    text: str  # what to do, in a sentence or two
    why: str  # the rule behind it, in a line
    source: str
    own: str = ""  # which of the rule's thresholds are Coach's own, if any


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

    @property
    def without_pain(self) -> bool:
        """Whole, every set rated, and none above 'nearly pain-free'."""
        return (
            self.complete
            and bool(self.pains)
            and all(p is not None and p <= NEARLY_PAIN_FREE for p in self.pains)
        )


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
    side: str | None = None  # "left" or "right" when both sides hurt; None: the one side


@dataclass(frozen=True)
class History:
    """What the rules look at. Sessions, mornings and scores oldest first."""

    today: date
    start: date  # the program's first day
    sessions: Sequence[SessionPain] = ()
    mornings: Sequence[Morning] = ()
    visa: Sequence[VisaScore] = ()
    paused_for: str = ""  # the red flag that paused the program (its label); "" if none
    pain_site: str = "midportion"  # the protocol's: it sets the VISA-A change that matters

    @property
    def week(self) -> int:
        return (self.today - self.start).days // 7 + 1

    @property
    def visa_change(self) -> int:
        return important_change(self.pain_site)


# -- what the rules measure ----------------------------------------------------------
@dataclass(frozen=True)
class WeekMornings:
    """The mean morning pain and stiffness of one 7-day week; None: too few answers."""

    pain: float | None
    stiffness: float | None


def week_mornings(history: History, weeks_back: int) -> WeekMornings:
    """The week ending `weeks_back` weeks before today (0: the 7 days up to today)."""
    last = history.today - timedelta(days=7 * weeks_back)
    first = last - timedelta(days=6)
    days = [m for m in history.mornings if first <= m.day <= last]
    pains = [m.pain for m in days if m.pain is not None]
    stiff = [m.stiffness_minutes for m in days if m.stiffness_minutes is not None]
    return WeekMornings(
        statistics.fmean(pains) if len(pains) >= WEEK_MORNINGS else None,
        statistics.fmean(stiff) if len(stiff) >= WEEK_MORNINGS else None,
    )


def rose(later: WeekMornings, earlier: WeekMornings) -> list[str]:
    """What rose from `earlier` to `later` ([] if nothing did), in words."""
    rises = []
    lp, ep = later.pain, earlier.pain
    if lp is not None and ep is not None and round(lp - ep, 6) >= WEEKLY_PAIN_RISE:
        rises.append(f"morning pain {ep:.1f} → {lp:.1f}")
    ls, es = later.stiffness, earlier.stiffness
    if ls is not None and es is not None and round(ls - es, 6) >= WEEKLY_STIFFNESS_RISE:
        rises.append(f"stiffness {es:.0f} → {ls:.0f} min")
    return rises


def usual(history: History, before: date) -> tuple[float | None, float | None]:
    """The usual morning pain and stiffness before `before`: medians of up to 7 answers."""
    earlier = [m for m in history.mornings if m.day < before][-USUAL_MORNINGS:]
    pains = [m.pain for m in earlier if m.pain is not None]
    stiff = [m.stiffness_minutes for m in earlier if m.stiffness_minutes is not None]
    return (
        statistics.median(pains) if len(pains) >= FEW_MORNINGS else None,
        statistics.median(stiff) if len(stiff) >= FEW_MORNINGS else None,
    )


def visa_by_side(history: History) -> dict[str | None, list[VisaScore]]:
    """The program's VISA-A scores per side, oldest first."""
    sides: dict[str | None, list[VisaScore]] = {}
    for v in history.visa:
        sides.setdefault(v.side, []).append(v)
    return sides


def _leg(side: str | None) -> str:
    return f" ({side} leg)" if side else ""


# -- the rules, most urgent first --------------------------------------------------
def red_flag(history: History) -> Advice | None:
    """A recorded red flag pauses the program until the user resumes it."""
    if not history.paused_for:
        return None
    flag = red_flags.from_label(history.paused_for) or red_flags.OTHER
    return Advice(
        Kind.PAUSED,
        f"The program is paused: you reported {history.paused_for}. "
        f"{flag.still} Resume the program only when a clinician agrees.",
        "You reported a warning sign: the exercises wait until a clinician agrees it is safe "
        "to go on.",
        red_flags.SOURCE,
    )


def worsening(history: History) -> Advice | None:
    """Mornings that rose two weeks running, or a VISA-A fall that matters: see a clinician.

    From any week of the program. A VISA-A in the recovered range does not hide
    mornings that get worse.
    """
    this, last, before = (week_mornings(history, n) for n in range(3))
    first_rise, second_rise = rose(this, last), rose(last, before)
    if first_rise and second_rise:
        return Advice(
            Kind.REVIEW,
            "Your mornings rose and have not settled ("
            + "; ".join(second_rise + first_rise)
            + "). Lower the load now (fewer sets, or less weight) and book a check-up with "
            "a clinician to review the program.",
            "Morning pain and stiffness must not rise from week to week; a rise that lasts "
            "needs a second look.",
            SILBERNAGEL,
            OWN_WEEKLY + " Asking for a clinician after two weeks of rises is Coach's own rule.",
        )
    for side, scores in visa_by_side(history).items():
        if len(scores) < 2:
            continue
        best = max(scores[:-1], key=lambda v: v.score)
        fall = best.score - scores[-1].score
        if fall >= VISA_FALL:
            return Advice(
                Kind.REVIEW,
                f"Your VISA-A score{_leg(side)} fell from {best.score} to {scores[-1].score}. "
                "Lower the load and book a check-up with a clinician to review the program.",
                "A fall in the VISA-A means the tendon limits you more than before.",
                f"{INSERTIONAL_CHANGE_SOURCE} {MIDPORTION_CHANGE_SOURCE}",
                OWN_VISA_FALL,
            )
    return None


def latest_response(history: History) -> Morning | None:
    """The latest morning check-in up to today, if it is at most 3 days old.

    A worse morning keeps the load lower until a later check-in is back to usual, even
    when sessions came after it without a check-in (the cautious side).
    """
    answered = [
        m for m in history.mornings
        if m.day <= history.today and (m.pain is not None or m.stiffness_minutes is not None)
    ]  # fmt: skip
    if not answered:
        return None
    latest = answered[-1]
    return None if (history.today - latest.day).days > RESPONSE_DAYS else latest


def twenty_four_hours(history: History) -> Advice | None:
    """The latest morning clearly worse than the usual morning: lower the load."""
    today = latest_response(history)
    if today is None:
        return None
    usual_pain, usual_stiffness = usual(history, today.day)
    worse = []
    if today.pain is not None and usual_pain is not None and today.pain >= usual_pain + WORSE_BY:
        worse.append(f"pain {today.pain}/10 against your usual {usual_pain:g}")
    if (
        today.stiffness_minutes is not None
        and usual_stiffness is not None
        and today.stiffness_minutes >= usual_stiffness + STIFFER_BY
    ):
        worse.append(
            f"stiffness {today.stiffness_minutes} min against your usual {usual_stiffness:g}"
        )
    if not worse:
        return None
    when = "This morning" if today.day == history.today else f"Your morning of {today.day:%a %d %b}"
    return Advice(
        Kind.LOWER,
        f"{when} was worse than usual (" + "; ".join(worse) + "). Lower the load (fewer sets, "
        "or less weight) and keep it lower until a morning check-in is back to usual."
        + _early_note(history),
        "Pain after the exercises should settle by the next morning; a worse morning means "
        "the last sessions were too much.",
        SILBERNAGEL,
        OWN_24_HOURS,
    )


def weekly_rise(history: History) -> Advice | None:
    """This week's mornings worse than last week's: lower the load; no more load for now.

    When only the pain rose and stays in the safe zone (this week's mean morning pain 2
    or less; stiffness has no safe zone) it holds the load instead: add none until the
    mornings stop rising (Coach's own reading).
    """
    this = week_mornings(history, 0)
    rises = rose(this, week_mornings(history, 1))
    if not rises:
        return None
    stiffer = any(r.startswith("stiffness") for r in rises)
    if this.pain is not None and this.pain <= SAFE and not stiffer:
        return Advice(
            Kind.HOLD,
            "Your mornings are a little worse this week than last ("
            + "; ".join(rises)
            + "), though still in the safe zone. Keep the load you have and add none until "
            "they stop rising." + _early_note(history),
            "Morning pain and stiffness must not rise from week to week.",
            SILBERNAGEL,
            OWN_WEEKLY + f" A rise of pain alone within the safe zone (0-{SAFE}) holds the load.",
        )
    return Advice(
        Kind.LOWER,
        "Your mornings are worse this week than last ("
        + "; ".join(rises)
        + "). Lower the load once, if you have not since they rose (fewer sets, or less "
        "weight), and add none until the mornings settle." + _early_note(history),
        "Morning pain and stiffness must not rise from week to week.",
        SILBERNAGEL,
        OWN_WEEKLY,
    )


def best_week_gap(history: History, weeks_back: int = 0) -> list[str]:
    """How a week's mornings stand above the program's best earlier week, in words.

    [] when they do not stand clearly above it: by the smallest change in pain that
    matters, or by 15 minutes of stiffness (Coach's own use of them).
    """
    this = week_mornings(history, weeks_back)
    weeks = history.week - 1
    earlier = [week_mornings(history, n) for n in range(weeks_back + 1, weeks + 1)]
    worse = []
    pains = [w.pain for w in earlier if w.pain is not None]
    if (
        this.pain is not None
        and this.pain > SAFE  # within the safe zone the mornings are settled enough
        and pains
        and round(this.pain - min(pains), 6) >= PAIN_CHANGE
    ):
        worse.append(f"morning pain {min(pains):.1f} in your best week, {this.pain:.1f} now")
    stiff = [w.stiffness for w in earlier if w.stiffness is not None]
    if this.stiffness is not None and stiff and this.stiffness - min(stiff) >= STIFFER_BY:
        worse.append(f"stiffness {min(stiff):.0f} min in your best week, {this.stiffness:.0f} now")
    return worse


def above_best_week(history: History) -> Advice | None:
    """This week's mornings still clearly worse than the program's best week: hold.

    Catches what the week-on-week rule cannot: a rise that then levels off higher, and a
    slow creep of less than half a point a week. It holds the load (adds none) rather
    than lowering it, so that the usual soreness of the first weeks does not push the
    load down for good (`stays_worse` asks for a clinician when it lasts).
    """
    worse = best_week_gap(history)
    if not worse:
        return None
    return Advice(
        Kind.HOLD,
        "Your mornings are still clearly worse than in your best week ("
        + "; ".join(worse)
        + "). Keep the load you have and add none until they are back near that week; if "
        "they got worse after you added load, go back to the load before." + _early_note(history),
        "Morning pain and stiffness should settle, not stay higher than they were.",
        SILBERNAGEL,
        OWN_BEST_WEEK,
    )


def stays_worse(history: History) -> Advice | None:
    """After week 4, two weeks in a row clearly above the best week: see a clinician."""
    worse = best_week_gap(history)
    if history.week > EARLY_WEEKS and worse and best_week_gap(history, 1):
        return Advice(
            Kind.REVIEW,
            "Your mornings have stayed clearly worse than in your best week for two weeks ("
            + "; ".join(worse)
            + "). Go back to the load you had in your best week, and book a check-up with a "
            "clinician to review the program.",
            "Morning pain and stiffness should settle; when they stay worse, the program "
            "needs a second look.",
            SILBERNAGEL,
            OWN_BEST_WEEK,
        )
    return None


def no_recent_morning(history: History) -> Advice | None:
    """Sessions in the last 3 days but no morning check-in: the 24-hour response is unknown."""
    recent = history.today - timedelta(days=RESPONSE_DAYS)
    if not any(s.day >= recent for s in history.sessions):
        return None
    if latest_response(history) is not None:
        return None
    answered = [
        m.day for m in history.mornings
        if m.day <= history.today and (m.pain is not None or m.stiffness_minutes is not None)
    ]  # fmt: skip
    since = f" since {answered[-1]:%a %d %b}" if answered else " yet"
    return Advice(
        Kind.HOLD,
        f"No morning check-in{since}, so Coach cannot tell how your tendon takes the "
        "sessions. Keep the load you have, add none, and check in tomorrow morning.",
        "The next morning's pain and stiffness decide the load.",
        SILBERNAGEL,
        f"Coach's own: a check-in older than {RESPONSE_DAYS} days says nothing of the last "
        "sessions.",
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


def no_improvement(history: History) -> Advice | None:
    """From week 6: neither the mornings nor the VISA-A have improved: see a clinician.

    Judged on the outcomes only, never on the pain during the sets (kept mild on purpose
    as load is added). An outcome that is fine already (mornings in the safe zone, a
    VISA-A in the recovered range) is no reason for a review, but no improvement either.
    With both legs, a leg whose VISA-A has stalled asks for a review whatever the
    mornings say (the check-ins have no side) and however the other leg does.
    """
    weeks_done = history.week - 1
    if weeks_done < REVIEW_AFTER_WEEKS:
        return None
    stalled: list[str] = []
    mornings_improved = mornings_stalled = False
    mornings = _morning_trend(history)
    if mornings is not None:
        first, latest = mornings
        mornings_improved = round(first - latest, 6) >= PAIN_CHANGE
        mornings_stalled = not mornings_improved and latest > SAFE
        if mornings_stalled:
            stalled.append(f"morning pain {first:.1f} → {latest:.1f}")
    legs_improved = legs_stalled = False
    legs = visa_by_side(history)
    for side, scores in legs.items():
        if len(scores) < 2:
            continue
        first_score, latest_score = scores[0].score, scores[-1].score
        if latest_score - first_score >= history.visa_change:
            legs_improved = True
        elif latest_score < RECOVERED:
            legs_stalled = True
            stalled.append(f"VISA-A{_leg(side)} {first_score} → {latest_score}")
    review = (mornings_stalled and not legs_improved) or (legs_stalled and not mornings_improved)
    if legs_stalled and len(legs) > 1:
        review = True
    if not review:
        return None
    what = " and ".join(
        part for part, yes in (("your mornings", mornings_stalled), ("your VISA-A", legs_stalled))
        if yes
    )  # fmt: skip
    return Advice(
        Kind.REVIEW,
        f"After {weeks_done} weeks {what} {'shows' if what == 'your VISA-A' else 'show'} no "
        "clear improvement "
        f"({'; '.join(stalled)}). Book a check-up with a clinician to review the program.",
        f"With no progress by weeks {REVIEW_AFTER_WEEKS}-8, the diagnosis or the program may "
        "need a second look; progress is judged on the mornings and the VISA-A, not on the "
        "pain during the exercises.",
        f"{SEED_002} {SILBERNAGEL} Change that matters: {change_source(history.pain_site)}",
        OWN_REVIEW,
    )


def load_blocks(history: History) -> list[str]:
    """Why the load may not go up now, in words; [] when it may.

    All of these must hold: the last two sessions whole, every set 0-1, both at the
    current load, the last within a week; the current load kept at least 7 days; a
    morning check-in after the last of the two (the 24-hour response), the latest in
    the safe zone and no worse than usual; 3 check-ins in each of the last two weeks;
    and the mornings neither rising from last week nor above the best week.
    """
    if len(history.sessions) < 2:
        return ["fewer than two sessions"]
    previous, last = history.sessions[-2:]
    blocks = []
    if not (previous.without_pain and last.without_pain):
        blocks.append("the last two sessions were not both whole and without pain")
    if previous.load_kg != last.load_kg:
        blocks.append("the last two sessions were at different loads")
    if (history.today - last.day).days > RECENT_DAYS:
        blocks.append("no session in the last week")
    if (history.today - _load_since(history.sessions)).days < DAYS_AT_A_LOAD:
        blocks.append(f"this load is not {DAYS_AT_A_LOAD} days old yet")
    blocks += _morning_blocks(history, last.day)  # the 24-hour response to the last one
    this_week, last_week = week_mornings(history, 0), week_mornings(history, 1)
    if this_week.pain is None or last_week.pain is None:
        blocks.append(
            f"too few morning check-ins to judge the mornings ({WEEK_MORNINGS} a week needed)"
        )
    if rose(this_week, last_week):
        blocks.append("the mornings rose from last week")
    if best_week_gap(history):
        blocks.append("the mornings are still worse than in your best week")
    return blocks


def _morning_blocks(history: History, since: date) -> list[str]:
    """What the mornings after `since` say against more load; [] if nothing."""
    blocks = []
    after = [m for m in history.mornings if m.day > since and m.pain is not None]
    morning = after[-1] if after else None
    if morning is None or morning.pain is None:
        blocks.append("no morning check-in after these sessions yet")
    else:
        usual_pain, usual_stiffness = usual(history, morning.day)
        stiff = morning.stiffness_minutes
        if morning.pain > SAFE:
            blocks.append(f"morning pain {morning.pain}/10 is above the safe zone")
        if usual_pain is not None and morning.pain > usual_pain:
            blocks.append("the latest morning hurt more than usual")
        if stiff is not None and usual_stiffness is not None and stiff > usual_stiffness:
            blocks.append("the latest morning was stiffer than usual")
    return blocks


def add_load(history: History) -> Advice | None:
    """Without pain at this load, and an acceptable 24-hour response to it: add about 5 kg."""
    if load_blocks(history):
        return None
    load = history.sessions[-1].load_kg
    return Advice(
        Kind.ADD_LOAD,
        f"Your last two sessions at {load:g} kg were without pain, and your mornings stay "
        f"settled. Add about {ADD_KG:g} kg (a backpack with weights: {load + ADD_KG:g} kg in "
        "all), so the exercise hurts mildly again. Then keep that load for at least a week.",
        "The tendon adapts to load; once the sets no longer hurt and the next morning is "
        "fine, the load is too light.",
        f"{ALFREDSON} 24-hour response: {SILBERNAGEL}",
        OWN_ADD_LOAD,
    )


def carry_on(history: History) -> Advice:
    return Advice(
        Kind.CARRY_ON,
        "Carry on with the same load." + _early_note(history),
        "Pain up to 5 during the sets that settles by the next morning, with mornings that do "
        "not rise from week to week, is the right dose.",
        SILBERNAGEL,
    )


RULES = (
    red_flag,
    worsening,
    stays_worse,
    twenty_four_hours,
    too_much_during,
    weekly_rise,
    above_best_week,
    no_improvement,
    no_recent_morning,
    add_load,
)


def advise(history: History) -> Advice:
    """The most urgent advice any rule gives, or "carry on"."""
    for rule in RULES:
        advice = rule(history)
        if advice is not None:
            return advice
    return carry_on(history)


def _early_note(history: History) -> str:
    if history.week > EARLY_WEEKS:
        return ""
    return " Some morning soreness is common in the first weeks."


def _load_since(sessions: Sequence[SessionPain]) -> date:
    """The day of the first session of the latest run at the latest session's load."""
    load = sessions[-1].load_kg
    since = sessions[-1].day
    for s in reversed(sessions):
        if s.load_kg != load:
            break
        since = s.day
    return since


def _morning_trend(history: History) -> tuple[float, float] | None:
    """The mean morning pain of the program's first 14 days and of the latest 14."""
    first_end = history.start + timedelta(days=TREND_DAYS)
    last_start = history.today - timedelta(days=TREND_DAYS - 1)
    pains = [(m.day, m.pain) for m in history.mornings if m.pain is not None]
    first = [p for d, p in pains if d < first_end]
    latest = [p for d, p in pains if d >= last_start]
    if len(first) < FEW_MORNINGS or len(latest) < FEW_MORNINGS:
        return None
    return statistics.fmean(first), statistics.fmean(latest)
