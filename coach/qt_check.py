"""Qt's system libraries: which one is missing, and the package that brings it back.

PySide6's wheels carry Qt, but not the system libraries Qt links: GLib, OpenGL, X11,
PulseAudio and others. On a machine without one, importing a Qt module fails with an
ImportError naming it (`libglib-2.0.so.0: cannot open shared object file`), and a window
system plugin that cannot load makes Qt abort the process (SIGABRT) before Python can
say anything. This module turns both into one line naming each missing library and the
package that provides it, and keeps Qt's own chatter about sound off the terminal.

It imports no Qt at module level: it must work where Qt cannot load.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

# soname -> (the Debian/Ubuntu package, the Fedora package) that provides it.
PACKAGES: dict[str, tuple[str, str]] = {
    # QtCore, QtGui and QtWidgets (QtGui also links QtDBus)
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
    "libz.so.1": ("zlib1g", "zlib"),
    "libGL.so.1": ("libgl1", "mesa-libGL"),
    "libEGL.so.1": ("libegl1", "mesa-libEGL"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    # sound, for QtMultimedia (which links QtNetwork)
    "libpulse.so.0": ("libpulse0", "pulseaudio-libs"),
    "libgssapi_krb5.so.2": ("libgssapi-krb5-2", "krb5-libs"),
    "libbrotlidec.so.1": ("libbrotli1", "libbrotli"),
    "libbrotlicommon.so.1": ("libbrotli1", "libbrotli"),
    # windows on X11: the xcb platform plugin
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    # windows on Wayland
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    # not linked by this Qt, but by other builds of it (QtMultimedia's FFmpeg plugin, Qt 5)
    "libXrandr.so.2": ("libxrandr2", "libXrandr"),
    "libXext.so.6": ("libxext6", "libXext"),
    "libasound.so.2": ("libasound2", "alsa-lib"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
}
# Debian 13 and Ubuntu 24.04 renamed these packages (64-bit time_t): name both.
RENAMED_T64 = {"libglib2.0-0": "libglib2.0-0t64", "libasound2": "libasound2t64"}

# What each part of Qt that Coach uses needs from the system (their ELF NEEDED entries,
# less the C and C++ runtimes and what the wheel bundles; tests/test_missing_libraries.py
# checks these against the Qt that is installed).
QT_LIBS = (
    "libglib-2.0.so.0", "libgthread-2.0.so.0", "libzstd.so.1", "libz.so.1", "libGL.so.1",
    "libEGL.so.1", "libfontconfig.so.1", "libfreetype.so.6", "libX11.so.6",
    "libxkbcommon.so.0", "libdbus-1.so.3",
)  # fmt: skip
SOUND_LIBS = ("libpulse.so.0", "libgssapi_krb5.so.2", "libbrotlidec.so.1", "libbrotlicommon.so.1")
PLATFORM_LIBS: dict[str, tuple[str, ...]] = {
    "xcb": (
        "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-util.so.1", "libxcb-image.so.0",
        "libxcb-keysyms.so.1", "libxcb-randr.so.0", "libxcb-render.so.0",
        "libxcb-render-util.so.0", "libxcb-shape.so.0", "libxcb-shm.so.0", "libxcb-sync.so.1",
        "libxcb.so.1", "libxcb-xfixes.so.0", "libxcb-xkb.so.1", "libX11-xcb.so.1",
        "libX11.so.6", "libxkbcommon-x11.so.0", "libxkbcommon.so.0", "libGL.so.1",
        "libglib-2.0.so.0", "libgthread-2.0.so.0",
    ),
    "wayland": ("libwayland-client.so.0", "libwayland-cursor.so.0"),
}  # fmt: skip
WINDOW_SYSTEMS = {"xcb": "X11", "wayland": "Wayland"}

# The dynamic loader's words (compiled on first use: `coach plan` never needs it).
_MISSING = r"(lib[\w.+-]*?\.so(?:\.\d+)*): cannot open shared object file"


def missing_soname(error: BaseException | str) -> str | None:
    """The library a failed import or dlopen could not find, or None if that was not it."""
    found = re.search(_MISSING, str(error))
    return found.group(1) if found else None


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def install_hint(sonames: Sequence[str]) -> str:
    """How to install what provides `sonames`: "Debian/Ubuntu: ...; Fedora: ..."."""
    known = [s for s in sonames if s in PACKAGES]
    unknown = [s for s in sonames if s not in PACKAGES]
    debian = _unique(PACKAGES[s][0] for s in known)
    fedora = _unique(PACKAGES[s][1] for s in known)
    apt = []
    if debian:
        apt.append(f"sudo apt install {' '.join(debian)}")
        renamed = [RENAMED_T64[p] for p in debian if p in RENAMED_T64]
        if renamed:
            apt[-1] += f" (on Debian 13, Ubuntu 24.04 and later: {' '.join(renamed)})"
    if unknown:
        apt.append(f"apt-file search {' '.join(unknown)} names the package")
    bits = "64bit" if sys.maxsize > 2**32 else ""
    fedora += [f"'{s}()({bits})'" if bits else f"'{s}'" for s in unknown]
    return f"Debian/Ubuntu: {'; '.join(apt)}; Fedora: sudo dnf install {' '.join(fedora)}"


def _are_missing(sonames: Sequence[str]) -> str:
    return f"{', '.join(sonames)} {'is' if len(sonames) == 1 else 'are'} missing"


def import_problem(error: BaseException) -> str | None:
    """The one line for an ImportError that a missing system library caused, else None."""
    soname = missing_soname(error)
    if soname is None:
        return None
    return f"coach: Qt cannot start: {_are_missing([soname])} ({install_hint([soname])})"


def missing_of(sonames: Iterable[str]) -> list[str]:
    """Those of `sonames` the dynamic loader cannot find (or that lack one they need)."""
    import ctypes  # noqa: PLC0415 - only when a check runs

    # A bundle (PyInstaller) carries some of these libraries beside Coach; the dynamic
    # loader finds them there for Qt (its RPATH), but not for a library loaded by name.
    bundled = Path(getattr(sys, "_MEIPASS", "")) if getattr(sys, "frozen", False) else None
    missing = []
    for name in sonames:
        if bundled is not None and (bundled / name).exists():
            name = str(bundled / name)  # noqa: PLW2901 - the bundle's own copy is the one Qt uses
        try:
            ctypes.CDLL(name)
        except OSError as e:
            missing.append(missing_soname(e) or Path(name).name)
    return _unique(missing)


def platforms(environ: Mapping[str, str]) -> list[str]:
    """The window system plugins Qt will try, in its order (QT_QPA_PLATFORM, else its own)."""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return [name.split(":")[0].strip() for name in chosen.split(";") if name.strip()]
    return [*(["wayland"] if environ.get("WAYLAND_DISPLAY") else []), "xcb"]


def platform_missing(environ: Mapping[str, str]) -> dict[str, list[str]]:
    """For each plugin Qt will try: the libraries it lacks ({} if one of them will load).

    Plugins Coach does not check (offscreen and the like need only what QtGui needs,
    which importing it has checked) count as loadable.
    """
    lacking = {}
    for name in platforms(environ):
        if name not in PLATFORM_LIBS:
            return {}
        missing = missing_of(PLATFORM_LIBS[name])
        if not missing:
            return {}
        lacking[name] = missing
    return lacking


def platform_problem(environ: Mapping[str, str] = os.environ,
                     platform: str = sys.platform) -> str | None:  # fmt: skip
    """The one line saying why Qt would abort on this display for a missing library, or None.

    Qt loads its window system plugin only when the application object is made, and
    aborts the process if no plugin it tries can load: call this before. Without any
    display (nor QT_QPA_PLATFORM) there is nothing to check: that is said elsewhere.
    """
    if not platform.startswith("linux"):
        return None
    if not (environ.get("QT_QPA_PLATFORM") or environ.get("DISPLAY")
            or environ.get("WAYLAND_DISPLAY")):  # fmt: skip
        return None
    lacking = platform_missing(environ)
    if not lacking:
        return None
    systems = " or ".join(WINDOW_SYSTEMS.get(name, name) for name in lacking)
    missing = _unique(s for libs in lacking.values() for s in libs)
    return (
        f"coach: Qt cannot open windows on {systems}: {_are_missing(missing)} "
        f"({install_hint(missing)})"
    )


# -- Qt's own messages ----------------------------------------------------------------
# QtMultimedia's categories (qt.multimedia.ffmpeg, .symbolsresolver, .plugin...): which
# FFmpeg it uses, no PipeWire found. Warnings and information only; criticals still show.
QUIET_RULES = "qt.multimedia*.info=false\nqt.multimedia*.warning=false"
# Warnings QtMultimedia makes without a category: no sound server, no FFmpeg plugin.
QUIET_MESSAGES = ("PulseAudioService: ", "No QtMultimedia backends found")
DEBUG_VAR = "COACH_DEBUG"


def wants_qt_messages(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether Qt's own messages should reach the terminal: the user asked for them."""
    if environ.get(DEBUG_VAR, "") not in ("", "0"):
        return True
    return any(environ.get(v) for v in ("QT_LOGGING_RULES", "QT_LOGGING_CONF", "QT_DEBUG_PLUGINS"))


def is_noise(category: str, message: str) -> bool:
    return category == "default" and message.startswith(QUIET_MESSAGES)


@contextlib.contextmanager
def quiet_qt(*, verbose: bool = False, environ: Mapping[str, str] = os.environ) -> Iterator[None]:
    """Keep QtMultimedia's start-up messages off the terminal while the block runs.

    Coach says what matters about sound in its own words (the workout's notice, `coach
    doctor`). Nothing changes when the user asked for Qt's messages (`--verbose`,
    COACH_DEBUG=1, QT_LOGGING_RULES or QT_LOGGING_CONF set), nor where Qt cannot load.
    Everything is put back afterwards.
    """
    if verbose or wants_qt_messages(environ):
        yield
        return
    try:
        from PySide6.QtCore import (  # noqa: PLC0415 - Qt only for commands that load it
            QLoggingCategory,
            QtMsgType,
            qFormatLogMessage,
            qInstallMessageHandler,
        )
    except ImportError:
        yield  # the command itself will say what is missing
        return
    previous: Any = None

    def handler(mode: QtMsgType, context: Any, message: str) -> None:
        if mode != QtMsgType.QtFatalMsg and is_noise(str(context.category), message):
            return
        if previous is not None:
            previous(mode, context, message)
        else:  # Qt's own format, QT_MESSAGE_PATTERN included
            sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")

    QLoggingCategory.setFilterRules(QUIET_RULES)
    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
        QLoggingCategory.setFilterRules("")
