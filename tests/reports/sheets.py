"""Hand-made reports for the section tests, and the text of the items the sections make."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from coach.reports.content import Report
from coach.reports.layout import Box, Item, Row, Text


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local wall-clock time, as the report's records hold them (naive)."""
    return datetime.combine(day, time(hour, minute))


GENERATED = at(date(2026, 11, 21), 9, 30)


def report(first: date = date(2026, 11, 1), last: date = date(2026, 11, 21),
           **fields: object) -> Report:  # fmt: skip
    fields.setdefault("limited", False)
    return Report(generated=GENERATED, first=first, last=last, **fields)  # type: ignore[arg-type]  # test helper


def texts(items: Sequence[Item]) -> list[str]:
    """Each paragraph, and each table row with its cells joined by " | "."""
    out: list[str] = []
    for item in items:
        if isinstance(item, Text):
            out.append(item.layout.text())
        elif isinstance(item, Box):
            out += [p.layout.text() for p in item.paragraphs]
        elif isinstance(item, Row):
            out.append(" | ".join(c.text() for c in item.cells))
    return out
