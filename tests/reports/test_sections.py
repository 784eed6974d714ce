"""The report's sections around the outcomes: their order, the title, red flags, notes."""

from __future__ import annotations

from datetime import date

from coach.domain.advice import Advice, Kind
from coach.reports.content import FlagLine, Note
from coach.reports.sections import report_items
from coach.reports.sheet import Sheet
from tests.reports.sheets import at, report, texts

WHEN = at(date(2026, 11, 2), 8, 15)


def headings(sheet: Sheet, **fields: object) -> list[str]:
    made = texts(report_items(report(**fields), sheet))  # type: ignore[arg-type]  # test helper
    names = ("Red flags", "Program", "Coach's advice", "Pain", "Morning", "VISA-A", "Load",
             "Session notes", "About")  # fmt: skip
    return [t for t in made if t.startswith(names) and len(t) < 40]


def test_an_empty_report_says_there_is_no_data_and_what_it_is(sheet: Sheet) -> None:
    made = texts(report_items(report(), sheet))
    assert made[0] == "Achilles exercise report"
    assert any(t.startswith("There is no data yet") for t in made)
    assert "About this report" in made
    assert "Red flags and pauses" not in made
    asked = texts(report_items(report(limited=True), sheet))
    assert any(t.startswith("There is no data in this period") for t in asked)
    assert any(t.startswith("Period: 1 Nov 2026 to 21 Nov 2026 (3 weeks, as asked)") for t in asked)


def test_red_flags_come_first_and_the_about_last(sheet: Sheet) -> None:
    advice = Advice(Kind.CARRY_ON, "Carry on.", "Why not.", "A paper")
    flag = FlagLine(WHEN, "a snap in the heel", True, None, True)
    assert headings(sheet, red_flags=(flag,), advice=advice, sessions=1) == [
        "Red flags and pauses",
        "Programs",
        "Coach's advice on 21 Nov 2026",
        "Pain",
        "Morning check-ins",
        "VISA-A",
        "Load",
        "Session notes",
        "About this report",
    ]


def test_each_red_flag_says_what_became_of_its_pause(sheet: Sheet) -> None:
    flags = (
        FlagLine(WHEN, "a snap", True, None, True),
        FlagLine(WHEN, "swelling", True, at(date(2026, 11, 5), 18), False),
        FlagLine(WHEN, "", True, None, False),
        FlagLine(WHEN, "fever", False, None, False),
    )
    made = texts(report_items(report(red_flags=flags, paused_for="a snap", sessions=1), sheet))
    assert "The program is paused: a red flag was reported (a snap)." in made
    assert "2 Nov 2026 08:15 | a snap | paused; still paused" in made
    assert "2 Nov 2026 08:15 | swelling | paused; resumed 5 Nov 2026 18:00" in made
    assert "2 Nov 2026 08:15 | \N{EN DASH} | paused; since replaced" in made
    assert "2 Nov 2026 08:15 | fever | no program was running" in made


def test_the_advice_box_says_why_where_from_and_what_is_coach_s_own(sheet: Sheet) -> None:
    advice = Advice(Kind.HOLD, "Keep the load.", "Mornings rose.", "Silbernagel", "Own rule.")
    made = texts(report_items(report(advice=advice, sessions=1), sheet))
    start = made.index("Keep the load.")
    assert made[start : start + 4] == [
        "Keep the load.",
        "Why: Mornings rose.",
        "Source: Silbernagel",
        "Own rule.",
    ]


def test_notes_left_out_are_counted_and_where_to_find_them(sheet: Sheet) -> None:
    notes = (Note(WHEN, "morning", "Felt fine."),)
    made = texts(report_items(report(notes=notes, notes_left_out=3, sessions=1), sheet))
    assert "2 Nov 2026 08:15 | morning | Felt fine." in made
    assert any(t.startswith("The newest 1 of 4 notes, newest first; 3 more") for t in made)


def test_the_period_s_length_is_in_days_then_weeks(sheet: Sheet) -> None:
    def length(last: date) -> str:
        made = texts(report_items(report(date(2026, 11, 1), last, sessions=1), sheet))
        return next(t for t in made if t.startswith("Period:"))

    assert "(1 day, all recorded data)" in length(date(2026, 11, 1))
    assert "(13 days," in length(date(2026, 11, 13))
    assert "(2 weeks," in length(date(2026, 11, 14))
    assert "(2 weeks 1 day," in length(date(2026, 11, 15))
    assert "(3 weeks 2 days," in length(date(2026, 11, 23))
