"""Signs that the program must stop and a clinician be seen (CLINICAL.md §4).

Coach shows these before the first session, behind the "Something's wrong" button
of every workout, and from the Today page and the Help menu at any time. Each sign
says how urgent it is and what to do now, step by step. The signs are standard
clinical warning signs; the wording is Coach's own, and so are the triggers of the
rupture questions (a set rated 8 or more, or 4 points above the set before).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

REASON = "red flag: "  # a session stopped for a red flag has this reason, then the flag's id

SOURCE = (
    "Standard clinical warning signs, not the finding of one study; the wording and the "
    "first-aid steps are Coach's own. On steroid injections: Dr.Oracle, \"What is the "
    'treatment for a calcified Achilles tendon?" (2026).'
)

# When the rupture questions are asked: Coach's own triggers (CLINICAL.md §4 says so).
RUPTURE_CHECK_AT = 8  # a set rated this or more
RUPTURE_CHECK_JUMP = 4  # or this many points above the set rated before it
RUPTURE_CHECK_RULE = (
    f"Coach's own rule: it asks these questions after a set rated {RUPTURE_CHECK_AT} or "
    f"more, or {RUPTURE_CHECK_JUMP} or more points above the set before."
)


class Urgency(enum.Enum):
    """How soon to get help, most urgent first."""

    EMERGENCY = "emergency"  # call an ambulance now
    SAME_DAY = "same day"  # medical care today
    BEFORE_NEXT = "before the next session"  # see a clinician before exercising again


@dataclass(frozen=True)
class RedFlag:
    id: str
    sign: str
    action: str
    label: str  # the sign in a few words, for "the program is paused: you reported ..."
    urgency: Urgency
    steps: tuple[str, ...]  # what to do now, in order
    still: str  # what still applies while the program stays paused, days later perhaps

    @property
    def reason(self) -> str:
        """The reason recorded for a session stopped for this flag."""
        return REASON + self.id


_PAUSED = "Coach has paused your program. Resume it only when a clinician has seen you and agrees."

RUPTURE = RedFlag(
    "rupture",
    "A snap or pop, a feeling of being kicked in the heel, sudden sharp pain, or you "
    "cannot rise onto your toes on that side",
    "The tendon may have torn: stop, and get medical care today.",
    "signs of a possible tendon tear",
    Urgency.SAME_DAY,
    (
        "Stop exercising now, and do not test the tendon again.",
        "Keep off that leg as much as you can, the toes pointed slightly down; do not "
        "stretch the calf, and do not drive yourself.",
        "Get medical care today: an emergency department, an urgent care clinic, or a "
        "same-day appointment with your doctor. A torn tendon is treated best when it is "
        "seen early.",
        "Tell them what happened and when, during which exercise.",
        _PAUSED,
    ),
    "If you have not been seen yet, get medical care today.",
)
CLOT_EMERGENCY = RedFlag(
    "clot_emergency",
    "A swollen or painful calf with breathlessness or chest pain",
    "Call an ambulance now.",
    "a swollen calf with breathlessness or chest pain",
    Urgency.EMERGENCY,
    (
        "Call an ambulance now: 112 in Europe, 999 in the UK, 911 in North America.",
        "Sit or lie down while you wait, and do not drive yourself.",
        "A clot in the leg can travel to the lungs: this needs help at once.",
        _PAUSED,
    ),
    "If it is still happening, call an ambulance now; if it has passed and you have not "
    "been seen, get medical care today.",
)
CALF = RedFlag(
    "calf",
    "A hot, red or swollen calf",
    "This can be a blood clot: get medical care today.",
    "a hot, red or swollen calf",
    Urgency.SAME_DAY,
    (
        "Stop exercising.",
        "Get medical care today: a hot, red or swollen calf can be a blood clot (deep-vein "
        "thrombosis), which needs a same-day check.",
        "If you become short of breath or have chest pain, call an ambulance at once.",
        _PAUSED,
    ),
    "If you have not been seen yet, get medical care today; with breathlessness or chest "
    "pain, call an ambulance.",
)
FEVER_OR_REST_PAIN = RedFlag(
    "fever_or_rest_pain",
    "A fever, or pain at night or at rest",
    "Stop the exercises and see a clinician before the next session.",
    "a fever, or pain at night or at rest",
    Urgency.BEFORE_NEXT,
    (
        "Do no more sessions until a clinician has seen you.",
        "Book an appointment soon: these are not the usual signs of a tendon that is "
        "being loaded, and they need a check.",
        _PAUSED,
    ),
    "See a clinician before the next session.",
)
MEDICATION = RedFlag(
    "medication",
    "You take or recently took fluoroquinolone antibiotics (e.g. ciprofloxacin) or "
    "corticosteroid tablets, or had a steroid injection near the tendon",
    "These raise the risk of a tear: talk to a clinician before going on.",
    "fluoroquinolones, corticosteroid tablets or a recent steroid injection",
    Urgency.BEFORE_NEXT,
    (
        "Do no more sessions until you have talked to your doctor or pharmacist.",
        "Do not stop a medicine on your own: ask them whether it is safe to load the "
        "tendon, and when.",
        _PAUSED,
    ),
    "Talk to your doctor or pharmacist before the next session.",
)

RED_FLAGS: tuple[RedFlag, ...] = (RUPTURE, CLOT_EMERGENCY, CALF, FEVER_OR_REST_PAIN, MEDICATION)

OTHER = RedFlag(
    "other",
    "Something else worries me",
    "Stop, and ask a clinician if unsure.",
    "something that worried you",
    Urgency.BEFORE_NEXT,
    (
        "Stop exercising for today.",
        "Ask a clinician about it before the next session.",
        _PAUSED,
    ),
    "Ask a clinician about it before the next session.",
)

# Flags of earlier versions, still named in old sessions' reasons and programs' pauses.
_RETIRED = (
    RedFlag(
        "infection_or_clot",
        "A hot, red or swollen calf, a fever, or pain at night or at rest",
        "Stop, and get medical care today.",
        "a hot or swollen calf, fever, or pain at rest",
        Urgency.SAME_DAY,
        CALF.steps,
        CALF.still,
    ),
    RedFlag(
        "medication",
        MEDICATION.sign,
        MEDICATION.action,
        "a recent fluoroquinolone antibiotic or steroid injection",  # its label until 2026-12
        Urgency.BEFORE_NEXT,
        MEDICATION.steps,
        MEDICATION.still,
    ),
)


# Yes to any of them means a possible tear (so "if unsure, answer as if so" is always Yes).
RUPTURE_QUESTIONS: tuple[str, ...] = (
    "Did you hear or feel a snap or a pop at the back of the ankle?",
    "Did it feel as if someone kicked you in the heel?",
    "Did you feel a sudden, sharp pain?",
    "Is rising onto your toes on that leg impossible now, or are you unsure? (Hold on to "
    "something; do not force it. If you would rather not try, answer Yes.)",
)


def rupture_check_due(ratings: Sequence[int | None]) -> bool:
    """Ask the rupture questions after the latest rating?

    `ratings` are the session's sets in the order they were done (None: not rated); the
    latest is the last. Yes when it is 8 or more, or 4 or more above the set rated
    before it (Coach's own triggers).
    """
    if not ratings or ratings[-1] is None:
        return False
    latest = ratings[-1]
    if latest >= RUPTURE_CHECK_AT:
        return True
    earlier = [r for r in ratings[:-1] if r is not None]
    return bool(earlier) and latest - earlier[-1] >= RUPTURE_CHECK_JUMP


def by_id(flag_id: str) -> RedFlag:
    """The flag called `flag_id`; an unknown id is OTHER."""
    return next((f for f in (*RED_FLAGS, *_RETIRED, OTHER) if f.id == flag_id), OTHER)


def from_label(label: str) -> RedFlag | None:
    """The red flag a program was paused for, from the label recorded with the pause."""
    return next((f for f in (*RED_FLAGS, *_RETIRED, OTHER) if f.label == label), None)
