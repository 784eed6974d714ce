"""The desktop integration: the .desktop entry, and the icon at every size a desktop asks for."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from coach.resources import asset_path
from coach.ui.app import ICON_SIZES, app_icon

ROOT = Path(__file__).resolve().parent.parent


def entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign] # keys are case-sensitive
    parser.read(asset_path("coach.desktop"), encoding="utf-8")
    return parser["Desktop Entry"]


def png(n: int) -> Path:
    return asset_path(f"icons/hicolor/{n}x{n}/apps/coach.png")


def pixels(image: QImage) -> np.ndarray:
    """RGBA values as ints, so two images can be compared within a tolerance."""
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, : image.width() * 4].astype(int)


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = subprocess.run(
        [tool, str(asset_path("coach.desktop"))], capture_output=True, text=True, check=False
    )
    # It prints errors, warnings and hints alike: a clean entry makes it say nothing.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_desktop_entry_starts_coach_with_its_icon() -> None:
    e = entry()
    assert e["Type"] == "Application"
    assert e["Name"] == "Coach"
    assert e["Terminal"] == "false"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert e["Exec"] in scripts["scripts"]  # the command that pip installs
    icon = e["Icon"]
    assert asset_path(f"icons/{icon}.svg").is_file()
    for n in ICON_SIZES:
        assert png(n).name == f"{icon}.png"


def test_the_desktop_entry_matches_the_names_qt_gives_the_window() -> None:
    """StartupWMClass is the X11 window class (the application name); the file's own
    name is the Wayland app id (the desktop file name). Both must match, or the dock
    shows a second, generic icon next to the launcher's."""
    script = (
        "from coach.ui.app import create_application as c; a = c(); "
        "print(a.applicationName()); print(a.desktopFileName())"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    assert out == [entry()["StartupWMClass"], asset_path("coach.desktop").stem]


@pytest.mark.usefixtures("qapp")
def test_there_is_a_png_of_the_icon_for_every_size() -> None:
    shipped = {
        p.parent.parent.name
        for p in asset_path("icons/coach.svg").parent.glob("hicolor/*/apps/coach.png")
    }
    assert shipped == {f"{n}x{n}" for n in ICON_SIZES}
    for n in ICON_SIZES:
        image = QImage(str(png(n)))
        assert not image.isNull()
        assert (image.width(), image.height()) == (n, n)
        assert image.hasAlphaChannel()  # the rounded corners are see-through


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("n", [16, 64, 256])
def test_the_pngs_are_renders_of_the_current_svg(n: int) -> None:
    """Fails when coach.svg changed and `bash assets/icons/render.sh` was not run."""
    drawn = QImage(n, n, QImage.Format.Format_ARGB32_Premultiplied)
    drawn.fill(Qt.GlobalColor.transparent)
    painter = QPainter(drawn)
    QSvgRenderer(str(asset_path("icons/coach.svg"))).render(painter)
    painter.end()
    # rsvg and Qt smooth edges a little differently; a changed drawing differs far more.
    assert np.abs(pixels(drawn) - pixels(QImage(str(png(n))))).mean() < 2


@pytest.mark.usefixtures("qapp")
def test_the_app_icon_uses_each_png_at_its_size_and_the_svg_between() -> None:
    icon = app_icon()
    for n in ICON_SIZES:
        got = icon.pixmap(QSize(n, n)).toImage()
        assert (got.width(), got.height()) == (n, n)
        # 1 level of rounding: Qt keeps pixmaps premultiplied.
        assert np.abs(pixels(got) - pixels(QImage(str(png(n))))).max() <= 2
    # On a 200 % screen a 16 px title-bar icon is the 32 px PNG, not a blown-up 16.
    sharp = icon.pixmap(QSize(16, 16), 2.0).toImage()
    assert np.abs(pixels(sharp) - pixels(QImage(str(png(32))))).max() <= 2
    # Sizes with no PNG are drawn from the SVG at that size, never a stretched bitmap.
    for n in (20, 40, 1024):
        pm = icon.pixmap(QSize(n, n))
        assert (pm.width(), pm.height()) == (n, n)
