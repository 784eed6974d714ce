from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from coach.domain.settings import Side
from coach.domain.visa_a import VisaAnswers
from coach.storage import schema
from coach.storage.database import DB_NAME
from coach.storage.history import History


def tables(conn: sqlite3.Connection) -> dict[str, str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table'")
    return dict(rows.fetchall())


@pytest.mark.parametrize("start", range(schema.SCHEMA_VERSION))
def test_migrating_from_every_earlier_version_gives_the_same_schema(
    tmp_path: Path, start: int
) -> None:
    fresh = sqlite3.connect(tmp_path / "fresh.db")
    schema.migrate(fresh)
    old = sqlite3.connect(tmp_path / "old.db")
    schema.migrate(old, target=start)
    assert schema.version(old) == start
    assert schema.migrate(old) == schema.SCHEMA_VERSION
    assert tables(old) == tables(fresh)


def test_tables_are_strict_and_refuse_wrong_types(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.db")
    schema.migrate(conn)
    for sql in tables(conn).values():
        assert sql.rstrip().endswith("STRICT")
    with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT value in INTEGER"):
        conn.execute(
            "INSERT INTO sessions (id, started, status, protocol, injured, lower_seconds, "
            "rest_seconds, reps, planned_sets, load_kg, get_ready_seconds) "
            "VALUES ('a', 'x', 'completed', 'alfredson', 'left', 'three', 60, 15, 3, 0, 5)"
        )


def test_a_failed_migration_leaves_the_file_at_its_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(tmp_path / "x.db")
    schema.migrate(conn)
    broken = (*schema.MIGRATIONS, "CREATE TABLE extra (a INTEGER) STRICT; SELECT nonsense;")
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn, target=len(broken))
    assert schema.version(conn) == len(broken) - 1
    assert "extra" not in tables(conn)


def dump(conn: sqlite3.Connection) -> list[str]:
    """The whole database as SQL: its schema and every row."""
    return list(conn.iterdump())


def test_a_step_that_fails_half_way_leaves_none_of_its_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New tables, new columns, changed rows: all undone, and the version stays as it was."""
    conn = sqlite3.connect(tmp_path / "x.db")
    schema.migrate(conn)
    conn.execute("INSERT INTO checkins (day, recorded, pain) VALUES ('2026-01-05', 'x', 3)")
    conn.commit()
    before = dump(conn)
    half_way = """
        CREATE TABLE extra (a INTEGER) STRICT;
        INSERT INTO extra VALUES (1);
        ALTER TABLE checkins ADD COLUMN mood INTEGER;
        UPDATE checkins SET pain = 9;
        DROP INDEX sessions_by_day;
        INSERT INTO checkins (day, recorded, pain) VALUES ('2026-01-06', 'x', 11);
        CREATE TABLE never (a INTEGER) STRICT;
    """  # pain 11 breaks a CHECK: the step fails after five of its changes
    broken = (*schema.MIGRATIONS, half_way)
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        schema.migrate(conn, target=len(broken))
    assert not conn.in_transaction
    assert schema.version(conn) == schema.SCHEMA_VERSION
    assert dump(conn) == before
    # The file on disk says the same to a new connection.
    again = sqlite3.connect(tmp_path / "x.db")
    assert schema.version(again) == schema.SCHEMA_VERSION
    assert dump(again) == before


def test_steps_before_a_failing_one_stay_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each step is its own transaction: a file two steps behind keeps the good one."""
    conn = sqlite3.connect(tmp_path / "x.db")
    schema.migrate(conn, target=schema.SCHEMA_VERSION - 1)
    broken = (*schema.MIGRATIONS, "CREATE TABLE extra (a INTEGER) STRICT; SELECT nonsense;")
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn, target=len(broken))
    assert schema.version(conn) == schema.SCHEMA_VERSION
    fresh = sqlite3.connect(tmp_path / "fresh.db")
    schema.migrate(fresh)
    assert tables(conn) == tables(fresh)


def test_the_version_bump_is_in_the_step_s_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step that fails only at its COMMIT, after the bump ran, leaves the old version.

    A deferred foreign key is checked at COMMIT, after `PRAGMA user_version = n`: had
    the bump been committed on its own, the file would claim a step it does not have.
    """
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("PRAGMA foreign_keys = ON")
    schema.migrate(conn)
    at_commit = """
        CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
        CREATE TABLE child (
            parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED
        ) STRICT;
        INSERT INTO child VALUES (42);
    """
    broken = (*schema.MIGRATIONS, at_commit)
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
        schema.migrate(conn, target=len(broken))
    assert not conn.in_transaction
    assert schema.version(conn) == schema.SCHEMA_VERSION
    assert "child" not in tables(conn)
    again = sqlite3.connect(tmp_path / "x.db")
    assert schema.version(again) == schema.SCHEMA_VERSION
    assert "parent" not in tables(again)


def test_a_database_from_a_newer_coach_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()
    before = (folder / DB_NAME).read_bytes()
    with pytest.raises(schema.NewerDatabaseError, match="newer version of Coach"):
        History.open(folder)
    assert (folder / DB_NAME).read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]


def test_version_3_gives_existing_programs_the_default_pace(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "coach.db")
    schema.migrate(conn, target=2)
    conn.execute(
        "INSERT INTO programs VALUES ('p', '2026-11-01T08:00:00+00:00', '2026-11-02', "
        "'alfredson', 'left', '07:30', '19:00', 12, 2, 'active', '', NULL)"
    )
    conn.commit()
    schema.migrate(conn)
    row = conn.execute(
        "SELECT morning, lower_seconds, rest_seconds, get_ready_seconds, load_kg FROM programs"
    ).fetchone()
    assert row == ("07:30", 3, 60, 5, 0.0)


def test_version_4_opens_a_version_3_file_and_keeps_its_visa_a_results_with_no_leg(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    conn = sqlite3.connect(folder / DB_NAME)
    schema.migrate(conn, target=3)
    answers = VisaAnswers(5, 5, 5, 5, 5, 5, 4, "B", 10)
    conn.execute(
        "INSERT INTO visa_a VALUES ('old', '2026-11-01T08:00:00+01:00', ?, 44)",
        [json.dumps(answers.as_dict())],
    )
    conn.commit()
    conn.close()
    with History.open(folder) as store:
        assert schema.version(store.db.conn) == schema.SCHEMA_VERSION >= 4
        [old] = store.programs.visa()
        assert (old.id, old.score, old.answers, old.side) == ("old", 44, answers, None)
        store.programs.save_visa(answers, side=Side.LEFT)
        assert [v.side for v in store.programs.visa()] == [None, Side.LEFT]
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            store.db.sql.execute(
                "INSERT INTO visa_a VALUES ('x', '2026-11-02T08:00:00+01:00', ?, 44, 'both')",
                [json.dumps(answers.as_dict())],
            )
