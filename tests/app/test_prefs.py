"""The app's preferences: written to and read from settings.ini, bad values read as defaults."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from coach.app.prefs import FILE_NAME, Prefs, PrefsFile, TextSize

pytestmark = pytest.mark.usefixtures("qapp")  # QSettings wants a QCoreApplication


def test_a_fresh_folder_reads_the_defaults(tmp_path: Path) -> None:
    assert PrefsFile.in_folder(tmp_path).load() == Prefs()


def test_prefs_round_trip_through_the_file_in_the_data_folder(tmp_path: Path) -> None:
    chosen = Prefs(sound=False, volume=35, voice=False, text_size=TextSize.LARGEST,
                   reminders=False, keep_in_tray=True, backups=30)  # fmt: skip
    assert PrefsFile.in_folder(tmp_path).save(chosen) is None
    assert (tmp_path / FILE_NAME).is_file()
    assert PrefsFile.in_folder(tmp_path).load() == chosen  # a new reader: from the file


def test_a_hand_edited_file_with_bad_values_reads_them_as_defaults(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text(
        "[General]\nsound=perhaps\nvolume=250\nvoice=false\ntext_size=giant\nbackups=-3\n"
        "reminders=TRUE\nkeep_in_tray=1\n",
        encoding="utf-8",
    )
    prefs = PrefsFile.in_folder(tmp_path).load()
    assert prefs == Prefs(voice=False)  # the one good non-default value survives


def test_without_a_data_folder_prefs_live_in_memory() -> None:
    prefs = PrefsFile.in_folder(None)
    assert prefs.save(Prefs(volume=10)) is None
    assert prefs.load().volume == 10


def test_an_unwritable_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "gone"  # QSettings cannot create the file: its folder is a file
    folder.write_text("", encoding="utf-8")
    problem = PrefsFile.in_folder(folder).save(Prefs(volume=5)) or ""
    assert (
        f"could not write its settings to {folder / FILE_NAME}: {folder} is not a folder" in problem
    )


def test_a_read_only_folder_is_named_as_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root writes anywhere, so the refusal is QSettings' and the check's, both patched.
    monkeypatch.setattr(QSettings, "status", lambda _self: QSettings.Status.AccessError)
    monkeypatch.setattr(os, "access", lambda *_args: False)
    assert "read-only" in (PrefsFile.in_folder(tmp_path).save(Prefs(volume=5)) or "")


def test_text_sizes_grow() -> None:
    scales = [t.scale for t in TextSize]
    assert scales == sorted(scales)
    assert scales[0] == 1.0
