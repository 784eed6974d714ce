"""The 12-week program: its calendar of sessions, where today falls in it, and adherence.

Both protocols ask for two sessions a day, every day, for 12 weeks (CLINICAL.md §1:
Alfredson 1998, Jonsson 2008). A program is that calendar anchored on a start date,
with the two times of day the user chose; the rest is arithmetic on it.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from coach.domain.settings import LIMITS, Injured, SettingError, Settings

WEEKS = 12
MORNING = time(8, 0)
EVENING = time(18, 0)
VISA_EVERY_WEEKS = 2
MAX_WEEKS = 52
# The program's settings that are Settings' too, checked against the same LIMITS.
DOSE = ("lower_seconds", "rest_seconds", "get_ready_seconds", "load_kg")


class Status(enum.Enum):
    ACTIVE = "active"
    PAUSED = "paused"  # a red flag was reported: no sessions until the user resumes
    ENDED = "ended"  # replaced by a newer program


class Part(enum.Enum):
    MORNING = "morning"
    EVENING = "evening"


class ProgramError(ValueError):
    """A program setting out of range. `str()` is a message for the user."""


@dataclass(frozen=True)
class Slot:
    """One planned session: a day and a part of it, due at a time."""

    day: date
    part: Part
    at: time

    @property
    def due(self) -> datetime:
        return datetime.combine(self.day, self.at)


@dataclass(frozen=True)
class Program:
    """A program as the user set it up. Invalid values raise ProgramError."""

    id: str
    start: date
    protocol: str  # a key of coach.domain.protocols.PROTOCOLS
    injured: Injured
    morning: time = MORNING
    evening: time = EVENING
    weeks: int = WEEKS
    visa_every_weeks: int = VISA_EVERY_WEEKS
    status: Status = Status.ACTIVE
    reason: str = ""  # why it is paused
    # The workout's pace and starting load (Settings' ranges); set up with the program and
    # changed in the Settings dialog. Each workout's own load is chosen on the Today page.
    lower_seconds: int = Settings.lower_seconds
    rest_seconds: int = Settings.rest_seconds
    get_ready_seconds: int = Settings.get_ready_seconds
    load_kg: float = Settings.load_kg

    def __post_init__(self) -> None:
        for name in DOSE:
            try:
                LIMITS[name].check(getattr(self, name))
            except SettingError as e:
                raise ProgramError(f"{name} {e}") from e
        if not self.morning < self.evening:
            raise ProgramError("the first session of the day must come before the second")
        for name, value, high in (
            ("weeks", self.weeks, MAX_WEEKS),
            ("visa_every_weeks", self.visa_every_weeks, WEEKS),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
                raise ProgramError(f"{name} must be a whole number from 1 to {high}")

    def settings(self, *, sets: int, load_kg: float) -> Settings:
        """A workout of this program, with the sets and load chosen for it."""
        return Settings(
            injured=self.injured,
            lower_seconds=self.lower_seconds,
            rest_seconds=self.rest_seconds,
            get_ready_seconds=self.get_ready_seconds,
            sets=sets,
            load_kg=load_kg,
        )

    @property
    def end(self) -> date:
        """The program's last day."""
        return self.start + timedelta(days=7 * self.weeks - 1)

    def week(self, day: date) -> int | None:
        """Week 1 to `weeks` for a day within the program; None before or after it."""
        if not self.start <= day <= self.end:
            return None
        return (day - self.start).days // 7 + 1

    def slots(self, day: date) -> tuple[Slot, ...]:
        """The sessions planned on `day` (none outside the program)."""
        if self.week(day) is None:
            return ()
        return (Slot(day, Part.MORNING, self.morning), Slot(day, Part.EVENING, self.evening))

    def all_slots(self) -> Iterator[Slot]:
        day = self.start
        while day <= self.end:
            yield from self.slots(day)
            day += timedelta(days=1)

    def closes(self, slot: Slot) -> datetime:
        """When a workout stops counting as `slot`: at the day's halfway point, or midnight."""
        if slot.part is Part.MORNING:
            half = halfway(self.morning, self.evening)
            return datetime.combine(slot.day, time()) + timedelta(minutes=half)
        return datetime.combine(slot.day + timedelta(days=1), time())

    def part_of(self, moment: datetime) -> Part:
        """Which session of its day a workout started at `moment` counts as.

        The day splits halfway between the two session times, so a morning session
        done late still counts as the morning one.
        """
        return part_of_day(moment, halfway(self.morning, self.evening))

    def slot_of(self, moment: datetime) -> Slot | None:
        """The planned session a workout started at `moment` fills, if any."""
        for slot in self.slots(moment.date()):
            if slot.part is self.part_of(moment):
                return slot
        return None


def halfway(morning: time = MORNING, evening: time = EVENING) -> float:
    """Minutes after midnight where the day's morning session ends and its evening one begins.

    13:00 with the default 08:00 and 18:00.
    """
    return (_minutes(morning) + _minutes(evening)) / 2


def part_of_day(moment: datetime, half: float) -> Part:
    """Which session of its day a workout started at `moment` counts as: the morning one
    before `half` (minutes after midnight, from `halfway`), the evening one from it.

    By the wall-clock time `moment` carries, whatever its UTC offset. The one home of the
    day's split: the program's slots and reminders, the History, the exports and the
    Progress page all count by it (`Program.part_of`, `DaySplit`).
    """
    return Part.MORNING if _minutes(moment.time()) < half else Part.EVENING


def _minutes(t: time) -> float:
    return t.hour * 60 + t.minute + t.second / 60


@dataclass(frozen=True)
class DaySplit:
    """Which of its day's two sessions each workout counts as, as the programs split days.

    A workout counts by the session times of the newest program whose days it fell in
    (before the first program's start: that program's; with no program: 08:00 and
    18:00), split halfway between them: the rule the program's adherence counts by, so
    the History, the exports and the Progress page agree on it.
    """

    halves: tuple[tuple[date, float], ...] = ()  # (start day, halfway in minutes), newest first
    # Each local time's answer: a CSV export asks once per set, about six times per session.
    _known: dict[datetime, Part] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, programs: Iterable[tuple[date, time, time]]) -> DaySplit:
        """The split of programs given as (start, morning, evening), the newest first."""
        return cls(tuple((start, halfway(m, e)) for start, m, e in programs))

    def part(self, started: datetime) -> Part:
        """The part a workout started at `started` counts as.

        By its own local time (the wall clock it was stamped with, whatever the offset).
        """
        local = started.replace(tzinfo=None, microsecond=0)
        known = self._known.get(local)
        if known is not None:
            return known
        day = local.date()
        half = next((h for start, h in self.halves if start <= day), None)
        if half is None:
            half = self.halves[-1][1] if self.halves else halfway()
        known = self._known[local] = part_of_day(local, half)
        return known


@dataclass(frozen=True)
class Adherence:
    done: int
    planned: int

    @property
    def percent(self) -> int | None:
        return None if self.planned == 0 else round(100 * self.done / self.planned)

    def describe(self) -> str:
        if self.planned == 0:
            return "No sessions due yet"
        return f"{self.done} of {self.planned} sessions done ({self.percent}%)"


@dataclass(frozen=True)
class PartDone:
    """A planned session begun but not done: its workouts did some of the planned sets."""

    slot: Slot
    sets_done: int  # the most any of its workouts did
    sets_planned: int


@dataclass(frozen=True)
class Workout:
    """A workout with a set done, as the program's calendar counts it."""

    started: datetime  # local wall-clock time
    sets_done: int
    sets_planned: int

    @property
    def complete(self) -> bool:
        """Every planned set done: only a complete workout makes its session done."""
        return self.sets_done >= self.sets_planned


@dataclass(frozen=True)
class DayPlan:
    """Today as the Today page shows it."""

    week: int | None
    done: tuple[Slot, ...]
    pending: tuple[Slot, ...]  # today's sessions not done yet, due or not
    next: Slot | None  # the next session not done (today's or a later day's)
    adherence: Adherence
    partial: tuple[PartDone, ...] = ()  # today's pending sessions with some sets done


def filled(program: Program, starts: Iterable[datetime]) -> set[Slot]:
    """The planned sessions that workouts started at `starts` filled (one each)."""
    slots = (program.slot_of(moment) for moment in starts)
    return {s for s in slots if s is not None}


def part_done(program: Program, workouts: Iterable[Workout],
              done: Collection[Slot]) -> tuple[PartDone, ...]:  # fmt: skip
    """The planned sessions (not in `done`) that only incomplete workouts filled.

    Each with the most sets one of its workouts did, in calendar order.
    """
    best: dict[Slot, PartDone] = {}
    for w in workouts:
        slot = program.slot_of(w.started)
        if slot is None or slot in done or w.complete:
            continue
        known = best.get(slot)
        if known is None or w.sets_done > known.sets_done:
            best[slot] = PartDone(slot, w.sets_done, w.sets_planned)
    return tuple(sorted(best.values(), key=lambda p: p.slot.due))


def adherence(program: Program, done: set[Slot], now: datetime) -> Adherence:
    """Sessions done against sessions due by `now` (a session counts as due from its time).

    A session done ahead of its time counts as both due and done, so the figure never
    goes above 100%.
    """
    due = {s for s in program.all_slots() if s.due <= now}
    return Adherence(done=len(done), planned=len(due | done))


def day_plan(program: Program, done: set[Slot], now: datetime,
             partial: Iterable[PartDone] = ()) -> DayPlan:  # fmt: skip
    """Today's sessions: `done` (filled by complete workouts), and those begun (`partial`)."""
    today = program.slots(now.date())
    upcoming = (s for s in program.all_slots() if s not in done and program.closes(s) > now)
    return DayPlan(
        week=program.week(now.date()),
        done=tuple(s for s in today if s in done),
        pending=tuple(s for s in today if s not in done),
        next=next(upcoming, None) if program.status is Status.ACTIVE else None,
        adherence=adherence(program, done, now),
        partial=tuple(p for p in partial if p.slot in today and p.slot not in done),
    )


def parse_time(text: str) -> time:
    """`HH:MM` as a time of day; ProgramError for anything else."""
    hours, _, minutes = text.partition(":")
    if len(hours) == len(minutes) == 2 and (hours + minutes).isdigit():
        with contextlib.suppress(ValueError):  # 25:00 and the like
            return time(int(hours), int(minutes))
    raise ProgramError(f"{text!r} is not a time of day (HH:MM, e.g. 08:00)")
