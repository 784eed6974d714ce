from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from coach.domain.wall_clock import clock_doubt

NOW = datetime(2026, 11, 21, 8, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("now", "latest", "says"),
    [
        (NOW, None, None),
        (NOW, NOW - timedelta(days=400), None),
        (NOW, NOW + timedelta(days=1), None),  # another device's clock, a little ahead
        (NOW, NOW + timedelta(days=1, seconds=1), "records dated up to 22 Nov 2026"),
        (NOW, NOW + timedelta(days=365), "records dated up to 21 Nov 2027"),
        (datetime(1970, 1, 1, 1, 0, tzinfo=UTC), None, "clock says 1 Jan 1970"),
        (datetime(1999, 12, 31, 23, 59, tzinfo=UTC), NOW, "clock says 31 Dec 1999"),
        (datetime(2000, 1, 1, 0, 0, tzinfo=UTC), None, None),
    ],
)
def test_the_wall_clock_is_doubted_before_2000_or_a_day_behind_the_history(
    now: datetime, latest: datetime | None, says: str | None
) -> None:
    doubt = clock_doubt(now, latest)
    if says is None:
        assert doubt is None
    else:
        assert doubt is not None
        assert says in doubt
        assert "system settings" in doubt
