"""Dates and times in words: the one home of how Coach writes them, in English.

Every page, chart, dialog, report, calendar and message writes a date through these, so
they read alike everywhere: "Sat 21 Nov 2026", "Saturday 21 November 2026", "21 Nov 2026",
"Sat 21 Nov 2026, 08:00". They never go through `strftime`'s `%a`, `%b`, `%A` or `%B`:
once Qt has set the program's locale from the desktop's, those would follow it, and the
rest of Coach's words are English. Support texts (`coach doctor`, error messages about a
file) write the ISO forms, "2026-11-21 08:00", which read the same in any language.
"""

from __future__ import annotations

from datetime import date, datetime, time

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_SHORT = tuple(name[:3] for name in WEEKDAYS)  # "Mon" ... "Sun"
MONTHS_LONG = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTHS = tuple(name[:3] for name in MONTHS_LONG)  # "Jan" ... "Dec"


def weekday(d: date, *, long: bool = False) -> str:
    """`Sat`, or `Saturday`."""
    return (WEEKDAYS if long else WEEKDAYS_SHORT)[d.weekday()]


def month(d: date, *, year: bool = False) -> str:
    """`Nov`, or `Nov 2026`."""
    return f"{MONTHS[d.month - 1]} {d.year}" if year else MONTHS[d.month - 1]


def day_month(d: date, *, year: bool = True) -> str:
    """`21 Nov 2026`, or `21 Nov`: a date without its weekday (reports, axes, periods)."""
    text = f"{d.day} {MONTHS[d.month - 1]}"
    return f"{text} {d.year}" if year else text


def day(d: date, *, year: bool = True) -> str:
    """`Sat 21 Nov 2026`, or `Sat 21 Nov`: a day as the pages and charts name it."""
    return f"{weekday(d)} {day_month(d, year=year)}"


def day_long(d: date) -> str:
    """`Saturday 21 November 2026`: a day as a heading or a question names it."""
    return f"{weekday(d, long=True)} {d.day} {MONTHS_LONG[d.month - 1]} {d.year}"


def clock_time(t: time | datetime) -> str:
    """`08:00`: a time of day, on the 24-hour clock."""
    return f"{t.hour:02d}:{t.minute:02d}"


def moment(dt: datetime) -> str:
    """`Sat 21 Nov 2026, 08:00`: a day and its time, as the pages and charts name them."""
    return f"{day(dt.date())}, {clock_time(dt)}"


def iso_day(d: date) -> str:
    """`2026-11-21`: a date in support texts and messages about files."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"  # of a datetime too: its day alone


def iso_moment(dt: datetime) -> str:
    """`2026-11-21 08:00`: a moment in support texts (`coach doctor`)."""
    return f"{iso_day(dt.date())} {clock_time(dt)}"
