"""What the pain-monitoring rules measure: weekly means, the usual morning, the best week.

Pure functions of a `History`; the rules in `load` and `review` turn their answers
into advice.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from coach.domain.advice.records import History, Morning, VisaScore
from coach.domain.advice.thresholds import (
    FEW_MORNINGS,
    PAIN_CHANGE,
    RESPONSE_DAYS,
    STIFFER_BY,
    USUAL_MORNINGS,
    WEEK_MORNINGS,
    WEEKLY_PAIN_RISE,
    WEEKLY_STIFFNESS_RISE,
)
from coach.domain.pain import SAFE


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
