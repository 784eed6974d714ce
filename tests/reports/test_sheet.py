"""The report's sheet: sizes in points on the device, headings kept with what follows."""

from __future__ import annotations

from datetime import date

from coach.reports.layout import Column, Row, Text
from coach.reports.sheet import DPI, Sheet, period
from tests.reports.sheets import report, texts


def test_the_period_is_both_days_with_their_year() -> None:
    assert period(report(date(2026, 9, 7), date(2026, 11, 21))) == ("7 Sep 2026 to 21 Nov 2026")


def test_a_point_is_a_seventy_second_of_an_inch_on_the_device(sheet: Sheet) -> None:
    assert sheet.pt == DPI / 72
    assert sheet.title.pointSizeF() == 18
    assert sheet.body.pointSizeF() == 9
    assert sheet.footer_height() > 0


def test_a_heading_stays_with_what_follows_it(sheet: Sheet) -> None:
    items = sheet.heading("Pain")
    assert texts(items) == ["Pain"]
    assert all(item.keep_with_next for item in items)
    caption = sheet.caption("Week by week")
    assert caption.keep_with_next


def test_text_is_the_sheet_s_width_unless_told(sheet: Sheet) -> None:
    wide = sheet.text("word " * 200)
    narrow = sheet.text("word " * 200, width=sheet.width / 2)
    assert isinstance(wide, Text)
    assert narrow.height > wide.height  # the same words wrap onto more lines
    assert sheet.text("x", before=10).space_before == 10 * sheet.pt


def test_a_table_has_its_header_first_and_repeats_it(sheet: Sheet) -> None:
    items = sheet.table([Column("Day", 1), Column("Pain", 1)], [["Mon", "2"], ["Tue", "3"]])
    assert texts(items) == ["Day | Pain", "Mon | 2", "Tue | 3"]
    head = items[0]
    assert all(isinstance(row, Row) and row.repeat is head for row in items[1:])
