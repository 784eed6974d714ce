"""What the Today page shows of the program: its day, the advice, the check-in, the VISA-A.

`today(programs, queries, now)` reads the repositories once and runs the advice rules
(`coach.domain.advice.advise`), giving the page one plain `Today` to draw. It decides;
it does not draw, and it writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from coach.domain import advice, visa_a
from coach.domain.advice import Morning
from coach.domain.program import DayPlan, Program
from coach.storage.database import naive
from coach.storage.programs import Programs
from coach.storage.queries import Queries


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


def today(programs: Programs, queries: Queries, now: datetime) -> Today | None:
    """The current program as of `now`, or None without one."""
    program = programs.program()
    if program is None:
        return None
    last = queries.last_load_kg(program)
    day = naive(now).date()
    return Today(
        program=program,
        plan=queries.day_plan(program, now),
        advice=advice.advise(queries.history(program, now)),
        checkin=programs.checkin(day),
        visa_due=visa_due(programs, program, day),
        last_load_kg=last if last is not None else program.load_kg,
    )


def visa_due(programs: Programs, program: Program, today: date) -> bool:
    """A VISA-A is due for a painful leg: none yet in this program, or the last is old.

    Old: `visa_every_weeks` or more. With both legs painful, each has its own
    questionnaire, and it is due when either leg's is. A result that records no leg
    (one from before Coach recorded it) counts for every leg.
    """
    if program.week(today) is None:
        return False
    taken = programs.visa(program.start)
    return any(
        visa_a.due(
            max((v.day for v in taken if v.side in (None, side)), default=None),
            today,
            program.visa_every_weeks,
        )
        for side in program.injured.sides
    )
