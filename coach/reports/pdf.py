"""The clinician's report: an A4 PDF of a period of the history, made with Qt's PDF writer.

`write_report(history, target, first, last)` gathers the period (`coach.reports.content`),
lays it out (`coach.reports.layout`) and draws it with QPainter on a QPdfWriter: real
text, so a PDF reader can search and copy it, and a vector pain chart. The file is
written next to `target` and renamed into place, so a failure leaves no half-written
report behind. Qt needs a QGuiApplication for fonts: the app has one; `application()`
makes one for the command line, headless when there is no display.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
)

from coach import __version__
from coach.domain import visa_a
from coach.domain.advice import Morning
from coach.domain.pain import SOURCE as SILBERNAGEL
from coach.domain.protocols import PROTOCOLS
from coach.reports.chart import PainChart, short_day
from coach.reports.content import FlagLine, Gap, Report, WeekRow, gather
from coach.reports.layout import (
    ACCENT,
    INK,
    MISSING,
    MUTED,
    RULE,
    Box,
    Column,
    Drawing,
    Item,
    Rule,
    Space,
    TableStyle,
    Text,
    draw_page,
    paginate,
    table,
    undrawable,
)
from coach.storage.database import failing_as
from coach.storage.files import private_temp
from coach.storage.history import History
from coach.storage.schema import StorageError

TITLE = "Achilles exercise report"
DPI = 300
MARGINS_MM = QMarginsF(16, 14, 16, 12)  # left, top, right, bottom
CHART_DAYS = 371  # a longer period gets one chart per year or so, to stay readable
CHART_HEIGHT_PT = 150
DASH = "\N{EN DASH}"  # no value

Align = Qt.AlignmentFlag
RIGHT = Align.AlignRight


@dataclass(frozen=True)
class ReportSummary:
    """What `write_report` wrote."""

    path: Path
    pages: int
    first: date | None  # the period reported on, both days included; None: no data at all
    last: date | None
    sessions: int  # sessions with at least one set done, in the period


def write_report(history: History, target: Path, first: date | None = None,
                 last: date | None = None) -> ReportSummary:  # fmt: skip
    """Write the report of the days `first` to `last` (inclusive; None: the data's own end).

    Needs a QGuiApplication. Raises StorageError, saying what went wrong, when the file
    cannot be written; `target` is then as it was.
    """
    report = gather(history, first, last)
    with failing_as(f"write {target}"), private_temp(target) as temp:
        pages = render(report, temp)
        with temp.open("rb") as f:
            os.fsync(f.fileno())
        temp.replace(target)
    if not report.has_period:
        return ReportSummary(target, pages, None, None, report.sessions)
    return ReportSummary(target, pages, report.first, report.last, report.sessions)


def needs_offscreen(environ: Mapping[str, str], platform: str) -> bool:
    """Linux without a display (nor a platform chosen): Qt would abort without one."""
    names = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return platform.startswith("linux") and not any(environ.get(name) for name in names)


@contextlib.contextmanager
def application() -> Iterator[QCoreApplication]:
    """A QGuiApplication for as long as the block runs (the one running, if any).

    Without a display, on Qt's offscreen platform: a report needs fonts, not a screen.
    """
    existing = QCoreApplication.instance()
    if existing is not None:
        yield existing
        return
    if needs_offscreen(os.environ, sys.platform):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication(sys.argv[:1])
    try:
        yield app
    finally:
        app.shutdown()


def render(report: Report, path: Path) -> int:
    """Draw `report` into a new PDF file at `path`. Returns the number of pages."""
    return _draw(report, path)


def _draw(report: Report, path: Path) -> int:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(TITLE)
    writer.setCreator(f"Coach {__version__}")
    painter = QPainter()
    if not painter.begin(writer):
        raise StorageError(f"Could not write {path}: the PDF writer could not open the file.")
    try:
        area = writer.pageLayout().paintRectPixels(DPI)
        sheet = _Sheet(writer, area.width())
        footer_height = sheet.footer_height()
        pages = paginate(_items(report, sheet), area.height() - footer_height)
        for number, placed in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            draw_page(painter, placed, 0, 0)
            sheet.footer(painter, report, number, len(pages), area.height())
    except BaseException:
        painter.end()
        raise
    if not painter.end():  # the file is written out here
        raise StorageError(f"Could not write {path}: the PDF writer failed to finish it.")
    return len(pages)


class _Sheet:
    """The fonts and sizes of the report, on the device it is drawn on."""

    def __init__(self, device: QPaintDevice, width: float) -> None:
        self.device = device
        self.width = width
        self.pt = DPI / 72  # device pixels per point
        base = QFont(QGuiApplication.font())
        base.setStyleHint(QFont.StyleHint.SansSerif)
        # Ligatures would come out of the PDF as one character ("ﬀ"), which spoils
        # searching and copying the text; they add nothing to a table of figures.
        base.setFeature(QFont.Tag("liga"), 0)
        self.body = _sized(base, 9)
        self.small = _sized(base, 7.5)
        self.title = _sized(base, 18, bold=True)
        self.heading_font = _sized(base, 11.5, bold=True)
        self.caption_font = _sized(base, 8.5, bold=True)
        self.table_style = TableStyle(
            font=_sized(base, 8),
            head_font=_sized(base, 7.5, bold=True),
            padding=QPointF(3.5 * self.pt, 1.6 * self.pt),
            rule=0.6 * self.pt,
        )

    def text(self, text: str, *, font: QFont | None = None, color: QColor = INK,  # noqa: PLR0913 - options by keyword
             bold: int = 0, before: float = 0, keep: bool = False,
             width: float | None = None) -> Text:  # fmt: skip
        return Text(
            self.device, text, font or self.body, self.width if width is None else width,
            color=color, bold=bold, space_before=before * self.pt, keep_with_next=keep,
        )  # fmt: skip

    def heading(self, text: str) -> list[Item]:
        pt = self.pt
        return [
            self.text(text, font=self.heading_font, color=ACCENT, before=14, keep=True),
            _kept(Rule(self.width, 0.8 * pt, ACCENT, space_after=5 * pt)),
        ]

    def caption(self, text: str) -> Text:
        return self.text(text, font=self.caption_font, before=8, keep=True)

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], *,
              spans: Sequence[bool] = (), before: float = 4) -> list[Item]:  # fmt: skip
        return table(
            self.device, columns, rows, self.width, self.table_style,
            space_before=before * self.pt, spans=spans,
        )  # fmt: skip

    def footer_height(self) -> float:
        return QFontMetricsF(self.small, self.device).height() + 6 * self.pt

    def footer(self, painter: QPainter, report: Report, page: int, pages: int,
               bottom: float) -> None:  # fmt: skip
        metrics = QFontMetricsF(self.small, self.device)
        top = bottom - metrics.height()
        painter.fillRect(QRectF(0, top - 3 * self.pt, self.width, 0.5 * self.pt), RULE)
        painter.setFont(self.small)
        painter.setPen(QPen(MUTED))
        left = f"{TITLE}, {_period(report)}" if report.has_period else TITLE
        painter.drawText(QPointF(0, top + metrics.ascent()), left)
        number = f"page {page} of {pages}"
        x = self.width - metrics.horizontalAdvance(number)
        painter.drawText(QPointF(x, top + metrics.ascent()), number)


def _sized(base: QFont, points: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _kept(item: Item) -> Item:
    item.keep_with_next = True
    return item


# -- the report, section by section ---------------------------------------------------
def _items(report: Report, s: _Sheet) -> list[Item]:
    items: list[Item] = [*_title(report, s)]
    if report.empty:
        where = "in this period" if report.limited else "yet"
        items.append(s.text(
            f"There is no data {where}: no program, sessions, morning check-ins or VISA-A "
            "results have been recorded.", before=12,
        ))  # fmt: skip
    else:
        # Red flags first: a clinician must see them on page 1.
        for section in (_red_flags, _programs, _advice, _pain, _mornings, _visa, _load, _notes):
            items += section(report, s)
    items += _about(report, s)
    return items


def _title(report: Report, s: _Sheet) -> list[Item]:
    generated = report.generated
    made = (
        f"Made on {short_day(generated.date(), year=True)} at {generated:%H:%M} "
        f"by Coach {__version__}, an exercise aid for Achilles tendinopathy."
    )
    items: list[Item] = [s.text(TITLE, font=s.title, color=INK), Space(4 * s.pt)]
    if report.has_period:
        how = "as asked" if report.limited else "all recorded data"
        items.append(s.text(f"Period: {_period(report)} ({_length(report)}, {how})", bold=7))
    items.append(s.text(made, color=MUTED, before=1))
    return items


def _period(report: Report) -> str:
    return f"{short_day(report.first, year=True)} to {short_day(report.last, year=True)}"


def _length(report: Report) -> str:
    days = (report.last - report.first).days + 1
    if days < 14:
        return f"{days} day{'s' if days > 1 else ''}"
    weeks, rest = divmod(days, 7)
    return f"{weeks} weeks" + (f" {rest} day{'s' if rest > 1 else ''}" if rest else "")


def _programs(report: Report, s: _Sheet) -> list[Item]:
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
            short_day(line.program.start, year=True),
            line.protocol_name,
            line.program.injured.value,
            DASH if line.week_reached is None else f"{line.week_reached} of {line.program.weeks}",
            f"{line.program.morning:%H:%M}, {line.program.evening:%H:%M}",
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


def _advice(report: Report, s: _Sheet) -> list[Item]:
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
    day = short_day(report.generated.date(), year=True)
    return [*s.heading(f"Coach's advice on {day}"), box]


def _pain(report: Report, s: _Sheet) -> list[Item]:
    items = s.heading("Pain")
    if not report.pain and not report.mornings:
        items.append(s.text("No pain ratings nor morning check-ins in this period."))
    else:
        items.append(s.text(
            "Pain 0-10 during the sets (each session's mean over its rated sets) and in the "
            "morning check-ins, with the zones of the pain-monitoring model: 0-2 safe, 3-5 "
            f"acceptable, above 5 too much ({SILBERNAGEL})", font=s.small, color=MUTED,
            keep=True,
        ))  # fmt: skip
        charts = _chart_spans(report.first, report.last)
        for first, last in charts:
            if len(charts) > 1:
                span = f"{short_day(first, year=True)} to {short_day(last, year=True)}"
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
            span = f"{short_day(week.first, year=True)} to {short_day(week.last, year=True)}"
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
        short_day(week.first, year=True),
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


def _mornings(report: Report, s: _Sheet) -> list[Item]:
    items = s.heading("Morning check-ins")
    if not report.mornings:
        return [*items, s.text("No morning check-ins in this period.")]
    days = (report.last - report.first).days + 1
    first, latest = report.mornings[0], report.mornings[-1]
    text = (
        f"{len(report.mornings)} check-ins on the {days} days of the period. "
        f"First, {short_day(first.day, year=True)}: {_morning(first)}. "
        f"Latest, {short_day(latest.day, year=True)}: {_morning(latest)}. "
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


def _pain_sites(report: Report) -> list[str]:
    """Where it hurt in the period's programs (midportion if there is none), in order."""
    sites = [PROTOCOLS[p].pain_site for p in report.protocols if p in PROTOCOLS]
    return list(dict.fromkeys(sites)) or ["midportion"]


def _visa(report: Report, s: _Sheet) -> list[Item]:
    items = s.heading("VISA-A")
    changes = "; ".join(
        f"about {visa_a.important_change(site)} points for {site} pain "
        f"({visa_a.change_source(site).rstrip('.')})"
        for site in _pain_sites(report)
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
        summary = f"First score {first.score} on {short_day(first.day, year=True)}"
        if latest is not first:
            summary += (
                f"; latest {latest.score} on {short_day(latest.day, year=True)}, "
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
            short_day(v.day, year=True),
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


def _load(report: Report, s: _Sheet) -> list[Item]:
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
        rows.append([short_day(step.when.date(), year=True), load, change])
        previous = step.load_kg
    columns = [Column("From", 1.2), Column("Load", 1.0, RIGHT), Column("Change", 1.0, RIGHT),
               Column("", 3.3)]  # fmt: skip
    return [*items, *s.table(columns, [[*r, ""] for r in rows])]


def _red_flags(report: Report, s: _Sheet) -> list[Item]:
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
    return f"{short_day(when.date(), year=True)} {when:%H:%M}"


def _pause_text(flag: FlagLine) -> str:
    if not flag.had_program:
        return "no program was running"
    if flag.resumed is not None:
        return f"paused; resumed {_moment(flag.resumed)}"
    return "paused; still paused" if flag.still_paused else "paused; since replaced"


def _notes(report: Report, s: _Sheet) -> list[Item]:
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
        [f"{short_day(n.when.date(), year=True)} {n.when:%H:%M}", n.part, n.text]
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


def _about(report: Report, s: _Sheet) -> list[Item]:
    sources = [PROTOCOLS[p].source for p in report.protocols if p in PROTOCOLS]
    sources += [SILBERNAGEL, visa_a.SOURCE, visa_a.RECOVERED_SOURCE]
    sources += [visa_a.change_source(site) for site in _pain_sites(report)]
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
