"""`coach install-desktop` and `coach uninstall-desktop`: Coach in the applications menu.

For the current user only, under the XDG data folder ($XDG_DATA_HOME, else
~/.local/share): the desktop entry applications/coach.desktop, whose Exec is the
absolute command that runs this Coach (the bundle's executable, or the installed
`coach` script), and the icon at each size in the hicolor theme, as
icons/hicolor/<N>x<N>/apps/coach.png and icons/hicolor/scalable/apps/coach.svg.
Uninstalling removes exactly those files, and the icon folders they leave empty.

A desktop notices the new files by itself. Where the user's folders already hold a
desktop database or an icon cache, the tools that made them bring them up to date;
this module never makes a cache that was not there, so uninstalling leaves the
folders as they were.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.resources import asset_path

ENTRY = Path("applications/coach.desktop")
THEME = Path("icons/hicolor")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # as coach.ui.app (which loads Qt) has them

# Characters that make an Exec argument need quotes (the Desktop Entry spec,
# "The Exec key"), and those that must be escaped with a backslash inside the quotes.
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = frozenset('"`$\\')


class DesktopEntryError(Exception):
    """The entry or an icon cannot be written or removed; `str()` is one line."""


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or relative (the spec)."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def this_coach(argv0: str | None = None) -> list[str]:
    """The absolute command that starts the Coach that is running now.

    The bundle's own executable when frozen (PyInstaller sets sys.frozen); else the
    `coach` script that was run (pip, pipx, `uv tool`), by its own absolute path, not the
    file a link points to, so that an upgrade that replaces the target keeps the entry
    working; else this interpreter with `-m coach`.
    """
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.argv[0] if argv0 is None else argv0)
    if script.name == "coach" and script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "coach"]


def exec_value(command: Sequence[str]) -> str:
    """`command` as the value of an Exec key: quoted where needed, then string-escaped."""
    # The string escape comes on top of the quoting: a backslash is written twice.
    return " ".join(_exec_arg(arg) for arg in command).replace("\\", "\\\\")


def _exec_arg(arg: str) -> str:
    if any(c in "\n\r" for c in arg):
        raise DesktopEntryError(f"a desktop entry cannot run {arg!r}: it holds a line break")
    if any(c in _RESERVED for c in arg) or not arg:
        arg = '"' + "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in arg) + '"'
    return arg.replace("%", "%%")


def entry_text(command: Sequence[str]) -> str:
    """assets/coach.desktop, with Exec and TryExec naming `command` by its absolute path."""
    replaced = {
        "Exec": exec_value(command),
        "TryExec": command[0].replace("\\", "\\\\"),  # a plain string: only the escape
    }
    lines = []
    for line in asset_path("coach.desktop").read_text(encoding="utf-8").splitlines():
        key = line.partition("=")[0]
        lines.append(f"{key}={replaced[key]}" if key in replaced else line)
    return "\n".join(lines) + "\n"


def targets(home: Path) -> list[Path]:
    """Every file that installing writes under `home`: the entry first, then the icons."""
    icons = [home / THEME / f"{n}x{n}" / "apps" / "coach.png" for n in ICON_SIZES]
    return [home / ENTRY, *icons, home / THEME / "scalable" / "apps" / "coach.svg"]


def _sources() -> list[Path]:
    """The assets that `targets` copies, in the same order, after the entry."""
    pngs = [asset_path(f"icons/hicolor/{n}x{n}/apps/coach.png") for n in ICON_SIZES]
    return [*pngs, asset_path("icons/coach.svg")]


@dataclass(frozen=True)
class Installed:
    home: Path
    command: list[str]

    def describe(self) -> str:
        return (
            f"Coach is in your applications menu: {self.home / ENTRY} runs "
            f"{' '.join(self.command)}, with its icon in {self.home / THEME}"
        )


def install(home: Path, command: Sequence[str]) -> Installed:
    """Write the entry and the icons under `home`; running it again changes nothing more."""
    contents = [entry_text(command).encode("utf-8"), *(p.read_bytes() for p in _sources())]
    written = list(zip(targets(home), contents, strict=True))
    for target, content in [*written[1:], written[0]]:  # the icons first: no entry without one
        _write(target, content)
    _refresh_caches(home)
    return Installed(home, list(command))


def uninstall(home: Path) -> list[Path]:
    """Remove what `install` writes under `home`; returns the files that were there."""
    removed = []
    for target in targets(home):
        try:
            target.unlink()
        except (FileNotFoundError, NotADirectoryError):
            continue  # not there: nothing of Coach's to remove
        except OSError as e:
            raise DesktopEntryError(f"cannot remove {target}: {e.strerror or e}") from e
        removed.append(target)
        if target.parent.parent.parent == home / THEME:
            # The icon's folders <size>/apps, when nothing else is in them.
            for folder in (target.parent, target.parent.parent):
                with contextlib.suppress(OSError):
                    folder.rmdir()
    _refresh_caches(home)
    return removed


def _write(target: Path, content: bytes) -> None:
    """Write `content` whole or not at all: a temporary file beside it, renamed in."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
            Path(temporary).chmod(0o644)  # read by the desktop, as every entry and icon is
            Path(temporary).replace(target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as e:
        where = e.filename or target
        raise DesktopEntryError(f"cannot write {where}: {e.strerror or e}") from e


def _refresh_caches(home: Path) -> None:
    """Bring an existing desktop database and icon cache up to date; never make one."""
    tools = (
        (home / "applications" / "mimeinfo.cache", ["update-desktop-database", "-q"]),
        (home / THEME / "icon-theme.cache", ["gtk-update-icon-cache", "-q", "-t", "-f"]),
    )
    for cache, (tool, *options) in tools:
        found = shutil.which(tool)
        if cache.exists() and found:
            # A cache the tool cannot update is only slower for the desktop: never an error.
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(
                    [found, *options, str(cache.parent)],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=False,
                    timeout=60,
                )
