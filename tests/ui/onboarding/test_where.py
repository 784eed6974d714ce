"""The "where does it hurt?" page: the protocol it picks, "not sure", the drawing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtSvgWidgets import QSvgWidget
from pytestqt.qtbot import QtBot

from coach.ui.onboarding import where
from tests.ui.onboarding.steps import can_go_on, make, next_page


def test_not_sure_where_it_hurts_stops_the_wizard(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    wizard.welcome.understood.setChecked(True)
    next_page(wizard)
    assert not can_go_on(wizard)  # nothing chosen yet
    wizard.where.buttons["not sure"].setChecked(True)
    assert not can_go_on(wizard)
    assert wizard.where.blocked.isVisible()
    assert "cannot choose for you" in wizard.where.blocked.text()
    assert "heel bone" in wizard.where.why.text()  # how to tell the two apart
    wizard.next()
    assert wizard.currentPage() is wizard.where
    wizard.where.buttons["alfredson"].setChecked(True)
    assert can_go_on(wizard)
    assert not wizard.where.blocked.isVisible()
    assert "knee bent" in wizard.where.why.text()


def test_the_drawing_shows_when_present(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svg = tmp_path / "achilles.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 260">'
        '<rect width="360" height="260" fill="#eee"/></svg>'
    )
    monkeypatch.setattr(where, "asset_path", lambda name: svg)
    wizard = make(qtbot)
    drawing = wizard.where.drawing
    assert isinstance(drawing, QSvgWidget)
    assert drawing.renderer().isValid()
    assert drawing.size() == QSize(340, 250)


def test_a_missing_drawing_leaves_the_page_working(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(name: str) -> Path:
        raise FileNotFoundError(f"Coach's file assets/{name} is missing: reinstall Coach")

    monkeypatch.setattr(where, "asset_path", missing)
    wizard = make(qtbot)
    assert wizard.where.drawing is None
    assert not wizard.where.findChildren(QSvgWidget)
    wizard.welcome.understood.setChecked(True)
    next_page(wizard)
    wizard.where.buttons["alfredson"].setChecked(True)
    assert can_go_on(wizard)
