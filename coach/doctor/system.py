"""`coach doctor`'s checks of Coach's surroundings: versions, Qt and its system libraries,
the window system. They run where Qt cannot load, and say what is missing."""

from __future__ import annotations

import importlib
import os
import platform
import sys
from collections.abc import Mapping

from coach import __version__, qt_check
from coach.doctor.findings import Finding

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
