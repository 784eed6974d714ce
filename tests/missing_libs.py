"""Pretend that system libraries are missing, as on a fresh machine, for subprocess tests.

Importing this module with `COACH_TEST_MISSING_LIBS` set (sonames, space-separated)
makes the Qt modules that need one of them fail to import exactly as they do when the
dynamic loader cannot find it (`ImportError: libpulse.so.0: cannot open shared object
file: No such file or directory`), and makes `ctypes.CDLL` fail on them as dlopen would.
Nothing else changes. The tests start Python with it imported first:
`python -c "import tests.missing_libs; ..."` or `python -m pytest -p tests.missing_libs`;
or, in the test's own process, call `pretend_missing`.

Tried by hand against the real thing (the library hidden by an overlay mount): the
messages and outcomes are the same.
"""

from __future__ import annotations

import ctypes
import importlib.abc
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pytest

ENV_VAR = "COACH_TEST_MISSING_LIBS"

# The PySide6 modules each library takes down (what the real loader does: a module
# fails when a library it links, directly or through another, is missing).
_NO_GUI = ("PySide6.QtCore", "PySide6.QtDBus", "PySide6.QtNetwork", "PySide6.QtConcurrent")
TAKES_DOWN: dict[str, tuple[str, ...]] = {
    "libpulse.so.0": ("PySide6.QtMultimedia", "PySide6.QtSpatialAudio", "PySide6.QtTextToSpeech"),
    "libglib-2.0.so.0": ("PySide6.Qt",),  # QtCore links it: every module
    "libGL.so.1": ("PySide6.Qt",),  # every module but those in _NO_GUI
}


def takes_down(lib: str, module: str) -> bool:
    if lib == "libGL.so.1" and module.startswith(_NO_GUI):
        return False
    return module.startswith(TAKES_DOWN.get(lib, ()))


def missing() -> list[str]:
    return os.environ.get(ENV_VAR, "").split()


def unavailable(lib: str) -> str:
    return f"{lib}: cannot open shared object file: No such file or directory"


_hidden: list[str] = []  # what this process pretends is missing


class MissingLibraryFinder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        for lib in _hidden:
            if takes_down(lib, fullname):
                raise ImportError(unavailable(lib), name=fullname)
        return None


class _CDLL(ctypes.CDLL):
    def __init__(self, name: str | None, *args: Any, **kwargs: Any) -> None:
        if name in _hidden:
            raise OSError(unavailable(name))
        super().__init__(name, *args, **kwargs)


def install(libs: Sequence[str]) -> None:
    _hidden[:] = libs
    sys.meta_path.insert(0, MissingLibraryFinder())
    ctypes.CDLL = _CDLL  # type: ignore[misc] # the fake loader, for this process only


# Coach's modules that import a Qt module at their top, and so fail with it.
IMPORTERS = ("coach.audio.player",)


def pretend_missing(monkeypatch: pytest.MonkeyPatch, libs: Sequence[str]) -> None:
    """For one test, in this process: as if `libs` were missing (the modules already
    imported that need them are forgotten until the test ends)."""
    for name in list(sys.modules):
        if name in IMPORTERS or any(takes_down(lib, name) for lib in libs):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [MissingLibraryFinder(), *sys.meta_path])
    monkeypatch.setattr(ctypes, "CDLL", _CDLL)
    monkeypatch.setattr(sys.modules[__name__], "_hidden", list(libs))


if missing():
    install(missing())
