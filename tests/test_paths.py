from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coach import paths


def test_the_data_folder_comes_from_the_option_then_the_environment_then_the_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {paths.ENV_VAR: str(tmp_path / "env")}
    assert paths.data_dir(str(tmp_path / "opt"), env) == tmp_path / "opt"
    assert paths.data_dir(None, env) == tmp_path / "env"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    default = paths.data_dir(None, {})
    assert default.name == "coach"
    if sys.platform.startswith("linux"):
        assert default == tmp_path / "home" / ".local" / "share" / "coach"


def test_one_holder_at_a_time(tmp_path: Path) -> None:
    first, second = paths.DataLock(tmp_path), paths.DataLock(tmp_path)
    first.acquire()
    with pytest.raises(paths.AlreadyRunningError, match="already running"):
        second.acquire()
    first.release()
    second.acquire()
    second.release()


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    script = (
        "import os, pathlib; from coach.paths import DataLock; "
        f"lock = DataLock(pathlib.Path({str(tmp_path)!r})); lock.acquire(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert (tmp_path / paths.LOCK_NAME).exists()  # left behind by the dead process
    lock = paths.DataLock(tmp_path)
    lock.acquire()
    lock.release()
