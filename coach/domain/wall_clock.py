"""Whether the computer's wall clock shows a believable date.

Coach stamps each record with the wall clock's date and time, whatever it says (the
workout itself runs on the monotonic clock, coach.domain.clock). `clock_doubt` tells the
user, before anything is recorded, when that date looks wrong.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coach.domain import dates

# A wall clock may be off by a little, and another device's may run ahead of this one's:
# a record dated more than this after now was made by a clock that was wrong.
CLOCK_SLACK = timedelta(days=1)
# The earliest date a record should have (by the date its stamp shows). Coach is far
# younger and so are the protocols it coaches (Alfredson 1998): an earlier date comes
# from a clock that was never set (1970-01-01, 1980-01-01) or was typed wrong.
EARLIEST = date(2000, 1, 1)


def clock_doubt(now: datetime, latest: datetime | None) -> str | None:
    """Why the wall clock's date looks wrong, in the user's words; None if it does not.

    `now` is the wall clock; `latest` the latest moment a record of the history was
    stamped with (None: no records). Before EARLIEST, or more than CLOCK_SLACK before
    `latest`, the clock is wrong now or was wrong then.
    """
    if now.date() < EARLIEST:
        return (
            f"This computer's clock says {dates.day_month(now)}, which cannot be right. Until "
            "the date is fixed, the program's week, today's sessions and the advice on this page "
            "may be wrong, and anything you record will carry that date. Set the date and "
            "time in your system settings, then close and reopen Coach. The morning check-in "
            "and VISA-A wait until then."
        )
    if latest is not None and latest - now > CLOCK_SLACK:
        return (
            f"This computer's clock says {dates.day_month(now)}, but your history has records "
            f"dated up to {dates.day_month(latest)}. If the clock is wrong, set the date and time "
            "in your system settings, then close and reopen Coach: until then today's sessions "
            "and the advice on this page may be wrong, and what you record will carry the "
            "wrong date. If the clock is right, it was ahead when those records were made, and "
            "Coach counts them by the dates they carry. The morning check-in and VISA-A wait "
            "until the clock agrees with your history."
        )
    return None
