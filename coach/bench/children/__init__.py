"""The benchmark's child programs, each run in a fresh process.

Each runs as `python -m coach.bench.children.NAME`, which imports `coach`, `coach.bench`
and this package first: all three stay free of imports, so the bare window (the
start-up's baseline) pays nothing for Coach.
"""
