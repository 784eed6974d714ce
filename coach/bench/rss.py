"""A process's peak resident memory, read as the benchmark's children report it.

Imports only the standard library (and the benchmark's error): the Coach session that
measures its own peak memory loads nothing more for it.
"""

from __future__ import annotations

from pathlib import Path

from coach.bench.results import BenchError


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (10**6 bytes).

    On Linux, VmHWM from /proc/self/status. Not ru_maxrss: Linux carries that over from
    the process that started this one (its size when it spawned us), so a child of a
    large parent would report the parent's peak. Elsewhere (macOS), ru_maxrss, in bytes.
    """
    status = Path("/proc/self/status")
    if status.exists():
        return vm_hwm_kib(status.read_text()) * 1024 / 1e6
    import resource  # noqa: PLC0415 - Unix only, and only the benchmark's child asks

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def vm_hwm_kib(status: str) -> int:
    """The peak resident set ("VmHWM:  123456 kB") in the text of /proc/<pid>/status."""
    for line in status.splitlines():
        name, _, value = line.partition(":")
        if name == "VmHWM":
            return int(value.split()[0])
    raise BenchError("/proc/self/status has no VmHWM line")
