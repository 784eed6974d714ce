"""Access to the files shipped in `assets/`, through importlib.resources.

Coach is always installed as files on disk (a wheel or an editable checkout), so
each resource is a real file whose path Qt can open.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def asset_path(name: str) -> Path:
    """The path of `assets/<name>`; FileNotFoundError names it if it is missing."""
    resource = files("coach.assets").joinpath(name)
    path = Path(str(resource))
    if not path.is_file():
        raise FileNotFoundError(f"Coach's file assets/{name} is missing: reinstall Coach")
    return path
