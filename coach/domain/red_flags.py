"""Signs that the program must stop and a clinician be seen (CLINICAL.md §4).

Coach shows these before the first session and behind the "Something's wrong"
button of every workout. The wording is Coach's own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RedFlag:
    id: str
    sign: str
    action: str


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "rupture",
        "A snap or pop, a feeling of being kicked in the heel, sudden sharp pain, or you "
        "cannot rise onto your toes on that side",
        "The tendon may have torn: stop, and get medical care today.",
    ),
    RedFlag(
        "infection_or_clot",
        "A hot, red or swollen calf, a fever, or pain at night or at rest",
        "Stop, and see a doctor promptly.",
    ),
    RedFlag(
        "medication",
        "You recently took fluoroquinolone antibiotics (such as ciprofloxacin) or had a "
        "steroid injection near the tendon",
        "These raise the risk of a tear: talk to a clinician before going on.",
    ),
)

OTHER = RedFlag("other", "Something else worries me", "Stop, and ask a clinician if unsure.")
