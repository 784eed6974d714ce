"""A made-up but plausible program history, for trying the history and the charts.

Twice-daily sessions, some missed; pain during the exercise that starts moderate
and falls over the 12 weeks with day-to-day noise; now and then a flare-up of a
few days; 5 kg more load once two sessions running stay pain-free or nearly (the
add-load rule of `coach.domain.advice`, after Alfredson 1998). One 12-week program
after another (the last one current), most mornings a check-in that follows the
pain, and a VISA-A every two weeks whose score climbs as the pain falls. The same
seed gives the same history.
"""

from __future__ import annotations

import json
import math
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from coach.domain.advice import NEARLY_PAIN_FREE
from coach.domain.plan import plan
from coach.domain.program import VISA_EVERY_WEEKS, WEEKS
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import Timeline, timeline
from coach.domain.visa_a import VisaAnswers, score
from coach.storage.database import Database, failing_as, stamp

PROGRAM_DAYS = 12 * 7
LOAD_STEP_KG = 5.0
MAX_LOAD_KG = 30.0
NOTES = (
    "Stiff first thing this morning.",
    "Long day on my feet; tendon felt it.",
    "Felt easier than last week.",
    "Did it after a run.",
    "Slept badly, sore in the morning.",
)


class DemoRefusedError(Exception):
    """The folder already holds sessions. `str()` is a message for the user."""


@dataclass(frozen=True)
class DemoResult:
    sessions: int
    sets: int
    first: str
    last: str
    programs: int = 0
    checkins: int = 0
    visa: int = 0


def fill(db: Database, weeks: int, seed: int = 1, *, protocol: str = "alfredson",
         injured: Injured = Injured.RIGHT) -> DemoResult:  # fmt: skip
    """Write `weeks` of history ending yesterday, in one transaction."""
    if db.count("sessions"):
        raise DemoRefusedError(
            f"{db.path.parent} already holds {db.count('sessions')} sessions; "
            "demo data goes only into an empty data folder (use --data-dir)."
        )
    rng = random.Random(seed)  # noqa: S311 - made-up data, not a secret
    today = db.now().date()
    days = weeks * 7
    sessions: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    programs: list[dict[str, Any]] = []
    checkins: list[dict[str, Any]] = []
    visas: list[dict[str, Any]] = []
    load = 0.0
    load_added_day = -100
    flare_until, flare_size = -1, 0.0
    easy_sessions = 0
    for d in range(days):
        day = today - timedelta(days=days - d)
        if rng.random() < 1 / 25:
            flare_until, flare_size = d + rng.randint(2, 4), rng.uniform(1.5, 3.0)
        if d % PROGRAM_DAYS == 0:
            programs.append(_program(rng, day, protocol, injured, ended=d + PROGRAM_DAYS < days))
        level = 0.3 + 5.2 * (1 - min(1.0, d / PROGRAM_DAYS)) ** 1.3
        level += flare_size if d <= flare_until else 0.0
        if rng.random() < 0.85:
            checkins.append(_checkin(rng, day, level))
        if d % (7 * VISA_EVERY_WEEKS) == 0:
            visas.append(_visa(rng, day, level))
        for hour in (7, 19):
            if rng.random() < 0.1:  # missed
                continue
            progress = min(1.0, d / PROGRAM_DAYS)
            pain = 0.3 + 5.2 * (1 - progress) ** 1.3
            pain += 1.5 * math.exp(-(d - load_added_day) / 6)  # a new load hurts at first
            pain += flare_size if d <= flare_until else 0.0
            pain += rng.gauss(0, 0.7)
            started = datetime.combine(day, time(hour, rng.randint(0, 59))).astimezone()
            settings = Settings(injured=injured, load_kg=load)
            session, session_sets = _session(rng, protocol, settings, started, pain)
            sessions.append(session)
            sets.extend(session_sets)
            worst = max((s["pain"] for s in session_sets if s["pain"] is not None), default=10)
            easy_sessions = easy_sessions + 1 if worst <= NEARLY_PAIN_FREE else 0
            # Twice running pain-free or nearly: add weight (seed 004), at most weekly, up to a
            # backpack's worth.
            if easy_sessions >= 2 and d - load_added_day >= 7 and load < MAX_LOAD_KG:
                load += LOAD_STEP_KG
                load_added_day, easy_sessions = d, 0
    with failing_as("write the demo data"), db.sql.atomic():
        db.sql.table("sessions").insert_all(sessions)
        db.sql.table("sets").insert_all(sets, batch_size=500)
        db.sql.table("programs").insert_all(programs)
        db.sql.table("checkins").insert_all(checkins, batch_size=500)
        db.sql.table("visa_a").insert_all(visas)
    return DemoResult(
        len(sessions),
        len(sets),
        sessions[0]["started"] if sessions else "",
        sessions[-1]["started"] if sessions else "",
        len(programs),
        len(checkins),
        len(visas),
    )


def _program(rng: random.Random, start: date, protocol: str, injured: Injured, *,
             ended: bool) -> dict[str, Any]:  # fmt: skip
    created = datetime.combine(start, time(6, 30)).astimezone()
    return {
        "id": uuid.UUID(int=rng.getrandbits(128), version=4).hex,
        "created": stamp(created),
        "start": start.isoformat(),
        "protocol": protocol,
        "injured": injured.value,
        "morning": "07:00",
        "evening": "19:00",
        "weeks": WEEKS,
        "visa_every_weeks": VISA_EVERY_WEEKS,
        "status": "ended" if ended else "active",
        "reason": "",
        "ended": stamp(created + timedelta(days=PROGRAM_DAYS)) if ended else None,
    }


def _checkin(rng: random.Random, day: date, level: float) -> dict[str, Any]:
    pain = round(min(10.0, max(0.0, level - 0.5 + rng.gauss(0, 0.8))))
    stiffness = round(max(0.0, 4 + 6 * level + rng.gauss(0, 5)))
    return {
        "day": day.isoformat(),
        "recorded": stamp(datetime.combine(day, time(6, 45)).astimezone()),
        "pain": pain,
        "stiffness_minutes": stiffness,
    }


def _visa(rng: random.Random, day: date, level: float) -> dict[str, Any]:
    """Answers that fit the pain level: about 40 at pain 6, about 90 at pain 1."""
    good = min(1.0, max(0.0, 1.1 - level / 6.5))

    def item() -> int:
        return round(min(10.0, max(0.0, 10 * good + rng.gauss(0, 1.2))))

    q7 = min((0, 4, 7, 10), key=lambda p: abs(p - 10 * good))
    branch, options = ("A", (0, 7, 14, 21, 30)) if good > 0.8 else ("B", (0, 4, 10, 14, 20))
    q8 = options[min(4, round(4 * good + rng.gauss(0, 0.5)))]
    answers = VisaAnswers(item(), item(), item(), item(), item(), item(), q7, branch, max(0, q8))
    return {
        "id": uuid.UUID(int=rng.getrandbits(128), version=4).hex,
        "taken": stamp(datetime.combine(day, time(20, 0)).astimezone()),
        "answers": json.dumps(answers.as_dict(), sort_keys=True),
        "score": score(answers),
    }


@lru_cache(maxsize=64)  # the load is the only setting that changes between sessions
def _timeline(protocol: str, settings: Settings) -> Timeline:
    return timeline(plan(PROTOCOLS[protocol], settings))


def _session(
    rng: random.Random, protocol: str, settings: Settings, started: datetime, pain: float
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    tl = _timeline(protocol, settings)
    sid = uuid.UUID(int=rng.getrandbits(128), version=4).hex
    rows = []
    status, reason = "completed", ""
    for span in tl.spans:
        set_pain = round(min(10.0, max(0.0, pain + 0.15 * span.index + rng.gauss(0, 0.5))))
        rated = rng.random() > 0.04
        rows.append(
            {
                "session_id": sid,
                "position": span.index,
                "exercise": span.set.exercise.id,
                "number": span.set.number,
                "side": span.set.side.value,
                "reps": span.set.reps,
                "load_kg": settings.load_kg,
                "lower_seconds": settings.lower_seconds,
                "pain": set_pain if rated else None,
                "started": stamp(started + timedelta(milliseconds=span.start_ms)),
                "finished": stamp(started + timedelta(milliseconds=span.end_ms)),
            }
        )
        if set_pain >= 7:  # the pain panel would offer to stop, and the user takes it
            status, reason = "ended early", "too much pain"
            break
    last_ms = tl.spans[len(rows) - 1].end_ms if status != "completed" else tl.duration_ms
    session = {
        "id": sid,
        "started": stamp(started),
        "ended": stamp(started + timedelta(milliseconds=last_ms)),
        "status": status,
        "reason": reason,
        "protocol": protocol,
        "injured": settings.injured.value,
        "lower_seconds": settings.lower_seconds,
        "rest_seconds": settings.rest_seconds,
        "reps": settings.reps,
        "planned_sets": settings.sets,
        "load_kg": settings.load_kg,
        "get_ready_seconds": settings.get_ready_seconds,
        "seconds": last_ms / 1000,
        "note": rng.choice(NOTES) if rng.random() < 0.05 else "",
    }
    return session, rows
