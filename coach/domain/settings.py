"""The user's choices for a workout, each checked against its allowed range.

The ranges live in `LIMITS`, the one place the command line, the dialogs and the
validation read them from, so an error message always states the true range.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, fields


class Side(enum.Enum):
    """A leg."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT

    @property
    def upper(self) -> str:
        return self.value.upper()


class Injured(enum.Enum):
    """Which Achilles tendon hurts."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    @property
    def sides(self) -> tuple[Side, ...]:
        """The legs that do the lowering, in the order a set visits them."""
        if self is Injured.BOTH:
            return (Side.LEFT, Side.RIGHT)
        return (Side(self.value),)


class SettingError(ValueError):
    """A setting outside its allowed range. `str()` is a message for the user."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class Limit:
    """The allowed range of one numeric setting."""

    name: str
    low: float
    high: float
    unit: str
    whole: bool

    def describe(self) -> str:
        kind = "a whole number" if self.whole else "a number"
        unit = f" {self.unit}" if self.unit else ""
        return f"{kind} from {_num(self.low)} to {_num(self.high)}{unit}"

    def check(self, value: float) -> None:
        if isinstance(value, bool):  # bool is an int to Python, never a valid amount
            raise SettingError(self.name, f"must be {self.describe()} (got {value!r})")
        ok = isinstance(value, int | float) and math.isfinite(value)
        if ok and self.whole:
            ok = float(value).is_integer()
        if not ok or not self.low <= value <= self.high:
            raise SettingError(self.name, f"must be {self.describe()} (got {value!r})")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


LIMITS: dict[str, Limit] = {
    limit.name: limit
    for limit in (
        Limit("lower_seconds", 2, 10, "s", whole=True),
        Limit("rest_seconds", 0, 600, "s", whole=True),
        Limit("reps", 1, 50, "", whole=True),
        Limit("sets", 1, 10, "", whole=True),
        Limit("load_kg", 0, 200, "kg", whole=False),
        Limit("get_ready_seconds", 0, 30, "s", whole=True),
    )
}


@dataclass(frozen=True)
class Settings:
    """Everything about a workout the user can choose. Invalid values raise SettingError.

    The defaults are the protocols' dose (3 x 15) and CLINICAL.md's suggestions for what
    the trials left open (3 s lowering, 60 s rest).
    """

    injured: Injured = Injured.RIGHT
    lower_seconds: int = 3
    rest_seconds: int = 60
    reps: int = 15
    sets: int = 3
    load_kg: float = 0.0
    get_ready_seconds: int = 5

    def __post_init__(self) -> None:
        if not isinstance(self.injured, Injured):
            raise SettingError("injured", "must be one of left, right, both")
        for f in fields(self):
            if f.name in LIMITS:
                LIMITS[f.name].check(getattr(self, f.name))
