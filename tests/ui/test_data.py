from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coach.domain.timeline import Timeline
from coach.paths import backups_dir
from coach.storage import backup, schema
from coach.storage.database import DB_NAME
from coach.storage.history import History
from coach.ui import data
from tests.helpers import WallClock, run_sets
from tests.ui.modal import when_shown


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


@pytest.mark.parametrize("answer", [data.RestoreBackup.RESTORE, data.RestoreBackup.EMPTY])
def test_a_damaged_database_is_kept_aside_and_the_backup_offered(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, short_timeline: Timeline,
    answer: str,
) -> None:  # fmt: skip
    with History.open(tmp_path) as store:
        sid = run_sets(store, short_timeline, WallClock(), 2)
        backup.make_backup(store.db, backups_dir(tmp_path), WallClock().now)
    damage(tmp_path)
    damaged = (tmp_path / DB_NAME).read_bytes()
    offered: list[backup.Backup | None] = []

    def ask(_c: object, _p: object, problem: str, found: backup.Backup | None) -> str:
        assert "not a Coach database" in problem
        offered.append(found)
        return answer

    monkeypatch.setattr(data.RestoreBackup, "ask", classmethod(ask))
    opened = data.open_store(parent, tmp_path)
    assert opened.store is not None
    (found,) = offered
    assert found is not None
    (aside,) = tmp_path.glob(f"{DB_NAME}.damaged-*[0-9]")
    assert aside.read_bytes() == damaged  # kept, whatever the answer
    if answer == data.RestoreBackup.RESTORE:
        assert len(opened.store.sessions.sets(sid)) == 2
    else:
        assert opened.store.db.count("sessions") == 0
    opened.store.close()


def test_deciding_later_changes_nothing_and_asks_again_at_the_next_start(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str],
    short_timeline: Timeline,
) -> None:  # fmt: skip
    with History.open(tmp_path) as store:
        run_sets(store, short_timeline, WallClock(), 2)
        backup.make_backup(store.db, backups_dir(tmp_path), WallClock().now)
    damage(tmp_path)
    damaged = (tmp_path / DB_NAME).read_bytes()
    asked: list[str] = []

    def later(_c: object, _p: object, problem: str, _found: object) -> str:
        asked.append(problem)
        return data.RestoreBackup.LATER

    monkeypatch.setattr(data.RestoreBackup, "ask", classmethod(later))
    for _start in range(2):
        opened = data.open_store(parent, tmp_path)
        assert opened.store is None
        assert "asks again at its next start" in opened.problem
    assert len(asked) == 2  # asked at each start until the user decides
    assert (tmp_path / DB_NAME).read_bytes() == damaged
    assert not list(tmp_path.glob(f"{DB_NAME}.damaged-*"))


def test_an_emptied_database_is_damage_and_its_backup_is_offered(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, short_timeline: Timeline,
) -> None:  # fmt: skip
    with History.open(tmp_path) as store:
        sid = run_sets(store, short_timeline, WallClock(), 2)
        backup.make_backup(store.db, backups_dir(tmp_path), WallClock().now)
    (tmp_path / DB_NAME).write_bytes(b"")
    monkeypatch.setattr(
        data.RestoreBackup, "ask", classmethod(lambda *_a: data.RestoreBackup.RESTORE)
    )
    opened = data.open_store(parent, tmp_path)
    assert opened.store is not None
    assert len(opened.store.sessions.sets(sid)) == 2
    opened.store.close()


def test_without_a_good_backup_it_offers_an_empty_history_or_later(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: History
) -> None:
    folder = store.db.path.parent
    store.close()
    damage(folder)
    offered: list[object] = []

    def ask(_c: object, _p: object, _problem: str, found: object) -> str:
        offered.append(found)
        return data.RestoreBackup.EMPTY

    monkeypatch.setattr(data.RestoreBackup, "ask", classmethod(ask))
    opened = data.open_store(parent, folder)
    assert offered == [None]
    assert opened.store is not None
    assert opened.store.db.count("sessions") == 0
    assert len(list(folder.glob(f"{DB_NAME}.damaged-*"))) == 1
    opened.store.close()


def test_the_question_offers_restore_only_with_a_good_backup(parent: QWidget) -> None:
    def buttons_of(found: backup.Backup | None) -> list[str]:
        seen: list[str] = []

        def look(box: QMessageBox) -> None:
            seen.extend(b.text() for b in box.buttons())
            box.reject()

        when_shown(QMessageBox, look)
        data.RestoreBackup.ask(parent, "The database is damaged.", found)
        return seen

    assert sorted(buttons_of(None)) == ["Decide later", "Start an empty history"]
    with_backup = buttons_of(backup.Backup(Path("b.sqlite3"), datetime(2026, 11, 20, 8)))  # noqa: DTZ001 - local names
    assert "Restore the backup" in with_backup


def test_the_questions_name_their_moments_in_english_words(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The restore and resume questions word their dates as every page does."""
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(f"{box.text()} {box.informativeText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    parent = QWidget()
    qtbot.addWidget(parent)
    taken = datetime(2026, 11, 21, 8, 5)  # noqa: DTZ001 - a backup's local time, as its name says
    found = backup.Backup(Path("coach-20261121T080500.sqlite3"), taken)
    data.RestoreBackup.ask(parent, "The file is damaged.", found)
    assert "Restore the backup made on Saturday 21 November 2026 at 08:05?" in shown[-1]
