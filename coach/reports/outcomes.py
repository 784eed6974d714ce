"""The clinician's report's outcome sections: pain, morning check-ins, VISA-A and load.

Each takes the `Report` and the `Sheet` and returns its items: a pain chart per year
or so and the week-by-week table, the mornings' first and latest, the VISA-A scores
per leg with the change that matters, and the load's steps.
"""

from __future__ import annotations

from datetime import date

from coach.domain import dates, visa_a
from coach.domain.advice import Morning
from coach.domain.pain import SOURCE as SILBERNAGEL
from coach.domain.pain import zones_in_words
from coach.domain.protocols import PROTOCOLS
from coach.reports.chart import PainChart
from coach.reports.content import Gap, Report, WeekRow
from coach.reports.layout import MUTED, Column, Drawing, Item
from coach.reports.sheet import DASH, RIGHT, Sheet

CHART_DAYS = 371  # a longer period gets one chart per year or so, to stay readable
CHART_HEIGHT_PT = 150


def pain_section(report: Report, s: Sheet) -> list[Item]:
    items = s.heading("Pain")
    if not report.pain and not report.mornings:
        items.append(s.text("No pain ratings nor morning check-ins in this period."))
    else:
        items.append(s.text(
            "Pain 0-10 during the sets (each session's mean over its rated sets) and in the "
            "morning check-ins, with the zones of the pain-monitoring model: "
            f"{zones_in_words()} ({SILBERNAGEL})", font=s.small, color=MUTED,
            keep=True,
        ))  # fmt: skip
        charts = _chart_spans(report.first, report.last)
        for first, last in charts:
            if len(charts) > 1:
                span = f"{dates.day_month(first)} to {dates.day_month(last)}"
                items.append(s.text(span, font=s.caption_font, before=8, keep=True))
            sessions = [p for p in report.pain if first <= p.when.date() <= last]
            mornings = [m for m in report.mornings if first <= m.day <= last]
            chart = PainChart(first, last, sessions, mornings, s.small)
            items.append(Drawing(s.width, CHART_HEIGHT_PT * s.pt, chart, space_before=4 * s.pt))
    items.append(s.caption("Week by week"))
    items.append(s.text(
        "Pain during the sets: mean of every rated set, and the highest. Morning pain (0-10) "
        "and stiffness (minutes): means of the week's check-ins. Load: added weight at the "
        "week's last session. Complete: sessions with every planned set done; partial: "
        "some of the sets.", font=s.small, color=MUTED, keep=True, before=1,
    ))  # fmt: skip
    columns = [
        Column("Week from", 1.2), Column("Program week", 0.8, RIGHT),
        Column("Planned", 0.65, RIGHT), Column("Complete", 0.8, RIGHT),
        Column("Partial", 0.6, RIGHT),
        Column("Mean pain", 0.65, RIGHT), Column("Max pain", 0.6, RIGHT),
        Column("Morning pain", 0.8, RIGHT), Column("Stiffness (min)", 0.9, RIGHT),
        Column("Load (kg)", 0.65, RIGHT),
    ]  # fmt: skip
    rows: list[list[str]] = []
    spans: list[bool] = []
    for week in report.weeks:
        if isinstance(week, Gap):
            span = f"{dates.day_month(week.first)} to {dates.day_month(week.last)}"
            rows.append([f"{span}: nothing planned or recorded"])
            spans.append(True)
            continue
        rows.append(_week_cells(week))
        spans.append(False)
    items += s.table(columns, rows, spans=spans)
    return items


def _week_cells(week: WeekRow) -> list[str]:
    program = DASH
    if week.program_week is not None:
        program = f"{week.program_week} of {week.program_weeks}"
    return [
        dates.day_month(week.first),
        program,
        str(week.planned) if week.planned else DASH,
        str(week.done),
        str(week.partial),
        _number(week.mean_pain),
        DASH if week.max_pain is None else str(week.max_pain),
        _number(week.morning_pain),
        _number(week.stiffness, 0),
        DASH if week.load_kg is None else f"{week.load_kg:g}",
    ]


def _number(value: float | None, digits: int = 1) -> str:
    return DASH if value is None else f"{value:.{digits}f}"


def _chart_spans(first: date, last: date) -> list[tuple[date, date]]:
    """The period cut into charts of at most CHART_DAYS days, of about equal length."""
    days = (last - first).days + 1
    count = -(-days // CHART_DAYS)
    size = -(-days // count)
    spans = []
    start = first
    while start <= last:
        end = min(last, date.fromordinal(start.toordinal() + size - 1))
        spans.append((start, end))
        start = date.fromordinal(end.toordinal() + 1)
    return spans


def mornings_section(report: Report, s: Sheet) -> list[Item]:
    items = s.heading("Morning check-ins")
    if not report.mornings:
        return [*items, s.text("No morning check-ins in this period.")]
    days = (report.last - report.first).days + 1
    first, latest = report.mornings[0], report.mornings[-1]
    text = (
        f"{len(report.mornings)} check-ins on the {days} days of the period. "
        f"First, {dates.day_month(first.day)}: {_morning(first)}. "
        f"Latest, {dates.day_month(latest.day)}: {_morning(latest)}. "
        "Weekly means are in the table above. In the pain-monitoring model, pain after the "
        "exercises should settle by the next morning, and morning pain and stiffness should "
        "not rise from week to week."
    )
    items.append(s.text(text))
    return items


def _morning(m: Morning) -> str:
    pain = "pain not given" if m.pain is None else f"pain {m.pain}/10"
    stiffness = "stiffness not given" if m.stiffness_minutes is None else (
        f"stiffness {m.stiffness_minutes} min"
    )  # fmt: skip
    return f"{pain}, {stiffness}"


def pain_sites(report: Report) -> list[str]:
    """Where it hurt in the period's programs (midportion if there is none), in order."""
    sites = [PROTOCOLS[p].pain_site for p in report.protocols if p in PROTOCOLS]
    return list(dict.fromkeys(sites)) or ["midportion"]


def visa_section(report: Report, s: Sheet) -> list[Item]:
    items = s.heading("VISA-A")
    changes = "; ".join(
        f"about {visa_a.important_change(site)} points for {site} pain "
        f"({visa_a.change_source(site).rstrip('.')})"
        for site in pain_sites(report)
    )
    items.append(s.text(
        "The VISA-A questionnaire scores how much the Achilles tendon limits daily life and "
        f"sport, from 0 to 100 (100: no symptoms; {visa_a.SOURCE.rstrip('.')}). People "
        f"without Achilles problems score above {visa_a.HEALTHY} (the same source), and "
        f"about {visa_a.RECOVERED} is usually counted as recovered "
        f"({visa_a.RECOVERED_SOURCE.rstrip('.')}). The smallest change that matters is "
        f"{changes}. Questions 7 and 8 ask about sport: someone who does no sport scores "
        f"about {visa_a.NO_SPORT_MAX} even without symptoms. With both Achilles painful, "
        "each leg has its own questionnaire.",
        font=s.small, color=MUTED, keep=True,
    ))  # fmt: skip
    if not report.visa:
        return [*items, s.text("No VISA-A results in this period.", before=4)]
    by_leg = any(v.side for v in report.visa)
    sides = list(dict.fromkeys(v.side for v in report.visa))
    for side in sides:
        rows = [v for v in report.visa if v.side == side]
        first, latest = rows[0], rows[-1]
        summary = f"First score {first.score} on {dates.day_month(first.day)}"
        if latest is not first:
            summary += (
                f"; latest {latest.score} on {dates.day_month(latest.day)}, "
                f"{latest.score - first.score:+d} from the first"
            )
        if by_leg:
            summary = f"{side.capitalize() + ' leg' if side else 'Leg not recorded'}: {summary}"
        items.append(s.text(f"{summary}.", before=4, keep=True))
    rows_shown = []
    previous: dict[str | None, int] = {}
    for v in report.visa:
        leg = [v.side or DASH] if by_leg else []
        rows_shown.append([
            dates.day_month(v.day),
            *leg,
            str(v.score),
            DASH if v.change is None else f"{v.change:+d}",
            DASH if v.side not in previous else f"{v.score - previous[v.side]:+d}",
            "",
        ])  # fmt: skip
        previous[v.side] = v.score
    columns = [
        Column("Date", 1.2), *([Column("Leg", 0.7)] if by_leg else []),
        Column("Score (0-100)", 1.0, RIGHT),
        Column("Change from first", 1.1, RIGHT), Column("Change from previous", 1.2, RIGHT),
        Column("", 1.3 if by_leg else 2.0),
    ]  # fmt: skip
    return [*items, *s.table(columns, rows_shown)]


def load_section(report: Report, s: Sheet) -> list[Item]:
    items = s.heading("Load")
    if not report.loads:
        return [*items, s.text("No sessions in this period.")]
    items.append(s.text(
        "Weight added to body weight (a backpack), from the day it changed. The protocol "
        "adds about 5 kg once the sets no longer hurt.", font=s.small, color=MUTED, keep=True,
    ))  # fmt: skip
    rows = []
    previous: float | None = None
    for step in report.loads:
        change = DASH if previous is None else f"{step.load_kg - previous:+g} kg"
        load = "body weight" if step.load_kg == 0 else f"{step.load_kg:g} kg"
        rows.append([dates.day_month(step.when.date()), load, change])
        previous = step.load_kg
    columns = [Column("From", 1.2), Column("Load", 1.0, RIGHT), Column("Change", 1.0, RIGHT),
               Column("", 3.3)]  # fmt: skip
    return [*items, *s.table(columns, [[*r, ""] for r in rows])]
