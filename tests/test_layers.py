"""The application layer decides without widgets: it loads QtCore at most."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import coach.app


def test_the_application_layer_loads_no_widgets_no_gui_and_no_sound_library() -> None:
    modules = [f"coach.app.{m.name}" for m in pkgutil.iter_modules(coach.app.__path__)]
    program = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6.Qt')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    loaded = eval(done.stdout)  # noqa: S307 - a list of names this test's own child printed
    assert set(loaded) <= {"PySide6.QtCore"}, loaded
