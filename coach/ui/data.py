"""Opening the user's database at start, and the questions that can come with it.

Run once the window is on screen; the daily backup waits until the Today page is usable
(`open_history`, then `back_up`).
A damaged (or emptied) database is moved aside, never overwritten, and the user may
take the newest good backup instead; a database from a newer Coach, or in a folder
Coach may not write, is left alone. A daily
backup is written if the last is more than a day old. Every question opens
through a classmethod that tests replace (pytest-qt, "Dialogs").
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from coach.domain import dates
from coach.paths import backups_dir
from coach.storage import backup
from coach.storage.database import DB_NAME, CorruptDatabaseError, local_now
from coach.storage.history import History
from coach.storage.schema import NewerDatabaseError, StorageError
from coach.storage.sessions import SessionRow


class DataProblem:
    @classmethod
    def tell(cls, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)


class RestoreBackup:
    RESTORE = "restore"  # put the newest good backup in place
    EMPTY = "empty"  # start an empty history; the damaged file and the backups stay
    LATER = "later"  # change nothing: run unsaved this time, ask again at the next start

    @classmethod
    def ask(cls, parent: QWidget, problem: str, found: backup.Backup | None) -> str:
        """RESTORE, EMPTY or LATER. Whichever: the damaged file is kept, never overwritten."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Database damaged")
        box.setText(problem)
        kept = "The damaged file is kept, moved aside unchanged, whatever you choose."
        if found is None:
            box.setInformativeText(
                f"There is no good backup to restore. {kept} Start an empty history, or "
                "decide later (this time Coach runs without saving)."
            )
            restore = None
        else:
            box.setInformativeText(
                f"Restore the backup made on {dates.day_long(found.taken.date())} at "
                f"{dates.clock_time(found.taken)}? Sessions after it "
                f"are not in it. {kept} You can also start an empty history (the backups "
                "stay), or decide later (this time Coach runs without saving)."
            )
            restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
        empty = box.addButton("Start an empty history", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Decide later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore or empty)
        box.exec()
        if restore is not None and box.clickedButton() is restore:
            return cls.RESTORE
        return cls.EMPTY if box.clickedButton() is empty else cls.LATER


class ResumeSession:
    RESUME = "resume"
    CLOSE = "close"

    @classmethod
    def ask(cls, parent: QWidget, session: SessionRow, planned: int) -> str | None:
        """RESUME, CLOSE (keep it as partial) or None (ask again at the next start)."""
        box = QMessageBox(parent)
        box.setWindowTitle("Carry on where you stopped?")
        box.setIcon(QMessageBox.Icon.Question)
        box.setText(
            f"The session you started on {dates.day_long(session.started.date())} at "
            f"{dates.clock_time(session.started)} did not finish: "
            f"Coach closed with {session.sets_done} of {planned} sets done, all of them saved."
        )
        box.setInformativeText(
            "Resume starts at the next set, after a rest. Close keeps the sets done as a "
            "partial session."
        )
        resume = box.addButton("Resume", QMessageBox.ButtonRole.AcceptRole)
        close = box.addButton("Close as partial", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Decide later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(resume)
        box.exec()
        if box.clickedButton() is resume:
            return cls.RESUME
        if box.clickedButton() is close:
            return cls.CLOSE
        return None


@dataclass(frozen=True)
class Opened:
    store: History | None
    problem: str = ""  # why there is no store
    backup: Path | None = None  # written at this start


def open_store(parent: QWidget, folder: Path, keep: int = backup.KEEP) -> Opened:
    """Open the database in `folder`, recovering from damage, and back it up if due.

    The newest `keep` backups are kept (the Settings dialog's "backups to keep"). The
    app does the two steps apart (`open_history`, then `back_up` once the Today page
    is usable); this is both at once.
    """
    opened = open_history(parent, folder)
    if opened.store is None:
        return opened
    return Opened(opened.store, backup=back_up(parent, opened.store, folder, keep))


def open_history(parent: QWidget, folder: Path) -> Opened:
    """Open the database in `folder`, recovering from damage (the user chooses how)."""
    try:
        return Opened(_open_or_recover(parent, folder))
    except NewerDatabaseError as e:
        DataProblem.tell(parent, "Database from a newer Coach", str(e))
        return Opened(None, str(e))
    except StorageError as e:
        DataProblem.tell(parent, "Cannot open the history", str(e))
        return Opened(None, str(e))


def back_up(parent: QWidget, store: History, folder: Path, keep: int = backup.KEEP) -> Path | None:
    """The daily backup, if one is due: the file written, or None."""
    try:
        return backup.backup_if_due(store.db, backups_dir(folder), store.db.now(), keep)
    except StorageError as e:
        DataProblem.tell(parent, "Backup failed", f"{e} Your data itself is unchanged.")
        return None


def _open_or_recover(parent: QWidget, folder: Path) -> History:
    if (place := _read_only(folder)) is not None:
        raise StorageError(
            f"Coach cannot save in {place}: it is read-only. Your history there has not been "
            "changed. Make it writable, or start Coach with --data-dir on a writable folder."
        )
    try:
        return History.open(folder)
    except CorruptDatabaseError as e:  # an empty file included: see Database.open
        problem = str(e)
    found = backup.newest_good(backups_dir(folder))
    answer = RestoreBackup.ask(parent, problem, found)
    if answer == RestoreBackup.RESTORE and found is not None:
        backup.restore_backup(found, folder, local_now())  # damaged aside only once ready
    elif answer == RestoreBackup.EMPTY:
        backup.move_aside(folder, local_now())
    else:
        raise StorageError(
            f"{problem} Nothing was changed: Coach asks again at its next start. Until "
            "then, sessions are not saved."
        )
    return History.open(folder)


def _read_only(folder: Path) -> Path | None:
    """The data folder or database if Coach may not write it (a read-only disk, say)."""
    for place in (folder, folder / DB_NAME):
        if place.exists() and not os.access(place, os.W_OK):
            return place
    return None
