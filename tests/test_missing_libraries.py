"""A system library Qt needs is missing (issue 15): one line, no traceback, no core dump.

The subprocess tests start Python with tests/missing_libs.py imported first, which makes
Qt's modules fail to import exactly as the dynamic loader makes them fail when the
library is missing. By hand, with the library really hidden (an overlay mount over
/usr/lib/x86_64-linux-gnu), the outcomes were the same.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coach import qt_check
from coach.cli.parser import app_parser, build_parser, opens_the_app
from tests.missing_libs import ENV_VAR
from tests.multimedia import skip_or_fail, why_no_qt_multimedia

ROOT = Path(__file__).resolve().parent.parent

NO_GLIB = (
    "coach: Qt cannot start: libglib-2.0.so.0 is missing (Debian/Ubuntu: sudo apt install "
    "libglib2.0-0 (on Debian 13, Ubuntu 24.04 and later: libglib2.0-0t64); Fedora: sudo dnf "
    "install glib2)\n"
)
NO_PULSE_HINT = (
    "Debian/Ubuntu: sudo apt install libpulse0; Fedora: sudo dnf install pulseaudio-libs"
)
PLAN = ["plan", "--protocol", "alfredson", "--injured", "right"]


def coach_without(
    libs: str, *argv: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`coach argv` on a machine that lacks `libs` (sonames, space-separated)."""
    code = "import sys, tests.missing_libs; from coach.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=ROOT, env={**(env or os.environ), ENV_VAR: libs},
        capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip


def pytest_without(libs: str, *argv: str, env: dict[str, str] | None = None) -> str:
    """The output of `pytest argv` on a machine that lacks `libs`; its status is checked."""
    env = {**(env or os.environ), ENV_VAR: libs}
    env.pop("PYTEST_ADDOPTS", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.missing_libs", "-p", "no:cacheprovider",
         "-q", *argv],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    return f"status {done.returncode}\n{done.stdout}{done.stderr}"


# -- the one line -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("message", "soname"),
    [
        ("libglib-2.0.so.0: cannot open shared object file: No such file or directory",
         "libglib-2.0.so.0"),
        ("libxcb-render-util.so.0: cannot open shared object file: No such file or directory",
         "libxcb-render-util.so.0"),
        ("/x/libQt6Gui.so.6: libGL.so.1: cannot open shared object file: No such file",
         "libGL.so.1"),
        ("libstdc++.so.6: cannot open shared object file", "libstdc++.so.6"),
        ("libfoo.so: cannot open shared object file", "libfoo.so"),
        ("No module named 'PySide6'", None),
        ("/x/QtCore.abi3.so: undefined symbol: _ZN7QString", None),
    ],
)  # fmt: skip
def test_the_missing_library_is_read_from_the_loaders_message(
    message: str, soname: str | None
) -> None:
    assert qt_check.missing_soname(ImportError(message)) == soname


def test_the_message_names_the_library_and_the_package_on_each_system() -> None:
    error = ImportError("libglib-2.0.so.0: cannot open shared object file: No such file")
    assert qt_check.import_problem(error) == NO_GLIB.rstrip("\n")
    assert qt_check.import_problem(ImportError("No module named 'PySide6'")) is None
    assert qt_check.install_hint(["libpulse.so.0"]) == NO_PULSE_HINT
    assert qt_check.install_hint(["libxcb-cursor.so.0", "libxcb-shm.so.0", "libxcb.so.1"]) == (
        "Debian/Ubuntu: sudo apt install libxcb-cursor0 libxcb-shm0 libxcb1; "
        "Fedora: sudo dnf install xcb-util-cursor libxcb"
    )


def test_a_library_not_in_the_table_is_found_by_its_name() -> None:
    assert qt_check.install_hint(["libGL.so.1", "libweird.so.3"]) == (
        "Debian/Ubuntu: sudo apt install libgl1; apt-file search libweird.so.3 names the "
        "package; Fedora: sudo dnf install mesa-libGL 'libweird.so.3()(64bit)'"
    )


# -- every library Qt needs is in the table ---------------------------------------------
def elf_needed(path: Path) -> list[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file (what `readelf -d` lists)."""
    data = path.read_bytes()
    assert data[:6] == b"\x7fELF\x02\x01", f"{path} is not a 64-bit little-endian ELF file"
    shoff, = struct.unpack_from("<Q", data, 0x28)  # fmt: skip
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    # Section headers: name, type, flags, addr, offset, size, link, info, align, entsize.
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]  # fmt: skip
    needed = []
    for section in sections:
        if section[1] != 6:  # SHT_DYNAMIC
            continue
        strings = sections[section[6]][4]  # its string table's offset
        for at in range(section[4], section[4] + section[5], 16):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 1:  # DT_NEEDED
                start = strings + value
                needed.append(data[start : data.index(b"\0", start)].decode())
    return needed


RUNTIME = {
    "libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libdl.so.2",
    "libpthread.so.0", "librt.so.1", "libresolv.so.2", "ld-linux-x86-64.so.2",
    "ld-linux-aarch64.so.1",
}  # fmt: skip


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's system libraries: Linux")
def test_the_tables_hold_every_library_the_installed_qt_needs() -> None:
    import PySide6  # noqa: PLC0415 - the installed wheel's files are read, not loaded

    pyside = Path(PySide6.__file__).parent
    bundled = {p.name for p in (pyside / "Qt" / "lib").iterdir()}

    def system_needs(*paths: str) -> set[str]:
        found = set()
        for path in paths:
            for name in elf_needed(pyside / path):
                if not (name in RUNTIME or name in bundled
                        or name.startswith(("libQt6", "libpyside6", "libshiboken6"))):  # fmt: skip
                    found.add(name)
        return found

    qt = system_needs(
        *(f"{m}.abi3.so" for m in ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtSvgWidgets")),
        *(f"Qt/lib/libQt6{m}.so.6" for m in ("Core", "Gui", "Widgets", "DBus", "Svg")),
    )
    sound = system_needs(
        "QtMultimedia.abi3.so", "Qt/lib/libQt6Multimedia.so.6", "Qt/lib/libQt6Network.so.6"
    )
    xcb = system_needs("Qt/plugins/platforms/libqxcb.so", "Qt/lib/libQt6XcbQpa.so.6")
    wayland = system_needs("Qt/plugins/platforms/libqwayland.so", "Qt/lib/libQt6WaylandClient.so.6")
    assert qt <= set(qt_check.QT_LIBS)
    assert sound <= {*qt_check.QT_LIBS, *qt_check.SOUND_LIBS}
    assert xcb <= set(qt_check.PLATFORM_LIBS["xcb"])
    assert wayland <= {*qt_check.QT_LIBS, *qt_check.PLATFORM_LIBS["wayland"]}
    listed = {*qt_check.QT_LIBS, *qt_check.SOUND_LIBS, *qt_check.PLATFORM_LIBS["xcb"],
              *qt_check.PLATFORM_LIBS["wayland"]}  # fmt: skip
    assert listed <= set(qt_check.PACKAGES), "each library has its packages"


# -- the window system plugin (Qt aborts the process when it cannot load) --------------
@pytest.mark.parametrize(
    ("environ", "tried"),
    [
        ({"DISPLAY": ":0"}, ["xcb"]),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, ["wayland", "xcb"]),
        ({"WAYLAND_DISPLAY": "wayland-0"}, ["wayland", "xcb"]),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, ["offscreen"]),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, ["wayland", "xcb"]),
        ({"QT_QPA_PLATFORM": "xcb:nograb"}, ["xcb"]),
    ],
)
def test_the_plugins_qt_will_try(environ: dict[str, str], tried: list[str]) -> None:
    assert qt_check.platforms(environ) == tried


@pytest.fixture
def lacking(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The libraries the fake dynamic loader cannot find (none at first)."""
    gone: set[str] = set()
    monkeypatch.setattr(qt_check, "missing_of", lambda names: [n for n in names if n in gone])
    return gone


def test_x11_without_libxcb_cursor_is_one_line(lacking: set[str]) -> None:
    lacking.add("libxcb-cursor.so.0")
    assert qt_check.platform_problem({"DISPLAY": ":0"}, "linux") == (
        "coach: Qt cannot open windows on X11: libxcb-cursor.so.0 is missing (Debian/Ubuntu: "
        "sudo apt install libxcb-cursor0; Fedora: sudo dnf install xcb-util-cursor)"
    )


def test_a_plugin_that_loads_is_enough(lacking: set[str]) -> None:
    lacking.add("libxcb-cursor.so.0")
    wayland = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}
    assert qt_check.platform_problem(wayland, "linux") is None  # Wayland's plugin loads
    lacking.add("libwayland-cursor.so.0")
    assert qt_check.platform_problem(wayland, "linux") == (
        "coach: Qt cannot open windows on Wayland or X11: libwayland-cursor.so.0, "
        "libxcb-cursor.so.0 are missing (Debian/Ubuntu: sudo apt install libwayland-cursor0 "
        "libxcb-cursor0; Fedora: sudo dnf install libwayland-cursor xcb-util-cursor)"
    )


def test_nothing_to_check_without_a_display_or_off_linux(lacking: set[str]) -> None:
    lacking.add("libxcb-cursor.so.0")
    assert qt_check.platform_problem({}, "linux") is None  # app.display_problem says it
    assert qt_check.platform_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert qt_check.platform_problem({"DISPLAY": ":0"}, "darwin") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux libraries")
def test_the_loader_is_asked_for_real() -> None:
    assert qt_check.missing_of(["libc.so.6", "libnot-a-library.so.9"]) == ["libnot-a-library.so.9"]


# -- in a real process, on a machine without the library --------------------------------
def test_in_a_bundle_a_library_it_carries_is_not_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyInstaller puts libraries Qt needs beside Coach, where a load by name does not look."""
    import ctypes.util  # noqa: PLC0415

    real = ctypes.util.find_library("z")
    assert real is not None
    folders = ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib")
    found = next(Path(d) / real for d in folders if (Path(d) / real).exists())
    carried = "libcoach-carried.so.1"
    (tmp_path / carried).write_bytes(found.read_bytes())
    assert qt_check.missing_of([carried]) == [carried]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert qt_check.missing_of([carried]) == []


@pytest.mark.slow
def test_without_glib_every_command_that_needs_qt_says_so_in_one_line(tmp_path: Path) -> None:
    """Here Qt finds the data folder too: coach.paths loads QtCore only for that."""
    env = {k: v for k, v in os.environ.items() if k != "COACH_DATA_DIR"}
    env["XDG_DATA_HOME"] = str(tmp_path / "nowhere")  # never the real one, should Qt load
    export = ["export", "--format", "csv", "--out", str(tmp_path / "x.csv")]
    for argv in ([], ["--quit-after-show"], export, ["report", "--out", str(tmp_path / "r.pdf")]):
        done = coach_without("libglib-2.0.so.0", *argv, env=env)
        assert (done.returncode, done.stderr, done.stdout) == (1, NO_GLIB, ""), argv


def test_without_glib_a_command_given_its_folder_reads_it_first(tmp_path: Path) -> None:
    """With the folder given, no Qt is needed to find it: what is wrong with it comes first."""
    for command in (["export", "--format", "csv"], ["report"]):
        out = str(tmp_path / ("x.csv" if command[0] == "export" else "r.pdf"))
        done = coach_without("libglib-2.0.so.0", *command, "--out", out,
                             "--data-dir", str(tmp_path / "d"))  # fmt: skip
        said = f"coach {command[0]}: error: no Coach data in {tmp_path / 'd'}\n"
        assert (done.returncode, done.stderr) == (1, said)


def test_without_glib_a_command_that_needs_no_qt_still_works() -> None:
    done = coach_without("libglib-2.0.so.0", *PLAN)
    assert (done.returncode, done.stderr) == (0, "")
    assert "Session length: 15 min 35 s" in done.stdout


def test_without_glib_doctor_reports_everything_and_lists_what_to_install(
    tmp_path: Path,
) -> None:
    done = coach_without("libglib-2.0.so.0", "doctor", "--data-dir", str(tmp_path / "d"))
    assert (done.returncode, done.stderr) == (1, "")
    out = done.stdout
    assert "  Qt: cannot load (libglib-2.0.so.0 is missing)\n" in out
    assert "  System libraries: missing: libglib-2.0.so.0\n" in out
    assert f"  Data folder: {tmp_path / 'd'} (from --data-dir; not created yet)\n" in out
    assert "  Sound library: not checked (Qt cannot load: see above)\n" in out
    problems = out.split("\nProblems:\n", 1)[1].splitlines()
    assert problems == [
        "  - Coach cannot start: Qt needs libglib-2.0.so.0, missing on this computer. Install "
        "it (Debian/Ubuntu: sudo apt install libglib2.0-0 (on Debian 13, Ubuntu 24.04 and "
        "later: libglib2.0-0t64); Fedora: sudo dnf install glib2)."
    ]


def test_without_libgl_the_window_cannot_start_but_the_history_exports(tmp_path: Path) -> None:
    """QtCore alone needs no OpenGL: the commands that need no more still work."""
    done = coach_without("libGL.so.1", "--quit-after-show")
    assert done.returncode == 1
    assert done.stderr.startswith("coach: Qt cannot start: libGL.so.1 is missing (Debian/")
    done = coach_without("libGL.so.1", "export", "--format", "csv", "--out", str(tmp_path / "x"))
    assert (done.returncode, done.stderr) == (1, f"coach export: error: no Coach data in "
                                                 f"{os.environ['COACH_DATA_DIR']}\n")  # fmt: skip


@pytest.mark.slow
def test_without_libxcb_cursor_the_app_says_so_instead_of_aborting(tmp_path: Path) -> None:
    """Qt would abort (SIGABRT, a core dump) when its xcb plugin cannot load."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":987654"  # no X server there either: Qt, reached, would abort for that
    expected = (
        "coach: Qt cannot open windows on X11: libxcb-cursor.so.0 is missing (Debian/Ubuntu: "
        "sudo apt install libxcb-cursor0; Fedora: sudo dnf install xcb-util-cursor)\n"
    )
    for argv in ([], ["--quit-after-show"]):
        done = coach_without("libxcb-cursor.so.0", *argv, env=env)
        assert (done.returncode, done.stderr) == (1, expected), argv
    done = coach_without("libxcb-cursor.so.0", "demo", "--weeks", "1", env=env)
    assert done.returncode == 0, done.stderr
    done = coach_without("libxcb-cursor.so.0", "report", "--out", str(tmp_path / "r.pdf"), env=env)
    assert (done.returncode, done.stderr) == (1, expected)
    done = coach_without("libxcb-cursor.so.0", "doctor", env=env)
    assert "  Window system: xcb (libxcb-cursor.so.0 missing)\n" in done.stdout
    said = expected.removeprefix("coach: ").rstrip()
    assert f"  - {said}; Coach cannot open its window here until that is installed." in done.stdout


def test_without_libpulse_doctor_says_sound_cannot_play_and_what_to_install() -> None:
    done = coach_without("libpulse.so.0", "doctor")
    assert (done.returncode, done.stderr) == (1, "")
    assert "  Qt: 6." in done.stdout
    assert "  Sound library: QtMultimedia cannot load (libpulse.so.0 is missing)\n" in done.stdout
    assert "Sound outputs" not in done.stdout  # not looked for: nothing could play on them
    assert (
        "  - Sound cannot play: libpulse.so.0 is missing. Install it "
        f"({NO_PULSE_HINT}); until then workouts run silently, with every cue on the screen.\n"
    ) in done.stdout


def test_without_libpulse_the_app_starts() -> None:
    done = coach_without("libpulse.so.0", "--quit-after-show")
    assert (done.returncode, done.stderr) == (0, "")


# -- the test suite itself ------------------------------------------------------------
@pytest.mark.slow
def test_without_libpulse_every_test_module_is_collected() -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}  # on CI they fail: below
    said = pytest_without("libpulse.so.0", "--collect-only", env=env)
    assert said.startswith("status 0\n"), said[-3000:]
    assert "ERROR collecting" not in said
    assert re.fullmatch(r"\d+ tests collected in [\d.]+s", said.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize(
    "tests",
    ["tests/audio/test_player.py",  # skipped as a module: it imports the player
     "tests/ui/test_sound.py"],  # skipped by the sound_output fixture
)  # fmt: skip
def test_without_libpulse_the_sound_tests_skip_and_say_why_but_fail_on_ci(tests: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    said = pytest_without("libpulse.so.0", tests, "-rs", env=env)
    assert said.startswith(("status 0\n", "status 5\n")), said[-3000:]  # 5: all skipped
    assert "SKIPPED" in said
    assert "QtMultimedia cannot load (libpulse.so.0 is missing)" in said
    said = pytest_without("libpulse.so.0", tests, env={**env, "CI": "true"})
    assert not said.startswith("status 0\n"), said[-3000:]
    assert "QtMultimedia cannot load (libpulse.so.0 is missing): CI must install libpulse0" in said


def test_without_glib_pytest_says_so_in_one_line() -> None:
    said = pytest_without("libglib-2.0.so.0", "tests/domain/test_clock.py")
    assert said == ("status 1\nExit: the tests need Qt: " + NO_GLIB.removeprefix("coach: "))


# -- Qt's own messages ------------------------------------------------------------------
@pytest.mark.slow
def test_doctor_keeps_qts_sound_messages_to_itself(tmp_path: Path) -> None:
    """No sound server: Qt complains on stderr; Coach says it in its own words only."""
    if (reason := why_no_qt_multimedia()) is not None:  # no QtMultimedia: no sound server asked
        skip_or_fail(reason, on_ci_say="CI must install libpulse0 (.ci/run)")
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_LOGGING_RULES", "QT_LOGGING_CONF", qt_check.DEBUG_VAR)}  # fmt: skip
    env["PULSE_SERVER"] = str(tmp_path / "no-server")
    argv = [sys.executable, "-m", "coach", "doctor", "--data-dir", str(tmp_path / "d")]
    quiet = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert quiet.stderr == ""
    assert "  Sound outputs: none found\n" in quiet.stdout
    loud = subprocess.run([*argv, "--verbose"], env=env, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert "  Sound outputs: none found\n" in loud.stdout  # the same report, and Qt's words
    assert "qt.multimedia" in loud.stderr or "PulseAudioService" in loud.stderr


def test_quiet_qt_drops_only_the_sound_chatter(qtlog: Any) -> None:
    from PySide6.QtCore import QLoggingCategory, qCWarning, qInfo, qWarning  # noqa: PLC0415

    multimedia = QLoggingCategory("qt.multimedia.test")  # type: ignore[arg-type] # the stub says bytes
    with qt_check.quiet_qt(environ={}):
        qWarning("PulseAudioService: pa_context_connect() failed")
        qWarning("No QtMultimedia backends found. Only QMediaDevices...")
        qCWarning(multimedia, "Couldn't load pipewire-0.3 library")  # type: ignore[arg-type] # as above
        qInfo("a message of Coach's own")
    assert [r.message for r in qtlog.records] == ["a message of Coach's own"]


@pytest.mark.parametrize(
    "environ",
    [{"COACH_DEBUG": "1"}, {"QT_LOGGING_RULES": "*.debug=false"}, {"QT_LOGGING_CONF": "x.ini"}],
)
def test_the_user_who_asks_for_qts_messages_gets_them(environ: dict[str, str]) -> None:
    assert qt_check.wants_qt_messages(environ)
    assert not qt_check.wants_qt_messages({"COACH_DEBUG": "0"})


@pytest.mark.parametrize(
    "argv", [["--verbose"], ["--verbose", "--quit-after-show"], ["--data-dir", "x", "--verbose"]]
)
def test_verbose_opens_the_app_as_the_full_parser_reads_it(argv: list[str]) -> None:
    assert opens_the_app(argv)
    assert vars(app_parser().parse_args(argv)) == vars(build_parser().parse_args(argv))
    assert build_parser().parse_args(["doctor", "--verbose"]).verbose
    assert not build_parser().parse_args(["doctor"]).verbose
