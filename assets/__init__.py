"""Coach's data files (icons, and in later versions voice clips and drawings).

This folder is installed as the package `coach.assets` (see pyproject.toml
`package-dir`), so code reads it with importlib.resources via `coach.resources`.
"""
