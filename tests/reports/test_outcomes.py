"""The report's outcome sections: pain charts and the week table, mornings, VISA-A, load."""

from __future__ import annotations

from datetime import date

from coach.domain.advice import Morning
from coach.domain.trends import LoadPoint, PainPoint
from coach.reports.content import Gap, VisaRow, WeekRow
from coach.reports.layout import Drawing
from coach.reports.outcomes import (
    CHART_DAYS,
    load_section,
    mornings_section,
    pain_section,
    pain_sites,
    visa_section,
)
from coach.reports.sheet import Sheet
from tests.reports.sheets import at, report, texts

DASH = "\N{EN DASH}"


def week(first: date, **fields: object) -> WeekRow:
    values: dict[str, object] = {
        "last": first, "program_week": None, "program_weeks": None, "planned": 0, "done": 0,
        "partial": 0, "mean_pain": None, "max_pain": None, "morning_pain": None,
        "stiffness": None, "load_kg": None, **fields,
    }  # fmt: skip
    return WeekRow(first=first, **values)  # type: ignore[arg-type]  # test helper


def test_the_week_table_shows_a_dash_for_what_was_not_recorded(sheet: Sheet) -> None:
    weeks = (
        week(
            date(2026, 11, 2),
            program_week=1,
            program_weeks=12,
            planned=14,
            done=12,
            partial=1,
            mean_pain=2.25,
            max_pain=4,
            morning_pain=1.0,
            stiffness=12.4,
            load_kg=5.0,
        ),
        Gap(date(2026, 11, 9), date(2026, 11, 22)),
        week(date(2026, 11, 23), partial=1),
    )
    made = texts(pain_section(report(weeks=weeks), sheet))
    assert "2 Nov 2026 | 1 of 12 | 14 | 12 | 1 | 2.2 | 4 | 1.0 | 12 | 5" in made
    assert "9 Nov 2026 to 22 Nov 2026: nothing planned or recorded" in made
    assert (
        f"23 Nov 2026 | {DASH} | {DASH} | 0 | 1 | {DASH} | {DASH} | {DASH} | {DASH} | {DASH}"
        in made
    )
    assert "No pain ratings nor morning check-ins in this period." in made


def test_a_long_period_gets_one_pain_chart_per_year_or_so(sheet: Sheet) -> None:
    pain = (PainPoint(at(date(2025, 1, 2), 8), None, 2.0, 3, 6),)
    one = pain_section(report(date(2025, 1, 1), date(2025, 12, 31), pain=pain), sheet)
    assert sum(isinstance(i, Drawing) for i in one) == 1
    first, last = date(2025, 1, 1), date(2026, 12, 31)  # 730 days: two charts of 365
    two = pain_section(report(first, last, pain=pain), sheet)
    assert sum(isinstance(i, Drawing) for i in two) == 2
    assert "1 Jan 2025 to 31 Dec 2025" in texts(two)
    assert "1 Jan 2026 to 31 Dec 2026" in texts(two)
    assert (last - first).days + 1 > CHART_DAYS


def test_the_mornings_name_the_first_and_the_latest_check_in(sheet: Sheet) -> None:
    mornings = (Morning(date(2026, 11, 2), 3, None), Morning(date(2026, 11, 20), None, 15))
    made = " ".join(texts(mornings_section(report(mornings=mornings), sheet)))
    assert "2 check-ins on the 21 days of the period." in made
    assert "First, 2 Nov 2026: pain 3/10, stiffness not given." in made
    assert "Latest, 20 Nov 2026: pain not given, stiffness 15 min." in made
    assert texts(mornings_section(report(), sheet))[-1] == "No morning check-ins in this period."


def test_visa_a_scores_are_summed_up_per_leg(sheet: Sheet) -> None:
    visa = (
        VisaRow(date(2026, 11, 2), 50, None, "left"),
        VisaRow(date(2026, 11, 2), 60, None, "right"),
        VisaRow(date(2026, 11, 16), 58, 8, "left"),
    )
    made = texts(visa_section(report(visa=visa, protocols=("jonsson",)), sheet))
    assert (
        "Left leg: First score 50 on 2 Nov 2026; latest 58 on 16 Nov 2026, +8 from the first."
        in made
    )
    assert "Right leg: First score 60 on 2 Nov 2026." in made
    assert "16 Nov 2026 | left | 58 | +8 | +8 | " in made
    assert any("about 7 points for insertional pain" in t for t in made)


def test_the_pain_site_is_midportion_without_a_known_protocol() -> None:
    assert pain_sites(report()) == ["midportion"]
    assert pain_sites(report(protocols=("jonsson", "alfredson", "jonsson"))) == [
        "insertional", "midportion"
    ]  # fmt: skip


def test_each_load_step_shows_its_change(sheet: Sheet) -> None:
    loads = (LoadPoint(at(date(2026, 11, 2), 8), 0.0), LoadPoint(at(date(2026, 11, 9), 8), 5.0))
    made = texts(load_section(report(loads=loads), sheet))
    assert f"2 Nov 2026 | body weight | {DASH} | " in made
    assert "9 Nov 2026 | 5 kg | +5 kg | " in made
    assert texts(load_section(report(), sheet))[-1] == "No sessions in this period."
