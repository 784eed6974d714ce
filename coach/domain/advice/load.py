"""The rules that set the load: lower it, hold it, add to it, or carry on.

The 24-hour response (the latest morning against the usual one), pain during the last
session's sets, mornings rising week on week or standing above the best week, and
sessions with no morning check-in after them each lower or hold the load. The load goes
up only after two whole sessions without pain at it and an acceptable 24-hour response.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from coach.domain import dates
from coach.domain.advice.measures import (
    best_week_gap,
    latest_response,
    rose,
    usual,
    week_mornings,
)
from coach.domain.advice.records import Advice, History, Kind, SessionPain
from coach.domain.advice.thresholds import (
    ADD_KG,
    ALFREDSON,
    DAYS_AT_A_LOAD,
    EARLY_WEEKS,
    OWN_24_HOURS,
    OWN_ADD_LOAD,
    OWN_BEST_WEEK,
    OWN_WEEKLY,
    RECENT_DAYS,
    RESPONSE_DAYS,
    STIFFER_BY,
    WEEK_MORNINGS,
    WORSE_BY,
)
from coach.domain.pain import SAFE, TOO_MUCH
from coach.domain.pain import SOURCE as SILBERNAGEL


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
    when = (
        "This morning"
        if today.day == history.today
        else f"Your morning of {dates.day(today.day, year=False)}"
    )
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
    since = f" since {dates.day(answered[-1], year=False)}" if answered else " yet"
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
