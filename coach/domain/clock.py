"""Clocks the engine can be driven by. The engine never reads the time itself.

The app passes `MonotonicClock` (or, while sound plays, the audio device's played
position); tests pass `ManualClock` and move it by hand, so no test sleeps.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since an arbitrary origin; never decreases."""
        ...


class MonotonicClock:
    """The system's monotonic clock: unaffected by changes of the wall-clock time."""

    def now(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock that moves only when told to."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self._now += seconds
