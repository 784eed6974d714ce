"""When to remind the user of a session, and what the reminder says.

A planned session (a `Slot`) is worth a reminder from its time until it stops counting
as that session (`Program.closes`: the day's halfway point for the morning one,
midnight for the evening one), as long as it is not done and the program is active.
Whoever shows reminders asks `reminder()` at the moments `next_check()` names; those
moments come from the plan's absolute times, and are never more than `CHECK_EVERY`
apart, so a laptop that slept through a session time, or a clock that was changed,
is caught soon after. Times are naive local wall-clock times, as in the program;
an aware `now` is read as its wall-clock time.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.domain import dates
from coach.domain.program import Program, Slot, Status
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import Injured

# Timers stop counting while a computer sleeps, so a wait set before it slept ends that
# much late: never waiting longer than a minute keeps a woken laptop's reminder within
# a minute of its time. A look is two small queries.
CHECK_EVERY = timedelta(minutes=1)

LEGS = {
    Injured.LEFT: "on the left leg",
    Injured.RIGHT: "on the right leg",
    Injured.BOTH: "on each leg",
}


@dataclass(frozen=True)
class Reminder:
    """A session to remind the user of, in words for a notification."""

    slot: Slot
    title: str
    body: str


def due_slot(program: Program, done: Collection[Slot], now: datetime) -> Slot | None:
    """The session whose time has come and which still counts, if it is not done yet."""
    if program.status is not Status.ACTIVE:
        return None
    now = _wall(now)
    # The evening session closes at midnight, so only today's sessions can be open;
    # yesterday's are looked at too, in case a program ever lets one close later.
    for day in (now.date() - timedelta(days=1), now.date()):
        for slot in program.slots(day):
            if slot not in done and slot.due <= now < program.closes(slot):
                return slot
    return None


def reminder(program: Program, done: Collection[Slot], now: datetime) -> Reminder | None:
    """The reminder due at `now`, if any (see `due_slot`)."""
    slot = due_slot(program, done, now)
    if slot is None:
        return None
    title, body = words(program, slot)
    return Reminder(slot, title, body)


def next_check(
    program: Program | None,
    done: Collection[Slot],
    now: datetime,
    every: timedelta = CHECK_EVERY,
) -> datetime:
    """When to look again: the next session's time, but no later than `every` from now.

    Without a program, or with one paused or over, that is `every` from now: the
    state may change without anyone saying so (a clock set forward, a resume).
    """
    if every <= timedelta(0):
        raise ValueError("the check interval must be positive")
    now = _wall(now)
    latest = now + every
    if program is None or program.status is not Status.ACTIVE:
        return latest
    upcoming = next((s for s in _slots_from(program, now) if s.due > now and s not in done), None)
    return latest if upcoming is None else min(upcoming.due, latest)


def words(program: Program, slot: Slot) -> tuple[str, str]:
    """A reminder's title and body, short enough for a desktop notification."""
    title = f"Time for your {slot.part.value} heel drops"
    body = f"Your {slot.part.value} session is due at {dates.clock_time(slot.at)}"
    protocol = PROTOCOLS.get(program.protocol)
    if protocol is None:  # a protocol this version does not know: say only when
        return title, f"{body}."
    # The number of sets is chosen for each workout on the Today page, so it is left out.
    return title, f"{body}: {protocol.name}, {LEGS[program.injured]}. Open Coach when ready."


def _slots_from(program: Program, now: datetime) -> Iterator[Slot]:
    day = max(now.date(), program.start)
    while day <= program.end:
        yield from program.slots(day)
        day += timedelta(days=1)


def _wall(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)
