"""Signs that the program must stop and a clinician be seen (CLINICAL.md §4).

Coach shows these before the first session and behind the "Something's wrong"
button of every workout. The wording is Coach's own.
"""

from __future__ import annotations

from dataclasses import dataclass

REASON = "red flag: "  # a session stopped for a red flag has this reason, then the flag's id


@dataclass(frozen=True)
class RedFlag:
    id: str
    sign: str
    action: str
    label: str  # the sign in a few words, for "the program is paused: you reported ..."

    @property
    def reason(self) -> str:
        """The reason recorded for a session stopped for this flag."""
        return REASON + self.id


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "rupture",
        "A snap or pop, a feeling of being kicked in the heel, sudden sharp pain, or you "
        "cannot rise onto your toes on that side",
        "The tendon may have torn: stop, and get medical care today.",
        "signs of a possible tendon tear",
    ),
    RedFlag(
        "infection_or_clot",
        "A hot, red or swollen calf, a fever, or pain at night or at rest",
        "Stop, and see a doctor promptly.",
        "a hot or swollen calf, fever, or pain at rest",
    ),
    RedFlag(
        "medication",
        "You recently took fluoroquinolone antibiotics (such as ciprofloxacin) or had a "
        "steroid injection near the tendon",
        "These raise the risk of a tear: talk to a clinician before going on.",
        "a recent fluoroquinolone antibiotic or steroid injection",
    ),
)

OTHER = RedFlag(
    "other",
    "Something else worries me",
    "Stop, and ask a clinician if unsure.",
    "something that worried you",
)


def from_reason(reason: str) -> RedFlag | None:
    """The red flag a session was stopped for, from its recorded reason."""
    if not reason.startswith(REASON):
        return None
    flag_id = reason.removeprefix(REASON)
    return next((f for f in (*RED_FLAGS, OTHER) if f.id == flag_id), OTHER)
