from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from coach.domain.timeline import Timeline
from coach.paths import backups_dir
from coach.storage import backup, schema
from coach.storage.store import DB_NAME, Store
from coach.ui import data
from tests.helpers import WallClock, run_sets


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(
        data.DataProblem, "tell", classmethod(lambda _c, _p, title, _text: messages.append(title))
    )
    return messages


def damage(folder: Path) -> None:
    db = folder / DB_NAME
    db.write_bytes(b"\0" * 100 + db.read_bytes()[100:])


def test_a_first_start_creates_the_database_and_a_backup(parent: QWidget, tmp_path: Path) -> None:
    opened = data.open_store(parent, tmp_path)
    assert opened.store is not None
    assert opened.backup is not None
    assert opened.backup.parent == backups_dir(tmp_path)
    opened.store.close()
    again = data.open_store(parent, tmp_path)  # the same day: no second backup
    assert again.store is not None
    assert again.backup is None
    again.store.close()


def test_a_database_from_a_newer_coach_is_left_alone(
    parent: QWidget, tmp_path: Path, told: list[str]
) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.close()
    before = (tmp_path / DB_NAME).read_bytes()
    opened = data.open_store(parent, tmp_path)
    assert opened.store is None
    assert "newer version of Coach" in opened.problem
    assert told == ["Database from a newer Coach"]
    assert (tmp_path / DB_NAME).read_bytes() == before
    assert not backups_dir(tmp_path).exists()


@pytest.mark.parametrize("restore", [True, False])
def test_a_damaged_database_is_moved_aside_and_a_backup_offered(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, short_timeline: Timeline,
    restore: bool,
) -> None:  # fmt: skip
    with Store.open(tmp_path) as store:
        sid = run_sets(store, short_timeline, WallClock(), 2)
        backup.make_backup(store, backups_dir(tmp_path), WallClock().now)
    damage(tmp_path)
    offered: list[tuple[Path, backup.Backup | None]] = []

    def ask(_c: object, _p: object, problem: str, aside: Path, found: backup.Backup | None) -> bool:
        assert "damaged" in problem or "not a readable" in problem
        offered.append((aside, found))
        return restore

    monkeypatch.setattr(data.RestoreBackup, "ask", classmethod(ask))
    opened = data.open_store(parent, tmp_path)
    assert opened.store is not None
    ((aside, found),) = offered
    assert aside.exists()
    assert aside.name.startswith(f"{DB_NAME}.damaged-")
    assert found is not None
    if restore:
        assert len(opened.store.sets(sid)) == 2
    else:
        assert opened.store.count_sessions() == 0
    opened.store.close()


def test_without_a_good_backup_it_starts_empty_and_says_so(
    parent: QWidget, tmp_path: Path, told: list[str], store: Store
) -> None:
    folder = store.path.parent
    store.close()
    damage(folder)
    opened = data.open_store(parent, folder)
    assert opened.store is not None
    assert opened.store.count_sessions() == 0
    assert told == ["Database damaged"]
    assert len(list(folder.glob(f"{DB_NAME}.damaged-*"))) == 1
    opened.store.close()
