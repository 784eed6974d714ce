"""Helpers of the export and import tests: a history's export, written as a file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from coach.domain.program import Program
from coach.domain.settings import Injured
from coach.domain.visa_a import VisaAnswers
from coach.storage import json_export
from coach.storage.history import History


def good_document(store: History) -> dict[str, Any]:
    return json_export.export_document(store.db)


ANSWERS = VisaAnswers(5, 5, 5, 5, 5, 5, 4, "B", 10)  # scores 44


def write_doc(tmp_path: Path, doc: dict[str, Any], name: str = "doc.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def program(pid: str, start: date, weeks: int = 12) -> Program:
    return Program(id=pid, start=start, protocol="alfredson", injured=Injured.RIGHT, weeks=weeks)
