"""Dates and times in words: English, whatever the desktop's locale, the same everywhere."""

from __future__ import annotations

import locale
from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain import dates

DAY = date(2026, 11, 21)  # a Saturday
FIRST = date(2026, 11, 1)  # a Sunday, a one-digit day


def test_a_day_and_its_parts() -> None:
    assert dates.day(DAY) == "Sat 21 Nov 2026"
    assert dates.day(FIRST) == "Sun 1 Nov 2026"  # no leading zero
    assert dates.day(DAY, year=False) == "Sat 21 Nov"
    assert dates.day_long(DAY) == "Saturday 21 November 2026"
    assert dates.day_month(FIRST) == "1 Nov 2026"
    assert dates.day_month(FIRST, year=False) == "1 Nov"
    assert dates.month(DAY) == "Nov"
    assert dates.month(DAY, year=True) == "Nov 2026"
    assert dates.weekday(DAY) == "Sat"
    assert dates.weekday(DAY, long=True) == "Saturday"


def test_times_and_moments() -> None:
    assert dates.clock_time(time(8, 5)) == "08:05"
    assert dates.clock_time(datetime(2026, 11, 21, 18, 0, 59)) == "18:00"  # noqa: DTZ001 - a wall-clock time
    assert dates.moment(datetime(2026, 11, 1, 8, 0)) == "Sun 1 Nov 2026, 08:00"  # noqa: DTZ001 - as above
    assert dates.iso_day(FIRST) == "2026-11-01"
    assert dates.iso_day(datetime(2026, 11, 1, 8, 0)) == "2026-11-01"  # noqa: DTZ001 - as above
    assert dates.iso_moment(datetime(2026, 11, 1, 8, 0)) == "2026-11-01 08:00"  # noqa: DTZ001 - as above


@pytest.fixture
def german_locale() -> Iterator[None]:
    """The locale a German desktop gives the program once Qt has set it, if installed."""
    old = locale.setlocale(locale.LC_TIME)
    for name in ("de_DE.UTF-8", "de_DE.utf8", "de_DE"):
        try:
            locale.setlocale(locale.LC_TIME, name)
            break
        except locale.Error:
            continue
    else:
        pytest.skip("no German locale on this machine")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_TIME, old)


@pytest.mark.usefixtures("german_locale")
def test_the_words_stay_english_whatever_the_locale() -> None:
    assert f"{DAY:%a}" != "Sat"  # what strftime would say
    assert dates.day_long(DAY) == "Saturday 21 November 2026"
    assert dates.month(date(2026, 3, 1)) == "Mar"


@given(st.dates())
def test_every_day_reads_as_its_parts(d: date) -> None:
    assert dates.day(d) == f"{dates.weekday(d)} {d.day} {dates.month(d)} {d.year}"
    assert dates.weekday(d, long=True).startswith(dates.weekday(d))
