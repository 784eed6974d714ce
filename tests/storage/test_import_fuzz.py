"""Malformed export files: each is refused with a message naming its fault, and the
database it was imported into is byte for byte what it was.

Every file starts as a real export (two weeks of demo history, a paused and resumed
program) and is damaged in one named way: cut short, not UTF-8, wrong types, numbers
out of range, pain 11, dates in the future, in the year 0 or before 2000, a session
ending days before it started, times in UTC ("Z") with no local time, an unknown
version, ids used twice, nesting 100000 deep, 50 MB. The target database holds a history of its
own, so a write that slipped through would change its bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from coach.cli import main
from coach.storage import database as database_module
from coach.storage import demo, json_export, json_import
from coach.storage.database import DB_NAME
from coach.storage.history import History
from tests.helpers import WallClock, flag

Damage = Callable[[bytes], bytes]


@dataclass(frozen=True)
class Bad:
    """A damaged file: what is wrong (the test id), how to make it, what the refusal says."""

    id: str
    damage: Damage
    says: str


def edit(change: Callable[[dict[str, Any]], object]) -> Damage:
    """Damage the parsed document, written back as JSON (NaN and Infinity as such)."""

    def damage(good: bytes) -> bytes:
        doc = json.loads(good)
        change(doc)
        return json.dumps(doc, indent=1).encode("ascii")

    return damage


def text(change: Callable[[str], str]) -> Damage:
    """Damage the file's text, for what json.dumps would never write."""
    return lambda good: change(good.decode("utf-8")).encode("utf-8")


def first(pattern: str, replacement: str) -> Damage:
    """Replace the first match of `pattern` in the file's text."""

    def change(source: str) -> str:
        changed, n = re.subn(pattern, replacement, source, count=1)
        assert n == 1, f"{pattern!r} is not in the export"
        return changed

    return text(change)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def s0(doc: dict[str, Any]) -> dict[str, Any]:
    first_session: dict[str, Any] = doc["sessions"][0]
    return first_session


def set0(doc: dict[str, Any]) -> dict[str, Any]:
    first_set: dict[str, Any] = doc["sessions"][0]["sets"][0]
    return first_set


def duplicate(section: str, key: str) -> Callable[[dict[str, Any]], object]:
    def change(doc: dict[str, Any]) -> None:
        rows = doc[section]
        rows[0][key] = "dup-1"
        rows.insert(1, {**rows[0]})

    return change


def visa_score_off_by_one(doc: dict[str, Any]) -> None:
    doc["visa_a"][0]["score"] += 1


EXPORTED = "2026-11-21T08:00:00+01:00"  # the WallClock's time, when the export was written
IN_THE_FUTURE = f"is in the future (the file was exported {EXPORTED})"
TOO_EARLY = "is before 2000-01-01"
NO_CLOCK = "is outside the dates Coach reads (1969-12-31 to 2099-12-31); the file may be damaged"

BAD: list[Bad] = [
    # -- not a readable JSON file ------------------------------------------------
    Bad("empty-file", lambda good: b"", "not a JSON file (line 1 column 1: Expecting value)"),
    Bad("truncated-after-1-byte", lambda good: good[:1], "not a JSON file (line 1 column 2"),
    Bad("truncated-after-100-bytes", lambda good: good[:100],
        "not a JSON file (line 5 column 9: Unterminated string starting at)"),
    Bad("truncated-in-the-middle", lambda good: good[: len(good) // 2], "not a JSON file (line "),
    Bad("truncated-before-the-last-brace", lambda good: good.rstrip()[:-1],
        "not a JSON file (line 1769 column 1: Expecting ',' delimiter)"),
    Bad("a-csv-export-instead", lambda good: b"session_id,session_started\r\n1,2\r\n",
        "not a JSON file (line 1 column 1: Expecting value)"),
    Bad("nul-bytes", lambda good: b"\0" * 64, "not a JSON file (line 1 column 1"),
    Bad("trailing-garbage", lambda good: good + b"{}",
        "not a JSON file (line 1770 column 1: Extra data)"),
    Bad("invalid-utf8-at-byte-1", lambda good: good[:1] + b"\xff" + good[1:],
        "byte 1: not UTF-8 text"),
    Bad("invalid-utf8-in-a-note", lambda good: good.replace(b'"note": ""', b'"note": "\xc0"', 1),
        "not UTF-8 text"),
    Bad("utf16-as-notepad-saves-unicode",
        lambda good: good.decode("utf-8").encode("utf-16"), "byte 0: not UTF-8 text"),
    Bad("latin1-accent", lambda good: good.replace(b'"note": ""', b'"note": "caf\xe9"', 1),
        "not UTF-8 text"),
    Bad("lone-surrogate-escape-in-a-note", first(r'"note": ""', r'"note": "\\ud800"'),
        "text with half a character in it"),
    Bad("lone-surrogate-escape-as-a-key", first(r'"note": ""', r'"note": "", "\\udfff": 1'),
        "text with half a character in it"),
    Bad("integer-of-5000-digits", first(r'"reps": 15', '"reps": ' + "9" * 5000),
        "a number with thousands of digits"),
    Bad("nested-100000-deep", lambda good: nested(100_000).encode(),
        "lists or objects nested too deeply"),
    Bad("note-nested-100000-deep", first(r'"note": ""', '"note": ' + nested(100_000)),
        "lists or objects nested too deeply"),
    Bad("note-nested-50-deep", first(r'"note": ""', '"note": ' + nested(50)),
        "sessions[0].note: must be text (got [[[["),
    # -- not a Coach export --------------------------------------------------------
    Bad("top-level-list", lambda good: b"[" + good + b"]", "top level: must be a JSON object"),
    Bad("top-level-string", lambda good: b'"coach-export"', "top level: must be a JSON object"),
    Bad("top-level-null", lambda good: b"null", "top level: must be a JSON object"),
    Bad("format-missing", edit(lambda d: d.pop("format")),
        '"format": must be "coach-export" (got None); is this a Coach export?'),
    Bad("format-in-capitals", edit(lambda d: d.update(format="Coach-Export")),
        '"format": must be "coach-export" (got \'Coach-Export\')'),
    Bad("version-0", edit(lambda d: d.update(version=0)),
        '"version": must be a whole number from 1 to 4 (got 0)'),
    Bad("version-5", edit(lambda d: d.update(version=5)),
        '"version": 5 is from a newer Coach (this one reads up to 4); update Coach'),
    Bad("version-as-text", edit(lambda d: d.update(version="2")),
        '"version": must be a whole number from 1 to 4 (got \'2\')'),
    Bad("version-true", edit(lambda d: d.update(version=True)),
        '"version": must be a whole number from 1 to 4 (got True)'),
    Bad("version-3.0", edit(lambda d: d.update(version=3.0)),
        '"version": must be a whole number from 1 to 4 (got 3.0)'),
    Bad("version-missing", edit(lambda d: d.pop("version")),
        '"version": must be a whole number from 1 to 4 (got None)'),
    Bad("exported-not-a-time", edit(lambda d: d.update(exported="soon")),
        '"exported": not an ISO 8601 date and time'),
    # -- sections ------------------------------------------------------------------
    Bad("sessions-missing", edit(lambda d: d.pop("sessions")), '"sessions": must be a list'),
    Bad("programs-missing", edit(lambda d: d.pop("programs")),
        '"programs": missing (a version 4 file has every section, empty or not)'),
    Bad("checkins-an-object", edit(lambda d: d.update(checkins={})), '"checkins": must be a list'),
    Bad("events-null", edit(lambda d: d.update(events=None)), '"events": must be a list'),
    Bad("version-1-with-programs", edit(lambda d: d.update(version=1)),
        '"programs": not part of a version 1 file; is "version" right?'),
    Bad("a-session-that-is-a-list", edit(lambda d: d["sessions"].insert(0, [])),
        "sessions[0]: must be an object"),
    Bad("a-set-that-is-null", edit(lambda d: s0(d)["sets"].insert(0, None)),
        "sessions[0].sets[0]: must be an object"),
    Bad("a-session-key-unknown", edit(lambda d: s0(d).update(colour="red")),
        "sessions[0]: unknown colour"),
    Bad("a-set-key-unknown", edit(lambda d: set0(d).update(session_id="x")),
        "sessions[0].sets[0]: unknown session_id"),
    Bad("a-program-key-unknown", edit(lambda d: d["programs"][0].update(goal="run")),
        "programs[0]: unknown goal"),
    Bad("a-program-missing-weeks", edit(lambda d: d["programs"][0].pop("weeks")),
        "programs[0]: missing weeks"),
    Bad("a-set-missing-pain", edit(lambda d: set0(d).pop("pain")),
        "sessions[0].sets[0]: missing pain"),
    # -- wrong types -----------------------------------------------------------------
    Bad("session-reps-as-text", edit(lambda d: s0(d).update(reps="15")),
        "sessions[0].reps: must be a whole number from 1 to 50 (got '15')"),
    Bad("session-load-a-list", edit(lambda d: s0(d).update(load_kg=[])),
        "sessions[0].load_kg: must be a number from 0 to 200 kg (got [])"),
    Bad("session-started-null", edit(lambda d: s0(d).update(started=None)),
        "sessions[0].started: must be a date and time as text (got None)"),
    Bad("session-sets-an-object", edit(lambda d: s0(d).update(sets={})),
        "sessions[0].sets: must be a list"),
    Bad("session-status-unknown", edit(lambda d: s0(d).update(status="done")),
        "sessions[0].status: must be one of"),
    Bad("session-note-a-number", edit(lambda d: s0(d).update(note=42)),
        "sessions[0].note: must be text (got 42)"),
    Bad("session-id-empty", edit(lambda d: s0(d).update(id="")),
        "sessions[0].id: must be 1 to 64 letters, digits, '-' or '_' (got '')"),
    Bad("session-id-a-path", edit(lambda d: s0(d).update(id="../../etc/passwd")),
        "sessions[0].id: must be 1 to 64 letters"),
    Bad("session-protocol-unknown", edit(lambda d: s0(d).update(protocol="stretching")),
        "sessions[0].protocol: must be one of alfredson, jonsson"),
    Bad("set-side-not-the-injured-one", edit(lambda d: set0(d).update(side="left")),
        "sessions[0].sets[0].side: must be one of the injured sides right (got 'left')"),
    Bad("event-kind-unknown", edit(lambda d: d["events"][0].update(kind="snap")),
        "events[0].kind: must be 'red flag' or 'resumed' (got 'snap')"),
    Bad("event-program-id-a-number", edit(lambda d: d["events"][0].update(program_id=7)),
        "events[0].program_id: must be 1 to 64 letters, digits, '-' or '_' or null (got 7)"),
    # -- numbers out of range ----------------------------------------------------------
    Bad("session-seconds-negative", edit(lambda d: s0(d).update(seconds=-1)),
        "sessions[0].seconds: must be a number of seconds from 0 to 86400 (a day) (got -1)"),
    Bad("session-seconds-1e308", edit(lambda d: s0(d).update(seconds=1e308)),
        "sessions[0].seconds: must be a number of seconds from 0 to 86400 (a day) (got 1e+308)"),
    Bad("session-seconds-NaN-literal", first(r'"seconds": [0-9.]+', '"seconds": NaN'),
        "sessions[0].seconds: must be a number of seconds from 0 to 86400 (a day) (got nan)"),
    Bad("session-seconds-Infinity-literal", first(r'"seconds": [0-9.]+', '"seconds": Infinity'),
        "sessions[0].seconds: must be a number of seconds from 0 to 86400 (a day) (got inf)"),
    Bad("session-planned-sets-0", edit(lambda d: s0(d).update(planned_sets=0)),
        "sessions[0].planned_sets: must be a whole number from 1 to 10 (got 0)"),
    Bad("set-reps-2**63", edit(lambda d: set0(d).update(reps=2**63)),
        "sessions[0].sets[0].reps: must be a whole number from 0 to 50 (got 9223372036854775808)"),
    Bad("set-load-1e308", edit(lambda d: set0(d).update(load_kg=1e308)),
        "sessions[0].sets[0].load_kg: must be a number from 0 to 200 kg (got 1e+308)"),
    Bad("session-load-minus-Infinity-literal", first(r'"load_kg": [0-9.]+', '"load_kg": -Infinity'),
        "sessions[0].load_kg: must be a number from 0 to 200 kg (got -inf)"),
    Bad("set-lower-seconds-negative", edit(lambda d: set0(d).update(lower_seconds=-3)),
        "sessions[0].sets[0].lower_seconds: must be a whole number from 2 to 10 s (got -3)"),
    Bad("set-position-100", edit(lambda d: set0(d).update(position=100)),
        "sessions[0].sets[0].position: must be a whole number from 0 to 99 (got 100)"),
    Bad("program-weeks-53", edit(lambda d: d["programs"][0].update(weeks=53)),
        "programs[0].weeks: must be a whole number from 1 to 52 (got 53)"),
    Bad("program-visa-every-0-weeks", edit(lambda d: d["programs"][0].update(visa_every_weeks=0)),
        "programs[0].visa_every_weeks: must be a whole number from 1 to 12 (got 0)"),
    Bad("program-lower-seconds-11", edit(lambda d: d["programs"][0].update(lower_seconds=11)),
        "programs[0].lower_seconds: must be a whole number from 2 to 10 s (got 11)"),
    # -- pain, stiffness, VISA-A ------------------------------------------------------
    Bad("pain-11", edit(lambda d: set0(d).update(pain=11)),
        "sessions[0].sets[0].pain: must be a whole number from 0 to 10, or null (got 11)"),
    Bad("pain-minus-1", edit(lambda d: set0(d).update(pain=-1)),
        "sessions[0].sets[0].pain: must be a whole number from 0 to 10, or null (got -1)"),
    Bad("pain-5.5", edit(lambda d: set0(d).update(pain=5.5)),
        "sessions[0].sets[0].pain: must be a whole number from 0 to 10, or null (got 5.5)"),
    Bad("pain-as-text", edit(lambda d: set0(d).update(pain="5")),
        "sessions[0].sets[0].pain: must be a whole number from 0 to 10, or null (got '5')"),
    Bad("checkin-pain-11", edit(lambda d: d["checkins"][0].update(pain=11)),
        "checkins[0].pain: must be a whole number from 0 to 10, or null (got 11)"),
    Bad("checkin-stiffness-1441", edit(lambda d: d["checkins"][0].update(stiffness_minutes=1441)),
        "checkins[0].stiffness_minutes: must be a whole number of minutes from 0 to 1440, or "
        "null (got 1441)"),
    Bad("checkin-stiffness-NaN", edit(lambda d: d["checkins"][0].update(
        stiffness_minutes=float("nan"))), "checkins[0].stiffness_minutes: must be a whole"),
    Bad("visa-score-not-its-answers", edit(visa_score_off_by_one), ", the score of its answers"),
    Bad("visa-score-101", edit(lambda d: d["visa_a"][0].update(score=101)),
        "visa_a[0].score: must be a whole number from 0 to 100 (got 101)"),
    Bad("visa-answer-11", edit(lambda d: d["visa_a"][0]["answers"].update(q1=11)),
        "visa_a[0].answers: Question 1 needs a whole number from 0 to 10 (got 11)"),
    Bad("visa-answers-a-list", edit(lambda d: d["visa_a"][0].update(answers=[1, 2])),
        "visa_a[0].answers: must be an object of the answers q1..q8 (got [1, 2])"),
    # -- dates and times -------------------------------------------------------------
    Bad("session-in-the-year-9999", edit(lambda d: s0(d).update(
        started="9999-12-31T08:00:00+00:00")),
        f"sessions[0].started: 9999-12-31T08:00:00+00:00 {NO_CLOCK}"),
    Bad("session-in-the-year-2100", edit(lambda d: s0(d).update(
        started="2100-01-01T08:00:00+00:00")),
        f"sessions[0].started: 2100-01-01T08:00:00+00:00 {NO_CLOCK}"),
    Bad("checkin-in-the-year-9999", edit(lambda d: d["checkins"][0].update(day="9999-12-31")),
        f"checkins[0].day: 9999-12-31 {NO_CLOCK}"),
    Bad("event-in-the-year-9999", edit(lambda d: d["events"][0].update(
        at="9999-12-31T23:59:59-01:00")),
        f"events[0].at: 9999-12-31T23:59:59-01:00 {NO_CLOCK}"),
    Bad("program-starting-in-the-year-9999",
        edit(lambda d: d["programs"][0].update(start="9999-12-31")),
        f"programs[0].start: 9999-12-31 {NO_CLOCK}"),
    Bad("session-in-the-year-0", edit(lambda d: s0(d).update(started="0000-01-01T08:00:00+01:00")),
        "sessions[0].started: not a real date and time (got '0000-01-01T08:00:00+01:00')"),
    Bad("checkin-in-the-year-0", edit(lambda d: d["checkins"][0].update(day="0000-01-01")),
        "checkins[0].day: not a real date (got '0000-01-01')"),
    Bad("program-starting-in-the-year-0",
        edit(lambda d: d["programs"][0].update(start="0000-01-01")),
        "programs[0].start: not a real date (got '0000-01-01')"),
    Bad("session-on-february-30", edit(lambda d: s0(d).update(started="2026-02-30T08:00:00+01:00")),
        "sessions[0].started: not a real date and time (got '2026-02-30T08:00:00+01:00')"),
    Bad("session-without-utc-offset", edit(lambda d: s0(d).update(started="2026-11-07T07:06:00")),
        "sessions[0].started: needs its UTC offset"),
    Bad("session-started-yesterday-in-words", edit(lambda d: s0(d).update(started="yesterday")),
        "sessions[0].started: not an ISO 8601 date and time"),
    Bad("set-started-at-25-o-clock", edit(lambda d: set0(d).update(
        started="2026-11-07T25:00:00+00:00")),
        "sessions[0].sets[0].started: not a real date and time"),
    Bad("session-utc-offset-25-hours", edit(lambda d: s0(d).update(
        started="2026-11-07T07:00:00+25:00")), "sessions[0].started: not a real date and time"),
    Bad("checkin-day-in-arabic-digits", edit(lambda d: d["checkins"][0].update(day="٢٠٢٦-11-07")),
        "checkins[0].day: must be a date like 2026-11-21"),
    Bad("program-morning-25-00", edit(lambda d: d["programs"][0].update(morning="25:00")),
        "programs[0].morning: not a real time of day (got '25:00')"),
    Bad("program-evening-before-morning", edit(lambda d: d["programs"][0].update(evening="06:00")),
        "programs[0].evening: must be later than morning (07:00) (got '06:00')"),
    # -- dates before 1970-01-01, which no computer clock shows ------------------------
    Bad("session-in-the-year-1", edit(lambda d: s0(d).update(started="0001-01-01T08:00:00+00:00")),
        f"sessions[0].started: 0001-01-01T08:00:00+00:00 {NO_CLOCK}"),
    Bad("session-ended-in-the-year-1", edit(lambda d: s0(d).update(
        ended="0001-01-01T08:20:00+01:00")),
        f"sessions[0].ended: 0001-01-01T08:20:00+01:00 {NO_CLOCK}"),
    Bad("set-started-a-day-before-the-unix-epoch-anywhere", edit(lambda d: set0(d).update(
        started="1969-12-30T23:59:59-12:00")),
        f"sessions[0].sets[0].started: 1969-12-30T23:59:59-12:00 {NO_CLOCK}"),
    Bad("program-created-in-the-year-1", edit(lambda d: d["programs"][0].update(
        created="0001-01-01T08:00:00-05:00")),
        f"programs[0].created: 0001-01-01T08:00:00-05:00 {NO_CLOCK}"),
    Bad("program-starting-in-the-year-1", edit(lambda d: d["programs"][0].update(
        start="0001-01-01")), f"programs[0].start: 0001-01-01 {NO_CLOCK}"),
    Bad("checkin-in-the-year-1", edit(lambda d: d["checkins"][0].update(day="0001-01-01")),
        f"checkins[0].day: 0001-01-01 {NO_CLOCK}"),
    Bad("visa-taken-in-the-year-1", edit(lambda d: d["visa_a"][0].update(
        taken="0001-01-01T20:00:00+01:00")),
        f"visa_a[0].taken: 0001-01-01T20:00:00+01:00 {NO_CLOCK}"),
    Bad("event-in-the-year-1", edit(lambda d: d["events"][0].update(
        at="0001-01-01T00:00:00+14:00")), f"events[0].at: 0001-01-01T00:00:00+14:00 {NO_CLOCK}"),
    Bad("exported-in-the-year-1", edit(lambda d: d.update(exported="0001-01-01T08:00:00+01:00")),
        f'"exported": 0001-01-01T08:00:00+01:00 {NO_CLOCK}'),
    # -- UTC times, with no local time to tell the day and the session by ---------------
    Bad("session-started-in-utc-z", edit(lambda d: s0(d).update(started="2026-11-07T07:06:00Z")),
        "sessions[0].started: needs the local time with its UTC offset, like "
        "2026-11-21T08:00:00+01:00, not UTC marked 'Z' (got '2026-11-07T07:06:00Z')"),
    Bad("checkin-recorded-as-javascript-writes-utc", edit(lambda d: d["checkins"][0].update(
        recorded="2026-11-07T06:45:00.000Z")),
        "checkins[0].recorded: needs the local time with its UTC offset, like "
        "2026-11-21T08:00:00+01:00, not UTC marked 'Z' (got '2026-11-07T06:45:00.000Z')"),
    Bad("event-at-minus-00-00-offset-unknown", edit(lambda d: d["events"][0].update(
        at="2026-11-21T07:00:00-00:00")),
        "events[0].at: needs the local time with its UTC offset, like 2026-11-21T08:00:00+01:00, "
        "not UTC marked '-00:00' (got '2026-11-21T07:00:00-00:00')"),
    Bad("exported-in-utc-z", edit(lambda d: d.update(exported="2026-11-21T07:00:00Z")),
        '"exported": needs the local time with its UTC offset'),
    Bad("a-whole-file-in-utc-z", text(lambda t: re.sub(r'[+-]\d\d:\d\d"', 'Z"', t)),
        "sessions[0].started: needs the local time with its UTC offset, like "
        "2026-11-21T08:00:00+01:00, not UTC marked 'Z'"),
    # -- ids used twice ----------------------------------------------------------------
    Bad("session-id-twice", edit(duplicate("sessions", "id")),
        "sessions[1].id: 'dup-1' appears twice in the file"),
    Bad("checkin-day-twice", edit(lambda d: d["checkins"].insert(1, {**d["checkins"][0]})),
        "checkins[1].day: '2026-11-07' appears twice in the file"),
    Bad("visa-id-twice", edit(duplicate("visa_a", "id")),
        "visa_a[1].id: 'dup-1' appears twice in the file"),
    Bad("event-id-twice", edit(duplicate("events", "id")),
        "events[1].id: 'dup-1' appears twice in the file"),
    Bad("program-id-twice", edit(duplicate("programs", "id")),
        "programs[1].id: 'dup-1' appears twice in the file"),
    Bad("set-position-twice", edit(lambda d: s0(d)["sets"][1].update(position=0)),
        "sessions[0].sets[1].position: 0 appears twice in this session"),
    # -- many faults: the first five named, the rest counted -------------------------
    Bad("every-pain-11", edit(lambda d: [t.update(pain=11) for s in d["sessions"]
                                         for t in s["sets"]]), "; and 94 more"),
]  # fmt: skip

MISSING_PROGRAM = Bad(
    "event-of-a-program-found-nowhere",
    edit(lambda d: d["events"][0].update(program_id="ghost")),
    "events[0].program_id: 'ghost' is neither a program in the file nor one in your history",
)

# Dates a wrong clock gave: Coach writes what the clock says, so its own export may hold
# them. Each file imports whole, every row as it is, and the import names the date.
ODD: list[Bad] = [
    Bad("session-next-year", edit(lambda d: s0(d).update(started="2027-11-07T07:06:00+00:00")),
        f"sessions[0].started: 2027-11-07T07:06:00+00:00 {IN_THE_FUTURE}"),
    Bad("set-finished-next-week", edit(lambda d: set0(d).update(
        finished="2026-11-28T07:00:00+00:00")),
        f"sessions[0].sets[0].finished: 2026-11-28T07:00:00+00:00 {IN_THE_FUTURE}"),
    Bad("program-starting-in-2099", edit(lambda d: d["programs"][0].update(start="2099-12-31")),
        "programs[0].start: 2099-12-31 is more than a year ahead (the file was exported "),
    Bad("a-whole-file-from-next-year", text(lambda t: t.replace("2026-", "2027-")),
        "is in the future (it is now 2026-11-21T08:00:00+01:00 on this computer)"),
    Bad("set-started-on-unix-day-0", edit(lambda d: set0(d).update(
        started="1970-01-01T00:00:00+00:00")),
        f"sessions[0].sets[0].started: 1970-01-01T00:00:00+00:00 {TOO_EARLY}"),
    Bad("set-finished-a-second-before-2000", edit(lambda d: set0(d).update(
        finished="1999-12-31T23:59:59+01:00")),
        f"sessions[0].sets[0].finished: 1999-12-31T23:59:59+01:00 {TOO_EARLY}"),
    Bad("program-ended-in-1980", edit(lambda d: d["programs"][0].update(
        status="ended", ended="1980-01-01T00:00:00+01:00")),
        f"programs[0].ended: 1980-01-01T00:00:00+01:00 {TOO_EARLY}"),
    Bad("checkin-recorded-in-1999", edit(lambda d: d["checkins"][0].update(
        recorded="1999-06-01T07:00:00+02:00")),
        f"checkins[0].recorded: 1999-06-01T07:00:00+02:00 {TOO_EARLY}"),
    Bad("a-whole-file-from-1970", text(lambda t: t.replace("2026-", "1970-")),
        f'"exported": 1970-11-21T08:00:00+01:00 {TOO_EARLY}; sessions[0].started: 1970-11-07T'),
    Bad("session-ended-two-days-before-it-started", edit(lambda d: s0(d).update(
        started="2026-11-07T08:00:00+01:00", ended="2026-11-05T08:20:00+01:00")),
        "sessions[0].ended: 2026-11-05T08:20:00+01:00 is more than a day before the session "
        "started (2026-11-07T08:00:00+01:00)"),
    Bad("session-ended-before-it-started-by-its-offsets", edit(lambda d: s0(d).update(
        started="2026-11-07T08:00:00-12:00", ended="2026-11-07T08:00:00+14:00")),
        "sessions[0].ended: 2026-11-07T08:00:00+14:00 is more than a day before the session "
        "started (2026-11-07T08:00:00-12:00)"),
    Bad("set-finished-a-week-before-it-started", edit(lambda d: set0(d).update(
        started="2026-11-07T08:00:00+01:00", finished="2026-10-31T08:00:45+01:00")),
        "sessions[0].sets[0].finished: 2026-10-31T08:00:45+01:00 is more than a day before the "
        "set started (2026-11-07T08:00:00+01:00)"),
    Bad("program-ended-a-year-before-it-was-created", edit(lambda d: d["programs"][0].update(
        created="2026-11-07T06:30:00+01:00", status="ended", ended="2025-11-07T06:30:00+01:00")),
        "programs[0].ended: 2025-11-07T06:30:00+01:00 is more than a day before the program "
        "was created (2026-11-07T06:30:00+01:00)"),
]  # fmt: skip

# A sample for `coach import`, one of each kind of fault.
CLI_SAMPLE = [
    "truncated-in-the-middle", "utf16-as-notepad-saves-unicode", "lone-surrogate-escape-in-a-note",
    "nested-100000-deep", "version-5", "session-reps-as-text", "set-reps-2**63", "pain-11",
    "session-in-the-year-9999", "checkin-in-the-year-0", "session-id-twice",
    "checkin-stiffness-1441", "session-in-the-year-1", "session-started-in-utc-z",
]  # fmt: skip


def test_there_are_at_least_50_distinct_malformed_files(good: bytes) -> None:
    ids = [bad.id for bad in BAD]
    assert len(set(ids)) == len(ids) >= 50
    assert not {odd.id for odd in ODD} & set(ids)
    files = {bad.damage(good) for bad in BAD}
    assert len(files) == len(BAD)
    assert good not in files
    assert set(CLI_SAMPLE) <= set(ids)


# -- the export and the database it is imported into ------------------------------
@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real export: two weeks of demo history, one program paused and resumed."""
    folder = tmp_path_factory.mktemp("source")
    with History.open(folder / "data", now=WallClock()) as source:
        demo.fill(source.db, 2)
        program = source.programs.program()
        assert program is not None
        source.programs.pause(program.id, flag("a sudden snap at the heel"))
        source.programs.resume(program.id)
        json_export.export_json(source.db, folder / "good.json")
    exported = (folder / "good.json").read_bytes()
    doc = json.loads(exported)
    assert doc["exported"] == EXPORTED
    assert all(doc[name] for name in ("sessions", "programs", "checkins", "visa_a", "events"))
    return exported


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a history of its own (closed: no -wal), to copy for each test."""
    folder = tmp_path_factory.mktemp("history")
    with History.open(folder, now=WallClock()) as target:
        demo.fill(target.db, 1, seed=7)
    assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]
    return folder / DB_NAME


@pytest.fixture
def target(history: Path, tmp_path: Path) -> Path:
    """A fresh copy of the history's data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(history, folder / DB_NAME)
    return folder


def fingerprint(folder: Path) -> str:
    """The database file's SHA-256, taken with no History open (SQLite has checkpointed)."""
    assert not (folder / f"{DB_NAME}-wal").exists(), "a History is still open"
    return hashlib.sha256((folder / DB_NAME).read_bytes()).hexdigest()


def write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "import.json"
    path.write_bytes(content)
    return path


def refusal(folder: Path, path: Path, error: type[Exception]) -> str:
    """Import `path` into the History in `folder`, which must refuse it; the message."""
    with History.open(folder, now=WallClock()) as store, pytest.raises(error) as caught:
        json_import.import_file(store.db, path)
    return str(caught.value)


# -- each malformed file ---------------------------------------------------------------
@pytest.mark.parametrize("bad", BAD, ids=lambda bad: bad.id)
def test_a_malformed_file_is_refused_by_name_and_the_database_is_unchanged(
    bad: Bad, good: bytes, target: Path, tmp_path: Path
) -> None:
    path = write(tmp_path, bad.damage(good))
    before = fingerprint(target)
    message = refusal(target, path, json_import.ImportFileError)
    assert message.startswith(f"{path} cannot be imported: ")
    assert bad.says in message
    assert "\n" not in message
    assert fingerprint(target) == before


@pytest.mark.parametrize("odd", ODD, ids=lambda odd: odd.id)
def test_a_date_a_wrong_clock_gave_imports_as_it_is_and_is_named(
    odd: Bad, good: bytes, tmp_path: Path
) -> None:
    """A backup restores what Coach wrote, wrong clock or not; the import says which dates."""
    damaged = odd.damage(good)
    doc = json.loads(damaged)
    with History.open(tmp_path / "fresh", now=WallClock()) as fresh:
        result = json_import.import_file(fresh.db, write(tmp_path, damaged))
        again = json_export.export_document(fresh.db)
    assert result.sessions_added == len(doc["sessions"])
    assert result.checkins_added == len(doc["checkins"])
    assert odd.says in "; ".join(result.odd_dates)
    assert "Some dates in the file look wrong" in result.describe()
    for section in ("sessions", "checkins", "programs", "visa_a", "events"):
        assert by_key(again[section]) == by_key(doc[section])


def by_key(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows in the order of their ids (check-ins: days); an export orders them by time."""
    return sorted(rows, key=lambda row: str(row.get("id", row.get("day"))))


def test_coach_import_of_dates_a_wrong_clock_gave_names_them_and_imports(
    good: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(database_module, "local_now", WallClock())
    odd = ODD[0]
    path = write(tmp_path, odd.damage(good))
    status, out, err = run(capsys, "import", str(path), "--data-dir", str(tmp_path / "d"))
    assert (status, err) == (0, "")
    assert out.startswith("Added ")
    assert odd.says in out


def test_an_event_of_a_missing_program_is_refused_after_writing_and_rolled_back(
    good: bytes, target: Path, tmp_path: Path
) -> None:
    """Only the database can tell the program is missing: the rows written before roll back."""
    path = write(tmp_path, MISSING_PROGRAM.damage(good))
    before = fingerprint(target)
    assert MISSING_PROGRAM.says in refusal(target, path, json_import.MissingProgramError)
    assert fingerprint(target) == before


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["as-exported", "with-a-utf8-bom"])
def test_the_export_itself_imports_and_the_fingerprint_sees_it(
    good: bytes, target: Path, tmp_path: Path, bom: bytes
) -> None:
    """The control: the undamaged file imports, into a new database and into the history."""
    path = write(tmp_path, bom + good)
    doc = json.loads(good)
    with History.open(tmp_path / "fresh", now=WallClock()) as fresh:
        result = json_import.import_file(fresh.db, path)
    assert result.sessions_added == len(doc["sessions"])
    assert result.sets_added == sum(len(s["sets"]) for s in doc["sessions"])
    assert (result.programs_added, result.visa_added, result.events_added) == (1, 1, 2)
    assert result.checkins_added == len(doc["checkins"])
    before = fingerprint(target)
    with History.open(target, now=WallClock()) as store:
        assert json_import.import_file(store.db, path).sessions_added == len(doc["sessions"])
    assert fingerprint(target) != before  # so an unchanged fingerprint means nothing written


# -- size ------------------------------------------------------------------------------
@pytest.fixture
def fifty_mb(good: bytes, tmp_path: Path) -> Path:
    """The export with a 50 MB note: valid JSON, written a megabyte at a time."""
    path = tmp_path / "big.json"
    head, tail = good.split(b'"note": ""', 1)
    with path.open("wb") as f:
        f.write(head + b'"note": "')
        for _ in range(50):
            f.write(b"x" * 1_000_000)
        f.write(b'"' + tail)
    assert path.stat().st_size > 50_000_000
    return path


def test_a_50_mb_file_is_refused_at_once_without_being_read(fifty_mb: Path, target: Path) -> None:
    before = fingerprint(target)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        message = refusal(target, fifty_mb, json_import.ImportFileError)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message.endswith("cannot be imported: larger than 32 MB, too big to be a Coach export")
    assert seconds < 2
    assert peak < 2_000_000  # its size alone refuses it: not a byte of it is read
    assert fingerprint(target) == before


def feed(pipe: Path, megabytes: int) -> None:
    """Write spaces into the named pipe until done or until the reader stops reading."""
    with contextlib.suppress(BrokenPipeError), pipe.open("wb") as f:
        for _ in range(megabytes):
            f.write(b" " * 1_000_000)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_pipe_is_refused_at_once_never_waited_on(target: Path, tmp_path: Path) -> None:
    """Opening a FIFO waits for a writer: an import of one would hang (Ctrl-C: a traceback)."""
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    said: list[str] = []
    reader = threading.Thread(
        target=lambda: said.append(refusal(target, pipe, json_import.ImportFileError)), daemon=True
    )
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # let it go, then fail
        with contextlib.suppress(OSError):
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("the import waited on the pipe")
    assert said[0].endswith("a pipe, a device or a socket, not a file")


def test_a_folder_is_refused_at_once(target: Path, tmp_path: Path) -> None:
    assert refusal(target, tmp_path, json_import.ImportFileError).endswith("a folder, not a file")


def test_millions_of_empty_objects_are_refused_before_parsing(target: Path, tmp_path: Path) -> None:
    """31 MB of {} took ~30 s and 3.3 GB to refuse; counted first, it takes no parse at all."""
    big = tmp_path / "objects.json"
    big.write_text("[" + ",".join(["{}"] * 10_000_000) + "]")
    tracemalloc.start()
    try:
        message = refusal(target, big, json_import.ImportFileError)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "objects and lists (a real one holds fewer than 1,000,000)" in message
    assert peak < 4 * json_import.MAX_FILE_BYTES  # the text itself, not ten million dicts


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"format": "coach-export", "format": "coach-export", "version": 4}',
         '"format" is given twice'),
        ('{"format": "coach-export", "version": 4, "sessions": [{"id": "abc", "note": "a", '
         '"note": "b"}]}', """"note" is given twice in the object whose id or day is 'abc'"""),
        ('{"format": "coach-export", "version": 4, "sessions": [], "sesions": []}',
         '"sesions": not a part of a Coach export'),
    ],
    ids=["a key twice", "a key twice in a row", "an unknown section"],
)  # fmt: skip
def test_keys_given_twice_and_unknown_sections_are_refused_saying_where(
    target: Path, tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "h.json"
    path.write_text(text)
    assert said in refusal(target, path, json_import.ImportFileError)


# -- the same through `coach import` ---------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as e:  # argparse exits on its own
        status = int(e.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


BY_ID = {bad.id: bad for bad in [*BAD, MISSING_PROGRAM]}


@pytest.mark.parametrize("bad_id", [*CLI_SAMPLE, MISSING_PROGRAM.id])
def test_coach_import_refuses_a_malformed_file_in_one_line_and_changes_nothing(
    bad_id: str, good: bytes, target: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    # The command reads the clock for "in the future": the export's own WallClock time.
    monkeypatch.setattr(database_module, "local_now", WallClock())
    bad = BY_ID[bad_id]
    path = write(tmp_path, bad.damage(good))
    before = fingerprint(target)
    status, out, err = run(capsys, "import", str(path), "--data-dir", str(target))
    assert out == ""
    assert err.count("\n") == 1
    assert err.endswith("\n")
    assert bad.says in err
    if bad is MISSING_PROGRAM:  # the file was fine; the history lacks its program
        assert (status, err) == (
            1,
            f"coach import: error: Could not import the file: {bad.says}.\n",
        )
    else:
        assert status == 2
        assert err.startswith(f"coach import: error: {path} cannot be imported: ")
    assert fingerprint(target) == before


def test_coach_import_of_a_100000_deep_file_is_no_traceback(
    good: bytes, target: Path, tmp_path: Path
) -> None:
    """In a process of its own: json's recursion limit is the interpreter's, not pytest's."""
    path = write(tmp_path, nested(100_000).encode())
    before = fingerprint(target)
    done = subprocess.run(
        [sys.executable, "-m", "coach", "import", str(path), "--data-dir", str(target)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"coach import: error: {path} cannot be imported: not a Coach export: lists or objects "
        "nested too deeply\n"
    )
    assert fingerprint(target) == before
