"""A made-up but plausible program history, for trying the history and the charts.

Twice-daily sessions, some missed; pain during the exercise that starts moderate
and falls over the 12 weeks with day-to-day noise; now and then a flare-up of a
few days; 5 kg more load once two sessions running stay in the safe zone (0-2;
Alfredson 1998 adds weight when the exercise stops hurting, so that it hurts
mildly again). The same seed gives the same history.
"""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache
from typing import Any

from coach.domain.plan import plan
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import Timeline, timeline
from coach.storage.store import Store, failing_as, stamp

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


def fill(store: Store, weeks: int, seed: int = 1, *, protocol: str = "alfredson",
         injured: Injured = Injured.RIGHT) -> DemoResult:  # fmt: skip
    """Write `weeks` of history ending yesterday, in one transaction."""
    if store.count_sessions():
        raise DemoRefusedError(
            f"{store.path.parent} already holds {store.count_sessions()} sessions; "
            "demo data goes only into an empty data folder (use --data-dir)."
        )
    rng = random.Random(seed)  # noqa: S311 - made-up data, not a secret
    today = store.now().date()
    days = weeks * 7
    sessions: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    load = 0.0
    load_added_day = -100
    flare_until, flare_size = -1, 0.0
    easy_sessions = 0
    for d in range(days):
        day = today - timedelta(days=days - d)
        if rng.random() < 1 / 25:
            flare_until, flare_size = d + rng.randint(2, 4), rng.uniform(1.5, 3.0)
        for hour in (7, 19):
            if rng.random() < 0.1:  # missed
                continue
            progress = min(1.0, d / PROGRAM_DAYS)
            pain = 1.0 + 4.5 * (1 - progress) ** 1.3
            pain += 1.5 * math.exp(-(d - load_added_day) / 6)  # a new load hurts at first
            pain += flare_size if d <= flare_until else 0.0
            pain += rng.gauss(0, 0.7)
            started = datetime.combine(day, time(hour, rng.randint(0, 59))).astimezone()
            settings = Settings(injured=injured, load_kg=load)
            session, session_sets = _session(rng, protocol, settings, started, pain)
            sessions.append(session)
            sets.extend(session_sets)
            worst = max((s["pain"] for s in session_sets if s["pain"] is not None), default=10)
            easy_sessions = easy_sessions + 1 if worst <= 2 else 0
            # Twice running in the safe zone (0-2): add weight (seed 004), at most weekly, up to a
            # backpack's worth.
            if easy_sessions >= 2 and d - load_added_day >= 7 and load < MAX_LOAD_KG:
                load += LOAD_STEP_KG
                load_added_day, easy_sessions = d, 0
    with failing_as("write the demo data"), store.db.atomic():
        store.db.table("sessions").insert_all(sessions)
        store.db.table("sets").insert_all(sets, batch_size=500)
    return DemoResult(
        len(sessions),
        len(sets),
        sessions[0]["started"] if sessions else "",
        sessions[-1]["started"] if sessions else "",
    )


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
