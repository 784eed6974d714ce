"""What the clinician's report says, gathered from a `History` as plain records (no Qt).

`gather(history, first, last)` reads the programs, sessions, check-ins, VISA-A results,
load changes, events and notes of a period and shapes them into a `Report`: one record
per table row of the PDF, so `coach.reports.pdf` only has to lay it out. The figures
are those the app shows: adherence is counted as `coach.domain.program.adherence`
counts it, the advice is `advise()` of `Queries.history()`, the trends are
`coach.domain.trends`'.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coach.domain import advice as rules
from coach.domain.advice import Advice, Morning
from coach.domain.program import Adherence, Program, Slot, Status, Workout
from coach.domain.protocols import PROTOCOLS
from coach.domain.trends import LoadPoint, PainPoint, load_steps
from coach.storage.database import naive
from coach.storage.history import History
from coach.storage.programs import Event, EventKind, VisaResult
from coach.storage.sessions import SessionRow, SessionStatus

MAX_NOTES = 50  # the newest notes shown; the rest are counted
MAX_NOTE_CHARS = 1000  # a longer note is cut, so one row never outgrows a page


@dataclass(frozen=True)
class ProgramLine:
    """A program as the report lists it."""

    program: Program
    protocol_name: str
    last_day: date  # the last day it was followed: its end, the day it was replaced, or today
    week_reached: int | None  # None: it has not started
    adherence: Adherence  # within the report's period
    current: bool  # the program the app follows now
    status: str  # active, paused, not started, finished (its weeks are over), replaced, ended


@dataclass(frozen=True)
class WeekRow:
    """One week of the period: what was planned and done, and what was felt."""

    first: date
    last: date
    program_week: int | None  # the week of the program that covers the week's first day
    program_weeks: int | None
    planned: int  # sessions due by the report's time
    done: int  # complete sessions: every planned set done
    partial: int  # sessions with some of their planned sets done, not all
    mean_pain: float | None  # over every rated set
    max_pain: int | None
    morning_pain: float | None  # mean of the check-ins
    stiffness: float | None  # mean minutes of morning stiffness
    load_kg: float | None  # the load of the week's last session


@dataclass(frozen=True)
class FlagLine:
    """A red flag reported in the period, and what became of the pause it caused."""

    when: datetime  # local wall-clock time
    what: str  # the sign reported, as recorded
    had_program: bool  # a program was running, and was paused for it
    resumed: datetime | None  # when that program was resumed (after the period, too)
    still_paused: bool  # that program is paused now


@dataclass(frozen=True)
class Gap:
    """Weeks in a row with nothing planned nor recorded, shown as one line."""

    first: date
    last: date


@dataclass(frozen=True)
class VisaRow:
    day: date
    score: int
    change: int | None  # from the period's first score (of its leg); None for that first one
    # The leg it is about when both hurt (one questionnaire each): "left" or "right";
    # None: the one painful leg, or not recorded.
    side: str | None = None


@dataclass(frozen=True)
class Note:
    when: datetime  # local wall-clock time
    part: str  # morning or evening
    text: str
    cut: bool = False  # longer than MAX_NOTE_CHARS, shown cut


@dataclass(frozen=True)
class Report:
    """Everything the PDF shows, in the order it shows it."""

    generated: datetime  # local wall-clock time
    first: date  # the period, both days included (today's date when there is no data)
    last: date
    limited: bool  # the period was asked for (--from / --to), not taken from the data
    programs: tuple[ProgramLine, ...] = ()
    advice: Advice | None = None  # for the current program, today
    sessions: int = 0  # sessions with at least one set done
    partial: int = 0  # of those, the ones without every planned set done
    ended_early: int = 0
    pain: tuple[PainPoint, ...] = ()
    mornings: tuple[Morning, ...] = ()
    weeks: tuple[WeekRow | Gap, ...] = ()
    visa: tuple[VisaRow, ...] = ()
    loads: tuple[LoadPoint, ...] = ()  # only where the load changed (and the first)
    events: tuple[Event, ...] = ()
    red_flags: tuple[FlagLine, ...] = ()  # the period's, oldest first
    notes: tuple[Note, ...] = ()  # the newest first
    notes_left_out: int = 0
    paused_for: str = ""  # the red flag the current program is paused for
    protocols: tuple[str, ...] = ()  # ids of the protocols of `programs`, oldest first

    @property
    def empty(self) -> bool:
        """Nothing recorded in the period: no program, session, check-in, score nor event."""
        return not (self.programs or self.sessions or self.mornings or self.visa or self.events)

    @property
    def has_period(self) -> bool:
        """The period means something: there is data, or the period was asked for."""
        return self.limited or not self.empty

    @property
    def adherence(self) -> Adherence:
        """All the period's programs together."""
        return Adherence(
            done=sum(p.adherence.done for p in self.programs),
            planned=sum(p.adherence.planned for p in self.programs),
        )


def gather(history: History, first: date | None = None, last: date | None = None) -> Report:
    """The report of the days `first` to `last` (inclusive); None: from or to the data's end."""
    if first is not None and last is not None and first > last:
        raise ValueError(f"the first day {first} is after the last day {last}")
    programs, queries = history.programs, history.queries
    moment = history.db.now()
    now = naive(moment)
    today = now.date()
    sessions = history.sessions.sessions(first, last)  # newest first
    mornings = programs.checkins(first, last)
    visa = programs.visa(first, last)
    events = programs.events(first, last)
    pain = queries.pain_points(first, last)
    loads = queries.load_points(first, last)
    current = programs.program()
    followed = _followed(programs.programs(), today)
    in_range = [
        (p, end)
        for p, end in followed
        if (last is None or p.start <= last) and (first is None or end >= first)
    ]
    days = [s.day for s in sessions] + [m.day for m in mornings] + [v.day for v in visa]
    days += [e.at.date() for e in events]
    started = [(p, end) for p, end in in_range if p.start <= today]
    starts = [p.start for p, _ in started]
    period_first = first if first is not None else min(days + starts, default=last)
    if period_first is None:  # no data, and no range asked
        return Report(generated=now, first=today, last=today, limited=False)
    # Up to today while a program runs; else up to the last day anything was recorded.
    period_last = (
        last
        if last is not None
        else max(days + [end for _, end in started], default=max(period_first, today))
    )

    period = _Period(period_first, period_last, now)
    lines = [
        _program_line(p, end, queries.done_slots(p), period, current)
        for p, end in reversed(in_range)  # oldest first
    ]
    due = {
        s
        for line in lines
        for s in _due(line.program, period_first, min(period_last, line.last_day), now)
    }
    notes = [_note(s) for s in sessions if s.note.strip()]
    return Report(
        generated=now,
        first=period_first,
        last=period_last,
        limited=first is not None or last is not None,
        programs=tuple(lines),
        advice=rules.advise(queries.history(current, moment)) if current is not None else None,
        sessions=sum(1 for s in sessions if s.sets_done),
        partial=sum(1 for s in sessions if s.sets_done and not s.complete),
        ended_early=sum(
            1 for s in sessions if s.sets_done and s.status is SessionStatus.ENDED_EARLY
        ),
        pain=tuple(pain),
        mornings=tuple(mornings),
        weeks=tuple(
            weekly(
                period_first,
                period_last,
                [line.program for line in lines],
                due,
                Records(pain, mornings, loads, _workouts(sessions)),
            )
        ),
        visa=tuple(_visa_rows(visa)),
        loads=tuple(load_steps(loads)),
        events=tuple(events),
        red_flags=tuple(_flag_lines(events, programs.events(), programs.programs())),
        notes=tuple(notes[:MAX_NOTES]),
        notes_left_out=max(0, len(notes) - MAX_NOTES),
        paused_for=current.reason if current and current.status is Status.PAUSED else "",
        protocols=tuple(dict.fromkeys(line.program.protocol for line in lines)),
    )


@dataclass(frozen=True)
class _Period:
    first: date
    last: date
    now: datetime  # local wall-clock time


@dataclass(frozen=True)
class Records:
    """What was recorded in a period, oldest first."""

    pain: Sequence[PainPoint]
    mornings: Sequence[Morning]
    loads: Sequence[LoadPoint]
    workouts: Sequence[Workout] = ()  # those with a set done: complete or partial


def _workouts(sessions: Iterable[SessionRow]) -> list[Workout]:
    return [Workout(naive(s.started), s.sets_done, s.set_count) for s in sessions if s.sets_done]


def _flag_lines(events: Iterable[Event], every: Sequence[Event],
                programs: Iterable[Program]) -> Iterator[FlagLine]:  # fmt: skip
    """The red flags of `events`, each with the first resume of its program after it.

    `every` is all the events, so a resume after the period still shows.
    """
    status = {p.id: p.status for p in programs}

    for e in events:
        if e.kind is not EventKind.RED_FLAG:
            continue
        resumes = [
            r.at
            for r in every
            if r.kind is EventKind.RESUMED and r.program_id == e.program_id and r.at > e.at
        ]
        resumed = min(resumes, default=None)
        yield FlagLine(
            when=naive(e.at),
            what=e.detail,
            had_program=e.program_id is not None,
            resumed=None if resumed is None else naive(resumed),
            still_paused=resumed is None and status.get(e.program_id or "") is Status.PAUSED,
        )


def _followed(programs: Sequence[Program], today: date) -> list[tuple[Program, date]]:
    """Each program (newest first) with the last day it was followed.

    A program replaced by a newer one was followed until the day before the newer one
    started; the current one until today, or its end if that came first.
    """
    out = []
    newer: Program | None = None
    for p in programs:  # newest first
        if p.status is Status.ENDED and newer is not None:
            end = min(p.end, max(p.start, newer.start - timedelta(days=1)))
        else:
            end = min(p.end, max(p.start, today))
        out.append((p, end))
        newer = p
    return out


def _due(program: Program, first: date, last: date, now: datetime) -> set[Slot]:
    """The program's sessions due (by their time) from day `first` to day `last`, by `now`."""
    cutoff = min(now, datetime.combine(last, time.max))
    return {s for s in program.all_slots() if first <= s.day <= last and s.due <= cutoff}


def _program_line(program: Program, end: date, done: set[Slot], period: _Period,
                  current: Program | None) -> ProgramLine:  # fmt: skip
    """The program, with adherence counted within the period as the Today page counts it.

    As in `coach.domain.program.adherence`, a session done ahead of its time counts as
    both due and done; with no range asked this gives the Today page's figure.
    """
    today = period.now.date()
    window_last = min(period.last, end)
    due = _due(program, period.first, window_last, period.now)
    done_in = {s for s in done if period.first <= s.day <= window_last}
    started = program.start <= min(window_last, today)
    protocol = PROTOCOLS.get(program.protocol)
    return ProgramLine(
        program=program,
        protocol_name=protocol.name if protocol else program.protocol,
        last_day=end,
        week_reached=program.week(window_last) if started else None,
        adherence=Adherence(done=len(done_in), planned=len(due | done_in)),
        current=current is not None and current.id == program.id,
        status=_status(program, end, today),
    )


def _status(program: Program, end: date, today: date) -> str:
    if program.status is Status.ENDED:
        return "replaced" if end < program.end else "ended"
    if program.status is Status.PAUSED:
        return "paused"
    if program.start > today:
        return "not started"
    return "finished" if today > program.end else "active"


def _note(session: SessionRow) -> Note:
    text = " ".join(session.note.split())  # one paragraph: line breaks and tabs as spaces
    cut = len(text) > MAX_NOTE_CHARS
    if cut:
        text = text[:MAX_NOTE_CHARS].rstrip() + "…"
    when = naive(session.started)
    return Note(when, session.part_of_day, text, cut)


def weekly(first: date, last: date, programs: Sequence[Program], due: Iterable[Slot],
           records: Records) -> list[WeekRow | Gap]:  # fmt: skip
    """The days `first` to `last` in weeks; two or more empty weeks in a row are one `Gap`.

    The weeks start on the weekday of the oldest program's start, so they are the
    program's weeks; without a program, on the period's first day.
    """
    anchor = programs[0].start if programs else first
    start = first - timedelta(days=(first - anchor).days % 7)
    count = (last - start).days // 7 + 1

    def index(day: date) -> int:
        return (day - start).days // 7

    planned = [0] * count
    for s in due:
        planned[index(s.day)] += 1
    done = [0] * count
    partial = [0] * count
    for w in records.workouts:
        if w.complete:
            done[index(w.started.date())] += 1
        else:
            partial[index(w.started.date())] += 1
    load: list[float | None] = [None] * count
    for lp in records.loads:
        load[index(lp.when.date())] = lp.load_kg
    rated: list[list[PainPoint]] = [[] for _ in range(count)]
    for pp in records.pain:
        rated[index(pp.when.date())].append(pp)
    checkins: list[list[Morning]] = [[] for _ in range(count)]
    for m in records.mornings:
        checkins[index(m.day)].append(m)

    rows: list[WeekRow | Gap] = []
    for i in range(count):
        week_first = max(first, start + timedelta(days=7 * i))
        week_last = min(last, start + timedelta(days=7 * i + 6))
        program = next((p for p in reversed(programs) if p.week(week_first)), None)
        sets = sum(p.sets for p in rated[i])
        row = WeekRow(
            first=week_first,
            last=week_last,
            program_week=program.week(week_first) if program else None,
            program_weeks=program.weeks if program else None,
            planned=planned[i],
            done=done[i],
            partial=partial[i],
            mean_pain=sum(p.mean * p.sets for p in rated[i]) / sets if sets else None,
            max_pain=max((p.max for p in rated[i]), default=None),
            morning_pain=_mean(m.pain for m in checkins[i]),
            stiffness=_mean(m.stiffness_minutes for m in checkins[i]),
            load_kg=load[i],
        )
        rows.append(row)
    return _collapse_gaps(rows)


def _is_empty(row: WeekRow) -> bool:
    return not (row.planned or row.done or row.partial or row.mean_pain is not None
                or row.morning_pain is not None or row.stiffness is not None)  # fmt: skip


def _collapse_gaps(rows: list[WeekRow | Gap]) -> list[WeekRow | Gap]:
    out: list[WeekRow | Gap] = []
    run: list[WeekRow] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(Gap(run[0].first, run[-1].last))
        else:
            out.extend(run)
        run.clear()

    for row in rows:
        if isinstance(row, WeekRow) and _is_empty(row):
            run.append(row)
            continue
        flush()
        out.append(row)
    flush()
    return out


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else None


def _visa_rows(results: Sequence[VisaResult]) -> Iterator[VisaRow]:
    """Each result, its change counted from the first of the same leg (or of all, if none)."""
    first: dict[str | None, int] = {}
    for v in results:
        side = v.side.value if v.side else None
        change = None if side not in first else v.score - first[side]
        first.setdefault(side, v.score)
        yield VisaRow(v.day, v.score, change, side)
