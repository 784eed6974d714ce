"""Pain ratings and what they mean, from the pain-monitoring model (CLINICAL.md §2).

Silbernagel KG et al., Am J Sports Med 2007;35(6):897-906: on a 0-10 scale, 0-2 is
safe, 3-5 acceptable, above 5 too much. Alfredson's protocol expects mild to moderate
pain during the exercise and stops it when pain becomes disabling.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

SOURCE = "Silbernagel KG et al. Am J Sports Med 2007;35(6):897-906."
# The zones' limits: the one home of the numbers; every text and rule that names a zone
# takes them from here.
SAFE = 2  # pain up to this is the safe zone
TOO_MUCH = 5  # pain above this is too much; from SAFE + 1 to this it is acceptable
HIGHEST = 10  # the top of the 0-10 scale


class Zone(enum.Enum):
    SAFE = "safe"
    ACCEPTABLE = "acceptable"
    TOO_MUCH = "too much"


@dataclass(frozen=True)
class ZoneInfo:
    zone: Zone
    scores: str  # the ratings in this zone, e.g. "3-5"
    meaning: str


_ZONES = {
    Zone.SAFE: ZoneInfo(Zone.SAFE, f"0-{SAFE}", "Carry on."),
    Zone.ACCEPTABLE: ZoneInfo(
        Zone.ACCEPTABLE,
        f"{SAFE + 1}-{TOO_MUCH}",
        "Mild to moderate pain is expected with these exercises. Carry on.",
    ),
    Zone.TOO_MUCH: ZoneInfo(
        Zone.TOO_MUCH,
        f"{TOO_MUCH + 1}-{HIGHEST}",
        "More than these exercises should hurt. Consider stopping for today, or doing "
        "the next sets with less load.",
    ),
}


def check_rating(pain: int) -> int:
    """`pain` itself if it is a whole number from 0 to 10; ValueError otherwise."""
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= HIGHEST:
        raise ValueError(f"pain must be a whole number from 0 to {HIGHEST} (got {pain!r})")
    return pain


def zone(pain: int) -> ZoneInfo:
    """The zone of a 0-10 rating: the one home of the pain-monitoring model's cut-offs."""
    check_rating(pain)
    if pain <= SAFE:
        return _ZONES[Zone.SAFE]
    if pain <= TOO_MUCH:
        return _ZONES[Zone.ACCEPTABLE]
    return _ZONES[Zone.TOO_MUCH]


def zones_in_words(dash: str = "-") -> str:
    """The zones in one phrase, "0-2 safe, 3-5 acceptable, above 5 too much", for the texts
    that explain them (the plan's rules, the clinician's report); `dash` joins a range."""
    safe, acceptable = _ZONES[Zone.SAFE], _ZONES[Zone.ACCEPTABLE]
    return (
        f"{safe.scores.replace('-', dash)} {safe.zone.value}, "
        f"{acceptable.scores.replace('-', dash)} {acceptable.zone.value}, "
        f"above {TOO_MUCH} {Zone.TOO_MUCH.value}"
    )


def should_offer_to_stop(ratings: Sequence[int | None]) -> bool:
    """After the latest rating: offer to end the session?

    Yes whenever the latest rated set was "too much" (above TOO_MUCH): the offer is Coach's own
    way of applying the zones, on the cautious side; the user may carry on with less.
    `ratings` are the sets in the order they were done; None is a set not rated.
    """
    if not ratings or ratings[-1] is None:
        return False
    return zone(ratings[-1]).zone is Zone.TOO_MUCH
