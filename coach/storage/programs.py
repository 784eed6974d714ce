"""The program, and what the user records beside the workouts: check-ins, VISA-A, events.

`Programs(db)` reads and writes the tables of schema version 2 and builds the domain's
records from them (`coach.domain.program.Program`, `coach.domain.advice.Morning`).
Every write commits before it returns and raises StorageError, saying what was not
saved, when the disk refuses.
"""

from __future__ import annotations

import enum
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from coach.domain import dates
from coach.domain.advice import Morning, check_stiffness
from coach.domain.pain import check_rating
from coach.domain.program import DOSE, DaySplit, Program, Status, parse_time
from coach.domain.red_flags import RedFlag, from_label
from coach.domain.settings import Injured, Side
from coach.domain.visa_a import VisaAnswers, score
from coach.storage.database import Database, day_range, failing_as, instant, stamp
from coach.storage.schema import StorageError

RED_FLAG = "red flag"  # the kinds of event, as stored (schema: events.kind)
RESUMED = "resumed"


class EventKind(enum.Enum):
    RED_FLAG = RED_FLAG  # reported; the program, if any, paused for it
    RESUMED = RESUMED  # the program resumed after one


@dataclass(frozen=True)
class VisaResult:
    id: str
    taken: datetime  # aware: the local time, with its UTC offset
    answers: VisaAnswers
    score: int
    # The leg it is about when both hurt (one questionnaire each); None: the program's
    # one painful leg, or a result saved before Coach recorded the leg.
    side: Side | None = None

    @property
    def day(self) -> date:
        """The local day it was taken."""
        return self.taken.date()


@dataclass(frozen=True)
class Event:
    id: str
    at: datetime  # aware, as VisaResult.taken
    program_id: str | None
    kind: EventKind
    detail: str  # a red flag's label (RedFlag.label), as recorded; "" for a resume

    @property
    def red_flag(self) -> RedFlag | None:
        """The red flag reported, if this is one Coach knows by its label."""
        return from_label(self.detail) if self.kind is EventKind.RED_FLAG else None


class Programs:
    """The program tables of a `Database`: programs, check-ins, VISA-A results, events."""

    def __init__(self, db: Database) -> None:
        self.db = db

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
            "created": stamp(self.db.now()),
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
        with failing_as("save the program"), self.db.sql.atomic():
            self.db.sql.execute(
                "UPDATE programs SET status = 'ended', ended = ? WHERE status != 'ended'",
                [row["created"]],
            )
            self.db.sql.table("programs").insert(row)

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
        with failing_as("save the settings"), self.db.sql.atomic():
            self.db.sql.table("programs").update(program.id, changes)

    def pause(self, program_id: str | None, red_flag: RedFlag) -> None:
        """Record a red flag and pause the program for it (without a program: record it).

        The flag is stored by its label, which the program's `reason` then says.
        """
        with failing_as("record the red flag"), self.db.sql.atomic():
            self._event(program_id, EventKind.RED_FLAG, red_flag.label)
            if program_id is not None:
                self.db.sql.table("programs").update(
                    program_id, {"status": Status.PAUSED.value, "reason": red_flag.label}
                )

    def resume(self, program_id: str) -> None:
        with failing_as("resume the program"), self.db.sql.atomic():
            self._event(program_id, EventKind.RESUMED, "")
            self.db.sql.table("programs").update(
                program_id, {"status": Status.ACTIVE.value, "reason": ""}
            )

    def events(self, first: date | None = None, last: date | None = None) -> list[Event]:
        where, params = day_range("at", first, last)
        rows = self.db.query(f"SELECT * FROM events {where} ORDER BY at", params)  # noqa: S608 - fixed SQL
        return [
            Event(r["id"], instant(r["at"]), r["program_id"], EventKind(r["kind"]), r["detail"])
            for r in rows
        ]

    def _event(self, program_id: str | None, kind: EventKind, detail: str) -> None:
        self.db.sql.table("events").insert(
            {
                "id": uuid.uuid4().hex,
                "at": stamp(self.db.now()),
                "program_id": program_id,
                "kind": kind.value,
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
            "recorded": stamp(self.db.now()),
            "pain": pain,
            "stiffness_minutes": stiffness_minutes,
        }
        with failing_as("save the morning check-in"):
            self.db.sql.table("checkins").insert(row, replace=True)

    def forget_checkin(self, day: date) -> None:
        with failing_as("remove the morning check-in"):
            self.db.sql.execute("DELETE FROM checkins WHERE day = ?", [day.isoformat()])

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
        when = stamp(taken or self.db.now())
        result = VisaResult(
            id=uuid.uuid4().hex,
            taken=instant(when),  # as it reads back: to the second
            answers=answers,
            score=score(answers),
            side=side,
        )
        row = {
            "id": result.id,
            "taken": when,
            "answers": json.dumps(answers.as_dict(), sort_keys=True),
            "score": result.score,
            "side": None if side is None else side.value,
        }
        with failing_as("save the VISA-A answers"):
            self.db.sql.table("visa_a").insert(row)
        return result

    def visa(self, first: date | None = None, last: date | None = None) -> list[VisaResult]:
        """VISA-A results, oldest first."""
        where, params = day_range("taken", first, last)
        rows = self.db.query(f"SELECT * FROM visa_a {where} ORDER BY julianday(taken)", params)  # noqa: S608 - fixed SQL
        return [_visa(r) for r in rows]

    def forget_visa(self, visa_id: str) -> None:
        with failing_as("remove the VISA-A result"):
            self.db.sql.execute("DELETE FROM visa_a WHERE id = ?", [visa_id])

    # -- how the programs split the days ------------------------------------------
    def day_split(self) -> DaySplit:
        """How the programs split each day into its morning and evening session."""
        rows = self.db.execute("SELECT start, morning, evening FROM programs ORDER BY created DESC")
        return DaySplit.of(
            (date.fromisoformat(s), time.fromisoformat(m), time.fromisoformat(e))
            for s, m, e in rows
        )


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
    taken = instant(r["taken"])
    try:
        answers = VisaAnswers.from_dict(json.loads(r["answers"]))
    except ValueError as e:
        day = dates.iso_day(taken)
        raise StorageError(f"The VISA-A result of {day} is unreadable ({e}).") from e
    side = None if r["side"] is None else Side(r["side"])
    return VisaResult(r["id"], taken, answers, r["score"], side)
