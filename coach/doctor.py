"""`coach doctor`: what a support question needs to know, and what is wrong with this install.

Each check is a small function returning `Finding`s: a label, a value, and, when
something needs the user's attention, a problem sentence saying what to do. The
report prints the findings under headings, then the problems; the exit status is 1
when there is any.

It runs without Qt: when a system library Qt needs is missing (a fresh machine), it
still reports everything else, lists each missing library with the package to install,
and exits 1 like any other problem. Qt is imported only inside the checks that use it.

The doctor only looks. It opens the database read-only (an SQLite `mode=ro` URI), so
it never changes the file, never migrates it, and can run while the app has the
folder; it takes no lock and creates no folder. (In WAL mode a reader does update
the -shm index that SQLite shares between connections: that file holds no data.)
"""

from __future__ import annotations

import importlib
import os
import platform
import sqlite3
import sys
import wave
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

import numpy as np

from coach import __version__, qt_check
from coach.audio import track
from coach.desktop_entry import data_home
from coach.domain import dates
from coach.domain.wall_clock import clock_doubt
from coach.resources import asset_path
from coach.storage.backup import backups_in, future_backups
from coach.storage.database import (
    DB_NAME,
    CorruptDatabaseError,
    check_file,
    integrity_problems,
    latest_stamp,
    loose_files,
)
from coach.storage.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

ENV_VAR = "COACH_DATA_DIR"  # coach.paths.ENV_VAR, which loads Qt
TONE_SECONDS = 0.2
TONE_HZ = 440.0
TONE_PEAK = 0.05  # quiet: the check is that the output opens, not that anyone hears it
TONE_WAIT_MS = 400  # the tone's length and a margin for the sound server to start


@dataclass(frozen=True)
class Finding:
    """One fact. `problem`, if set, is a sentence saying what is wrong and what to do."""

    label: str
    value: str
    problem: str | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    findings: tuple[Finding, ...]


# -- Coach and its surroundings -----------------------------------------------------
QT_MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")  # what the window needs


def versions(environ: Mapping[str, str] = os.environ) -> list[Finding]:
    return [
        Finding("Coach version", __version__),
        Finding("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        *qt_libraries(),
        Finding("Platform", platform.platform()),
        *window_system(environ),
    ]


def _pyside_version() -> str:
    try:
        import PySide6  # noqa: PLC0415 - loads no Qt library itself
    except ImportError as e:
        return f"cannot load ({e})"
    return str(PySide6.__version__)


def qt_libraries() -> list[Finding]:
    """Qt's version, or why it cannot load; and each system library it needs that is missing.

    Importing a Qt module names only the first library missing: the rest are found by
    asking the dynamic loader for each, so one report lists all there is to install.
    """
    failed: ImportError | None = None
    for name in QT_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as e:
            failed = e
            break
    linux = sys.platform.startswith("linux")  # the libraries' names are Linux ones
    missing = qt_check.missing_of(qt_check.QT_LIBS) if linux else []
    if failed is None:
        from PySide6.QtCore import qVersion  # noqa: PLC0415 - it loads: see above

        qt = Finding("Qt", qVersion())
    elif soname := qt_check.missing_soname(failed):
        qt = Finding("Qt", f"cannot load ({soname} is missing)")
        missing = list(dict.fromkeys([soname, *missing]))
    else:
        qt = Finding(
            "Qt", f"cannot load ({failed})",
            f"Qt does not load ({failed}): reinstall Coach; if that does not help, send "
            "this report to whoever gave you Coach.",
        )  # fmt: skip
    findings = [qt, Finding("PySide6", _pyside_version())]
    if not missing:
        return [*findings, Finding("System libraries", "all that Qt needs are found")]
    names = ", ".join(missing)
    return [
        *findings,
        Finding(
            "System libraries", f"missing: {names}",
            f"Coach cannot start: Qt needs {names}, missing on this computer. Install "
            f"{'it' if len(missing) == 1 else 'them'} ({qt_check.install_hint(missing)}).",
        ),
    ]  # fmt: skip


def window_system(environ: Mapping[str, str] = os.environ) -> list[Finding]:
    """The window system Qt will use here, and the libraries its plugin lacks (Linux)."""
    if not sys.platform.startswith("linux"):
        return []
    if not any(environ.get(v) for v in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        return [Finding("Window system", "none here (no DISPLAY or WAYLAND_DISPLAY)")]
    tried = []
    for name in qt_check.platforms(environ):
        libs = qt_check.PLATFORM_LIBS.get(name)
        missing = qt_check.missing_of(libs) if libs else []
        tried.append(f"{name} ({', '.join(missing)} missing)" if missing else name)
    problem = qt_check.platform_problem(environ)
    return [
        Finding(
            "Window system",
            ", else ".join(tried),
            problem
            and f"{problem.removeprefix('coach: ')}; Coach cannot open its window here until "
            "that is installed.",
        )
    ]


# -- the data -------------------------------------------------------------------------
def data_folder(override: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """The data folder, as coach.paths finds it; where Qt cannot load, as it would."""
    try:
        from coach.paths import data_dir  # noqa: PLC0415 - loads QtCore
    except ImportError:
        return fallback_data_dir(override, environ)
    return data_dir(override, environ)


def fallback_data_dir(override: str | None, environ: Mapping[str, str]) -> Path:
    """coach.paths.data_dir without Qt: QStandardPaths' GenericDataLocation on Linux."""
    if override:
        return Path(override).expanduser().absolute()
    if environ.get(ENV_VAR):
        return Path(environ[ENV_VAR]).expanduser().absolute()
    return data_home(environ) / "coach"  # a relative XDG_DATA_HOME is ignored, as Qt does


def backups_dir(folder: Path) -> Path:
    return folder / "backups"  # coach.paths.backups_dir, which loads Qt


def folder_finding(folder: Path, override: str | None) -> Finding:
    if override:
        source = "from --data-dir"
    elif os.environ.get(ENV_VAR):
        source = f"from {ENV_VAR}"
    else:
        source = "the default"
    if not folder.exists():
        return Finding("Data folder", f"{folder} ({source}; not created yet)")
    if not folder.is_dir():
        return Finding(
            "Data folder", f"{folder} ({source}; not a folder)",
            f"The data folder {folder} is a file, not a folder: move the file away, or "
            "choose another folder with --data-dir.",
        )  # fmt: skip
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        return Finding(
            "Data folder", f"{folder} ({source}; not writable)",
            f"Coach cannot write to its data folder {folder}: give your account write "
            "permission on it (it holds your history).",
        )  # fmt: skip
    return Finding("Data folder", f"{folder} ({source})")


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to the database, and leaves no file behind.

    mode=ro: SQLite refuses every write. While the app runs, the -wal and -shm files
    exist and this reader shares them, so it sees the latest commits. Without them the
    file was closed cleanly and is complete in itself: immutable=1 reads it without
    creating the -wal and -shm files a reader would otherwise leave in the folder.
    """
    shared = all(path.with_name(path.name + s).exists() for s in ("-wal", "-shm"))
    flags = "mode=ro" if shared else "mode=ro&immutable=1"
    return sqlite3.connect(f"file:{quote(str(path))}?{flags}", uri=True, timeout=2)


def journal_mode(path: Path) -> str:
    """WAL or rollback journal, from the file header (immutable readers cannot tell)."""
    with path.open("rb") as f:
        header = f.read(20)
    if len(header) < 20:
        return "none yet (empty file)"
    return {1: "rollback journal", 2: "WAL"}.get(header[18], f"unknown ({header[18]})")


def database(folder: Path) -> list[Finding]:
    """The database file: where, how big, its version, and SQLite's integrity check."""
    path = folder / DB_NAME
    if not path.exists():
        return [Finding("Database", f"{path} (not created yet)")]
    findings = [Finding("Database", str(path))]
    wal = path.with_name(path.name + "-wal")
    try:
        size = size_text(path.stat().st_size)
        pending = wal.stat().st_size if wal.exists() else 0
        if pending:  # commits not yet copied into the main file (WAL mode)
            size += f", plus {size_text(pending)} of recent changes in {wal.name}"
        findings.append(Finding("Database size", size))
        if loose := loose_files(path):
            modes = ", ".join(f"{p.name} {p.stat().st_mode & 0o777:o}" for p in loose)
            findings.append(
                Finding(
                    "Database permissions",
                    f"others can read it ({modes})",
                    f"Other accounts on this computer can read your history ({modes}). Coach "
                    "makes the files yours only (600) when it next opens them.",
                )
            )
        check_file(path)  # empty or not SQLite: damage, as Coach itself will treat it
        conn = _read_only(path)
    except CorruptDatabaseError as e:
        return [
            *findings,
            Finding(
                "Integrity check", "failed (the file holds no history)",
                f"{e} When Coach next starts it offers the newest good backup, an empty "
                "history or to decide later; the file is kept, moved aside unchanged.",
            ),
        ]  # fmt: skip
    except (OSError, sqlite3.Error) as e:
        return [*findings, _unreadable(path, e)]
    try:
        findings += _database_contents(conn, path)
    except sqlite3.Error as e:
        findings.append(_unreadable(path, e))
    finally:
        conn.close()
    return findings


def _unreadable(path: Path, error: BaseException) -> Finding:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return Finding(
        "Database readable", f"no ({reason})",
        f"The database {path} cannot be read ({reason}). If it is damaged, Coach moves "
        "it aside when it next starts and offers to restore the newest good backup; if "
        "its permissions are wrong, give your account read and write access to it.",
    )  # fmt: skip


def _database_contents(conn: sqlite3.Connection, path: Path) -> list[Finding]:
    conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # is it a database at all
    findings = [Finding("Database readable", "yes")]
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        findings.append(
            Finding(
                "Schema version",
                f"{found} (this Coach reads up to {SCHEMA_VERSION})",
                f"The database was written by a newer Coach (schema version {found}; this "
                f"one reads up to {SCHEMA_VERSION}): update Coach to open it. The file is "
                "fine and has not been changed.",
            )
        )
    elif found < SCHEMA_VERSION:
        findings.append(
            Finding(
                "Schema version",
                f"{found} (Coach updates it to {SCHEMA_VERSION} when it next opens it)",
            )
        )
    else:
        findings.append(Finding("Schema version", f"{found} (current)"))
    findings.append(Finding("Journal mode", journal_mode(path)))
    results = integrity_problems(conn)  # CHECK constraints included, as at start
    if results == ["ok"]:
        findings.append(Finding("Integrity check", "ok"))
    else:
        said = "; ".join(results)
        findings.append(
            Finding(
                "Integrity check",
                f"failed ({said})",
                f"The database {path} is damaged (SQLite's integrity check: {said}). When "
                "Coach next starts it offers the newest good backup, an empty history or to "
                "decide later; the file is kept, moved aside unchanged.",
            )
        )
    try:  # an older schema may lack some of the tables (Coach migrates it at start)
        latest = latest_stamp(conn) if results == ["ok"] else None
    except sqlite3.Error:
        latest = None
    findings.append(clock_finding(datetime.now().astimezone(), latest))
    return findings


def clock_finding(now: datetime, latest: datetime | None) -> Finding:
    """The computer's date, and whether it looks wrong beside the history's latest record."""
    found = f"{dates.iso_moment(now)}"
    if latest is not None:
        found += f"; the latest record is dated {dates.iso_moment(latest)}"
    doubt = clock_doubt(now, latest)
    return Finding("Clock", found + (" (looks wrong)" if doubt else ""), doubt)


def age_text(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h ago"
    return f"{hours // 24} days ago"


def newest_backup(folder: Path, now: datetime) -> Finding:
    """The newest daily backup and its age (local wall-clock times, as its name holds)."""
    found = backups_in(backups_dir(folder))
    if not found:
        return Finding("Newest backup", "none yet (Coach makes one on each day it starts)")
    ahead = future_backups(backups_dir(folder), now)
    if ahead:
        return Finding(
            "Newest backup",
            f"{ahead[0].path} is dated {dates.iso_moment(ahead[0].taken)}, in the future",
            f"A backup is dated {dates.iso_moment(ahead[0].taken)}, after now "
            f"({dates.iso_moment(now)}): the computer's clock was ahead when it was made, or "
            "is behind now. Check the date and time settings; Coach keeps making a backup "
            "each day, and rotates the misdated ones away first.",
        )
    newest = found[0]
    age = age_text((now - newest.taken).total_seconds())
    return Finding(
        "Newest backup",
        f"{newest.path} (taken {dates.iso_moment(newest.taken)}, {age}; {len(found)} kept)",
    )


# -- sound ----------------------------------------------------------------------------
def application() -> QCoreApplication:
    """The running Qt application, or a new QCoreApplication: QtMultimedia needs one."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415 - Qt only for this check

    return QCoreApplication.instance() or QCoreApplication([sys.argv[0]])


NO_OUTPUT = (
    "No sound output found: connect speakers or headphones, or check that PulseAudio or "
    "PipeWire runs; workouts still run with on-screen cues."
)


def sound_library() -> Finding | None:
    """None if QtMultimedia loads; else what stops it, and what to install."""
    if not all(_loads(module) for module in QT_MODULES):  # QtMultimedia needs them all
        return Finding("Sound library", "not checked (Qt cannot load: see above)")
    try:
        importlib.import_module("PySide6.QtMultimedia")
    except ImportError as e:
        soname = qt_check.missing_soname(e)
        if soname is None:
            return Finding(
                "Sound library", f"QtMultimedia cannot load ({e})",
                f"Sound cannot play: QtMultimedia does not load ({e}). Reinstall Coach; "
                "until then workouts run silently, with every cue on the screen.",
            )  # fmt: skip
        missing = list(dict.fromkeys([soname, *qt_check.missing_of(qt_check.SOUND_LIBS)]))
        names = ", ".join(missing)
        are = "is" if len(missing) == 1 else "are"
        return Finding(
            "Sound library", f"QtMultimedia cannot load ({names} {are} missing)",
            f"Sound cannot play: {names} {are} missing. Install "
            f"{'it' if len(missing) == 1 else 'them'} ({qt_check.install_hint(missing)}); "
            "until then workouts run silently, with every cue on the screen.",
        )  # fmt: skip
    return None


def _loads(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def sound_outputs() -> list[Finding]:
    """The sound outputs Qt finds, and which one is the default."""
    from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 - see sound_library

    outputs = QMediaDevices.audioOutputs()
    if not outputs:
        return [Finding("Sound outputs", "none found", NO_OUTPUT)]
    default = QMediaDevices.defaultAudioOutput()
    findings = [Finding("Sound outputs", f"{len(outputs)} found")]
    for n, device in enumerate(outputs, 1):
        mark = " (default)" if device == default else ""
        findings.append(Finding(f"Output {n}", f"{device.description()}{mark}"))
    if default.isNull():
        findings.append(
            Finding(
                "Default output",
                "none",
                "No sound output is chosen as the default: choose one in the system's "
                "sound settings; workouts still run with on-screen cues.",
            )
        )
    return findings


def _tone() -> bytes:
    frames = round(TONE_SECONDS * track.SAMPLE_RATE)
    t = np.arange(frames, dtype=np.float64) / track.SAMPLE_RATE
    fade = np.minimum(1.0, np.minimum(t, TONE_SECONDS - t) / 0.02)  # no click at either end
    samples = TONE_PEAK * fade * np.sin(2 * np.pi * TONE_HZ * t)
    return bytes(np.round(samples * 32767).astype("<i2").tobytes())


def tone_check(wait_ms: int = TONE_WAIT_MS) -> Finding:
    """Open the default output in the cue track's format and play a short quiet tone."""
    from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QTimer  # noqa: PLC0415
    from PySide6.QtMultimedia import (  # noqa: PLC0415 - see sound_library
        QAudioFormat,
        QAudioSink,
        QMediaDevices,
        QtAudio,
    )

    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        return Finding("Test tone", "not tried (no sound output)")
    fmt = QAudioFormat()
    fmt.setSampleRate(track.SAMPLE_RATE)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    if not device.isFormatSupported(fmt):
        return Finding(
            "Test tone", "format not supported",
            f"The sound output {device.description()} does not take 16-bit mono sound at "
            f"{track.SAMPLE_RATE} Hz: choose another output in the system's sound settings; "
            "workouts still run with on-screen cues.",
        )  # fmt: skip
    data = QByteArray(_tone())
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    sink = QAudioSink(device, fmt)
    try:
        sink.start(buffer)
        loop = QEventLoop()
        QTimer.singleShot(wait_ms, loop.quit)
        loop.exec()
        error, state = sink.error(), sink.state()
    finally:
        sink.stop()
        buffer.close()
    # Underrun only means the short tone ran out, as it should; Stopped means it never ran.
    ok = (QtAudio.Error.NoError, QtAudio.Error.UnderrunError)
    if error not in ok or state is QtAudio.State.StoppedState:
        return Finding(
            "Test tone", f"failed on {device.description()} ({error.name})",
            f"The sound output {device.description()} would not play ({error.name}): check "
            "that it is connected and not used exclusively by another program, or choose "
            "another in the system's sound settings; workouts still run with on-screen cues.",
        )  # fmt: skip
    return Finding("Test tone", f"played on {device.description()}")


def voice_clips() -> Finding:
    """The spoken prompts the cue track expects, found and readable under assets/voice."""
    expected = track.VOICE_CLIPS
    missing = []
    for name in expected:
        try:
            track.read_wav(asset_path(f"voice/{name}.wav"))
        except FileNotFoundError:
            missing.append(name)
        except (OSError, ValueError, EOFError, wave.Error):
            missing.append(f"{name} (unreadable)")
    present = len(expected) - len(missing)
    value = f"{present} of {len(expected)} present"
    if not missing:
        return Finding("Voice clips", value)
    return Finding(
        "Voice clips", value,
        f"Voice clips missing or unreadable: {', '.join(missing)}. Reinstall Coach to get "
        "them back; meanwhile workouts play beeps and show the words on screen.",
    )  # fmt: skip


def speech_engines() -> Finding:
    """Text-to-speech engines Qt offers (information: Coach speaks from recorded clips)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech  # noqa: PLC0415 - optional module
    except ImportError as e:
        soname = qt_check.missing_soname(e)
        why = f"cannot load ({soname} is missing)" if soname else "QtTextToSpeech not installed"
        return Finding("Text-to-speech engines", why)
    engines = QTextToSpeech.availableEngines()
    return Finding("Text-to-speech engines", ", ".join(engines) or "none")


# -- the report -----------------------------------------------------------------------
def sound() -> list[Finding]:
    """The sound library, the outputs and a test tone; then what is spoken."""
    spoken = [voice_clips(), speech_engines()]
    if (missing := sound_library()) is not None:
        return [missing, *spoken]
    _app = application()  # held until the sound checks are done
    return [*sound_outputs(), tone_check(), *spoken]


def gather(folder: Path, override: str | None = None,
           environ: Mapping[str, str] = os.environ) -> list[Section]:  # fmt: skip
    return [
        Section("Coach", tuple(versions(environ))),
        Section(
            "Data",
            (
                folder_finding(folder, override),
                *database(folder),
                newest_backup(folder, datetime.now()),  # noqa: DTZ005 - backups are named in local time
            ),
        ),
        Section("Sound", tuple(sound())),
    ]


def problems(sections: Iterable[Section]) -> list[str]:
    return [f.problem for s in sections for f in s.findings if f.problem]


def write_report(sections: list[Section], out: TextIO) -> None:
    for section in sections:
        out.write(f"{section.heading}\n")
        for f in section.findings:
            out.write(f"  {f.label}: {f.value}\n")
        out.write("\n")
    found = problems(sections)
    if found:
        out.write("Problems:\n")
        for problem in found:
            out.write(f"  - {problem}\n")
    else:
        out.write("No problems found.\n")


def run(override: str | None, out: TextIO | None = None) -> int:
    """Print the report for the data folder `override` names (None: the usual one).

    Exit status 0 when nothing needs attention, 1 otherwise: a missing system library
    is a problem like any other, listed with the rest after the whole report.
    """
    sections = gather(data_folder(override), override)
    write_report(sections, out or sys.stdout)
    return 1 if problems(sections) else 0
