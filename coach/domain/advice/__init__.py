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

The package: `records` (the history and the advice), `thresholds` (the numbers and
their sources), `measures` (weekly means, the usual morning, the best week), `review`
(the rules that pause or ask for a clinician) and `load` (the rules that set the load).
This module is its public face: the records and numbers the rest of Coach uses, and
`advise()` with its rules in order of urgency.
"""

from __future__ import annotations

from coach.domain.advice.load import (
    above_best_week,
    add_load,
    carry_on,
    no_recent_morning,
    too_much_during,
    twenty_four_hours,
    weekly_rise,
)
from coach.domain.advice.records import (
    Advice,
    History,
    Kind,
    Morning,
    SessionPain,
    VisaScore,
    check_stiffness,
)
from coach.domain.advice.review import no_improvement, red_flag, stays_worse, worsening
from coach.domain.advice.thresholds import (
    ADD_KG,
    DAYS_AT_A_LOAD,
    MAX_STIFFNESS,
    NEARLY_PAIN_FREE,
    RECENT_DAYS,
    WEEK_MORNINGS,
)

__all__ = [
    "ADD_KG",
    "DAYS_AT_A_LOAD",
    "MAX_STIFFNESS",
    "NEARLY_PAIN_FREE",
    "RECENT_DAYS",
    "RULES",
    "WEEK_MORNINGS",
    "Advice",
    "History",
    "Kind",
    "Morning",
    "SessionPain",
    "VisaScore",
    "advise",
    "check_stiffness",
]

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
