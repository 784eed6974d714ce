"""Installing Coach for a user: `coach install-desktop` and `coach uninstall-desktop`, on a
throw-away XDG data folder, and the wheel that `uv tool install` and `pipx install` take."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach import desktop_entry
from coach.cli import main
from coach.desktop_entry import ENTRY, THEME, exec_value, install, targets, this_coach, uninstall
from coach.resources import asset_path
from tests.helpers import MountRefusedError, read_only_view


def coach(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "coach", *args], capture_output=True, text=True, timeout=120,
        check=False, env=env,
    )  # fmt: skip


def keys(entry: Path) -> dict[str, str]:
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:])


def exec_argv(value: str) -> list[str]:
    """An Exec value read back as the Desktop Entry spec says a desktop reads it.

    First the string escapes (a backslash is written twice), then the arguments: split
    at spaces, where double quotes group, and inside them a backslash escapes `"`, `` ` ``,
    `$` and itself; then `%%` is a percent sign.
    """
    text = value.replace("\\\\", "\\")
    args: list[str] = []
    current: list[str] | None = None
    i = 0
    while i < len(text):
        c = text[i]
        if c == " ":
            if current is not None:
                args.append("".join(current))
            current = None
        elif c == '"':
            current = current or []
            i += 1
            while text[i] != '"':
                if text[i] == "\\" and text[i + 1] in '"`$\\':
                    i += 1
                current.append(text[i])
                i += 1
        else:
            current = [*(current or []), c]
        i += 1
    if current is not None:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_install_writes_the_entry_and_every_icon(tmp_path: Path) -> None:
    installed = install(tmp_path, ["/opt/coach/coach"])
    assert installed.home == tmp_path
    written = files_under(tmp_path)
    assert sorted(written) == sorted(str(p.relative_to(tmp_path)) for p in targets(tmp_path))
    for n in desktop_entry.ICON_SIZES:
        png = f"icons/hicolor/{n}x{n}/apps/coach.png"
        assert written[png] == asset_path(png).read_bytes()
    assert (
        written["icons/hicolor/scalable/apps/coach.svg"]
        == asset_path("icons/coach.svg").read_bytes()
    )
    entry = keys(tmp_path / ENTRY)
    assert (entry["Exec"], entry["TryExec"], entry["Icon"]) == ("/opt/coach/coach",) * 2 + (
        "coach",
    )
    shipped = keys(asset_path("coach.desktop"))
    assert {k: v for k, v in entry.items() if "Exec" not in k} == {
        k: v for k, v in shipped.items() if "Exec" not in k
    }
    for path in targets(tmp_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_the_icon_sizes_are_those_the_app_ships() -> None:
    from coach.ui.app import ICON_SIZES  # noqa: PLC0415 - Qt only for this test

    assert desktop_entry.ICON_SIZES == ICON_SIZES


def test_the_installed_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    install(tmp_path, this_coach())
    done = subprocess.run(
        [tool, str(tmp_path / ENTRY)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_coach_install_desktop_writes_an_absolute_command_that_runs(tmp_path: Path) -> None:
    done = coach("install-desktop", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Coach is in your applications menu: {tmp_path / ENTRY} runs ")
    argv = exec_argv(keys(tmp_path / ENTRY)["Exec"])
    # Started as `python -m coach`, it names this interpreter: the same Coach, whatever PATH is.
    assert argv == [str(Path(sys.executable).absolute()), "-m", "coach"]
    assert Path(argv[0]).is_absolute()
    version = subprocess.run(
        [*argv, "--version"], capture_output=True, text=True, check=True, env={}, timeout=120
    )
    assert version.stdout.startswith("coach ")


@pytest.mark.parametrize(
    "name", ["my apps", 'it"s', "50% off", "$HOME", "back\\slash", "a`b`", "don't", "é"]
)
def test_any_folder_name_survives_the_exec_quoting(tmp_path: Path, name: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    script = folder / "coach"
    script.write_text('#!/bin/sh\necho "ran with $*"\n', encoding="utf-8")
    script.chmod(0o755)
    assert this_coach(str(script)) == [str(script)]
    value = exec_value([str(script), "--flag"])
    assert "\n" not in value
    argv = exec_argv(value)
    assert argv == [str(script), "--flag"]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    assert done.stdout == "ran with --flag\n"


def test_a_line_break_in_the_command_is_refused() -> None:
    with pytest.raises(desktop_entry.DesktopEntryError, match="line break"):
        exec_value(["/opt/a\nb/coach"])


def test_the_command_is_the_bundle_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundle = tmp_path / "coach" / "coach"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle))
    assert this_coach("whatever") == [str(bundle)]


def test_the_command_is_the_coach_script_or_this_python(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    script = tmp_path / "bin" / "coach"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    assert this_coach(str(script)) != [str(script)]  # not executable: not a command
    script.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    assert this_coach("bin/coach") == [str(script)]  # a relative argv[0] made absolute
    python = str(Path(sys.executable).absolute())
    assert this_coach("/x/coach/__main__.py") == [python, "-m", "coach"]


def test_reinstalling_changes_nothing(tmp_path: Path) -> None:
    install(tmp_path, ["/opt/coach/coach"])
    before = files_under(tmp_path)
    install(tmp_path, ["/opt/coach/coach"])
    assert files_under(tmp_path) == before  # same files, same bytes, no temporary left


def test_uninstall_removes_what_install_wrote_and_nothing_else(tmp_path: Path) -> None:
    theirs = {
        "applications/other.desktop": b"[Desktop Entry]\n",
        "icons/hicolor/48x48/apps/other.png": b"png",
        "icons/hicolor/index.theme": b"[Icon Theme]\n",
    }
    for name, content in theirs.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    install(tmp_path, ["/opt/coach/coach"])
    removed = uninstall(tmp_path)
    assert sorted(removed) == sorted(targets(tmp_path))
    assert files_under(tmp_path) == theirs
    # The folders only Coach's icons were in go with them; shared ones stay.
    assert not (tmp_path / THEME / "16x16").exists()
    assert not (tmp_path / THEME / "scalable").exists()
    assert (tmp_path / THEME / "48x48" / "apps").is_dir()
    assert uninstall(tmp_path) == []


def test_coach_uninstall_desktop_says_what_it_did(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    assert (tmp_path / ENTRY).is_file()
    assert main(["uninstall-desktop"]) == 0
    assert main(["uninstall-desktop"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == [
        f"Removed Coach's desktop entry and icons from {tmp_path} (10 files)",
        f"Nothing to remove: Coach's desktop entry is not in {tmp_path}",
    ]
    assert not (tmp_path / ENTRY).exists()


@contextlib.contextmanager
def read_only(folder: Path, at: Path) -> Iterator[Path]:
    """`folder` made read-only: by its mode, or for root (whom modes do not stop) a mount."""
    if os.geteuid() == 0:
        try:
            with read_only_view(folder, at) as view:
                yield view
        except MountRefusedError as e:
            pytest.skip(f"root ignores file modes, and this machine does not allow mounting ({e})")
        return
    folder.chmod(0o500)
    try:
        yield folder
    finally:
        folder.chmod(0o700)


def test_a_read_only_folder_is_one_line_and_exit_1(tmp_path: Path) -> None:
    home = tmp_path / "share"
    home.mkdir()
    with read_only(home, tmp_path / "view") as view:
        done = coach("install-desktop", home=view)
        assert done.returncode == 1
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(
            f"coach install-desktop: error: cannot write {view / 'icons'}"  # icons first
        )
        assert list(view.iterdir()) == []


def test_a_data_folder_that_is_a_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    home = tmp_path / "share"
    home.write_text("not a folder", encoding="utf-8")
    for command in ("install-desktop", "uninstall-desktop"):
        done = coach(command, home=home)
        if command == "uninstall-desktop":
            assert (done.returncode, done.stderr) == (0, "")  # nothing of Coach's there
            continue
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1
        assert done.stderr.startswith(f"coach install-desktop: error: cannot write {home}")


def test_xdg_data_home_when_unset_or_relative_is_the_home_folder_default() -> None:
    default = Path.home() / ".local" / "share"
    assert desktop_entry.data_home({}) == default
    assert desktop_entry.data_home({"XDG_DATA_HOME": ""}) == default
    assert desktop_entry.data_home({"XDG_DATA_HOME": "relative/share"}) == default
    assert desktop_entry.data_home({"XDG_DATA_HOME": "/srv/share"}) == Path("/srv/share")


def test_existing_caches_are_refreshed_and_none_is_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    log = tmp_path / "ran.txt"
    for name in ("update-desktop-database", "gtk-update-icon-cache"):
        tool = tools / name
        tool.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n', encoding="utf-8")
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    home = tmp_path / "share"
    install(home, ["/opt/coach/coach"])
    assert not log.exists()  # no cache there: nothing run, nothing made
    (home / "applications" / "mimeinfo.cache").write_text("", encoding="utf-8")
    (home / THEME / "icon-theme.cache").write_bytes(b"")
    uninstall(home)
    assert log.read_text(encoding="utf-8").splitlines() == [
        f"update-desktop-database -q {home / 'applications'}",
        f"gtk-update-icon-cache -q -t -f {home / THEME}",
    ]


# -- the wheel -------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_wheel_carries_every_asset_and_runs_from_them(tmp_path: Path) -> None:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not installed")
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("coach-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    shipped = {
        f"coach/assets/{p.relative_to(ROOT / 'assets').as_posix()}"
        for p in (ROOT / "assets").rglob("*")
        if p.is_file() and not {"__pycache__", "screenshots", "packaging"} & set(p.parts)
    }
    assert shipped <= names
    assert not any(name.startswith(("coach/assets/screenshots/", "tests/")) for name in names)
    # Coach from the unpacked wheel, not this checkout (hence the folder the commands run
    # in, which Python searches first): its voice clips make the track.
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    where = subprocess.run(
        [sys.executable, "-c", "import coach.resources as r; print(r.asset_path('coach.desktop'))"],
        capture_output=True, text=True, check=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert where.stdout.strip() == str(tmp_path / "site" / "coach" / "assets" / "coach.desktop")
    track = tmp_path / "track.wav"
    cues = subprocess.run(
        [sys.executable, "-m", "coach", "cues", "--protocol", "jonsson", "--injured", "left",
         "--sets", "1", "--reps", "1", "--out", str(track)],
        capture_output=True, text=True, check=False, env=env, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert (cues.returncode, cues.stderr) == (0, "")  # no "voice clips missing"
    assert track.stat().st_size > 0
