"""The program and what the user records beside the workouts: check-ins, VISA-A, events.

`Progress(store)` reads and writes the tables of schema version 2 and builds the
plain records the domain's rules and charts work on (`coach.domain.advice.History`,
`coach.domain.program.DayPlan`). Every write commits before it returns and raises
StorageError, saying what was not saved, when the disk refuses.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from coach.domain import advice, visa_a
from coach.domain.advice import Morning, SessionPain, VisaScore, check_stiffness
from coach.domain.pain import check_rating
from coach.domain.program import (
    DOSE,
    DayPlan,
    Part,
    Program,
    Slot,
    Status,
    Workout,
    day_plan,
    filled,
    parse_time,
    part_done,
)
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import Injured, Side
from coach.domain.trends import LoadPoint, PainPoint
from coach.domain.visa_a import VisaAnswers, score
from coach.storage.schema import StorageError
from coach.storage.store import Store, day_range, failing_as, set_count, stamp

RED_FLAG = "red flag"
RESUMED = "resumed"


@dataclass(frozen=True)
class VisaResult:
    id: str
    taken: str  # stamp
    answers: VisaAnswers
    score: int
    # The leg it is about when both hurt (one questionnaire each); None: the program's
    # one painful leg, or a result saved before Coach recorded the leg.
    side: Side | None = None

    @property
    def day(self) -> date:
        return date.fromisoformat(self.taken[:10])


@dataclass(frozen=True)
class Today:
    """What the Today page shows of the program."""

    program: Program
    plan: DayPlan
    advice: advice.Advice
    checkin: Morning | None  # None: not asked yet today
    visa_due: bool
    # The load of the program's latest session with a set done; before its first one, the
    # starting load chosen for the program.
    last_load_kg: float


@dataclass(frozen=True)
class Event:
    id: str
    at: str
    program_id: str | None
    kind: str  # RED_FLAG or RESUMED
    detail: str


def naive(moment: datetime) -> datetime:
    """A stamp's local wall-clock time, which is what the program's calendar is in."""
    return moment.replace(tzinfo=None)


class Progress:
    """The program tables of a `Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db

    # -- programs ---------------------------------------------------------------
    def program(self) -> Program | None:
        """The current program (active or paused), if any."""
        rows = self.db.query(
            "SELECT * FROM programs WHERE status != 'ended' ORDER BY created DESC LIMIT 1"
        )
        return next((_program(r) for r in rows), None)

    def programs(self) -> list[Program]:
        """Every program, the newest first; those replaced by a newer one are ENDED."""
        return [_program(r) for r in self.db.query("SELECT * FROM programs ORDER BY created DESC")]

    def start_program(self, program: Program) -> None:
        """Make `program` the current one. The one it replaces stays, as ended."""
        row = {
            "id": program.id,
            "created": stamp(self.store.now()),
            "start": program.start.isoformat(),
            "protocol": program.protocol,
            "injured": program.injured.value,
            "morning": program.morning.strftime("%H:%M"),
            "evening": program.evening.strftime("%H:%M"),
            "weeks": program.weeks,
            "visa_every_weeks": program.visa_every_weeks,
            **{name: getattr(program, name) for name in DOSE},
            "status": Status.ACTIVE.value,
            "reason": "",
            "ended": None,
        }
        with failing_as("save the program"), self.db.atomic():
            self.db.execute(
                "UPDATE programs SET status = 'ended', ended = ? WHERE status != 'ended'",
                [row["created"]],
            )
            self.db.table("programs").insert(row)

    def change_program(self, program: Program) -> None:
        """Save the settings the Settings dialog changes: session times, VISA-A interval, dose.

        Where it hurts, the side and the start date make a different program: those
        start a new one (`start_program`), so the old one's record stays as it was.
        """
        changes = {
            "morning": program.morning.strftime("%H:%M"),
            "evening": program.evening.strftime("%H:%M"),
            "visa_every_weeks": program.visa_every_weeks,
            **{name: getattr(program, name) for name in DOSE},
        }
        with failing_as("save the settings"), self.db.atomic():
            self.db.table("programs").update(program.id, changes)

    def pause(self, program_id: str | None, red_flag: str) -> None:
        """Record a red flag and pause the program for it (without a program: record it)."""
        with failing_as("record the red flag"), self.db.atomic():
            self._event(program_id, RED_FLAG, red_flag)
            if program_id is not None:
                self.db.table("programs").update(
                    program_id, {"status": Status.PAUSED.value, "reason": red_flag}
                )

    def resume(self, program_id: str) -> None:
        with failing_as("resume the program"), self.db.atomic():
            self._event(program_id, RESUMED, "")
            self.db.table("programs").update(
                program_id, {"status": Status.ACTIVE.value, "reason": ""}
            )

    def events(self, first: date | None = None, last: date | None = None) -> list[Event]:
        where, params = day_range("at", first, last)
        rows = self.db.query(f"SELECT * FROM events {where} ORDER BY at", params)  # noqa: S608 - fixed SQL
        return [Event(**r) for r in rows]

    def _event(self, program_id: str | None, kind: str, detail: str) -> None:
        self.db.table("events").insert(
            {
                "id": uuid.uuid4().hex,
                "at": stamp(self.store.now()),
                "program_id": program_id,
                "kind": kind,
                "detail": detail,
            }
        )

    # -- morning check-ins ----------------------------------------------------------
    def checkin(self, day: date) -> Morning | None:
        """The check-in of `day`: None if never asked; both answers None if skipped."""
        rows = list(self.db.query("SELECT * FROM checkins WHERE day = ?", [day.isoformat()]))
        return _morning(rows[0]) if rows else None

    def save_checkin(self, day: date, pain: int | None, stiffness_minutes: int | None) -> None:
        """Save (or replace) a day's check-in; both None records that it was skipped."""
        if pain is not None:
            check_rating(pain)
        check_stiffness(stiffness_minutes)
        row = {
            "day": day.isoformat(),
            "recorded": stamp(self.store.now()),
            "pain": pain,
            "stiffness_minutes": stiffness_minutes,
        }
        with failing_as("save the morning check-in"):
            self.db.table("checkins").insert(row, replace=True)

    def forget_checkin(self, day: date) -> None:
        with failing_as("remove the morning check-in"):
            self.db.execute("DELETE FROM checkins WHERE day = ?", [day.isoformat()])

    def checkins(self, first: date | None = None, last: date | None = None) -> list[Morning]:
        """Answered check-ins (skipped ones left out), oldest first."""
        where, params = day_range("day", first, last)
        answered = "(pain IS NOT NULL OR stiffness_minutes IS NOT NULL)"
        where = f"{where} AND {answered}" if where else f"WHERE {answered}"
        rows = self.db.query(f"SELECT * FROM checkins {where} ORDER BY day", params)  # noqa: S608 - fixed SQL
        return [_morning(r) for r in rows]

    # -- VISA-A -------------------------------------------------------------------
    def save_visa(
        self, answers: VisaAnswers, taken: datetime | None = None, side: Side | None = None
    ) -> VisaResult:
        """Save a questionnaire; `side` is the leg it is about when both hurt, else None."""
        result = VisaResult(
            id=uuid.uuid4().hex,
            taken=stamp(taken or self.store.now()),
            answers=answers,
            score=score(answers),
            side=side,
        )
        row = {
            "id": result.id,
            "taken": result.taken,
            "answers": json.dumps(answers.as_dict(), sort_keys=True),
            "score": result.score,
            "side": None if side is None else side.value,
        }
        with failing_as("save the VISA-A answers"):
            self.db.table("visa_a").insert(row)
        return result

    def visa(self, first: date | None = None, last: date | None = None) -> list[VisaResult]:
        """VISA-A results, oldest first."""
        where, params = day_range("taken", first, last)
        rows = self.db.query(f"SELECT * FROM visa_a {where} ORDER BY julianday(taken)", params)  # noqa: S608 - fixed SQL
        return [_visa(r) for r in rows]

    def forget_visa(self, visa_id: str) -> None:
        with failing_as("remove the VISA-A result"):
            self.db.execute("DELETE FROM visa_a WHERE id = ?", [visa_id])

    # -- what the rules and the Today page look at ------------------------------
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
            Workout(naive(datetime.fromisoformat(started)), done, set_count(p, injured, sets))
            for started, p, injured, sets, done in rows
        ]

    def done_slots(self, program: Program) -> set[Slot]:
        """The planned sessions filled by a complete workout: every planned set done."""
        return filled(program, (w.started for w in self.workouts(program) if w.complete))

    def day_plan(self, program: Program) -> DayPlan:
        workouts = self.workouts(program)
        done = filled(program, (w.started for w in workouts if w.complete))
        partial = part_done(program, workouts, done)
        return day_plan(program, done, naive(self.store.now()), partial)

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
            SessionPain(date.fromisoformat(started[:10]), load, tuple(pains), len(pains) >= whole)
            for started, whole, load, pains in sessions.values()
        ]

    def history(self, program: Program) -> advice.History:
        today = naive(self.store.now()).date()
        last = min(today, program.end)
        return advice.History(
            today=today,
            start=program.start,
            sessions=self.session_pains(program.start, last),
            mornings=self.checkins(program.start, last),
            visa=[
                VisaScore(v.day, v.score, v.side.value if v.side else None)
                for v in self.visa(program.start, last)
            ],
            paused_for=program.reason if program.status is Status.PAUSED else "",
            pain_site=PROTOCOLS[program.protocol].pain_site,
        )

    def advice(self, program: Program) -> advice.Advice:
        return advice.advise(self.history(program))

    def today(self) -> Today | None:
        """The current program as of now, or None without one."""
        program = self.program()
        if program is None:
            return None
        last = self.db.execute(
            "SELECT s.load_kg FROM sessions AS s "
            "WHERE EXISTS (SELECT 1 FROM sets WHERE session_id = s.id) "
            "AND substr(s.started, 1, 10) >= ? "
            "ORDER BY julianday(s.started) DESC LIMIT 1",
            [program.start.isoformat()],
        ).fetchone()
        return Today(
            program=program,
            plan=self.day_plan(program),
            advice=self.advice(program),
            checkin=self.checkin(naive(self.store.now()).date()),
            visa_due=self.visa_due(program),
            last_load_kg=float(last[0]) if last else program.load_kg,
        )

    def visa_due(self, program: Program) -> bool:
        """A VISA-A is due for a painful leg: none yet in this program, or the last is old.

        Old: `visa_every_weeks` or more. With both legs painful, each has its own
        questionnaire, and it is due when either leg's is. A result that records no leg
        (one from before Coach recorded it) counts for every leg.
        """
        today = naive(self.store.now()).date()
        if program.week(today) is None:
            return False
        taken = self.visa(program.start)
        return any(
            visa_a.due(
                max((v.day for v in taken if v.side in (None, side)), default=None),
                today,
                program.visa_every_weeks,
            )
            for side in program.injured.sides
        )

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
            PainPoint(naive(datetime.fromisoformat(started)), sd, float(mean), int(worst), n)
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
        return [LoadPoint(naive(datetime.fromisoformat(t)), float(kg)) for t, kg in rows]

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
        split = self.store.day_split()
        return {
            (date.fromisoformat(started[:10]), Part(split.part(started))) for (started,) in rows
        }


def _program(r: dict[str, Any]) -> Program:
    return Program(
        id=r["id"],
        start=date.fromisoformat(r["start"]),
        protocol=r["protocol"],
        injured=Injured(r["injured"]),
        morning=parse_time(r["morning"]),
        evening=parse_time(r["evening"]),
        weeks=r["weeks"],
        visa_every_weeks=r["visa_every_weeks"],
        status=Status(r["status"]),
        reason=r["reason"],
        **{name: r[name] for name in DOSE},
    )


def _morning(r: dict[str, Any]) -> Morning:
    return Morning(date.fromisoformat(r["day"]), r["pain"], r["stiffness_minutes"])


def _visa(r: dict[str, Any]) -> VisaResult:
    try:
        answers = VisaAnswers.from_dict(json.loads(r["answers"]))
    except ValueError as e:
        raise StorageError(f"The VISA-A result of {r['taken'][:10]} is unreadable ({e}).") from e
    side = None if r["side"] is None else Side(r["side"])
    return VisaResult(r["id"], r["taken"], answers, r["score"], side)
