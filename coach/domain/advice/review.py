"""The rules that stop the program or ask for a clinician.

A red flag pauses the program; mornings that keep rising, a VISA-A fall that matters,
mornings that stay clearly worse than the best week after the first weeks, and no
improvement by week 6 each ask for a check-up with a clinician. Progress is judged on
the outcomes (the mornings and the VISA-A), never on the pain during the sets.
"""

from __future__ import annotations

import statistics
from datetime import timedelta

from coach.domain import red_flags
from coach.domain.advice.measures import best_week_gap, rose, visa_by_side, week_mornings
from coach.domain.advice.records import Advice, History, Kind
from coach.domain.advice.thresholds import (
    EARLY_WEEKS,
    FEW_MORNINGS,
    OWN_BEST_WEEK,
    OWN_REVIEW,
    OWN_VISA_FALL,
    OWN_WEEKLY,
    PAIN_CHANGE,
    REVIEW_AFTER_WEEKS,
    SEED_002,
    TREND_DAYS,
    VISA_FALL,
)
from coach.domain.pain import SAFE
from coach.domain.pain import SOURCE as SILBERNAGEL
from coach.domain.visa_a import (
    INSERTIONAL_CHANGE_SOURCE,
    MIDPORTION_CHANGE_SOURCE,
    RECOVERED,
    change_source,
)


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


def _leg(side: str | None) -> str:
    return f" ({side} leg)" if side else ""


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
