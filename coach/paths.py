"""Where Coach keeps the user's data, resolved in this one place, and who may write there.

The folder is, in order: `--data-dir`, the `COACH_DATA_DIR` environment variable, or
the platform's app-data folder from QStandardPaths (`~/.local/share/coach` on Linux).
One app at a time may use a folder: `DataLock` holds a QLockFile in it.

QtCore loads only where it is used (the platform's folder, the lock): `coach doctor`
reads this module on a machine where Qt cannot load, and finds the folder without it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from coach.storage.files import make_private

ENV_VAR = "COACH_DATA_DIR"
APP_FOLDER = "coach"
LOCK_NAME = "coach.lock"


def data_dir(
    override: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] = os.environ,
    *,
    base: Path | None = None,
) -> Path:
    """The data folder (not created here).

    `base` is the platform's folder for user data, when the caller knows it without Qt
    (`coach doctor`); else Qt's. Raises ImportError only if Qt is needed and cannot load.
    """
    if override:
        return Path(override).expanduser().absolute()
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]).expanduser().absolute()
    return (base if base is not None else _generic_data_location()) / APP_FOLDER


def _generic_data_location() -> Path:
    from PySide6.QtCore import QStandardPaths  # noqa: PLC0415 - QtCore only when needed

    # GenericDataLocation, not AppDataLocation: the latter depends on the application
    # and organisation names, which the command line (no QApplication) does not set.
    return Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    )


def backups_dir(folder: Path) -> Path:
    return folder / "backups"


class AlreadyRunningError(Exception):
    """Another Coach holds the folder. `str()` is a message for the user."""


class DataLock:
    """The right to write to a data folder: one holder at a time, across processes.

    A lock left by a process that died is taken over (QLockFile checks the PID).
    """

    def __init__(self, folder: Path) -> None:
        from PySide6.QtCore import QLockFile  # noqa: PLC0415 - QtCore only when needed

        self.folder = folder
        self._lock = QLockFile(str(folder / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # only a dead holder makes a lock stale, never age

    def acquire(self) -> None:
        """Take the lock or raise AlreadyRunningError. The folder must exist."""
        if self._lock.tryLock(0):
            make_private(self.folder / LOCK_NAME)  # QLockFile writes with the umask's mode
            return
        if self._lock.error() is type(self._lock).LockError.LockFailedError:
            info = self._lock.getLockInfo()  # PySide6: (pid, hostname, appname)
            pid = info[0] if isinstance(info, tuple) and info else 0
            where = f" (process {pid})" if pid else ""
            raise AlreadyRunningError(
                f"Coach is already running with the data folder {self.folder}{where}. "
                "Switch to that window, or close it first."
            )
        raise AlreadyRunningError(
            f"Coach cannot lock its data folder {self.folder}: the folder is not writable."
        )

    def release(self) -> None:
        self._lock.unlock()
