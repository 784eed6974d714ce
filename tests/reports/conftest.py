"""Fixtures of the report tests: a sheet to make a report's items on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPdfWriter

from coach.reports.sheet import DPI, Sheet


@pytest.fixture
def sheet(qapp: object, tmp_path: Path) -> Sheet:
    """A sheet on a PDF writer, as the report is drawn on; nothing is painted on it."""
    writer = QPdfWriter(str(tmp_path / "sheet.pdf"))
    writer.setResolution(DPI)
    return Sheet(writer, 2000.0)  # it keeps the writer alive
