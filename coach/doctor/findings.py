"""What each of `coach doctor`'s checks returns: findings, gathered in sections."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One fact. `problem`, if set, is a sentence saying what is wrong and what to do."""

    label: str
    value: str
    problem: str | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    findings: tuple[Finding, ...]
