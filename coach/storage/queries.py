"""Read-queries for the pages, the charts and the report, across the history's tables.

`Queries(db)` builds the plain records the domain's rules and charts work on
(`coach.domain.advice.History`, `coach.domain.program.DayPlan`, the trends' points)
from the sessions, their sets and the program tables. It only reads.
"""

from __future__ import annotations

from datetime import date, datetime

from coach.domain import advice
from coach.domain.advice import SessionPain, VisaScore
from coach.domain.program import (
    DayPlan,
    Part,
    Program,
    Slot,
    Status,
    Workout,
    day_plan,
    filled,
    part_done,
)
from coach.domain.protocols import PROTOCOLS
from coach.domain.trends import LoadPoint, PainPoint
from coach.storage.database import Database, day_range, instant, naive
from coach.storage.programs import Programs
from coach.storage.sessions import set_count


class Queries:
    """What the rules, the Today page, the charts and the report read of a `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.programs = Programs(db)

    def workouts(self, program: Program) -> list[Workout]:
        """The program's ended workouts with a set done, and how many of their planned sets."""
        rows = self.db.execute(
            "SELECT s.started, s.protocol, s.injured, s.planned_sets, count(*) "
            "FROM sessions AS s JOIN sets AS t ON t.session_id = s.id "
            "WHERE substr(s.started, 1, 10) BETWEEN ? AND ? AND s.status != 'in progress' "
            "GROUP BY s.id",
            [program.start.isoformat(), program.end.isoformat()],
        )
        return [
            Workout(naive(instant(started)), done, set_count(p, injured, sets))
            for started, p, injured, sets, done in rows
        ]

    def done_slots(self, program: Program) -> set[Slot]:
        """The planned sessions filled by a complete workout: every planned set done."""
        return filled(program, (w.started for w in self.workouts(program) if w.complete))

    def day_plan(self, program: Program, now: datetime) -> DayPlan:
        """The program's day at `now`: its sessions done, begun and to do."""
        workouts = self.workouts(program)
        done = filled(program, (w.started for w in workouts if w.complete))
        partial = part_done(program, workouts, done)
        return day_plan(program, done, naive(now), partial)

    def session_pains(self, first: date, last: date) -> list[SessionPain]:
        """Each session with a set done, from `first` to `last`, oldest first.

        A session is complete when every planned set was done, whatever its ending: one
        that ran to its end after a skipped set is partial.
        """
        rows = self.db.execute(
            "SELECT s.id, s.started, s.protocol, s.injured, s.planned_sets, s.load_kg, t.pain "
            "FROM sessions AS s JOIN sets AS t ON t.session_id = s.id "
            "WHERE substr(s.started, 1, 10) BETWEEN ? AND ? AND s.status != 'in progress' "
            "ORDER BY julianday(s.started), s.id, t.position",
            [first.isoformat(), last.isoformat()],
        )
        sessions: dict[str, tuple[str, int, float, list[int | None]]] = {}
        for sid, started, protocol, injured, planned, load, pain in rows:
            whole = set_count(protocol, injured, planned)
            sessions.setdefault(sid, (started, whole, float(load), []))[3].append(pain)
        return [
            SessionPain(instant(started).date(), load, tuple(pains), len(pains) >= whole)
            for started, whole, load, pains in sessions.values()
        ]

    def history(self, program: Program, now: datetime) -> advice.History:
        """What the advice rules look at (`coach.domain.advice.advise`), as of `now`."""
        today = naive(now).date()
        last = min(today, program.end)
        return advice.History(
            today=today,
            start=program.start,
            sessions=self.session_pains(program.start, last),
            mornings=self.programs.checkins(program.start, last),
            visa=[
                VisaScore(v.day, v.score, v.side.value if v.side else None)
                for v in self.programs.visa(program.start, last)
            ],
            paused_for=program.reason if program.status is Status.PAUSED else "",
            pain_site=PROTOCOLS[program.protocol].pain_site,
        )

    def last_load_kg(self, program: Program) -> float | None:
        """The load of the program's latest session with a set done; None before its first."""
        last = self.db.execute(
            "SELECT s.load_kg FROM sessions AS s "
            "WHERE EXISTS (SELECT 1 FROM sets WHERE session_id = s.id) "
            "AND substr(s.started, 1, 10) >= ? "
            "ORDER BY julianday(s.started) DESC LIMIT 1",
            [program.start.isoformat()],
        ).fetchone()
        return float(last[0]) if last else None

    # -- series for the charts and the report -------------------------------------
    def pain_points(self, first: date | None = None, last: date | None = None, *,
                    by_side: bool = False) -> list[PainPoint]:  # fmt: skip
        """Each session's pain during its rated sets, oldest first (per side if asked)."""
        where, params = day_range("s.started", first, last)
        side = "t.side" if by_side else "NULL"
        rows = self.db.execute(
            f"SELECT s.started, {side}, avg(t.pain), max(t.pain), count(t.pain) "  # noqa: S608 - fixed SQL
            f"FROM sessions AS s JOIN sets AS t ON t.session_id = s.id {where} "
            f"{'AND' if where else 'WHERE'} t.pain IS NOT NULL "
            f"GROUP BY s.id, {side} ORDER BY julianday(s.started), {side}",
            params,
        )
        return [
            PainPoint(naive(instant(started)), sd, float(mean), int(worst), n)
            for started, sd, mean, worst, n in rows
        ]

    def load_points(self, first: date | None = None, last: date | None = None) -> list[LoadPoint]:
        """The load of each session with a set done, oldest first."""
        where, params = day_range("s.started", first, last)
        rows = self.db.execute(
            f"SELECT s.started, s.load_kg FROM sessions AS s {where} "  # noqa: S608 - fixed SQL
            f"{'AND' if where else 'WHERE'} EXISTS (SELECT 1 FROM sets WHERE session_id = s.id) "
            "ORDER BY julianday(s.started)",
            params,
        )
        return [LoadPoint(naive(instant(t)), float(kg)) for t, kg in rows]

    def done_parts(
        self, first: date | None = None, last: date | None = None
    ) -> set[tuple[date, Part]]:
        """The (day, morning/evening) of each workout with a set done, split as the History is."""
        where, params = day_range("s.started", first, last)
        rows = self.db.execute(
            f"SELECT s.started FROM sessions AS s {where} "  # noqa: S608 - fixed SQL
            f"{'AND' if where else 'WHERE'} EXISTS (SELECT 1 FROM sets WHERE session_id = s.id)",
            params,
        )
        split = self.programs.day_split()
        moments = (instant(started) for (started,) in rows)
        return {(m.date(), split.part(m)) for m in moments}
