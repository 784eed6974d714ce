"""Imports inside functions are a start-up tool, for the modules the first frame loads.

A module the app loads only after its first paint gains nothing from deferring an
import: it imports at its top. The exceptions are named below, each with why.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import coach

PACKAGE = Path(coach.__file__).parent

# Commands of their own, never loaded by the app: they defer what a command does not need.
OTHER_PROGRAMS = ("coach.cli", "coach.__main__", "coach.bench", "coach.doctor",
                  "coach.screenshots", "coach.desktop_entry")  # fmt: skip
ALLOWED = {
    # sqlite-utils (about 0.2 s) loads at the first write, after Today is usable.
    "coach.storage.database": 1,
    # QtMultimedia may be missing (no libpulse0): a silent workout, not a failed start.
    "coach.ui.sound": 2,
}

# Coach started as `coach --quit-after-show` starts, saying what it loaded by its first paint.
FIRST_FRAME = """
import json, sys
from coach import cli
from coach.ui import app
def painted():
    print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "coach")))
app._report_painted = painted
sys.exit(cli.main(["--quit-after-show", "--data-dir", sys.argv[1]]))
"""


def _deferred_imports(path: Path) -> int:
    """The import statements inside functions (TYPE_CHECKING blocks are not run)."""
    count = 0

    def visit(node: ast.AST, inside: bool) -> None:
        nonlocal count
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom) and inside:
                count += 1
            visit(child, inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))

    visit(ast.parse(path.read_text(encoding="utf-8")), inside=False)
    return count


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_modules_loaded_after_the_first_paint_import_at_their_top(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(tmp_path)],
        capture_output=True, text=True, check=True, env=env, timeout=60,
    )  # fmt: skip
    first_frame = set(json.loads(done.stdout.splitlines()[0]))
    assert "coach.ui.main_window" in first_frame
    deferred = {
        _module(path): n
        for path in PACKAGE.rglob("*.py")
        if (n := _deferred_imports(path))
        and _module(path) not in first_frame
        and not _module(path).startswith(OTHER_PROGRAMS)
    }
    assert deferred == ALLOWED
