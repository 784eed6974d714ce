"""The program's sessions as an iCalendar (RFC 5545) file, for the user's calendar app.

One event per planned session (morning and evening, every day of the program), each
with a reminder ten minutes before, and an all-day event on each day a VISA-A
questionnaire falls due. Every event has a UID made of the program, the day and the
part of the day, so importing a newer export updates the events instead of adding
copies.

Times are written in the user's time zone, named by its IANA key (`Europe/London`) with
the VTIMEZONE that RFC 5545 asks for. When the zone cannot be found, the times are
written as "floating" local times (no TZID): calendar apps show them at the same
wall-clock time in whatever zone the device is in, which is right for a person who
keeps their morning session at 08:00 on both sides of a daylight-saving change.
"""

from __future__ import annotations

import os
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO

import icalendar

from coach import __version__
from coach.domain import dates
from coach.domain.plan import plan
from coach.domain.program import Program, Slot, Status
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import timeline
from coach.storage.database import failing_as
from coach.storage.files import write_atomically
from coach.storage.programs import Programs

PRODID = f"-//Coach//Coach {__version__}//EN"
REMIND_BEFORE = timedelta(minutes=10)
UID_DOMAIN = "coach.invalid"  # RFC 5545 suggests uid@host; no real host stands behind these
_INJURED = {
    Injured.LEFT: "left leg",
    Injured.RIGHT: "right leg",
    Injured.BOTH: "both legs, one after the other",
}


class NoProgramError(Exception):
    """There is no program to export. `str()` is a message for the user."""


@dataclass(frozen=True)
class ScheduleSummary:
    """What a written schedule holds, for the message that says it was written."""

    sessions: int
    questionnaires: int
    weeks: int
    start: date
    zone: str | None  # None: floating local times

    def describe(self, target: Path) -> str:
        weeks = "1 week" if self.weeks == 1 else f"{self.weeks} weeks"
        start = dates.day_month(self.start)
        return f"Wrote {self.sessions} sessions ({weeks} from {start}) to {target}"


# -- the time zone ------------------------------------------------------------------
def zone_named(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone with IANA key `name`, or None if there is no such zone."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # Not a key, not a relative path, a folder such as "Europe", or not a TZif file.
        return None


def local_zone_name(
    environ: Mapping[str, str] = os.environ,
    localtime: Path = Path("/etc/localtime"),
    timezone_file: Path = Path("/etc/timezone"),
) -> str | None:
    """The IANA name of the local time zone, or None if it cannot be told.

    In order: the TZ variable, the zone file /etc/localtime links to, /etc/timezone.
    A TZ that is set but is not a zone name (a POSIX rule such as `CET-1CEST`) gives
    None: it overrides the system's zone, and no IANA name says what it means.
    """
    tz = environ.get("TZ", "").removeprefix(":")
    if tz:
        return tz if zone_named(tz) else None
    try:
        target = localtime.resolve(strict=True).as_posix()
    except OSError:
        target = ""
    _, found, key = target.rpartition("/zoneinfo/")
    if found and zone_named(key):
        return key
    try:
        name = timezone_file.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name if name and zone_named(name) else None


# -- the calendar -------------------------------------------------------------------
def session_length(program: Program, settings: Settings | None = None) -> timedelta:
    """How long one session of the program takes (at its pace), rounded up to whole minutes."""
    settings = settings or program.settings(sets=Settings.sets, load_kg=program.load_kg)
    ms = timeline(plan(PROTOCOLS[program.protocol], settings)).duration_ms
    return timedelta(minutes=-(-ms // 60_000))


def questionnaire_days(program: Program) -> list[date]:
    """The days a VISA-A falls due if each is answered on time: day one, then every N weeks."""
    step = timedelta(weeks=program.visa_every_weeks)
    days, day = [], program.start
    while day <= program.end:
        days.append(day)
        day += step
    return days


def build_calendar(
    program: Program,
    zone: zoneinfo.ZoneInfo | None,
    stamp: datetime,
    settings: Settings | None = None,
) -> icalendar.Calendar:
    """The calendar of `program`, with times in `zone` (None: floating local times).

    `stamp` (aware) is when the file is made: every event's DTSTAMP, in UTC.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Heel drops")
    stamp = stamp.astimezone(UTC)
    length = session_length(program, settings)
    for slot in program.all_slots():
        cal.add_component(_session(program, slot, zone, stamp, length))
    for day in questionnaire_days(program):
        cal.add_component(_questionnaire(program, day, stamp))
    if zone is not None:
        # Transitions from a year either side: enough for the program and any moved event.
        cal.add_missing_timezones(
            program.start - timedelta(days=366), program.end + timedelta(days=366)
        )
        for vtimezone in cal.walk("VTIMEZONE"):
            _onsets_in_the_old_offset(vtimezone, zone)
    return cal


def _onsets_in_the_old_offset(vtimezone: icalendar.Component, zone: zoneinfo.ZoneInfo) -> None:
    """Give each change of offset its onset in the local time it had before the change.

    RFC 5545 (3.6.5) reads an observance's DTSTART and RDATEs in its TZOFFSETFROM:
    clocks in New York go forward at 02:00 EST. icalendar 7 writes the spring change
    in the new offset (03:00), so an app that reads the VTIMEZONE itself, not the
    zone's name, would change an hour late. Each onset is matched to the instant the
    zone really changed, and written from that.
    """
    for observance in vtimezone.subcomponents:
        before, after = observance.decoded("TZOFFSETFROM"), observance.decoded("TZOFFSETTO")
        onsets = [observance.decoded("DTSTART")]
        rdates = observance.get("RDATE", [])
        values = rdates if isinstance(rdates, list) else [rdates]
        if not all(isinstance(v, icalendar.vDDDLists) for v in values):
            continue  # not as icalendar writes them: left as they are
        onsets.extend(d.dt for value in values for d in value.dts)
        fixed = [_onset(wall, before, after, zone) for wall in onsets]
        if fixed == onsets:
            continue
        observance.pop("DTSTART")
        observance.pop("RDATE", None)
        observance.add("DTSTART", fixed[0])
        for wall in fixed[1:]:
            observance.add("RDATE", wall)


def _onset(
    wall: datetime, before: timedelta, after: timedelta, zone: zoneinfo.ZoneInfo
) -> datetime:
    """`wall` as the old offset's local time of the change it stands for (or as it is)."""
    for offset in (before, after):
        instant = (wall - offset).replace(tzinfo=UTC)
        if (
            instant.astimezone(zone).utcoffset() == after
            and (instant - timedelta(seconds=1)).astimezone(zone).utcoffset() == before
        ):
            return (instant + before).replace(tzinfo=None)
    return wall  # not a change of this zone's offset (the first observance's start)


def _uid(program: Program, day: date, what: str) -> str:
    return f"{program.id}-{day:%Y%m%d}-{what}@{UID_DOMAIN}"


def _session(
    program: Program,
    slot: Slot,
    zone: zoneinfo.ZoneInfo | None,
    stamp: datetime,
    length: timedelta,
) -> icalendar.Event:
    part = slot.part.value
    week = program.week(slot.day)
    protocol = PROTOCOLS[program.protocol].name
    lines = [
        f"{protocol}, {_INJURED[program.injured]}.",
        f"Week {week} of {program.weeks}.",
        "Open Coach to be guided through the sets and to record how much it hurt.",
    ]
    if program.status is Status.PAUSED:
        lines.append("Your program is paused in Coach: resume it there before you train again.")
    start = slot.due if zone is None else slot.due.replace(tzinfo=zone)
    event = icalendar.Event()
    event.add("uid", _uid(program, slot.day, part))
    event.add("dtstamp", stamp)
    event.add("summary", f"Heel drops: {part} session")
    event.add("description", "\n".join(lines))
    event.add("dtstart", start)
    event.add("duration", length)
    event.add("status", "TENTATIVE" if program.status is Status.PAUSED else "CONFIRMED")
    event.add("categories", ["Health"])
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMIND_BEFORE)
    alarm.add("description", f"Heel drops: {part} session in 10 minutes")
    event.add_component(alarm)
    return event


def _questionnaire(program: Program, day: date, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", _uid(program, day, "visa-a"))
    event.add("dtstamp", stamp)
    event.add("summary", "Heel drops: VISA-A questionnaire")
    event.add(
        "description",
        "Answer the eight VISA-A questions in Coach (a few minutes): the score shows "
        "how your tendon is doing over the weeks.",
    )
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not time taken out of the day
    event.add("categories", ["Health"])
    return event


def schedule_bytes(
    program: Program,
    zone_name: str | None,
    stamp: datetime,
    settings: Settings | None = None,
) -> bytes:
    """The calendar file's bytes: CRLF line ends and lines folded at 75 octets."""
    zone = None if zone_name is None else zone_named(zone_name)
    if zone_name is not None and zone is None:
        raise ValueError(f"no time zone named {zone_name!r}")
    return bytes(build_calendar(program, zone, stamp, settings).to_ical())


def write_schedule(
    programs: Programs,
    target: Path,
    zone_name: str | None,
    now: datetime | None = None,
) -> ScheduleSummary:
    """Write the current program's sessions to `target` (all at once, or not at all).

    `zone_name` is an IANA key, or None for floating local times. Raises NoProgramError
    without a program, StorageError (saying why) when the file cannot be written.
    """
    program = programs.program()
    if program is None:
        raise NoProgramError(
            "There is no program to put in a calendar: set up a 12-week program on "
            "Coach's Today page first."
        )
    data = schedule_bytes(program, zone_name, now or datetime.now(UTC))

    def write(f: IO[str]) -> None:
        f.write(data.decode("utf-8"))

    with failing_as(f"write {target}"):
        write_atomically(target, write)  # newline="": the CRLF line ends stay as they are
    return ScheduleSummary(
        sessions=sum(1 for _ in program.all_slots()),
        questionnaires=len(questionnaire_days(program)),
        weeks=program.weeks,
        start=program.start,
        zone=zone_name,
    )
