"""`coach doctor`: each check on its own, then the report and its exit status."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from coach import __version__, doctor, paths, qt_check, resources
from coach.audio import track
from coach.cli import main
from coach.desktop_entry import data_home
from coach.doctor import data as doctor_data
from coach.doctor import sound as doctor_sound
from coach.doctor import system as doctor_system
from coach.doctor.findings import Finding, Section
from coach.domain import dates
from coach.paths import DataLock
from coach.storage import backup
from coach.storage.database import DB_NAME
from coach.storage.history import History
from coach.storage.schema import SCHEMA_VERSION
from tests.missing_libs import pretend_missing
from tests.multimedia import skip_or_fail, why_no_qt_multimedia

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioDevice, QtAudio

pytestmark = pytest.mark.usefixtures("qapp")  # QtMultimedia needs an application object


@pytest.fixture
def qt_multimedia() -> None:
    """The test fakes the devices, but needs QtMultimedia to load (fails on CI without)."""
    if (reason := why_no_qt_multimedia()) is not None:
        skip_or_fail(reason, on_ci_say="CI must install libpulse0 (.ci/run)")


def run_doctor(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[int, str]:
    status = main(["doctor", "--data-dir", str(folder)])
    out, _ = capsys.readouterr()
    return status, out


@pytest.fixture
def good_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sound that works, whatever this machine has: the data checks are under test."""
    monkeypatch.setattr(doctor_sound, "sound_library", lambda: None)
    monkeypatch.setattr(doctor_sound, "sound_outputs", lambda: [Finding("Sound outputs", "1")])
    monkeypatch.setattr(doctor_sound, "tone_check", lambda: Finding("Test tone", "played"))


def problems_of(out: str) -> list[str]:
    if "\nProblems:\n" not in out:
        return []
    return [line[4:] for line in out.split("\nProblems:\n", 1)[1].splitlines()]


def a_database(folder: Path) -> Path:
    History.open(folder).close()
    return folder / DB_NAME


# -- the whole report ----------------------------------------------------------------
@pytest.mark.usefixtures("good_sound")
def test_a_fresh_install_is_healthy(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    status, out = run_doctor(capsys, folder)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Coach"
    assert f"  Coach version: {__version__}" in lines
    assert any(line.startswith("  Python: 3.") for line in lines)
    assert any(line.startswith("  Qt: 6.") for line in lines)
    assert f"  Data folder: {folder} (from --data-dir; not created yet)" in lines
    assert f"  Database: {folder / DB_NAME} (not created yet)" in lines
    assert "  Newest backup: none yet (Coach makes one on each day it starts)" in lines
    assert f"  Voice clips: {len(track.VOICE_CLIPS)} of {len(track.VOICE_CLIPS)} present" in lines
    assert lines[-1] == "No problems found."
    assert not folder.exists()  # the doctor never creates the data folder


@pytest.mark.usefixtures("good_sound")
def test_a_database_in_use_is_read_without_changing_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    lock = DataLock(folder)
    with History.open(folder) as store:  # as the running app holds it: locked, WAL files open
        lock.acquire()
        try:
            backup.make_backup(store.db, folder / "backups", datetime.now().astimezone())
            before = (folder / DB_NAME).read_bytes()
            status, out = run_doctor(capsys, folder)
        finally:
            lock.release()
        assert (folder / DB_NAME).read_bytes() == before
    assert status == 0
    assert f"  Schema version: {SCHEMA_VERSION} (current)" in out
    assert "  Journal mode: WAL" in out
    assert "  Integrity check: ok" in out
    assert "  Database readable: yes" in out
    assert ", just now; 1 kept)" in out


@pytest.mark.usefixtures("good_sound")
def test_a_closed_database_is_left_exactly_as_it_was(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    a_database(folder)
    for extra in ("-wal", "-shm"):  # as after the app closed cleanly
        (folder / (DB_NAME + extra)).unlink(missing_ok=True)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}
    assert run_doctor(capsys, folder)[0] == 0
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()} == before


@pytest.mark.usefixtures("good_sound")
def test_records_dated_after_the_computer_s_clock_say_the_clock_looks_wrong(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    ahead = datetime.now().astimezone() + timedelta(days=365)
    with History.open(folder, now=lambda: ahead) as store:
        store.programs.save_checkin(ahead.date(), 2, 10)
    status, out = run_doctor(capsys, folder)
    assert status == 1
    assert f"; the latest record is dated {ahead:%Y-%m-%d %H:%M} (looks wrong)" in out
    [problem] = problems_of(out)
    assert problem.startswith("This computer's clock says ")
    assert f"but your history has records dated up to {dates.day_month(ahead)}" in problem


@pytest.mark.usefixtures("good_sound")
def test_a_first_version_database_is_read_and_its_clock_not_guessed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Schema 1 had sessions only: the query over every table fails, and says nothing."""
    from coach.storage.schema import MIGRATIONS  # noqa: PLC0415

    folder = tmp_path / "data"
    folder.mkdir()
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.executescript(MIGRATIONS[0])
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    (folder / DB_NAME).chmod(0o600)
    status, out = run_doctor(capsys, folder)
    assert "  Integrity check: ok" in out
    assert "  Clock: " in out
    assert "(looks wrong)" not in out
    assert problems_of(out) == []
    assert status == 0


def test_the_clock_finding_says_nothing_wrong_for_a_believable_date() -> None:
    now = datetime(2026, 11, 21, 8, 0).astimezone()
    assert doctor_data.clock_finding(now, now) == Finding(
        "Clock", "2026-11-21 08:00; the latest record is dated 2026-11-21 08:00"
    )
    assert doctor_data.clock_finding(datetime(1970, 1, 1, 1, 0).astimezone(), None).problem


@pytest.mark.usefixtures("good_sound")
def test_a_file_that_is_not_a_database_is_a_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"this is not SQLite" * 100)
    (folder / DB_NAME).chmod(0o600)  # its mode is not what this test is about
    status, out = run_doctor(capsys, folder)
    assert status == 1
    assert "  Integrity check: failed (the file holds no history)" in out
    [problem] = problems_of(out)
    assert problem.startswith(f"{folder / DB_NAME} is not a Coach database")
    assert "offers the newest good backup" in problem
    assert (folder / DB_NAME).read_bytes() == b"this is not SQLite" * 100


@pytest.mark.usefixtures("good_sound")
def test_an_empty_database_file_is_damage_not_ok(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"")
    (folder / DB_NAME).chmod(0o600)  # its mode is not what this test is about
    status, out = run_doctor(capsys, folder)
    assert status == 1
    assert "Integrity check: ok" not in out
    [problem] = problems_of(out)
    assert "is empty (0 bytes): the history it held is lost" in problem
    assert (folder / DB_NAME).read_bytes() == b""


@pytest.mark.usefixtures("good_sound")
def test_damage_inside_the_file_fails_the_integrity_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    path = a_database(folder)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE filler (x TEXT)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(path.read_bytes())
    page = 4096
    raw[-3 * page : -2 * page] = b"\xa5" * page  # scribble over a page of the filler
    path.write_bytes(bytes(raw))
    status, out = run_doctor(capsys, folder)
    assert status == 1
    assert "  Integrity check: failed (" in out
    [problem] = problems_of(out)
    assert problem.startswith(f"The database {path} is damaged (SQLite's integrity check: ")


@pytest.mark.usefixtures("good_sound")
def test_a_database_from_a_newer_coach_is_a_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    path = a_database(folder)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    status, out = run_doctor(capsys, folder)
    assert status == 1
    assert (
        f"  Schema version: {SCHEMA_VERSION + 1} (this Coach reads up to {SCHEMA_VERSION})" in out
    )
    [problem] = problems_of(out)
    assert problem.startswith("The database was written by a newer Coach")
    assert "update Coach" in problem


@pytest.mark.usefixtures("good_sound")
def test_a_missing_voice_clip_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(track, "VOICE_CLIPS", (*track.VOICE_CLIPS, "well_done_champion"))
    status, out = run_doctor(capsys, tmp_path / "data")
    assert status == 1
    total = len(track.VOICE_CLIPS)
    assert f"  Voice clips: {total - 1} of {total} present" in out
    [problem] = problems_of(out)
    assert problem.startswith("Voice clips missing or unreadable: well_done_champion.")


def test_an_unreadable_voice_clip_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "voice.wav"
    bad.write_bytes(b"RIFF-not-really")
    real = resources.asset_path
    monkeypatch.setattr(
        "coach.doctor.sound.asset_path",
        lambda name: bad if name == "voice/rest.wav" else real(name),
    )
    finding = doctor_sound.voice_clips()
    assert finding.problem is not None
    assert "rest (unreadable)" in finding.problem


# -- sound ----------------------------------------------------------------------------
class NoDevices:
    @staticmethod
    def audioOutputs() -> list[QAudioDevice]:  # noqa: N802 - Qt's name
        return []

    @staticmethod
    def defaultAudioOutput() -> QAudioDevice:  # noqa: N802 - Qt's name
        from PySide6.QtMultimedia import QAudioDevice  # noqa: PLC0415 - see qt_multimedia

        return QAudioDevice()


@pytest.mark.usefixtures("qt_multimedia")
def test_no_sound_output_is_a_problem_that_says_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("PySide6.QtMultimedia.QMediaDevices", NoDevices)
    assert doctor_sound.sound_outputs() == [
        Finding("Sound outputs", "none found", doctor_sound.NO_OUTPUT)
    ]
    assert doctor_sound.tone_check() == Finding("Test tone", "not tried (no sound output)")
    status, out = run_doctor(capsys, tmp_path / "data")
    assert status == 1
    assert "  Sound outputs: none found" in out
    assert problems_of(out) == [
        "No sound output found: connect speakers or headphones, or check that PulseAudio or "
        "PipeWire runs; workouts still run with on-screen cues."
    ]


@pytest.mark.usefixtures("sound_output")
def test_the_default_output_plays_the_test_tone() -> None:
    outputs = doctor_sound.sound_outputs()
    assert outputs[0].value.endswith(" found")
    assert any(f.value.endswith(" (default)") for f in outputs[1:])
    tone = doctor_sound.tone_check()
    assert tone.problem is None
    assert tone.value.startswith("played on ")


class BrokenSpeaker:
    """A default output that is there, but fails when sound is sent to it."""

    def isNull(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def isFormatSupported(self, _fmt: object) -> bool:  # noqa: N802 - Qt's name
        return True

    def description(self) -> str:
        return "Broken Speaker"


class FailingSink:
    def __init__(self, *_args: object) -> None:
        self.stopped = False

    def start(self, _device: object) -> None:
        pass

    def error(self) -> QtAudio.Error:
        from PySide6.QtMultimedia import QtAudio  # noqa: PLC0415 - see qt_multimedia

        return QtAudio.Error.OpenError

    def state(self) -> QtAudio.State:
        from PySide6.QtMultimedia import QtAudio  # noqa: PLC0415 - see qt_multimedia

        return QtAudio.State.StoppedState

    def stop(self) -> None:
        self.stopped = True


@pytest.mark.usefixtures("qt_multimedia")
def test_an_output_that_will_not_play_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    class OneBrokenSpeaker:
        @staticmethod
        def defaultAudioOutput() -> BrokenSpeaker:  # noqa: N802 - Qt's name
            return BrokenSpeaker()

    monkeypatch.setattr("PySide6.QtMultimedia.QMediaDevices", OneBrokenSpeaker)
    monkeypatch.setattr("PySide6.QtMultimedia.QAudioSink", FailingSink)
    tone = doctor_sound.tone_check(wait_ms=0)
    assert tone.value == "failed on Broken Speaker (OpenError)"
    assert tone.problem is not None
    assert tone.problem.startswith("The sound output Broken Speaker would not play (OpenError)")


def test_speech_engines_are_information_only() -> None:
    finding = doctor_sound.speech_engines()
    assert finding.label == "Text-to-speech engines"
    assert finding.value
    assert finding.problem is None


def test_the_report_lists_problems_after_the_facts() -> None:
    import io  # noqa: PLC0415

    sections = [
        Section("Data", (Finding("A", "1"), Finding("B", "2", "Fix B."))),
        Section("Sound", (Finding("C", "3", "Fix C."),)),
    ]
    out = io.StringIO()
    doctor.write_report(sections, out)
    assert out.getvalue() == (
        "Data\n  A: 1\n  B: 2\n\nSound\n  C: 3\n\nProblems:\n  - Fix B.\n  - Fix C.\n"
    )


def test_the_command_runs_as_its_own_process(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-m", "coach", "doctor", "--data-dir", str(folder)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr
    assert f"  Coach version: {__version__}\n" in done.stdout
    assert f"  Data folder: {folder} (from --data-dir; not created yet)\n" in done.stdout
    # The exit status follows the problems: this machine may or may not have sound.
    assert done.returncode == (1 if "\nProblems:\n" in done.stdout else 0)
    assert done.stdout.endswith("No problems found.\n") == (done.returncode == 0)
    assert not folder.exists()


# -- missing system libraries (tests/test_missing_libraries.py runs the real command) -----
def test_without_libpulse_sound_is_not_tried_and_the_problem_says_what_to_install(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pretend_missing(monkeypatch, ["libpulse.so.0"])
    status, out = run_doctor(capsys, tmp_path / "data")
    assert status == 1
    assert "  Sound library: QtMultimedia cannot load (libpulse.so.0 is missing)\n" in out
    assert "  Text-to-speech engines: cannot load (libpulse.so.0 is missing)\n" in out
    assert "Test tone" not in out
    assert problems_of(out) == [
        "Sound cannot play: libpulse.so.0 is missing. Install it (Debian/Ubuntu: sudo apt "
        "install libpulse0; Fedora: sudo dnf install pulseaudio-libs); until then workouts "
        "run silently, with every cue on the screen."
    ]


def test_each_missing_library_is_listed_with_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """An import names the first library missing; the report names them all."""
    gone = {"libGL.so.1", "libxkbcommon.so.0"}
    monkeypatch.setattr(qt_check, "missing_of", lambda names: [n for n in names if n in gone])
    by_label = {f.label: f for f in doctor_system.qt_libraries()}
    assert by_label["System libraries"].value == "missing: libGL.so.1, libxkbcommon.so.0"
    assert by_label["System libraries"].problem == (
        "Coach cannot start: Qt needs libGL.so.1, libxkbcommon.so.0, missing on this "
        "computer. Install them (Debian/Ubuntu: sudo apt install libgl1 libxkbcommon0; "
        "Fedora: sudo dnf install mesa-libGL libxkbcommon)."
    )


def test_the_window_system_and_what_its_plugin_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    gone = {"libxcb-cursor.so.0"}
    monkeypatch.setattr(qt_check, "missing_of", lambda names: [n for n in names if n in gone])
    [x11] = doctor_system.window_system({"DISPLAY": ":0"})
    assert x11.value == "xcb (libxcb-cursor.so.0 missing)"
    assert x11.problem is not None
    assert x11.problem.startswith("Qt cannot open windows on X11: libxcb-cursor.so.0 is missing")
    [wayland] = doctor_system.window_system({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})
    assert wayland == Finding("Window system", "wayland, else xcb (libxcb-cursor.so.0 missing)")
    [offscreen] = doctor_system.window_system({"QT_QPA_PLATFORM": "offscreen"})
    assert offscreen == Finding("Window system", "offscreen")


@pytest.mark.parametrize(
    "environ",
    [{}, {"XDG_DATA_HOME": "/somewhere/else"}, {"COACH_DATA_DIR": "/my/data"},
     {"COACH_DATA_DIR": "~/data", "XDG_DATA_HOME": "/x"},
     {"XDG_DATA_HOME": "relative/dir"}],  # the spec: a relative one is ignored
)  # fmt: skip
def test_without_qt_the_data_folder_is_the_one_qt_would_give(
    environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("XDG_DATA_HOME", "COACH_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    without_qt = paths.data_dir(None, environ, base=data_home(environ))
    assert without_qt == paths.data_dir(None, environ)
