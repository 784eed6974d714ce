"""`coach bench`: Coach's speed goals, measured as medians and ratios, never as unit tests.

Shared machines are noisy, so each measurement runs many times, alternating with
its baseline in the same run, and the report gives medians, p95 and the ratio of
medians, which noise on the machine affects far less than absolute times.

The measurements' child programs run as modules of this package
(`python -m coach.bench.children.bare_window`), which imports this file first: so it
imports nothing, and the bare window, the start-up's baseline, pays nothing for Coach.
"""

from __future__ import annotations


def run(*, runs: int, as_json: bool) -> int:
    """Run every benchmark; print a table (or JSON). Exit status 1 if a command failed."""
    # Imported here, not above: the children import this package (see the docstring).
    from coach.bench.report import run_all  # noqa: PLC0415

    return run_all(runs=runs, as_json=as_json)
