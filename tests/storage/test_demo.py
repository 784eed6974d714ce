from __future__ import annotations

import itertools
import statistics
from datetime import timedelta
from pathlib import Path

import pytest

from coach.storage import demo, json_export
from coach.storage.history import History
from coach.storage.sessions import SessionStatus
from tests.helpers import WallClock


def weekly_mean_pain(store: History) -> list[float]:
    by_week: dict[int, list[float]] = {}
    first = None
    for row in reversed(store.sessions.sessions()):
        first = first or row.day
        if row.mean_pain is not None:
            by_week.setdefault((row.day - first).days // 7, []).append(row.mean_pain)
    return [statistics.mean(v) for _, v in sorted(by_week.items())]


def test_twelve_weeks_look_like_a_program(store: History, wall: WallClock) -> None:
    result = demo.fill(store.db, weeks=12, seed=7)
    rows = store.sessions.sessions()
    assert len(rows) == result.sessions
    assert 0.8 * 168 <= result.sessions < 168  # twice a day, some missed
    assert rows[0].day < wall.now.date()  # ends yesterday at the latest
    pain = weekly_mean_pain(store)
    assert pain[0] - pain[-1] >= 2  # pain falls over the program
    assert any(b > a + 0.3 for a, b in itertools.pairwise(pain))  # not a straight line
    loads = [r.load_kg for r in reversed(rows)]
    assert loads == sorted(loads)
    assert loads[-1] > 0  # load was added once sessions stopped hurting
    assert {r.status for r in rows} <= {SessionStatus.COMPLETED, SessionStatus.ENDED_EARLY}


def test_the_demo_program_has_check_ins_and_a_visa_a_every_two_weeks(
    store: History, wall: WallClock
) -> None:
    result = demo.fill(store.db, weeks=24, seed=7)
    programs = store.programs.programs()
    assert [p.status.value for p in programs] == ["active", "ended"]  # newest first
    assert programs[0].start == programs[1].start + timedelta(weeks=12)
    assert 0.75 * 24 * 7 <= result.checkins < 24 * 7  # most mornings
    mornings = store.programs.checkins()
    assert len(mornings) == result.checkins
    first_weeks = statistics.mean(m.pain for m in mornings[:14] if m.pain is not None)
    last_weeks = statistics.mean(m.pain for m in mornings[70:84] if m.pain is not None)
    assert first_weeks - last_weeks >= 2  # mornings follow the pain
    scores = [v.score for v in store.programs.visa()]
    assert len(scores) == result.visa == 12
    assert scores[5] - scores[0] >= 30  # VISA-A climbs as the pain falls
    assert wall.now.date() - store.programs.visa()[-1].day <= timedelta(days=14)


def test_the_same_seed_gives_the_same_history(tmp_path: Path, wall: WallClock) -> None:
    docs = []
    for name in ("a", "b"):
        with History.open(tmp_path / name, now=wall) as s:
            demo.fill(s.db, weeks=2, seed=3)
            docs.append(json_export.export_document(s.db)["sessions"])
    assert docs[0] == docs[1]


def test_demo_refuses_a_folder_with_sessions(store: History) -> None:
    demo.fill(store.db, weeks=1)
    count = store.db.count("sessions")
    with pytest.raises(demo.DemoRefusedError, match="already holds"):
        demo.fill(store.db, weeks=1)
    assert store.db.count("sessions") == count
