"""The clinician's report, section by section: what it says before and after the outcomes.

`report_items()` puts the sections in their order: the title; red flags first, so a clinician
sees them on page 1; the programs and Coach's advice; the outcomes (pain, mornings,
VISA-A and load, `coach.reports.outcomes`); the session notes; and what the report is.
"""

from __future__ import annotations

from datetime import datetime

from coach import __version__
from coach.domain import dates, visa_a
from coach.domain.pain import SOURCE as SILBERNAGEL
from coach.domain.protocols import PROTOCOLS
from coach.reports.content import FlagLine, Report
from coach.reports.layout import INK, MISSING, MUTED, Box, Column, Item, Space, undrawable
from coach.reports.outcomes import (
    load_section,
    mornings_section,
    pain_section,
    pain_sites,
    visa_section,
)
from coach.reports.sheet import DASH, RIGHT, TITLE, Sheet, period


def report_items(report: Report, s: Sheet) -> list[Item]:
    items: list[Item] = [*_title(report, s)]
    if report.empty:
        where = "in this period" if report.limited else "yet"
        items.append(s.text(
            f"There is no data {where}: no program, sessions, morning check-ins or VISA-A "
            "results have been recorded.", before=12,
        ))  # fmt: skip
    else:
        # Red flags first: a clinician must see them on page 1.
        for section in (
            _red_flags,
            _programs,
            _advice,
            pain_section,
            mornings_section,
            visa_section,
            load_section,
            _notes,
        ):
            items += section(report, s)
    items += _about(report, s)
    return items


def _title(report: Report, s: Sheet) -> list[Item]:
    generated = report.generated
    made = (
        f"Made on {dates.day_month(generated.date())} at {dates.clock_time(generated)} "
        f"by Coach {__version__}, an exercise aid for Achilles tendinopathy."
    )
    items: list[Item] = [s.text(TITLE, font=s.title, color=INK), Space(4 * s.pt)]
    if report.has_period:
        how = "as asked" if report.limited else "all recorded data"
        items.append(s.text(f"Period: {period(report)} ({_length(report)}, {how})", bold=7))
    items.append(s.text(made, color=MUTED, before=1))
    return items


def _length(report: Report) -> str:
    days = (report.last - report.first).days + 1
    if days < 14:
        return f"{days} day{'s' if days > 1 else ''}"
    weeks, rest = divmod(days, 7)
    return f"{weeks} weeks" + (f" {rest} day{'s' if rest > 1 else ''}" if rest else "")


def _programs(report: Report, s: Sheet) -> list[Item]:
    items = s.heading("Program" if len(report.programs) == 1 else "Programs")
    if not report.programs:
        return [*items, s.text("No program was set up for this period.")]
    columns = [
        Column("Start", 1.05), Column("Protocol", 2.0), Column("Injured side", 0.75),
        Column("Week reached", 0.8, RIGHT), Column("Session times", 1.1),
        Column("Done / planned", 0.9, RIGHT), Column("Adherence", 0.95, RIGHT),
        Column("Status", 1.0),
    ]  # fmt: skip
    rows = [
        [
            dates.day_month(line.program.start),
            line.protocol_name,
            line.program.injured.value,
            DASH if line.week_reached is None else f"{line.week_reached} of {line.program.weeks}",
            f"{dates.clock_time(line.program.morning)}, {dates.clock_time(line.program.evening)}",
            f"{line.adherence.done} / {line.adherence.planned}",
            _percent(line.adherence.percent),
            line.status + (" (current)" if line.current else ""),
        ]
        for line in report.programs
    ]
    items += s.table(columns, rows, before=0)
    for pid in report.protocols:
        protocol = PROTOCOLS.get(pid)
        if protocol is None:
            continue
        exercises = "; ".join(e.name.lower() for e in protocol.exercises)
        each = " of each" if len(protocol.exercises) > 1 else ""
        items.append(s.text(
            f"{protocol.name} ({protocol.pain_site} pain): {protocol.sets} sets x "
            f"{protocol.reps} reps{each} ({exercises}), {protocol.sessions_per_day} sessions "
            f"a day, {protocol.days_per_week} days a week, for {protocol.weeks} weeks. "
            f"{protocol.source}", font=s.small, color=MUTED, before=4,
        ))  # fmt: skip
    total = report.adherence
    lines = [
        f"Adherence in this period: {total.describe()}."
        if total.planned
        else "No sessions were due in this period."
    ]
    if report.partial:
        sessions = f"{report.sessions} session{'' if report.sessions == 1 else 's'}"
        were = "was" if report.partial == 1 else "were"
        lines.append(
            f"Of the {sessions} with at least one set done, {report.partial} {were} partial "
            "(not every planned set done): only complete ones count as done."
        )
    if report.ended_early:
        lines.append(
            f"{report.sessions} sessions had at least one set done; {report.ended_early} of "
            "them were ended early."
        )
    items.append(s.text(" ".join(lines), before=6))
    return items


def _percent(value: int | None) -> str:
    return DASH if value is None else f"{value}%"


def _advice(report: Report, s: Sheet) -> list[Item]:
    if report.advice is None:
        return []
    advice = report.advice
    inner = s.width - 14 * s.pt
    lines = [
        s.text(advice.text, width=inner),
        s.text(f"Why: {advice.why}", width=inner, color=MUTED, before=3, bold=4),
        s.text(f"Source: {advice.source}", width=inner, font=s.small, color=MUTED, before=2),
    ]
    if advice.own:  # the thresholds that are Coach's, not a paper's, said as such
        lines.append(s.text(advice.own, width=inner, font=s.small, color=MUTED, before=2))
    box = Box(
        lines,
        s.width,
        5 * s.pt,
        2.5 * s.pt,
        space_before=2 * s.pt,
    )
    day = dates.day_month(report.generated.date())
    return [*s.heading(f"Coach's advice on {day}"), box]


def _red_flags(report: Report, s: Sheet) -> list[Item]:
    """Near the top, so page 1 shows it: each red flag, and whether the pause it caused holds."""
    items = s.heading("Red flags and pauses")
    if report.paused_for:
        items.append(s.text(
            f"The program is paused: a red flag was reported ({report.paused_for}).",
            bold=21, keep=True,
        ))  # fmt: skip
    if not report.red_flags:
        return [*items, s.text("None reported in this period.")]
    rows = [[_moment(f.when), f.what or DASH, _pause_text(f)] for f in report.red_flags]
    columns = [Column("Reported", 1.3), Column("What was reported", 3.6),
               Column("The program", 2.4)]  # fmt: skip
    return [*items, *s.table(columns, rows, before=0 if report.paused_for else 4)]


def _moment(when: datetime) -> str:
    return f"{dates.day_month(when.date())} {dates.clock_time(when)}"


def _pause_text(flag: FlagLine) -> str:
    if not flag.had_program:
        return "no program was running"
    if flag.resumed is not None:
        return f"paused; resumed {_moment(flag.resumed)}"
    return "paused; still paused" if flag.still_paused else "paused; since replaced"


def _notes(report: Report, s: Sheet) -> list[Item]:
    items = s.heading("Session notes")
    if not report.notes:
        return [*items, s.text("No session notes in this period.")]
    if report.notes_left_out:
        total = len(report.notes) + report.notes_left_out
        items.append(s.text(
            f"The newest {len(report.notes)} of {total} notes, newest first; "
            f"{report.notes_left_out} more are in the history (and in coach export).",
            font=s.small, color=MUTED, keep=True,
        ))  # fmt: skip
    rows = [
        [f"{dates.day_month(n.when.date())} {dates.clock_time(n.when)}", n.part, n.text]
        for n in report.notes
    ]
    columns = [Column("When", 1.3), Column("Session", 0.9), Column("Note", 5.1)]
    items += s.table(columns, rows, before=0 if report.notes_left_out else 4)
    if any(undrawable(n.text) for n in report.notes):
        items.append(s.text(
            f"Each {MISSING} stands for a character that no font on the computer that made "
            "this report could draw (an emoji, for example, or a script with no font "
            "installed). Coach and its exports keep the notes in full.",
            font=s.small, color=MUTED, before=4,
        ))  # fmt: skip
    return items


def _about(report: Report, s: Sheet) -> list[Item]:
    sources = [PROTOCOLS[p].source for p in report.protocols if p in PROTOCOLS]
    sources += [SILBERNAGEL, visa_a.SOURCE, visa_a.RECOVERED_SOURCE]
    sources += [visa_a.change_source(site) for site in pain_sites(report)]
    items = s.heading("About this report")
    items.append(s.text(
        "Coach is an exercise aid, not a diagnosis. It guides the eccentric exercise "
        "protocol that the user (or their clinician) chose, records what was done and "
        "felt, and pauses the program when a red flag is reported. The figures above are "
        "as the user recorded them."
    ))  # fmt: skip
    items.append(s.text("Sources", font=s.caption_font, before=6, keep=True))
    items += [s.text(f"- {source}", font=s.small, color=MUTED, before=1) for source in sources]
    return items
