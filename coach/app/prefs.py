"""The app's own preferences: sound, voice, text size, reminders, backups.

They describe this computer, not the program, so they live in a QSettings file in
the data folder (`settings.ini`), beside the history but not in it: the program's
values (pace, session times, VISA-A interval) are in the database, where an export
carries them. A value that is missing, of the wrong type or out of range (a file
edited by hand) reads as its default: a bad file can never stop Coach from starting.
"""

from __future__ import annotations

import contextlib
import enum
import os
import shutil
from dataclasses import dataclass, fields, replace
from pathlib import Path

from PySide6.QtCore import QSettings

from coach.storage.backup import KEEP
from coach.storage.files import make_private

FILE_NAME = "settings.ini"
FULL_BELOW_BYTES = 64 * 1024  # less free space than this: call the disk full


class TextSize(enum.Enum):
    """How big the workout page's words are, as a factor of the size that fits the window."""

    STANDARD = "standard"
    LARGE = "large"
    LARGEST = "largest"

    @property
    def scale(self) -> float:
        return {"standard": 1.0, "large": 1.2, "largest": 1.4}[self.value]

    @property
    def label(self) -> str:
        return {"standard": "Standard", "large": "Large", "largest": "Largest"}[self.value]


# The ranges of the whole-number preferences: the dialog's boxes and the reading of the
# file use the same ones.
RANGES = {"volume": (0, 100), "backups": (1, 60)}


@dataclass(frozen=True)
class Prefs:
    sound: bool = True
    volume: int = 80  # percent
    voice: bool = True
    text_size: TextSize = TextSize.STANDARD
    reminders: bool = True
    keep_in_tray: bool = False  # closing the window leaves Coach in the tray to remind
    backups: int = KEEP
    welcomed: bool = False  # the first start's set-up wizard has been offered

    @property
    def text_scale(self) -> float:
        return self.text_size.scale


class PrefsFile:
    """Reads and writes `Prefs` in a QSettings INI file (None: kept in memory only)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._memory = Prefs()
        self._settings = (
            QSettings(str(path), QSettings.Format.IniFormat) if path is not None else None
        )

    @classmethod
    def in_folder(cls, folder: Path | None) -> PrefsFile:
        return cls(folder / FILE_NAME if folder is not None else None)

    def load(self) -> Prefs:
        if self._settings is None:
            return self._memory
        values: dict[str, object] = {}
        defaults = Prefs()
        for f in fields(Prefs):
            raw = self._settings.value(f.name)
            value = _parse(f.name, raw, getattr(defaults, f.name))
            if value is not None:
                values[f.name] = value
        return replace(defaults, **values)  # type: ignore[arg-type]  # checked by _parse

    def save(self, prefs: Prefs) -> str | None:
        """Write `prefs`. Returns None, or why they could not be written."""
        if self._settings is None or self.path is None:
            self._memory = prefs
            return None
        for f in fields(Prefs):
            value = getattr(prefs, f.name)
            self._settings.setValue(f.name, value.value if isinstance(value, enum.Enum) else value)
        self._settings.sync()
        if self.path.exists():  # QSettings writes with the umask's mode: the user's only
            make_private(self.path)
        if self._settings.status() is not QSettings.Status.NoError:
            return (
                f"Coach could not write its settings to {self.path}: {_why_unwritable(self.path)}. "
                "They apply until Coach closes; save them again once that is fixed."
            )
        return None


def _why_unwritable(path: Path) -> str:
    """A likely reason `path` could not be written (QSettings reports no OS error)."""
    folder = path.parent
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "the file or its folder is read-only"
    with contextlib.suppress(OSError):
        if shutil.disk_usage(folder).free < FULL_BELOW_BYTES:
            return "the disk is full"
    return "check that the disk and the folder can be written"


def _parse(name: str, raw: object, default: object) -> object | None:
    """The stored text as the field's type; None when missing or unusable (the default)."""
    if raw is None:
        return None
    text = str(raw).strip().lower()
    if isinstance(default, bool):
        return {"true": True, "false": False}.get(text)
    if isinstance(default, TextSize):
        return next((t for t in TextSize if t.value == text), None)
    if isinstance(default, int):
        low, high = RANGES[name]
        if text.lstrip("-").isdigit() and low <= int(text) <= high:
            return int(text)
    return None
