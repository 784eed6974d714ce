"""What a measurement gives: its samples' median and p95, its goal, and its verdict."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stats:
    median: float
    p95: float
    samples: list[float]

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        return cls(statistics.median(samples), percentile(samples, 95), list(samples))


def percentile(samples: Sequence[float], q: int) -> float:
    """The nearest-rank q-th percentile: a value that was measured, never interpolated.

    So the p95 of fewer than 20 samples is their largest, and of 1 sample, that sample.
    """
    ordered = sorted(samples)
    return ordered[max(0, -(-q * len(ordered) // 100) - 1)]


@dataclass(frozen=True)
class Result:
    name: str
    unit: str
    value: Stats
    goal: str
    met: bool
    baseline_name: str | None = None
    baseline: Stats | None = None
    ratio: float | None = None
    notes: list[str] = field(default_factory=list)


class BenchError(RuntimeError):
    """A measured command failed; the message says which and why."""
