"""`coach doctor`'s checks of the data: the folder, the database (read only), the clock
beside the history, and the newest backup."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from coach import paths
from coach.desktop_entry import data_home
from coach.doctor.findings import Finding
from coach.domain import dates
from coach.domain.wall_clock import clock_doubt
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


def data_folder(override: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """The data folder, as coach.paths finds it; where Qt cannot load, as it would."""
    try:
        return paths.data_dir(override, environ)
    except ImportError:  # Qt cannot load: its GenericDataLocation on Linux, found without it
        return paths.data_dir(override, environ, base=data_home(environ))


def folder_finding(folder: Path, override: str | None) -> Finding:
    if override:
        source = "from --data-dir"
    elif os.environ.get(paths.ENV_VAR):
        source = f"from {paths.ENV_VAR}"
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
    found = backups_in(paths.backups_dir(folder))
    if not found:
        return Finding("Newest backup", "none yet (Coach makes one on each day it starts)")
    ahead = future_backups(paths.backups_dir(folder), now)
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
