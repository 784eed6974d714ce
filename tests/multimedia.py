"""Tests that need QtMultimedia (and so the PulseAudio client library) to load.

Where it cannot load they are skipped, with the reason; on CI (`CI=true`), which
installs everything, they fail instead, so a broken CI machine cannot pass silently.
"""

from __future__ import annotations

import importlib
import os
from typing import NoReturn

import pytest

from coach import qt_check


def on_ci() -> bool:
    return os.environ.get("CI") == "true"


def skip_or_fail(reason: str, *, on_ci_say: str) -> NoReturn:
    """Skip the test with `reason`; on CI fail it, saying `on_ci_say`."""
    if on_ci():
        pytest.fail(f"{reason}: {on_ci_say}", pytrace=False)
    pytest.skip(reason)


def why_no_qt_multimedia() -> str | None:
    """None if QtMultimedia loads; else why not, in a few words."""
    try:
        importlib.import_module("PySide6.QtMultimedia")
    except ImportError as e:
        soname = qt_check.missing_soname(e)
        return f"QtMultimedia cannot load ({soname} is missing)" if soname else str(e)
    return None


def require_qt_multimedia() -> None:
    """At the top of a test module: skip it where QtMultimedia cannot load (fail on CI)."""
    reason = why_no_qt_multimedia()
    if reason is None:
        return
    if on_ci():
        pytest.fail(f"{reason}: CI must install libpulse0 (.ci/run)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)
