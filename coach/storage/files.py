"""Files only the user can read (0600; folders 0700 on POSIX), written all at once.

Health data must not be readable by other accounts on a shared computer, and an
export or backup cut short by a full disk must not replace a good file with half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create `path` (and its parents) if missing; a new folder is the user's only."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    return path


def make_private(path: Path) -> None:
    if os.name == "posix":
        path.chmod(FILE_MODE)


@contextlib.contextmanager
def private_temp(target: Path) -> Iterator[Path]:
    """A new 0600 file next to `target`, removed on exit unless it was moved away."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)


def write_atomically(target: Path, write: Callable[[IO[str]], None], *, newline: str = "") -> None:
    """Write a text file through a private temporary file, then rename it into place.

    Either the whole new file appears at `target` or the old one stays untouched.
    """
    with private_temp(target) as temp:
        with temp.open("w", encoding="utf-8", newline=newline) as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        temp.replace(target)
