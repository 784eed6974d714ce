from __future__ import annotations

import platform
import re
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTableWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coach import __version__
from coach.ui.help_dialogs import AboutDialog, WhyDialog

# What the About box must say: each component with its licence (the task's list).
LICENCES = {
    "Coach": "MIT",
    "Qt": "LGPLv3",
    "PySide6": "LGPLv3",
    "pyqtgraph": "MIT",
    "NumPy": "BSD-3-Clause",
    "sqlite-utils": "Apache-2.0",
    "SQLite": "public domain",
    "icalendar": "BSD-2-Clause",
    "espeak-ng": "GPLv3",
}
SCREEN = (1024, 640)  # the smallest screen Coach supports
ROOM = (1000, 600)  # what is left of it for a dialog


def about(qtbot: QtBot, parent: QWidget, data_dir: Path | None) -> AboutDialog:
    dialog = AboutDialog(data_dir, parent)
    qtbot.addWidget(dialog)
    return dialog


def rows(table: QTableWidget) -> dict[str, list[str]]:
    """The table as the user reads it: component name -> the other columns."""
    out = {}
    for r in range(table.rowCount()):
        items = [table.item(r, c) for c in range(table.columnCount())]
        cells = [item.text() if item is not None else "" for item in items]
        out[cells[0]] = cells[1:]
    return out


def test_about_shows_the_version_and_the_data_folder(
    qtbot: QtBot, parent: QWidget, tmp_path: Path
) -> None:
    dialog = about(qtbot, parent, tmp_path)
    assert f"Coach {__version__}" in dialog.title.text()
    assert dialog.folder.text() == str(tmp_path)
    assert dialog.folder.isReadOnly()
    assert f"Python {platform.python_version()}" in dialog.runtime.text()
    assert f"Qt {qVersion()}" in dialog.runtime.text()


def test_about_lists_every_library_with_its_licence_and_installed_version(
    qtbot: QtBot, parent: QWidget, tmp_path: Path
) -> None:
    shown = rows(about(qtbot, parent, tmp_path).table)
    assert {name: cells[1] for name, cells in shown.items()} == LICENCES
    assert shown["Coach"][0] == __version__
    assert shown["Qt"][0] == qVersion()
    for name in ("pyqtgraph", "numpy", "sqlite-utils", "icalendar"):
        label = "NumPy" if name == "numpy" else name
        assert shown[label][0] == metadata.version(name)
    assert "rendered with espeak-ng" in shown["espeak-ng"][2]


@pytest.mark.parametrize(
    ("label", "distribution", "expected"),
    [
        ("PySide6", "PySide6-Essentials", "LGPL-3.0"),
        ("pyqtgraph", "pyqtgraph", "MIT"),
        ("NumPy", "numpy", "BSD-3-Clause"),
        ("sqlite-utils", "sqlite-utils", "Apache-2.0"),
        ("icalendar", "icalendar", "BSD-2-Clause"),
    ],
)
def test_the_licences_shown_agree_with_the_packages_own_metadata(
    qtbot: QtBot, parent: QWidget, label: str, distribution: str, expected: str
) -> None:
    # .json, not meta["License"]: from Python 3.12 a missing key warns (an error here).
    meta = metadata.metadata(distribution).json
    declared = str(meta.get("license_expression") or meta.get("license") or "")
    assert expected in declared  # a new release relicensed: update LICENCES and the dialog
    shown = rows(about(qtbot, parent, None).table)[label][1]
    assert shown.replace("LGPLv3", "LGPL-3.0") == expected


def test_open_data_folder_hands_the_folder_to_the_desktop(
    qtbot: QtBot, parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    dialog = about(qtbot, parent, tmp_path)
    dialog.open_folder.click()
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]
    assert dialog.folder_status.isHidden()


def test_a_folder_that_cannot_be_opened_is_explained(
    qtbot: QtBot, parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    dialog = about(qtbot, parent, tmp_path)
    dialog.open_folder.click()
    assert "No file manager could open the folder" in dialog.folder_status.text()
    assert not dialog.folder_status.isHidden()

    missing = about(qtbot, parent, tmp_path / "not yet")
    missing.open_folder.click()
    assert "does not exist yet" in missing.folder_status.text()


def test_without_a_data_folder_there_is_nothing_to_open(qtbot: QtBot, parent: QWidget) -> None:
    dialog = about(qtbot, parent, None)
    assert not dialog.open_folder.isEnabled()
    assert dialog.folder.text() == "none open"


# --- Why these exercises ----------------------------------------------------------


@pytest.fixture
def why_text(qtbot: QtBot, parent: QWidget) -> str:
    dialog = WhyDialog(parent)
    qtbot.addWidget(dialog)
    return dialog.text.toPlainText()


def test_why_gives_each_protocols_dose_and_setup(why_text: str) -> None:
    text = " ".join(why_text.split()).replace("\u2013", "-")  # en dash: ranges
    # Alfredson 1998, midportion: two exercises off a step, 3x15 each, 2/day, 7/week, 12 weeks.
    assert "about 2-6 cm above the heel" in text
    assert "3 sets of 15 of each, twice a day, 7 days a week, for 12 weeks" in text
    assert "knee straight" in text
    assert "knee bent (about 20-30°)" in text
    # Jonsson 2008, insertional: flat floor, knee straight, never below the forefoot.
    assert "3 sets of 15, twice a day, 7 days a week, for 12 weeks" in text
    assert "flat floor" in text
    assert "never drops below the forefoot" in text
    assert "1 in 3" in text
    assert "2 in 3" in text
    # Down on the painful leg, up on the good one.
    assert "weight on the good leg" in text
    assert "it only lowers" in text


def test_why_gives_the_pain_rules_visa_a_and_red_flags(why_text: str) -> None:
    text = " ".join(why_text.split()).replace("\u2013", "-")  # en dash: ranges
    assert "0-2: safe" in text
    assert "3-5: acceptable" in text
    assert "above 5: too much" in text
    assert "24-hour rule" in text
    assert "settled by the next morning" in text
    assert "about 5 kg more" in text
    assert "Coach's own cautious reading" in text  # the load rule says whose it is
    assert "Report a problem" in text
    assert "CLINICAL" not in text
    assert "seed" not in text.lower()
    assert "VISA-A" in text
    assert "100 means no symptoms" in text
    assert "above 96" in text
    assert "about 90 counts as recovered (Iversen 2012)" in text
    assert "about 14 points over 12 weeks" in text
    assert "hurts in its midportion (JOSPT 2021)" in text
    assert "about 7 points when it hurts where it meets the heel bone (McCormack 2015)" in text
    assert "score about 60 even with no symptoms" in text
    assert "once for each leg" in text
    assert "15 points" not in text
    assert "CLINICAL" not in text
    assert "A snap or pop" in text
    assert "fluoroquinolone" in text
    assert "6-8 weeks" in text


def test_every_source_cited_is_in_the_sources_list_and_back(why_text: str) -> None:
    body, sep, sources = why_text.partition("\nSources\n")
    assert sep, "no Sources section"
    cited = {
        (name, year)
        for group in re.findall(r"\(([A-Z][^()]*\d{4})\)", body)
        for name, year in re.findall(r"([A-Z][A-Za-zé]+) (\d{4})", group)
    }
    assert cited >= {("Alfredson", "1998"), ("Jonsson", "2008"), ("Silbernagel", "2007"),
                     ("Robinson", "2001"), ("Beyer", "2015"), ("Iversen", "2012"),
                     ("JOSPT", "2021"), ("McCormack", "2015")}  # fmt: skip
    entries = [line for line in sources.splitlines() if line.strip()]
    for name, year in cited:
        assert any(
            line.lstrip(" 0123456789.").startswith(name) and year in line for line in entries
        ), f"{name} {year} is cited but not in the Sources list"
    assert len(entries) == len(cited)  # and nothing listed that the text does not cite
    assert "Am J Sports Med 1998;26(3):360-6" in sources
    assert "Br J Sports Med 2008;42(9):746-9" in sources
    assert "JOSPT 2021: VISA-A minimal clinically important difference" in sources
    assert "Int J Sports Phys Ther 2015;10(5):639-44" in sources
    assert "Iversen JV et al. Int J Sports Phys Ther 2012;7(1):76-84" in sources


# --- both dialogs -------------------------------------------------------------------


def make(kind: str, qtbot: QtBot, parent: QWidget, tmp_path: Path) -> QDialog:
    dialog: QDialog = AboutDialog(tmp_path, parent) if kind == "about" else WhyDialog(parent)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize("kind", ["about", "why"])
def test_the_dialog_fits_a_small_screen(
    kind: str, qtbot: QtBot, parent: QWidget, tmp_path: Path
) -> None:
    dialog = make(kind, qtbot, parent, tmp_path)
    dialog.show()
    qtbot.waitExposed(dialog)
    for size in (dialog.size(), dialog.minimumSizeHint()):
        assert size.width() <= ROOM[0]
        assert size.height() <= ROOM[1]
    if isinstance(dialog, WhyDialog):
        browser = dialog.text
        assert browser.verticalScrollBar().maximum() > 0  # the text scrolls inside
        assert browser.horizontalScrollBar().maximum() == 0  # but never sideways
    dialog.close()


@pytest.mark.parametrize("kind", ["about", "why"])
def test_escape_and_close_both_close_it(
    kind: str, qtbot: QtBot, parent: QWidget, tmp_path: Path
) -> None:
    dialog = make(kind, qtbot, parent, tmp_path)
    dialog.open()
    qtbot.waitExposed(dialog)
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    dialog.open()
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Close).click()
    assert not dialog.isVisible()


@pytest.mark.parametrize("kind", ["about", "why"])
def test_every_control_is_named_and_reachable_with_tab(
    kind: str, qtbot: QtBot, parent: QWidget, tmp_path: Path
) -> None:
    dialog = make(kind, qtbot, parent, tmp_path)
    dialog.show()
    qtbot.waitExposed(dialog)
    controls = [
        w
        for w in dialog.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QLineEdit | QTableWidget | QTextBrowser)
        and w.isVisibleTo(dialog)
    ]
    assert controls
    chain: list[QWidget] = []
    w = dialog.nextInFocusChain()
    while w is not None and w is not dialog:
        if w.isVisibleTo(dialog) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(w)
        w = w.nextInFocusChain()
    for control in controls:
        assert control.accessibleName(), f"{type(control).__name__} has no accessible name"
        assert control in chain, f"{control.accessibleName()} cannot be reached with Tab"
    dialog.close()


def test_show_modal_opens_and_returns(parent: QWidget, tmp_path: Path) -> None:
    seen: list[tuple[str, str]] = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        folder = dialog.folder.text() if isinstance(dialog, AboutDialog) else ""
        seen.append((type(dialog).__name__, folder))
        dialog.reject()

    QTimer.singleShot(0, close)
    AboutDialog.show_modal(parent, tmp_path)
    QTimer.singleShot(0, close)
    WhyDialog.show_modal(parent)
    assert seen == [("AboutDialog", str(tmp_path)), ("WhyDialog", "")]
