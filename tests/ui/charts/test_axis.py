from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from coach.ui.charts.axis import DAY, DayAxis, seconds
from coach.ui.charts.theme import font


def test_seconds_are_the_wall_clock_since_1970_and_a_date_is_its_midnight() -> None:
    assert list(seconds([date(1970, 1, 2), datetime(1970, 1, 2, 1, 0)])) == [DAY, DAY + 3600]  # noqa: DTZ001 - the records' naive wall clock


@pytest.mark.parametrize(
    ("days", "pixels", "labels"),
    [
        (7, 600, ["1 Mar", "2 Mar", "3 Mar"]),
        (21, 600, ["2 Mar", "9 Mar", "16 Mar"]),
        (84, 600, ["9 Mar", "23 Mar", "6 Apr"]),  # the Progress page's 12 weeks at 1024 px
        (84, 300, ["Mar 2026", "Apr", "May"]),
        (5 * 365, 700, ["2027", "2028", "2029", "2030"]),
    ],
)
def test_the_date_axis_labels_what_fits(qtbot: QtBot, days: int, pixels: int,
                                        labels: list[str]) -> None:  # fmt: skip
    axis = DayAxis(orientation="bottom")
    first = seconds([date(2026, 3, 1)])[0]
    (spacing, major), _minor = axis.tickValues(first, first + days * DAY, pixels)
    assert axis.tickStrings(major, 1, spacing)[: len(labels)] == labels


def test_months_say_their_year_first_and_in_january(qtbot: QtBot) -> None:
    axis = DayAxis(orientation="bottom")
    first = seconds([date(2026, 10, 1)])[0]
    (spacing, major), _minor = axis.tickValues(first, first + 180 * DAY, 600)
    assert axis.tickStrings(major, 1, spacing)[:5] == ["Oct 2026", "Nov", "Dec", "Jan 2027", "Feb"]


def test_the_minor_ticks_are_unlabelled(qtbot: QtBot) -> None:
    axis = DayAxis(orientation="bottom")
    first = seconds([date(2026, 3, 1)])[0]
    _major, (spacing, minor) = axis.tickValues(first, first + 21 * DAY, 600)
    assert minor  # the days between the Mondays
    assert set(axis.tickStrings(minor, 1, spacing)) == {""}


@pytest.mark.parametrize("days", [7, 21, 84, 180, 365, 3 * 365, 5 * 365, 10 * 365])
@pytest.mark.parametrize("pixels", [300, 450, 600, 800, 1200])
def test_the_date_labels_never_run_into_each_other(qtbot: QtBot, days: int, pixels: int) -> None:
    axis = DayAxis(orientation="bottom")
    axis.setStyle(tickFont=font(10))  # as the charts set it
    low = seconds([date(2026, 11, 2)])[0]
    high = low + days * DAY
    (spacing, major), _minor = axis.tickValues(low, high, pixels)
    widths = [
        QFontMetrics(font(10)).horizontalAdvance(text)
        for text in axis.tickStrings(major, 1, spacing)
    ]
    x = [(v - low) / (high - low) * pixels for v in major]
    for (a, wa), (b, wb) in itertools.pairwise(zip(x, widths, strict=True)):
        assert b - a >= (wa + wb) / 2 + 8, (days, pixels, major)  # centred labels, 8 px apart
