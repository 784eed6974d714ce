from __future__ import annotations

import pytest

from coach.domain.clock import ManualClock, MonotonicClock


def test_manual_clock_moves_only_when_told() -> None:
    clock = ManualClock(10)
    assert clock.now() == 10
    clock.advance(2.5)
    assert clock.now() == 12.5
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-1)


def test_monotonic_clock_never_decreases() -> None:
    clock = MonotonicClock()
    readings = [clock.now() for _ in range(1000)]
    assert readings == sorted(readings)
