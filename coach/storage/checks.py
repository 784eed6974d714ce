"""The checks of an export file's values, in the words a user is shown, and of its rows.

Each check yields the problems of one value, each naming where it is and what it must
be (`sessions[0].reps: must be a whole number from 1 to 50 (got '15')`). A `Kind` of
row is a table of its `Field`s (a check, and how the value is read once it passes):
`rows_problems` checks a list of such rows, `read_rows` makes them dataclasses
(coach.storage.document holds the tables).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from functools import cached_property
from typing import Any, Generic, TypeGuard, TypeVar

from coach.domain.advice import check_stiffness
from coach.domain.pain import check_rating
from coach.domain.program import ProgramError, parse_time
from coach.domain.settings import LIMITS, SettingError
from coach.domain.visa_a import VisaAnswers, VisaError

# Coach writes what the computer's clock says, however wrong (coach.domain.wall_clock), and a
# backup must restore what was written: a row dated outside EARLIEST .. now (a wrong clock) is
# imported as it is and named in a warning (`odd_dates`). Only a date no computer
# clock shows is refused: before the Unix epoch as the westernmost zone (UTC-12) shows
# it, 1969-12-31 (year 1, say), or past 2099 (year 9999), which no clock in use gives
# and whose week arithmetic would overflow.
CLOCK_FIRST = date(1969, 12, 31)
CLOCK_LAST = date(2099, 12, 31)

_ID_SHAPE = re.compile(r"[0-9A-Za-z_-]{1,64}")
# The one form Coach writes (SQLite's date functions and the day filter rely on it).
_STAMP_NO_ZONE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?")
_STAMP_SHAPE = re.compile(_STAMP_NO_ZONE.pattern + r"(Z|[+-]\d{2}:\d{2})")
# A time in UTC with no local time: "Z", or RFC 3339's "-00:00" (the local offset
# unknown). Coach never writes either (its "+00:00" is the local time of a zone at
# UTC+0). A row's day and session are those of its local time, which such a stamp
# does not give, and an import cannot be redone once its ids are in: refused.
_UTC_MARKS = ("Z", "-00:00")
# The shapes the schema's GLOB checks ask for (ASCII digits only, as GLOB's [0-9]).
_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CLOCK_SHAPE = re.compile(r"[0-2][0-9]:[0-5][0-9]")


def bad(at: str, must: str, value: object) -> str:
    return f"{at}: must be {must} (got {shown(value)})"


def id_problems(at: str, value: object, or_null: str = "") -> Iterator[str]:
    if not isinstance(value, str) or not _ID_SHAPE.fullmatch(value):
        yield bad(at, f"1 to 64 letters, digits, '-' or '_'{or_null}", value)


def text_problems(at: str, value: object) -> Iterator[str]:
    if not isinstance(value, str):
        yield bad(at, "text", value)


def whole_problems(at: str, value: object, low: int, high: int) -> Iterator[str]:
    if not is_int(value) or not low <= value <= high:
        yield bad(at, f"a whole number from {low} to {high}", value)


def pain_problems(at: str, value: object) -> Iterator[str]:
    if value is not None:
        try:
            check_rating(value)  # type: ignore[arg-type]  # check_rating() rejects non-ints
        except ValueError:
            yield bad(at, "a whole number from 0 to 10, or null", value)


def stiffness_problems(at: str, value: object) -> Iterator[str]:
    try:
        check_stiffness(value)  # type: ignore[arg-type]  # check_stiffness() rejects non-ints
    except ValueError:
        yield bad(at, "a whole number of minutes from 0 to 1440, or null", value)


def answers_problems(at: str, value: object) -> Iterator[str]:
    if not isinstance(value, dict):
        yield bad(at, "an object of the answers q1..q8", value)
        return
    try:
        VisaAnswers.from_dict(value)
    except VisaError as e:
        yield f"{at}: {e}"


def limit_problems(at: str, limit: str, value: object) -> Iterator[str]:
    try:
        LIMITS[limit].check(value)  # type: ignore[arg-type]  # check() rejects non-numbers
    except SettingError as e:
        yield f"{at}: {e}"


def time_problems(at: str, value: object) -> Iterator[str]:
    if not isinstance(value, str):
        yield bad(at, "a date and time as text", value)
        return
    example = "like 2026-11-21T08:00:00+01:00"
    if not _STAMP_SHAPE.fullmatch(value):
        if _STAMP_NO_ZONE.fullmatch(value):
            yield f"{at}: needs its UTC offset, {example} (got {shown(value)})"
        else:
            yield f"{at}: not an ISO 8601 date and time {example} (got {shown(value)})"
        return
    if value.endswith(_UTC_MARKS):
        mark = "Z" if value.endswith("Z") else "-00:00"
        yield (
            f"{at}: needs the local time with its UTC offset, {example}, not UTC marked "
            f"{mark!r} (got {shown(value)})"
        )
        return
    try:
        datetime.fromisoformat(value)
    except ValueError:
        yield f"{at}: not a real date and time (got {shown(value)})"
        return
    yield from _clock_range_problems(at, value)


def date_problems(at: str, value: object) -> Iterator[str]:
    if not isinstance(value, str) or not _DATE_SHAPE.fullmatch(value):
        yield bad(at, "a date like 2026-11-21", value)
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        yield f"{at}: not a real date (got {shown(value)})"
        return
    yield from _clock_range_problems(at, value)


def _clock_range_problems(at: str, value: str) -> Iterator[str]:
    """A date (or a stamp, by the date it shows) that no computer clock in use gives."""
    if not _CLOCK_FIRST_TEXT <= value[:10] <= _CLOCK_LAST_TEXT:  # four ASCII digits: text sorts
        yield (
            f"{at}: {value} is outside the dates Coach reads ({CLOCK_FIRST} to "
            f"{CLOCK_LAST}); the file may be damaged"
        )


_CLOCK_FIRST_TEXT = CLOCK_FIRST.isoformat()
_CLOCK_LAST_TEXT = CLOCK_LAST.isoformat()


def clock_problems(at: str, value: object) -> Iterator[str]:
    if not isinstance(value, str) or not _CLOCK_SHAPE.fullmatch(value):
        yield bad(at, "a time of day like 08:00", value)
        return
    try:
        parse_time(value)
    except ProgramError:
        yield f"{at}: not a real time of day (got {shown(value)})"


def shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def is_text(value: object) -> bool:
    return isinstance(value, str)


def is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# -- the rows: each field checked, then read as its type ------------------------------
_T = TypeVar("_T")
_E = TypeVar("_E", bound=Enum)
Check = Callable[[str, Any], Iterator[str]]  # (where, value): its problems
RowCheck = Callable[[str, Mapping[str, Any]], Iterator[str]]  # (where, row): its problems


def no_problems(_at: str, _value: object) -> Iterator[str]:
    return iter(())


@dataclass(frozen=True)
class Field:
    """One field of a row: its problems, and its value as the row's type once it has none."""

    check: Check
    read: Callable[[Any], object] | None = None  # None: the value as it is
    then: RowCheck | None = None  # what it must agree with in its row, if it is right itself


@dataclass(frozen=True)
class Kind(Generic[_T]):
    """A kind of row: its columns (all required), its fields in the order they are checked.

    No two rows of a list share `key` (a text, or for a set a whole number); a row that
    misses columns counts for that if `key_incomplete`.
    """

    make: Callable[..., _T]
    columns: tuple[str, ...]
    fields: Mapping[str, Field]
    key: str
    twice: str = "appears twice in the file"
    keyed: Callable[[object], bool] = is_text
    key_incomplete: bool = False

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(self.columns)

    @cached_property
    def readers(self) -> tuple[tuple[str, Callable[[Any], object] | None], ...]:
        return tuple((name, one.read) for name, one in self.fields.items())


def rows_problems(label: str, where: str, rows: object, kind: Kind[Any]) -> Iterator[str]:
    """The problems of a list of rows: each row's fields, a key used twice."""
    if not isinstance(rows, list):
        yield f"{label}: must be a list"
        return
    seen: set[object] = set()
    for i, row in enumerate(rows):
        at = f"{where}[{i}]"
        if not isinstance(row, dict):
            yield f"{at}: must be an object"
            continue
        complete = row.keys() >= kind.names
        yield from _row_problems(at, row, kind)
        value = row.get(kind.key)
        if (complete or kind.key_incomplete) and kind.keyed(value):
            if value in seen:
                yield f"{at}.{kind.key}: {value!r} {kind.twice}"
            seen.add(value)


def _row_problems(where: str, row: dict[str, Any], kind: Kind[Any]) -> Iterator[str]:
    if row.keys() != kind.names:  # rarely: a file that is not Coach's own, or damaged
        missing = [k for k in kind.columns if k not in row]
        if missing:
            yield f"{where}: missing {', '.join(missing)}"
            return
        unknown = sorted(set(row) - kind.names)
        yield f"{where}: unknown {', '.join(map(str, unknown))}"
    for name, one in kind.fields.items():
        if one.then is None:
            yield from one.check(f"{where}.{name}", row[name])
            continue
        found = list(one.check(f"{where}.{name}", row[name]))
        yield from found
        if not found:
            yield from one.then(where, row)


def read_rows(rows: list[dict[str, Any]], kind: Kind[_T]) -> tuple[_T, ...]:
    """Checked rows as `kind`'s dataclass."""
    make, readers = kind.make, kind.readers
    return tuple(
        make(**{name: row[name] if read is None else read(row[name]) for name, read in readers})
        for row in rows
    )


def or_null(check: Check) -> Check:
    def check_or_null(at: str, value: object) -> Iterator[str]:
        if value is not None:
            yield from check(at, value)

    return check_or_null


def member(kind: type[_E], must: str) -> Field:
    """One of the (text) values of `kind`, read as its member.

    Read through a dict, several times faster than calling the Enum (a file may hold
    some 100 000 sets, each with its side).
    """
    members = {m.value: m for m in kind}
    return Field(one_of(tuple(members), must), members.__getitem__)


def or_none(read: Callable[[Any], _T]) -> Callable[[Any], _T | None]:
    return lambda value: None if value is None else read(value)


def one_of(values: Collection[str], must: str) -> Check:
    def check_one_of(at: str, value: object) -> Iterator[str]:
        if not isinstance(value, str) or value not in values:
            yield bad(at, must, value)

    return check_one_of


def limit(name: str) -> Field:
    """A setting (its LIMITS entry `name`): a whole number as int, a load as float."""

    def check_limit(at: str, value: object) -> Iterator[str]:
        return limit_problems(at, name, value)

    return Field(check_limit, int if LIMITS[name].whole else float)


def whole(low: int, high: int) -> Field:
    def check_whole(at: str, value: object) -> Iterator[str]:
        return whole_problems(at, value, low, high)

    return Field(check_whole)
