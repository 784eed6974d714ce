"""Faults of the disk and of Coach's files: each gives a clear message and loses nothing.

Issue 4, "Disk and files". What proves each part, here (by test name) or elsewhere:

Full disk
- SQLite's own "full" from a capped file: a set (storage/test_sessions.py
  test_a_full_disk_is_a_clear_error_and_the_sets_saved_stay), VISA-A and a program
  (storage/test_programs.py test_a_full_disk_is_a_clear_error_and_nothing_half_saved);
  the page says so and goes on (ui/workout/test_view.py
  test_a_set_that_cannot_be_saved_is_reported_and_the_workout_goes_on); an export keeps
  the old file (storage/test_csv_export.py test_a_write_that_fails_leaves_the_old_file_whole);
  settings that cannot be written (ui/test_prefs.py test_an_unwritable_file_is_reported).
- A writer refusing at the storage boundary, on every machine: a rating, the ending, the
  note, a check-in, an import cut off half-way, and a backup
  (test_a_write_the_disk_refuses_says_so_and_changes_nothing,
  test_a_backup_the_disk_refuses_says_so_and_keeps_the_old_backups); a set refused is
  saved with its pain once there is room (test_a_refused_set_is_saved_when_rated_later).
- A real full file system, a 1 MB tmpfs (skipped where mounting is not allowed): the
  workout page (set, rating, ending, note), a check-in, VISA-A, an import, a backup, an
  export and the settings; the app started on the full disk; all there once space is
  freed (test_on_a_full_file_system_every_save_says_so_and_nothing_saved_is_lost).

Read-only data folder (a read-only bind mount for root, whom file modes do not stop;
chmod otherwise): test_a_read_only_data_folder_is_refused_clearly_and_left_as_it_was.
A folder that cannot be created: storage/test_database.py
test_an_unwritable_folder_is_a_clear_error.

Corrupt database
- A zeroed header, restored or started empty: ui/test_data.py
  test_a_damaged_database_is_moved_aside_and_a_backup_offered and
  test_without_a_good_backup_it_starts_empty_and_says_so; the newest good backup, never
  overwriting, rotation: storage/test_backup.py; damage inside the file:
  storage/test_database.py test_damage_inside_the_file_is_found_by_the_integrity_check.
- Garbage over the header, a truncated file (alone and with its -wal, as a crash leaves
  it), an emptied one: kept byte for byte, the backup's sessions back with their pains
  (test_a_damaged_database_is_kept_aside_and_the_backup_restores_its_sessions).

Newer database: ui/test_data.py test_a_database_from_a_newer_coach_is_left_alone and
storage/test_schema.py test_a_database_from_a_newer_coach_is_refused_and_left_unchanged
(a clean file); left with the -wal of a newer Coach that was killed:
test_a_newer_database_left_with_its_wal_is_refused_and_left_byte_for_byte.

Missing voice clip: audio/test_track.py
test_a_missing_voice_clip_is_named_and_the_rest_still_load and ui/test_sound.py
test_missing_voice_clips_are_named_in_the_notice; with the app's own asset lookup
missing one file, the workout names it and runs:
test_a_missing_voice_clip_is_named_and_the_workout_still_runs.

A crash (SIGKILL) mid-workout: tests/test_crash.py.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from coach.app.player import SilentPlayer
from coach.app.prefs import Prefs, PrefsFile
from coach.app.saving import Write as QueuedWrite
from coach.app.session import WorkoutSession
from coach.audio import track
from coach.domain.clock import ManualClock
from coach.domain.engine import Status
from coach.domain.plan import plan
from coach.domain.program import Program
from coach.domain.protocols import JONSSON
from coach.domain.record import Outcome, SessionRecord
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import timeline
from coach.domain.visa_a import VisaAnswers
from coach.paths import backups_dir
from coach.resources import asset_path
from coach.storage import backup, csv_export, json_export, json_import, schema
from coach.storage.database import DB_NAME, CorruptDatabaseError, local_now
from coach.storage.files import private_dir
from coach.storage.history import History
from coach.storage.schema import StorageError
from coach.storage.sessions import SessionJournal, SessionStatus
from coach.ui import data, prompts
from coach.ui.main_window import MainWindow
from coach.ui.workout.view import WorkoutView
from tests.helpers import (
    MountRefusedError,
    WallClock,
    fill_up,
    read_only_view,
    refusing_writer,
    run_sets,
    tmpfs,
)

# Jonsson, right side, 2 sets of 2: set 1 ends at 19 s, set 2 at 63 s, the end.
TIMELINE = timeline(plan(JONSSON, Settings(injured=Injured.RIGHT, reps=2, sets=2, rest_seconds=30)))
FULL = "the disk is full"

Told = list[tuple[str, str]]


@pytest.fixture(autouse=True)
def _no_unexpected_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question a test does not expect fails it, where the real dialog would wait forever.

    The morning check-in and VISA-A are left out: they are not this module's subject.
    """

    def unexpected(_cls: object, _parent: object, *args: object) -> None:
        raise AssertionError(f"the app asked a question the test did not expect: {args}")

    monkeypatch.setattr(data.ResumeSession, "ask", classmethod(unexpected))
    monkeypatch.setattr(data.RestoreBackup, "ask", classmethod(unexpected))
    monkeypatch.setattr(prompts, "ask_daily_questions", lambda *_a: None)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> Told:
    """What the app told the user, as (title, text)."""
    messages: Told = []
    monkeypatch.setattr(
        data.DataProblem,
        "tell",
        classmethod(lambda _c, _p, title, text: messages.append((title, text))),
    )
    return messages


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    return w


def fill_history(store: History, wall: WallClock, sessions: int = 2) -> None:
    """A program, finished sessions rated set by set, a check-in and a VISA-A."""
    store.programs.start_program(
        Program("p1", wall.now.date() - timedelta(days=3), "alfredson", Injured.RIGHT)
    )
    for n in range(sessions):
        sid = run_sets(store, TIMELINE, wall, 2)
        journal = store.sessions.resume(sid)[0]
        journal.rate(0, n % 11)
        journal.rate(1, 4)
        journal.finish(Outcome.COMPLETED, 63.0)
        wall.advance(hours=10)
    store.programs.save_checkin(wall.now.date(), 2, 15)
    store.programs.save_visa(VisaAnswers(7, 7, 7, 7, 7, 7, 0, "C", 0))


def saved(store: History) -> dict[str, Any]:
    """Everything the user has saved, as an export carries it (without its own stamp)."""
    document = json_export.export_document(store.db)
    return {k: document[k] for k in ("sessions", "programs", "checkins", "visa_a", "events")}


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@contextlib.contextmanager
def mounted_or_skip(mount: contextlib.AbstractContextManager[Path], why: str) -> Iterator[Path]:
    try:
        with mount as at:
            yield at
    except MountRefusedError as e:
        pytest.skip(f"{why}, and this machine does not allow mounting here ({e})")


def at(view: WorkoutView, clock: ManualClock, seconds: float) -> None:
    """Move the fake clock to `seconds` of session time and let the view draw."""
    clock.advance(seconds - view.session.engine.state().elapsed)
    view.session.poll()


def rate_on_summary(view: WorkoutView, row: int, pain: int) -> None:
    box = view.summary.table.cellWidget(row, 4)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData(pain))


def killed_writer(folder: Path, statements: list[str]) -> None:
    """Run `statements` in WAL mode, each committed, in a process then killed (SIGKILL).

    What a crash leaves: the last commits in the -wal file, not yet in the database.
    """
    script = (
        "import os, signal, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA journal_mode = WAL')\n"
        "conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "for sql in sys.argv[2:]:\n"
        "    conn.execute(sql)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder / DB_NAME), *statements], check=False
    )
    assert done.returncode == -signal.SIGKILL
    assert (folder / f"{DB_NAME}-wal").stat().st_size > 0


# -- a full disk, injected at the storage boundary (every machine) ----------------------

Write = Callable[[History, SessionJournal, Path], object]
WRITES: list[tuple[str, int, Write]] = [
    ("save the pain rating", 0, lambda _s, journal, _f: journal.rate(0, 9)),
    ("save the end of the session", 0, lambda _s, j, _f: j.finish(Outcome.COMPLETED, 63.0)),
    ("save the note", 0, lambda _s, journal, _f: journal.note("heavy legs")),
    ("save the morning check-in", 0,
     lambda store, _j, _f: store.programs.save_checkin(date(2026, 11, 25), 1, 5)),
    ("import the file", 3, lambda store, _j, file: json_import.import_file(store.db, file)),
]  # fmt: skip


@pytest.mark.parametrize(("what", "allowed", "write"), WRITES, ids=[w[0] for w in WRITES])
def test_a_write_the_disk_refuses_says_so_and_changes_nothing(
    store: History, wall: WallClock, tmp_path: Path, what: str, allowed: int, write: Write
) -> None:
    with History.open(tmp_path / "other", now=wall) as other:  # a file to import
        fill_history(other, wall)
        json_export.export_json(other.db, tmp_path / "import.json")
    fill_history(store, wall)
    journal = store.sessions.resume(run_sets(store, TIMELINE, wall, 1))[0]
    before = saved(store)
    with (
        store.db.sql.tracer(refusing_writer(allowed)),  # the import fails after `allowed` rows
        pytest.raises(StorageError, match=rf"^Could not {what}: {FULL}\.$"),
    ):
        write(store, journal, tmp_path / "import.json")
    assert saved(store) == before
    assert not store.db.conn.in_transaction  # nothing half-written waits to be committed
    write(store, journal, tmp_path / "import.json")  # room again: the same write succeeds
    assert saved(store) != before


def test_a_refused_set_is_saved_when_rated_later(store: History, wall: WallClock) -> None:
    sid = run_sets(store, TIMELINE, wall, 1)
    journal = store.sessions.resume(sid)[0]
    second = SessionRecord(TIMELINE).add_completed(TIMELINE.spans[1])
    with store.db.sql.tracer(refusing_writer()):
        with pytest.raises(StorageError, match=rf"^Could not save set 2 \(right leg\): {FULL}\.$"):
            journal.add(second)
        # Rating the set the disk refused says why it is not saved; not "no longer there".
        with pytest.raises(StorageError, match=rf"^Could not save set 2 \(right leg\): {FULL}\.$"):
            journal.rate(1, 5)
    journal.rate(1, 6)  # the disk has room again: the set is saved, with its pain
    assert [(s.position, s.pain) for s in store.sessions.sets(sid)] == [(0, None), (1, 6)]


def test_a_backup_the_disk_refuses_says_so_and_keeps_the_old_backups(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: Told, wall: WallClock
) -> None:
    folder = tmp_path / "data"
    with History.open(folder, now=wall) as store:
        fill_history(store, wall)
        before = saved(store)
        old = backup.make_backup(store.db, backups_dir(folder), local_now() - timedelta(days=2))
    kept = files_in(backups_dir(folder))
    connect = sqlite3.connect

    def small_disk(target: str | Path, **kw: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = connect(target, **kw)
        if str(target).endswith(".part"):  # the backup being written: a disk with 1 page left
            conn.execute("PRAGMA max_page_count = 1")
        return conn

    monkeypatch.setattr(sqlite3, "connect", small_disk)  # the module coach.storage.backup uses
    opened = data.open_store(parent, folder)  # a backup is due: the last is 2 days old
    assert opened.store is not None  # the history opens all the same
    ((title, text),) = told
    assert title == "Backup failed"
    assert text.startswith("Could not write the backup ")
    assert text.endswith(f": {FULL}. Your data itself is unchanged.")
    assert files_in(backups_dir(folder)) == kept  # no partial file; the old one as it was
    good = backup.newest_good(backups_dir(folder))
    assert good is not None
    assert good.path == old
    assert saved(opened.store) == before
    opened.store.close()


# -- a real full file system ------------------------------------------------------------


def test_on_a_full_file_system_every_save_says_so_and_nothing_saved_is_lost(
    qtbot: QtBot, parent: QWidget, tmp_path: Path, told: Told, wall: WallClock
) -> None:
    with History.open(tmp_path / "other", now=wall) as other:  # a file to import, elsewhere
        run_sets(other, TIMELINE, wall, 2)
        json_export.export_json(other.db, tmp_path / "import.json")
    with mounted_or_skip(tmpfs(tmp_path / "disk", "1m"), "a full disk needs a small tmpfs") as disk:
        folder = disk / "data"
        opened = data.open_store(parent, folder)  # the first start: creates it, backs it up
        store = opened.store
        assert store is not None
        store.db.now = wall
        fill_history(store, wall)
        prefs = PrefsFile.in_folder(folder)
        assert prefs.save(Prefs(volume=30)) is None
        clock = ManualClock()
        view = WorkoutView(
            WorkoutSession(TIMELINE, SilentPlayer(clock), store.sessions.journal(TIMELINE))
        )
        qtbot.addWidget(view)
        view.start()
        at(view, clock, 20)  # set 1 saved
        view.rate(4)
        before, backups = saved(store), files_in(backups_dir(folder))
        filler = fill_up(disk)

        workout_on_a_full_disk(view, clock)
        writes: list[tuple[str, Callable[[], object]]] = [
            ("save the morning check-in",
             lambda: store.programs.save_checkin(wall.now.date() + timedelta(days=1), 1, 5)),
            ("save the VISA-A answers",
             lambda: store.programs.save_visa(VisaAnswers(9, 9, 9, 9, 9, 9, 0, "C", 0))),
            ("import the file",
             lambda: json_import.import_file(store.db, tmp_path / "import.json")),
            (r"write the backup \S+", lambda: backup.make_backup(
                store.db, backups_dir(folder), local_now() + timedelta(days=1))),
        ]  # fmt: skip
        for what, write in writes:
            with pytest.raises(StorageError, match=rf"^Could not {what}: {FULL}\.$"):
                write()
        with pytest.raises(StorageError, match=rf"^Could not write \S+history.csv: {FULL}\.$"):
            csv_export.export_csv(store.db, disk / "history.csv")
        assert f"could not write its settings to {prefs.path}: {FULL}." in (
            prefs.save(Prefs(volume=70)) or ""
        )
        assert saved(store) == before
        store.close()

        full = data.open_store(parent, folder)  # the app started on the full disk
        assert full.store is not None
        assert told == []
        assert saved(full.store) == before
        full.store.close()

        filler.unlink()
        again = data.open_store(parent, folder)
        assert again.store is not None
        assert saved(again.store) == before  # set 1 with its pain 4, and all the rest
        assert "volume=30" in (folder / "settings.ini").read_text(encoding="utf-8")
        assert files_in(backups_dir(folder)) == backups  # no half-written backup
        assert sorted(p.name for p in disk.iterdir()) == ["data"]  # no half-written export
        again.store.close()


def workout_on_a_full_disk(view: WorkoutView, clock: ManualClock) -> None:
    """Set 2, the end, two ratings and the note: each refused, each kept and named."""
    at(view, clock, 70)
    view.pain_panel.skip_button.click()  # the last set's pain: rated on the summary below
    set_2 = view.session.set_words(1)
    assert view.session.unsaved == [set_2, "the end of the session"]
    text = view.summary.saved.text()
    assert text.startswith(f"Not all saved. Could not save the end of the session: {FULL}.")
    assert f"Not in your history: {set_2}, the end of the session." in text
    assert view.summary.save_copy_button.isVisibleTo(view.summary)
    assert [s.index for s in view.record.sets] == [0, 1]  # the page keeps what it did
    rate_on_summary(view, 1, 5)
    rate_on_summary(view, 0, 6)
    assert view.session.unsaved == [
        set_2, "the end of the session", f"the pain of {set_2}",
        f"the pain of {view.session.set_words(0)}",
    ]  # fmt: skip
    view.summary.note.setPlainText("the disk was full")
    view.summary.done_button.click()  # the first Done stays: something is not saved
    assert view.session.unsaved[-1] == "the note"
    assert view.summary.saved.text().endswith("Press Done again to leave without it.")
    assert not view.save_notice.isHidden()
    assert "Coach tries again at each save" in view.save_notice.text()


# -- a read-only data folder --------------------------------------------------------------


@contextlib.contextmanager
def read_only(folder: Path, at: Path) -> Iterator[Path]:
    """`folder` made read-only: by its modes, or for root (whom modes do not stop) a mount."""
    if getattr(os, "geteuid", lambda: -1)() == 0:
        with mounted_or_skip(read_only_view(folder, at), "root ignores file modes") as view:
            yield view
        return
    db = folder / DB_NAME
    folder.chmod(0o500)
    db.chmod(0o400)
    try:
        yield folder
    finally:
        folder.chmod(0o700)
        db.chmod(0o600)


@pytest.mark.parametrize("crashed", [False, True], ids=["closed", "left by a crash"])
def test_a_read_only_data_folder_is_refused_clearly_and_left_as_it_was(
    qtbot: QtBot, tmp_path: Path, told: Told, wall: WallClock, crashed: bool
) -> None:
    folder = tmp_path / "data"
    with History.open(folder, now=wall) as store:
        fill_history(store, wall)
        before = saved(store)
    if crashed:  # a -wal and -shm in the folder: SQLite could then read, but never write
        killed_writer(folder, ["INSERT INTO checkins VALUES ('2026-11-24', 'x', 3, 5)"])
        before["checkins"].append(
            {"day": "2026-11-24", "recorded": "x", "pain": 3, "stiffness_minutes": 5}
        )
    files = files_in(folder)
    with read_only(folder, tmp_path / "read-only") as shown:
        window = MainWindow(shown)
        qtbot.addWidget(window)
        window.open_data()
        assert window.model.history is None
        ((title, text),) = told
        assert title == "Cannot open the history"
        assert text.startswith(f"Coach cannot save in {shown}")
        assert "it is read-only. Your history there has not been changed." in text
        assert text in window.history.empty.text()  # the History page says it too
    assert files_in(folder) == files
    with History.open(folder) as store:
        assert saved(store) == before


# -- a damaged database -------------------------------------------------------------------


def garbage_header(db: Path) -> None:
    noise = random.Random(4).randbytes(100)  # noqa: S311 - the same garbage each run
    db.write_bytes(noise + db.read_bytes()[100:])


def truncated(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])


def emptied(db: Path) -> None:
    db.write_bytes(b"")


@pytest.mark.parametrize(
    ("damage", "crashed", "said"),
    [
        (garbage_header, False, "is not a Coach database: it does not start as an SQLite file"),
        (truncated, False, "is not a readable Coach database (database disk image is malformed)."),
        (truncated, True, "is not a readable Coach database (database disk image is malformed)."),
        (
            emptied,
            False,
            "is empty (0 bytes): the history it held is lost. Coach does not "
            "start a new one over it.",
        ),
    ],
    ids=["garbage header", "truncated", "truncated with its -wal", "emptied"],
)
def test_a_damaged_database_is_kept_aside_and_the_backup_restores_its_sessions(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: Told,
    wall: WallClock, damage: Callable[[Path], None], crashed: bool, said: str,
) -> None:  # fmt: skip
    folder = tmp_path / "data"
    with History.open(folder, now=wall) as store:
        fill_history(store, wall, sessions=20)  # pages enough that half the file lacks some
        backed_up = saved(store)
        taken = backup.make_backup(store.db, backups_dir(folder), local_now() - timedelta(hours=1))
        run_sets(store, TIMELINE, wall, 1)  # after the backup: lost with the file
    if crashed:
        killed_writer(folder, ["INSERT INTO checkins VALUES ('2026-11-30', 'x', 3, 5)"])
    damage(folder / DB_NAME)
    left = files_in(folder)
    offers: list[tuple[str, backup.Backup | None]] = []

    def restore(_c: object, _p: object, problem: str, found: object) -> str:
        offers.append((problem, found))  # type: ignore[arg-type]  # a Backup or None
        return data.RestoreBackup.RESTORE

    monkeypatch.setattr(data.RestoreBackup, "ask", classmethod(restore))
    window = MainWindow(folder)
    qtbot.addWidget(window)
    window.open_data()
    ((problem, found),) = offers
    (aside,) = folder.glob(f"{DB_NAME}.damaged-*[0-9]")
    assert problem.startswith(f"{folder / DB_NAME} {said}")
    assert found is not None
    assert found.path == taken
    assert told == []
    # The damaged file, and its -wal, are kept exactly as they were.
    assert aside.read_bytes() == left[DB_NAME]
    if crashed:
        assert aside.with_name(aside.name + "-wal").read_bytes() == left[f"{DB_NAME}-wal"]
    assert window.model.history is not None
    assert saved(window.model.history) == backed_up  # every session of the backup, with its pains
    assert window.model.history.db.sql.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    window.model.history.close()


# -- a database from a newer Coach ------------------------------------------------------------


def test_a_newer_database_left_with_its_wal_is_refused_and_left_byte_for_byte(
    qtbot: QtBot, tmp_path: Path, told: Told
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    newer = schema.SCHEMA_VERSION + 1
    killed_writer(folder, [
        f"PRAGMA user_version = {newer}", "CREATE TABLE future (x)",
        "INSERT INTO future VALUES (1)", "INSERT INTO future VALUES (2)",
    ])  # fmt: skip
    files = files_in(folder)
    window = MainWindow(folder)
    qtbot.addWidget(window)
    window.open_data()
    assert window.model.history is None
    ((title, text),) = told
    assert title == "Database from a newer Coach"
    assert f"database version {newer}" in text
    assert text.endswith("Update Coach to open it; the file has not been changed.")
    assert text in window.history.empty.text()
    # Not one byte of the database or of its -wal changed: the newer Coach finds all it wrote.
    files.pop(f"{DB_NAME}-shm")  # SQLite's index of the -wal: rebuilt by any reader
    assert {k: v for k, v in files_in(folder).items() if not k.endswith("-shm")} == files
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        assert conn.execute("SELECT x FROM future").fetchall() == [(1,), (2,)]
    finally:
        conn.close()


# -- a missing voice clip ----------------------------------------------------------------------


@pytest.mark.usefixtures("sound_output")
def test_a_missing_voice_clip_is_named_and_the_workout_still_runs(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def without_rest(name: str) -> Path:
        if name == "voice/rest.wav":
            raise FileNotFoundError(
                "Coach's file assets/voice/rest.wav is missing: reinstall Coach"
            )
        return asset_path(name)

    monkeypatch.setattr(track, "asset_path", without_rest)  # the lookup the track makes
    window = MainWindow(tmp_path / "data")
    qtbot.addWidget(window)
    window.open_data()
    assert window.model.history is not None
    view = window.start_workout()
    assert view.notice.text().startswith("Some voice prompts could not be loaded (rest);")
    assert view.notice.isVisibleTo(view)
    assert view.session.player is not None
    view.start()
    # The sound plays (its position is the workout's clock), and the session is saved.
    qtbot.waitUntil(lambda: view.session.engine.state().elapsed > 0.2, timeout=5000)
    assert view.session.engine.state().status is Status.RUNNING
    assert [row.status for row in window.model.history.sessions.interrupted()] == [
        SessionStatus.IN_PROGRESS
    ]
    window.close()
    window.model.history.close()


# -- owner-only files, whatever the umask ----------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_every_file_coach_writes_in_the_data_folder_is_the_users_only_under_umask_000(
    qtbot: QtBot, tmp_path: Path, wall: WallClock
) -> None:  # qtbot: the report draws with Qt
    from coach.app.prefs import Prefs, PrefsFile  # noqa: PLC0415
    from coach.paths import DataLock  # noqa: PLC0415 - Qt's lock, as the app takes it
    from coach.reports import calendar, pdf  # noqa: PLC0415
    from coach.storage import demo  # noqa: PLC0415

    folder = tmp_path / "data"
    old = os.umask(0)
    try:
        lock = DataLock(private_dir(folder))
        lock.acquire()
        held = folder / "coach.lock"  # removed on release: its mode is checked while held
        assert oct(held.stat().st_mode & 0o777) == "0o600"
        with History.open(folder, now=wall) as store:
            demo.fill(store.db, 2)
            backup.make_backup(store.db, backups_dir(folder), local_now())
            csv_export.export_csv(store.db, folder / "history.csv")
            json_export.export_json(store.db, folder / "history.json")
            pdf.write_report(store, folder / "report.pdf")
            calendar.write_schedule(store.programs, folder / "sessions.ics", "Europe/London")
        assert PrefsFile.in_folder(folder).save(Prefs()) is None
        lock.release()
    finally:
        os.umask(old)
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"coach.sqlite3", "settings.ini", "history.csv",
                                       "history.json", "report.pdf", "sessions.ics"}  # fmt: skip
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in files} == {
        p.name: "0o600" for p in files
    }
    dirs = [folder, *(p for p in folder.rglob("*") if p.is_dir())]
    assert {oct(d.stat().st_mode & 0o777) for d in dirs} == {"0o700"}


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_database_copied_in_with_a_loose_mode_is_tightened_and_doctor_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.doctor import data as doctor_data  # noqa: PLC0415

    folder = tmp_path / "data"
    History.open(folder).close()
    (folder / DB_NAME).chmod(0o644)
    findings = doctor_data.database(folder)
    [loose] = [f for f in findings if f.label == "Database permissions"]
    assert "others can read it (coach.sqlite3 644)" in loose.value
    History.open(folder).close()
    assert (folder / DB_NAME).stat().st_mode & 0o777 == 0o600
    assert not [f for f in doctor_data.database(folder) if f.label == "Database permissions"]


# -- a clock that was ahead --------------------------------------------------------------------


def test_one_start_with_the_clock_a_year_ahead_does_not_stop_daily_backups(
    store: History, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    now = datetime(2026, 11, 21, 8, 0)  # noqa: DTZ001 - backups are named in local time
    ahead = backup.make_backup(store.db, folder, now + timedelta(days=365))
    assert backup.backup_due(folder, now)  # the future one is no reason to wait a year
    made = [backup.make_backup(store.db, folder, now + timedelta(days=d), keep=3) for d in range(4)]
    kept = [b.path for b in backup.backups_in(folder)]
    assert ahead not in kept  # the misdated one rotates away first
    assert made[-3:] == sorted(kept)


# -- damage that breaks a CHECK constraint ----------------------------------------------------


def break_a_check(db: Path) -> None:
    """One flipped byte in a row: 'righv' for 'right', which SQLite's read-only check misses."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(
        "UPDATE sessions SET injured = 'righv' WHERE rowid = (SELECT min(rowid) FROM sessions)"
    )
    conn.commit()
    conn.close()


def test_a_broken_check_constraint_is_damage_at_start_in_doctor_and_in_backups(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wall: WallClock
) -> None:
    from coach.doctor import data as doctor_data  # noqa: PLC0415

    folder = tmp_path / "data"
    with History.open(folder, now=wall) as store:
        fill_history(store, wall, sessions=3)
        good = backup.make_backup(store.db, backups_dir(folder), local_now() - timedelta(days=2))
    newer = (local_now() - timedelta(days=1)).strftime("%Y%m%dT%H%M%S")
    bad = backups_dir(folder) / f"coach-{newer}.sqlite3"  # a newer copy, damaged
    bad.write_bytes(good.read_bytes())
    break_a_check(bad)
    break_a_check(folder / DB_NAME)
    with pytest.raises(CorruptDatabaseError, match="CHECK constraint failed in sessions"):
        History.open(folder)
    [check] = [f for f in doctor_data.database(folder) if f.label == "Integrity check"]
    assert check.value.startswith("failed (CHECK constraint failed in sessions")
    newest = backup.newest_good(backups_dir(folder))
    assert newest is not None
    assert newest.path == good
    # The window's start offers the good backup; it never crashes on the bad row.
    offers: list[str] = []

    def restore(_c: object, _p: object, problem: str, found: object) -> str:
        offers.append(problem)
        return data.RestoreBackup.RESTORE

    monkeypatch.setattr(data.RestoreBackup, "ask", classmethod(restore))
    window = MainWindow(folder)
    qtbot.addWidget(window)
    window.open_data()
    assert offers
    assert "CHECK constraint failed in sessions" in offers[0]
    assert window.model.history is not None
    assert window.model.history.db.count("sessions") == 3
    window.model.history.close()


def test_a_damaged_history_exports_what_it_can_and_says_what_it_left_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, wall: WallClock
) -> None:
    from coach.cli import main  # noqa: PLC0415

    folder = tmp_path / "data"
    with History.open(folder, now=wall) as store:
        fill_history(store, wall, sessions=3)
    break_a_check(folder / DB_NAME)
    out = tmp_path / "saved.json"
    assert main(["export", "--format", "json", "--out", str(out), "--data-dir", str(folder)]) == 0
    said, warned = capsys.readouterr()
    assert said == f"Wrote 2 sessions to {out}\n"
    assert "is damaged (SQLite's integrity check says: CHECK constraint failed" in warned
    assert "left out what fails the import's checks: sessions[0].injured: must be one of" in warned
    with History.open(tmp_path / "restored", now=wall) as restored:  # what was saved imports
        assert json_import.import_file(restored.db, out).sessions_added == 2
    csv = tmp_path / "saved.csv"
    assert main(["export", "--format", "csv", "--out", str(csv), "--data-dir", str(folder)]) == 1
    said, refused = capsys.readouterr()
    assert said == ""
    assert refused.count("\n") == 1
    assert "A JSON export (--format json) saves what the damage spared" in refused
    assert not csv.exists()


# -- reading a history from a full disk --------------------------------------------------------


def test_a_history_on_a_full_disk_can_still_be_exported_to_another(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, wall: WallClock
) -> None:
    """SQLite cannot make its -wal and -shm there ('disk I/O error'): the export reads a copy."""
    from coach.cli import main  # noqa: PLC0415

    with mounted_or_skip(tmpfs(tmp_path / "disk", "1m"), "a full disk needs a small tmpfs") as disk:
        folder = disk / "data"
        with History.open(folder, now=wall) as store:
            fill_history(store, wall)
            sessions = store.db.count("sessions")
        before = (folder / DB_NAME).read_bytes()
        fill_up(disk)
        out = tmp_path / "elsewhere"
        out.mkdir()
        status = main(["--data-dir", str(folder), "export", "--format", "csv",
                       "--out", str(out / "h.csv")])  # fmt: skip
        assert status == 0, capsys.readouterr().err
        assert main(["--data-dir", str(folder), "report", "--out", str(out / "r.pdf")]) == 0
        rows = (out / "h.csv").read_text(encoding="utf-8-sig").splitlines()
        assert len({r.split(",")[0] for r in rows[1:]}) == sessions  # every session is there
        assert (out / "r.pdf").stat().st_size > 1000
        assert (folder / DB_NAME).read_bytes() == before  # never written


def test_a_wal_left_without_its_database_is_kept_aside_not_replayed_onto_a_new_one(
    tmp_path: Path, wall: WallClock
) -> None:
    """The main file deleted after a crash: its -wal would damage the next database."""
    folder = tmp_path / "data"
    with History.open(folder, now=wall) as store:
        fill_history(store, wall, sessions=2)
    killed_writer(folder, ["INSERT INTO checkins VALUES ('2026-11-30', 'x', 3, 5)"])
    wal = (folder / f"{DB_NAME}-wal").read_bytes()
    (folder / DB_NAME).unlink()
    with History.open(folder, now=wall) as fresh:  # no damage: a new, empty history
        assert fresh.db.count("sessions") == 0
    (kept,) = folder.glob(f"{DB_NAME}-wal.orphan-*")
    assert kept.read_bytes() == wal


def test_closing_the_app_with_writes_the_disk_refused_asks_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.ui.workout.dialogs import LeaveUnsaved  # noqa: PLC0415

    monkeypatch.setattr(data.RestoreBackup, "ask", classmethod(lambda *_a: "later"))
    window = MainWindow(tmp_path / "data")
    qtbot.addWidget(window)
    window.open_data()
    workout = window.start_workout()

    def write() -> None:  # a write the disk refuses
        raise StorageError("Could not save set 1 (right leg): the disk is full.")

    workout.session.queue.write(QueuedWrite("a set", write))  # refused: waiting in memory
    answers: list[list[str]] = []

    def stay(_c: object, _p: object, unsaved: list[str]) -> str:
        answers.append(unsaved)
        return LeaveUnsaved.STAY

    monkeypatch.setattr(LeaveUnsaved, "ask", classmethod(stay))
    assert not window.close()  # kept open: the part the disk refused is still in memory
    assert answers == [["a set"]]
    monkeypatch.setattr(LeaveUnsaved, "ask", classmethod(lambda *_a: LeaveUnsaved.LEAVE))
    assert window.close()
