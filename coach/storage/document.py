"""The checked export document: what a Coach JSON export holds, as typed rows.

`check(raw)` takes what `json.loads` gave and returns a `Document` of frozen dataclasses
(moments as `Stamp`, days as `date`, times of day as `time`, legs as `Side`, ...), or
raises DocumentError naming every problem and where it is (`sessions[0].sets[1].pain:
must be ...`); a user is shown the first MAX_PROBLEMS. The export (`coach-export`,
version 4) carries every table: the sessions with their sets, the programs, the morning
check-ins, the VISA-A results (with the leg each is about) and the program events;
version 1 files (sessions only), version 2 files (programs without their pace and
starting load, which take the defaults) and version 3 files (VISA-A results without
their leg, which is then not recorded) are read as version 4 says them.

Each row's fields are checked from a table (`Kind`: a field's check, and how it is
read once it passes), so a field's rule and its type are written once. Every date must
be one a computer clock shows (checks.CLOCK_FIRST to CLOCK_LAST); dates a wrong clock
gave are not refused here (the import names them). What depends on the database (an
event's program that is not in the file) is checked by the import.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any, cast

from coach.domain.program import DOSE, MAX_WEEKS, WEEKS, Status, parse_time
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import LIMITS, Injured, Settings, Side
from coach.domain.visa_a import VisaAnswers, VisaError
from coach.domain.visa_a import score as visa_score
from coach.storage import schema
from coach.storage.checks import (
    Check,
    Field,
    Kind,
    answers_problems,
    bad,
    clock_problems,
    date_problems,
    id_problems,
    is_int,
    is_number,
    limit,
    member,
    no_problems,
    one_of,
    or_none,
    or_null,
    pain_problems,
    read_rows,
    rows_problems,
    shown,
    stiffness_problems,
    text_problems,
    time_problems,
    whole,
)
from coach.storage.programs import RED_FLAG, RESUMED
from coach.storage.sessions import SESSION_COLUMNS, SET_COLUMNS

FORMAT = "coach-export"
VERSION = 4
MAX_PROBLEMS = 5
MAX_SETS = 100  # far more than any session plan has (10 sets x 2 exercises x 2 sides)
# The longest plan the settings allow (40 sets of 50 slow reps, 10-minute rests) is 15 hours.
MAX_SESSION_SECONDS = 24 * 60 * 60

# The columns of the tables of schema version 4, in the order the tables declare them.
PROGRAM_COLUMNS = (
    "id", "created", "start", "protocol", "injured", "morning", "evening", "weeks",
    "visa_every_weeks", "status", "reason", "ended", *DOSE,
)  # fmt: skip
CHECKIN_COLUMNS = ("day", "recorded", "pain", "stiffness_minutes")
VISA_COLUMNS = ("id", "taken", "answers", "score", "side")
EVENT_COLUMNS = ("id", "at", "program_id", "kind", "detail")
# The sections a version 2, 3 or 4 file adds to "sessions": each is a table's rows.
SECTIONS = ("programs", "checkins", "visa_a", "events")


# -- the document ---------------------------------------------------------------------
@dataclass(frozen=True)
class Stamp:
    """A moment as Coach writes it: the local time with its UTC offset.

    `text` is the file's own, written back as it is (a row keeps the text it was
    exported with); `at` is the same moment, to compare.
    """

    text: str
    at: datetime

    @classmethod
    def read(cls, text: str) -> Stamp:
        return cls(text, datetime.fromisoformat(text))

    @property
    def day(self) -> date:
        """The local date it shows (its own, whatever the offset)."""
        return self.at.date()


# Each row's fields are its table's columns, in the order the table declares them.
@dataclass(frozen=True)
class Set:
    """A finished set of a session (a row of `sets`, its session_id the session's)."""

    position: int
    exercise: str  # one of its session's protocol's exercises
    number: int
    side: Side  # one of its session's injured sides
    reps: int
    load_kg: float
    lower_seconds: int
    pain: int | None
    started: Stamp
    finished: Stamp


@dataclass(frozen=True)
class Session:
    """A workout, with the sets it finished."""

    id: str
    started: Stamp
    ended: Stamp | None
    status: str  # one of schema.STATUSES
    reason: str
    protocol: str  # a key of PROTOCOLS
    injured: Injured
    lower_seconds: int
    rest_seconds: int
    reps: int
    planned_sets: int
    load_kg: float
    get_ready_seconds: int
    seconds: float
    note: str
    sets: tuple[Set, ...]


@dataclass(frozen=True)
class Program:
    """A program as the `programs` table holds it."""

    id: str
    created: Stamp
    start: date
    protocol: str  # a key of PROTOCOLS
    injured: Injured
    morning: time
    evening: time
    weeks: int
    visa_every_weeks: int
    status: Status
    reason: str
    ended: Stamp | None
    lower_seconds: int
    rest_seconds: int
    get_ready_seconds: int
    load_kg: float


@dataclass(frozen=True)
class Checkin:
    """A morning check-in: None where it was not answered."""

    day: date
    recorded: Stamp
    pain: int | None
    stiffness_minutes: int | None


@dataclass(frozen=True)
class VisaResult:
    """A VISA-A questionnaire; `side` None: the program's one painful leg, or not known."""

    id: str
    taken: Stamp
    answers: VisaAnswers
    score: int  # the score of its answers
    side: Side | None


@dataclass(frozen=True)
class Event:
    """A program event: a red flag reported, or the program resumed."""

    id: str
    at: Stamp
    program_id: str | None  # a program of the file or of the database (the import checks)
    kind: str  # RED_FLAG or RESUMED
    detail: str


@dataclass(frozen=True)
class Document:
    """A checked export, as version 4 says it (a version 1 file has no programs, ...)."""

    version: int  # the file's own
    exported: Stamp | None
    sessions: tuple[Session, ...]
    programs: tuple[Program, ...]
    checkins: tuple[Checkin, ...]
    visa_a: tuple[VisaResult, ...]
    events: tuple[Event, ...]


class DocumentError(ValueError):
    """Not a Coach export this Coach reads. `problems` name each fault and where it is."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(joined(problems))
        self.problems = problems


def joined(problems: list[str]) -> str:
    """The first MAX_PROBLEMS problems, and how many more there are, in one line."""
    shown = problems[:MAX_PROBLEMS]
    more = len(problems) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def check(raw: object) -> Document:
    """`raw` (a parsed export file) as a Document; DocumentError naming every problem.

    `raw` is not changed: an older version's missing fields are filled in on a copy.
    """
    doc = _upgraded(raw)
    found = list(_document_problems(doc))
    if found:
        raise DocumentError(found)
    return _document(cast("dict[str, Any]", doc))  # anything else has problems


def problems(raw: object) -> Iterator[str]:
    """Every problem of `raw`, with where it is, in the order `check` finds them."""
    return _document_problems(_upgraded(raw))


# -- the document as a whole ---------------------------------------------------------
_TOP_LEVEL = ("format", "version", "exported", "app", "sessions", *SECTIONS)


def _upgraded(doc: object) -> object:
    """An older document as version 4 says it, on a copy (rows given a default are new).

    A version 2 file's programs get the default dose; a version 2 or 3 file's VISA-A
    results get no leg (`side` null: the program's one painful leg, or not known).
    """
    if not isinstance(doc, dict):
        return doc
    doc = dict(doc)
    if doc.get("version") == 2 and isinstance(doc.get("programs"), list):
        defaults = {name: getattr(Settings, name) for name in DOSE}
        doc["programs"] = [
            {**defaults, **row} if isinstance(row, dict) else row for row in doc["programs"]
        ]
    if doc.get("version") in (2, 3) and isinstance(doc.get("visa_a"), list):
        doc["visa_a"] = [
            {"side": None, **row} if isinstance(row, dict) else row for row in doc["visa_a"]
        ]
    return doc


def _unknown_sections(doc: dict[str, Any]) -> Iterator[str]:
    """Top-level names no Coach writes: dropped unseen otherwise (a newer file, a typo)."""
    for name in doc:
        if name not in _TOP_LEVEL:
            yield f'"{name}": not a part of a Coach export (it has {", ".join(_TOP_LEVEL)})'


def _document_problems(doc: object) -> Iterator[str]:
    if not isinstance(doc, dict):
        yield "top level: must be a JSON object"
        return
    if doc.get("format") != FORMAT:
        got = shown(doc.get("format"))
        yield f'"format": must be "{FORMAT}" (got {got}); is this a Coach export?'
        return
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        yield f'"version": must be a whole number from 1 to {VERSION} (got {shown(version)})'
        return
    if version > VERSION:
        yield (
            f'"version": {version} is from a newer Coach (this one reads up to {VERSION}); '
            "update Coach to import it"
        )
        return
    yield from _unknown_sections(doc)
    if "exported" in doc:  # what "in the future" is measured against (odd_dates)
        yield from time_problems('"exported"', doc["exported"])
    yield from rows_problems('"sessions"', "sessions", doc.get("sessions"), _SESSION)
    if version == 1:
        # A version 1 file has sessions only: rows beside them would be dropped unseen.
        for name in SECTIONS:
            if name in doc:
                yield f'"{name}": not part of a version 1 file; is "version" right?'
        return
    for name in SECTIONS:
        if name in doc:
            yield from rows_problems(f'"{name}"', name, doc[name], _SECTION_KINDS[name])
        else:
            yield f'"{name}": missing (a version {version} file has every section, empty or not)'


def _document(doc: dict[str, Any]) -> Document:
    """A document `_document_problems` found nothing wrong with."""
    return Document(
        version=doc["version"],
        exported=Stamp.read(doc["exported"]) if "exported" in doc else None,
        sessions=read_rows(doc["sessions"], _SESSION),
        programs=read_rows(doc.get("programs", []), _PROGRAM),
        checkins=read_rows(doc.get("checkins", []), _CHECKIN),
        visa_a=read_rows(doc.get("visa_a", []), _VISA),
        events=read_rows(doc.get("events", []), _EVENT),
    )


# -- each kind of row: its fields, in the order they are checked ---------------------
def _seconds_problems(at: str, value: object) -> Iterator[str]:
    if not is_number(value) or not 0 <= value <= MAX_SESSION_SECONDS:
        must = f"a number of seconds from 0 to {MAX_SESSION_SECONDS} (a day)"
        yield bad(at, must, value)


_ID = Field(id_problems)
_TEXT = Field(text_problems)
_PAIN = Field(pain_problems)
_STAMP = Field(time_problems, Stamp.read)
_STAMP_OR_NULL = Field(or_null(time_problems), or_none(Stamp.read))
_DATE = Field(date_problems, date.fromisoformat)
_CLOCK = Field(clock_problems, parse_time)
_PROTOCOL = Field(one_of(PROTOCOLS, f"one of {', '.join(PROTOCOLS)}"))
_INJURED = member(Injured, "one of left, right, both")
_INJURED_VALUES = tuple(i.value for i in Injured)
_SIDES = tuple(s.value for s in Side)
_SIDE_OF = {s.value: s for s in Side}  # not Side(...): see checks.member
_SESSION_LIMITS = {
    "lower_seconds": "lower_seconds",
    "rest_seconds": "rest_seconds",
    "reps": "reps",
    "planned_sets": "sets",
    "load_kg": "load_kg",
    "get_ready_seconds": "get_ready_seconds",
}
_KINDS = (RED_FLAG, RESUMED)


def _exercise(exercises: tuple[str, ...]) -> Check:
    def check_exercise(at: str, value: object) -> Iterator[str]:
        if not isinstance(value, str) or (exercises and value not in exercises):
            yield bad(at, f"one of {', '.join(exercises)}", value)

    return check_exercise


def _side(sides: tuple[str, ...]) -> Check:
    def check_side(at: str, value: object) -> Iterator[str]:
        if not isinstance(value, str) or (sides and value not in sides):
            yield bad(at, f"one of the injured sides {', '.join(sides)}", value)

    return check_side


@cache
def _set_kind(protocol: str | None, injured: str | None) -> Kind[Set]:
    """The sets of a session of `protocol` on the `injured` side(s); either None if wrong."""
    exercises = tuple(sorted(e.id for e in PROTOCOLS[protocol].exercises)) if protocol else ()
    sides = tuple(side.value for side in Injured(injured).sides) if injured else ()
    return Kind(
        Set,
        SET_COLUMNS[1:],
        {
            "position": whole(0, MAX_SETS - 1),
            "exercise": Field(_exercise(exercises)),
            "number": whole(1, int(LIMITS["sets"].high)),
            "side": Field(_side(sides), _SIDE_OF.__getitem__),
            "reps": whole(0, int(LIMITS["reps"].high)),
            "load_kg": limit("load_kg"),
            "lower_seconds": limit("lower_seconds"),
            "pain": _PAIN,
            "started": _STAMP,
            "finished": _STAMP,
        },
        key="position",
        twice="appears twice in this session",
        keyed=is_int,
        key_incomplete=True,
    )


def _sets_problems(where: str, session: Mapping[str, Any]) -> Iterator[str]:
    """A session's sets, whose exercises and sides are those of the session, if it is right."""
    protocol, injured = session["protocol"], session["injured"]
    kind = _set_kind(
        protocol if isinstance(protocol, str) and protocol in PROTOCOLS else None,
        injured if isinstance(injured, str) and injured in _INJURED_VALUES else None,
    )
    return rows_problems(f"{where}.sets", f"{where}.sets", session["sets"], kind)


def _read_sets(rows: list[dict[str, Any]]) -> tuple[Set, ...]:
    return read_rows(rows, _set_kind(None, None))


_SESSION: Kind[Session] = Kind(
    Session,
    (*SESSION_COLUMNS, "sets"),
    {
        "id": _ID,
        "started": _STAMP,
        "ended": _STAMP_OR_NULL,
        "status": Field(one_of(schema.STATUSES, f"one of {', '.join(schema.STATUSES)}")),
        "protocol": _PROTOCOL,
        "injured": _INJURED,
        **{name: limit(setting) for name, setting in _SESSION_LIMITS.items()},
        "seconds": Field(_seconds_problems, float),
        "reason": _TEXT,
        "note": _TEXT,
        "sets": Field(no_problems, _read_sets, then=_sets_problems),  # last: after its session
    },
    key="id",
    key_incomplete=True,
)


def _later_than_morning(where: str, p: Mapping[str, Any]) -> Iterator[str]:
    if not any(clock_problems(where, p["morning"])) and not p["morning"] < p["evening"]:
        yield bad(f"{where}.evening", f"later than morning ({p['morning']})", p["evening"])


_PROGRAM: Kind[Program] = Kind(
    Program,
    PROGRAM_COLUMNS,
    {
        "id": _ID,
        "created": _STAMP,
        "start": _DATE,
        "protocol": _PROTOCOL,
        "injured": _INJURED,
        "morning": _CLOCK,
        "evening": Field(_CLOCK.check, _CLOCK.read, then=_later_than_morning),
        "weeks": whole(1, MAX_WEEKS),
        # Program's own bound: a VISA-A at least once in a standard 12-week program.
        "visa_every_weeks": whole(1, WEEKS),
        **{name: limit(name) for name in DOSE},
        "status": member(Status, f"one of {', '.join(s.value for s in Status)}"),
        "reason": _TEXT,
        "ended": _STAMP_OR_NULL,
    },
    key="id",
)
_CHECKIN: Kind[Checkin] = Kind(
    Checkin,
    CHECKIN_COLUMNS,
    {
        "day": _DATE,
        "recorded": _STAMP,
        "pain": _PAIN,
        "stiffness_minutes": Field(stiffness_problems),
    },
    key="day",
)


def _score_of_answers(where: str, v: Mapping[str, Any]) -> Iterator[str]:
    if not isinstance(v["answers"], dict):
        return
    try:
        answers = VisaAnswers.from_dict(v["answers"])
    except VisaError:
        return  # named as the answers' problem
    if v["score"] != visa_score(answers):
        yield bad(f"{where}.score", f"{visa_score(answers)}, the score of its answers", v["score"])


def _program_id_problems(at: str, value: object) -> Iterator[str]:
    return id_problems(at, value, " or null")


_VISA: Kind[VisaResult] = Kind(
    VisaResult,
    VISA_COLUMNS,
    {
        "id": _ID,
        "taken": _STAMP,
        "answers": Field(answers_problems, VisaAnswers.from_dict),
        "score": Field(whole(0, 100).check, then=_score_of_answers),
        "side": Field(or_null(one_of(_SIDES, "left, right or null")), _SIDE_OF.get),
    },
    key="id",
)
_EVENT: Kind[Event] = Kind(
    Event,
    EVENT_COLUMNS,
    {
        "id": _ID,
        "at": _STAMP,
        # Whether that program exists is checked on import: it may be in the database.
        "program_id": Field(or_null(_program_id_problems)),
        "kind": Field(one_of(_KINDS, " or ".join(repr(k) for k in _KINDS))),
        "detail": _TEXT,
    },
    key="id",
)
_SECTION_KINDS: dict[str, Kind[Any]] = {
    "programs": _PROGRAM,
    "checkins": _CHECKIN,
    "visa_a": _VISA,
    "events": _EVENT,
}
