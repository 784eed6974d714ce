"""Fixtures for the charts' tests: a chart on screen, and the export dialog and the
error message replaced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot

from coach.ui.charts.card import ChartCard
from coach.ui.charts.export import ChooseChartFile
from coach.ui.exchange_dialogs import Tell

C = TypeVar("C", bound=ChartCard)


@pytest.fixture
def shown(qtbot: QtBot) -> Callable[[C], C]:
    """Put a chart on screen at the Progress page's width, closed after the test."""

    def show(card: C) -> C:
        qtbot.addWidget(card)
        card.resize(900, card.sizeHint().height())
        card.show()
        qtbot.waitExposed(card)
        return card

    return show


@pytest.fixture
def chosen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str]]:
    """Export files go to tmp_path; the titles and formats asked for are kept."""
    asked: list[tuple[str, str]] = []

    def ask(_cls: object, _parent: object, title: str, suggested: str, fmt: str) -> Path:
        asked.append((title, fmt))
        return tmp_path / f"{suggested}.{fmt}"

    monkeypatch.setattr(ChooseChartFile, "ask", classmethod(ask))
    return asked


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(Tell, "problem", classmethod(lambda _c, _p, _t, text: said.append(text)))
    return said
