"""The Qt binding Coach runs on does not corrupt the interpreter.

PySide6 6.12.0 under Python 3.11 gives up a reference to None on every call of a Qt
function that returns void; after a few thousand calls (a long workout, a five-year
report) the interpreter aborts with "Fatal Python error: none_dealloc". pyproject.toml
excludes that release where it matters; this test fails if such a binding is installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF


def test_void_qt_calls_keep_nones_references() -> None:
    point = QPointF()
    before = sys.getrefcount(None)
    for i in range(1000):
        point.setX(float(i))  # returns void
    assert sys.getrefcount(None) >= before - 10  # a few may be held elsewhere meanwhile
