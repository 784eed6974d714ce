from __future__ import annotations

import errno
import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from coach import __version__
from coach.domain.program import Program, Status
from coach.domain.settings import Injured
from coach.reports import calendar
from coach.storage import files
from coach.storage.history import History
from coach.storage.schema import StorageError

STAMP = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)
LONDON = "Europe/London"


def program(**kw: object) -> Program:
    values: dict[str, object] = {
        "id": "prog1", "start": date(2026, 12, 7), "protocol": "alfredson",
        "injured": Injured.RIGHT,
    }  # fmt: skip
    values.update(kw)
    return Program(**values)  # type: ignore[arg-type] # the test's own keyword values


def parsed(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def sessions(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return [e for e in cal.events if "session" in str(e["SUMMARY"])]


def start(event: icalendar.Event) -> datetime:
    moment = event.start
    assert isinstance(moment, datetime)
    return moment


def test_every_session_of_the_program_is_an_event_with_a_reminder() -> None:
    cal = parsed(calendar.schedule_bytes(program(), LONDON, STAMP))
    assert str(cal["PRODID"]) == f"-//Coach//Coach {__version__}//EN"
    assert str(cal["VERSION"]) == "2.0"
    events = sessions(cal)
    assert len(events) == 2 * 7 * 12
    assert [str(e["SUMMARY"]) for e in events[:2]] == [
        "Heel drops: morning session", "Heel drops: evening session",
    ]  # fmt: skip
    starts = [start(e) for e in events]
    assert starts[0] == datetime(2026, 12, 7, 8, 0, tzinfo=ZoneInfo(LONDON))
    assert starts[-1] == datetime(2027, 2, 28, 18, 0, tzinfo=ZoneInfo(LONDON))
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    for event in events:
        # The default dose on one leg takes 15 min 35 s (`coach plan`): 16 minutes booked.
        assert event.duration == timedelta(minutes=16)
        assert event.decoded("DTSTAMP") == STAMP
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(minutes=-10)
        assert str(alarm["DESCRIPTION"]).startswith("Heel drops: ")
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == LONDON
    assert cal.get_missing_tzids() == set()


def test_the_description_names_protocol_side_and_week() -> None:
    cal = parsed(calendar.schedule_bytes(program(injured=Injured.BOTH), LONDON, STAMP))
    events = sessions(cal)
    first, week_two = str(events[0]["DESCRIPTION"]), str(events[14]["DESCRIPTION"])
    assert first.startswith("Alfredson heel drops off a step, both legs")
    assert "Week 1 of 12." in first
    assert "Week 2 of 12." in week_two
    assert start(events[14]).date() == date(2026, 12, 14)
    # Both legs take 35 min 5 s (`coach plan --injured both`): 36 minutes booked.
    assert events[0].duration == timedelta(minutes=36)


def test_a_slower_pace_books_longer_sessions() -> None:
    usual = calendar.session_length(program())
    slow = calendar.session_length(program(lower_seconds=6, rest_seconds=120))
    # 90 lowerings 3 s slower, and 5 rests 60 s longer (6 sets in 2 exercises), at least.
    assert slow - usual >= timedelta(seconds=90 * 3 + 5 * 60)
    cal = parsed(calendar.schedule_bytes(program(lower_seconds=6, rest_seconds=120), LONDON, STAMP))
    assert sessions(cal)[0].duration == slow


def test_the_file_is_crlf_and_folded_at_75_octets() -> None:
    data = calendar.schedule_bytes(program(injured=Injured.BOTH), LONDON, STAMP)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # long descriptions were folded


def test_a_daylight_saving_change_keeps_the_local_time() -> None:
    # The clocks go forward in the UK on Sunday 28 March 2027.
    cal = parsed(calendar.schedule_bytes(program(start=date(2027, 3, 22), weeks=1), LONDON,
                                         STAMP))  # fmt: skip
    mornings = {start(e).date(): start(e) for e in sessions(cal) if start(e).hour == 8}
    before, after = mornings[date(2027, 3, 27)], mornings[date(2027, 3, 28)]
    assert (before.time(), after.time()) == (time(8, 0), time(8, 0))
    assert before.astimezone(UTC).time() == time(8, 0)
    assert after.astimezone(UTC).time() == time(7, 0)
    assert b"DTSTART;TZID=Europe/London:20270328T080000" in cal.to_ical()


def test_without_a_zone_the_times_float() -> None:
    data = calendar.schedule_bytes(program(), None, STAMP)
    cal = parsed(data)
    assert cal.walk("VTIMEZONE") == []
    assert b"TZID" not in data
    assert b"DTSTART:20261207T080000\r\n" in data
    first = start(sessions(cal)[0])
    assert first == datetime(2026, 12, 7, 8, 0)  # noqa: DTZ001 - floating: no zone on purpose
    assert first.tzinfo is None


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="Mars/Olympus"):
        calendar.schedule_bytes(program(), "Mars/Olympus", STAMP)


def test_exporting_again_gives_the_same_uids_so_calendars_update() -> None:
    first = parsed(calendar.schedule_bytes(program(), LONDON, STAMP))
    later = parsed(calendar.schedule_bytes(program(morning=time(7, 30)), LONDON,
                                           STAMP + timedelta(days=3)))  # fmt: skip
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [
        str(e["UID"]) for e in later.walk("VEVENT")
    ]
    assert start(sessions(later)[0]).time() == time(7, 30)
    assert sessions(later)[0].decoded("DTSTAMP") > sessions(first)[0].decoded("DTSTAMP")
    other = parsed(calendar.schedule_bytes(program(id="prog2"), LONDON, STAMP))
    assert not {str(e["UID"]) for e in other.walk("VEVENT")} & {
        str(e["UID"]) for e in first.walk("VEVENT")
    }


def test_questionnaires_are_all_day_events_every_n_weeks() -> None:
    cal = parsed(calendar.schedule_bytes(program(visa_every_weeks=4), LONDON, STAMP))
    visa = [e for e in cal.events if "VISA-A" in str(e["SUMMARY"])]
    assert [e.start for e in visa] == [date(2026, 12, 7), date(2027, 1, 4), date(2027, 2, 1)]
    assert all(e.end - e.start == timedelta(days=1) for e in visa)
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in visa)


def test_a_paused_program_marks_its_sessions_tentative() -> None:
    cal = parsed(calendar.schedule_bytes(program(status=Status.PAUSED, reason="swelling"),
                                         LONDON, STAMP))  # fmt: skip
    event = sessions(cal)[0]
    assert str(event["STATUS"]) == "TENTATIVE"
    assert "paused" in str(event["DESCRIPTION"])
    active = sessions(parsed(calendar.schedule_bytes(program(), LONDON, STAMP)))[0]
    assert str(active["STATUS"]) == "CONFIRMED"


# -- the local zone -------------------------------------------------------------------
def test_tz_names_the_zone_when_it_is_a_zone_name(tmp_path: Path) -> None:
    none = tmp_path / "none"
    assert calendar.local_zone_name({"TZ": "America/New_York"}, none, none) == "America/New_York"
    assert calendar.local_zone_name({"TZ": ":Europe/Paris"}, none, none) == "Europe/Paris"
    # A POSIX rule overrides the system's zone but has no IANA name: plain local times.
    etc = tmp_path / "timezone"
    etc.write_text("Europe/Paris\n", encoding="utf-8")
    assert calendar.local_zone_name({"TZ": "CET-1CEST"}, none, etc) is None


def test_the_zone_comes_from_etc_localtime_then_etc_timezone(tmp_path: Path) -> None:
    zone_file = tmp_path / "usr" / "share" / "zoneinfo" / "Europe" / "Paris"
    zone_file.parent.mkdir(parents=True)
    zone_file.write_bytes(b"TZif")
    link = tmp_path / "localtime"
    link.symlink_to(zone_file)
    etc = tmp_path / "timezone"
    etc.write_text("Asia/Tokyo\n", encoding="utf-8")
    assert calendar.local_zone_name({}, link, etc) == "Europe/Paris"
    link.unlink()
    link.symlink_to(tmp_path / "nowhere")
    assert calendar.local_zone_name({}, link, etc) == "Asia/Tokyo"
    etc.write_text("Not/AZone\n", encoding="utf-8")
    assert calendar.local_zone_name({}, link, etc) is None
    assert calendar.local_zone_name({}, link, tmp_path / "missing") is None


@pytest.mark.parametrize("name", ["Europe", "../etc/passwd", "/etc/passwd", "", "Mars/Olympus"])
def test_what_is_not_a_zone_name_is_none(name: str) -> None:
    assert calendar.zone_named(name) is None


# -- writing ----------------------------------------------------------------------------
def test_write_schedule_writes_the_current_program(store: History, tmp_path: Path) -> None:
    store.programs.start_program(program())
    target = tmp_path / "plan.ics"
    summary = calendar.write_schedule(store.programs, target, LONDON, STAMP)
    assert summary.describe(target) == f"Wrote 168 sessions (12 weeks from 7 Dec 2026) to {target}"
    assert summary.questionnaires == 6
    assert len(sessions(parsed(target.read_bytes()))) == 168
    assert target.read_bytes() == calendar.schedule_bytes(program(), LONDON, STAMP)
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == files.FILE_MODE


def test_without_a_program_nothing_is_written(store: History, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    with pytest.raises(calendar.NoProgramError, match="set up a 12-week program"):
        calendar.write_schedule(store.programs, target, LONDON, STAMP)
    assert not target.exists()


def test_a_full_disk_leaves_the_old_file_and_no_part_file(
    store: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.programs.start_program(program())
    target = tmp_path / "plan.ics"
    target.write_bytes(b"the previous export")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError) as caught:
        calendar.write_schedule(store.programs, target, LONDON, STAMP)
    assert str(caught.value) == f"Could not write {target}: the disk is full."
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "plan.ics"]
