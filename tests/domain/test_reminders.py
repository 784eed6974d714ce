"""Reminders: which session is due now, when to look again, and what the reminder says."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.program import Part, Program, Slot, Status
from coach.domain.reminders import CHECK_EVERY, due_slot, next_check, reminder, words
from coach.domain.settings import Injured

START = date(2026, 11, 2)
PROGRAM = Program(id="p", start=START, protocol="alfredson", injured=Injured.RIGHT)
EVENING = Slot(START, Part.EVENING, time(18))
MORNING = Slot(START, Part.MORNING, time(8))


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(START + timedelta(days=day), time(hour, minute, second))


def test_the_evening_session_is_due_from_its_time_until_midnight() -> None:
    assert due_slot(PROGRAM, set(), at(0, 17, 59, 59)) is None
    assert due_slot(PROGRAM, set(), at(0, 18)) == EVENING
    assert due_slot(PROGRAM, set(), at(0, 23, 59)) == EVENING
    assert due_slot(PROGRAM, set(), at(1, 0)) is None  # closed: not a reminder for yesterday


def test_the_morning_session_is_due_until_the_day_splits() -> None:
    assert due_slot(PROGRAM, set(), at(0, 8)) == MORNING
    assert due_slot(PROGRAM, set(), at(0, 12, 59)) == MORNING
    assert due_slot(PROGRAM, set(), at(0, 13)) is None  # halfway between 08:00 and 18:00


def test_a_session_done_is_not_reminded() -> None:
    assert due_slot(PROGRAM, {EVENING}, at(0, 18)) is None
    assert due_slot(PROGRAM, {EVENING}, at(0, 12)) == MORNING


@pytest.mark.parametrize("status", [Status.PAUSED, Status.ENDED])
def test_a_program_not_active_reminds_of_nothing(status: Status) -> None:
    stopped = replace(PROGRAM, status=status)
    assert due_slot(stopped, set(), at(0, 18)) is None
    assert next_check(stopped, set(), at(0, 17)) == at(0, 17) + CHECK_EVERY


def test_no_reminder_before_or_after_the_program() -> None:
    assert due_slot(PROGRAM, set(), at(-1, 18)) is None
    last = datetime.combine(PROGRAM.end, time(18))
    assert due_slot(PROGRAM, set(), last) == Slot(PROGRAM.end, Part.EVENING, time(18))
    assert due_slot(PROGRAM, set(), last + timedelta(days=1)) is None


def test_an_aware_time_is_read_as_its_wall_clock_time() -> None:
    aware = at(0, 18).replace(tzinfo=timezone(timedelta(hours=-5)))
    assert due_slot(PROGRAM, set(), aware) == EVENING
    assert next_check(PROGRAM, set(), aware) == at(0, 18) + CHECK_EVERY


def test_the_next_check_is_the_next_session_time_within_the_cap() -> None:
    assert next_check(PROGRAM, set(), at(0, 17, 59, 30)) == at(0, 18)
    assert next_check(PROGRAM, set(), at(0, 17)) == at(0, 17, 1)
    assert next_check(PROGRAM, set(), at(0, 17, 50), timedelta(minutes=15)) == at(0, 18)
    assert next_check(PROGRAM, set(), at(0, 17), timedelta(hours=2)) == at(0, 18)
    # The session at 18:00 is done already: nothing to wake for until tomorrow morning.
    assert next_check(PROGRAM, {EVENING}, at(0, 17), timedelta(days=1)) == at(1, 8)
    # Before the program starts: its first morning.
    assert next_check(PROGRAM, set(), at(-1, 20), timedelta(days=1)) == at(0, 8)


def test_no_program_or_none_left_means_checking_at_the_cap() -> None:
    assert next_check(None, set(), at(0, 9)) == at(0, 9) + CHECK_EVERY
    after = datetime.combine(PROGRAM.end, time(19))
    assert next_check(PROGRAM, set(), after, timedelta(days=3)) == after + timedelta(days=3)


def test_the_check_interval_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        next_check(PROGRAM, set(), at(0, 9), timedelta(0))


def test_the_reminder_says_which_session_and_what_to_do() -> None:
    found = reminder(PROGRAM, set(), at(0, 18, 5))
    assert found is not None
    assert found.slot == EVENING
    assert found.title == "Time for your evening heel drops"
    assert "18:00" in found.body
    assert "Alfredson heel drops off a step, on the right leg" in found.body
    assert reminder(PROGRAM, {EVENING}, at(0, 18, 5)) is None


def test_the_words_follow_the_program() -> None:
    jonsson = replace(PROGRAM, protocol="jonsson", injured=Injured.BOTH, morning=time(6, 30))
    title, body = words(jonsson, Slot(START, Part.MORNING, time(6, 30)))
    assert title == "Time for your morning heel drops"
    assert "06:30" in body
    assert "Jonsson heel drops on a flat floor, on each leg" in body
    _, unknown = words(replace(PROGRAM, protocol="future"), EVENING)
    assert unknown == "Your evening session is due at 18:00."


# -- properties -------------------------------------------------------------------
MINUTES = 24 * 60
times_of_day = st.integers(min_value=0, max_value=MINUTES - 2).flatmap(
    lambda m: st.tuples(st.just(m), st.integers(min_value=m + 1, max_value=MINUTES - 1))
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Program, set[Slot], datetime, timedelta]:
    first, second = draw(times_of_day)
    program = Program(
        id="p",
        start=START,
        protocol=draw(st.sampled_from(["alfredson", "jonsson"])),
        injured=draw(st.sampled_from(Injured)),
        morning=time(first // 60, first % 60),
        evening=time(second // 60, second % 60),
        weeks=draw(st.integers(min_value=1, max_value=3)),
        status=draw(st.sampled_from(Status)),
    )
    now = datetime.combine(START, time()) + timedelta(
        seconds=draw(st.integers(min_value=-3 * 86400, max_value=25 * 86400))
    )
    nearby = [s for d in range(-2, 3) for s in program.slots(now.date() + timedelta(days=d))]
    done = set(draw(st.lists(st.sampled_from(nearby), max_size=6))) if nearby else set()
    every = timedelta(minutes=draw(st.integers(min_value=1, max_value=3 * MINUTES)))
    return program, done, now, every


@given(cases())
def test_a_reminder_is_only_for_an_open_session_not_done(
    case: tuple[Program, set[Slot], datetime, timedelta],
) -> None:
    program, done, now, _ = case
    slot = due_slot(program, done, now)
    if slot is None:
        return
    assert program.status is Status.ACTIVE
    assert slot not in done
    assert program.start <= slot.day <= program.end
    assert slot in program.slots(slot.day)
    assert slot.due <= now < program.closes(slot)


@given(cases())
def test_an_open_session_not_done_is_always_reminded(
    case: tuple[Program, set[Slot], datetime, timedelta],
) -> None:
    program, done, now, _ = case
    open_ = [s for s in program.slots(now.date()) if s.due <= now < program.closes(s)]
    expected = program.status is Status.ACTIVE and any(s not in done for s in open_)
    assert (due_slot(program, done, now) is not None) == expected


@given(cases())
def test_the_next_check_is_ahead_within_the_cap_and_misses_no_session(
    case: tuple[Program, set[Slot], datetime, timedelta],
) -> None:
    program, done, now, every = case
    check = next_check(program, done, now, every)
    assert now < check <= now + every
    if program.status is Status.ACTIVE:
        skipped = [
            s for s in program.all_slots() if now < s.due < check and s not in done
        ]  # a session whose time falls before the next look would be announced late
        assert not skipped
