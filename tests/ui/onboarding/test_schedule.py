"""The schedule page: times in order, a start date within a year."""

from __future__ import annotations

from PySide6.QtCore import QDate, QTime
from pytestqt.qtbot import QtBot

from coach.domain.settings import Injured
from tests.ui.onboarding.steps import can_go_on, make, next_page


def test_times_in_the_wrong_order_block_next_with_the_reason(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    wizard.welcome.understood.setChecked(True)
    next_page(wizard)
    wizard.where.buttons["alfredson"].setChecked(True)
    next_page(wizard)
    wizard.side.buttons[Injured.RIGHT].setChecked(True)
    next_page(wizard)
    wizard.schedule.evening.setTime(QTime(7, 0))
    assert not can_go_on(wizard)
    assert wizard.schedule.problem.isVisible()
    assert "must come before the second" in wizard.schedule.problem.text()
    wizard.next()
    assert wizard.currentPage() is wizard.schedule
    wizard.schedule.evening.setTime(QTime(19, 0))
    assert can_go_on(wizard)
    assert not wizard.schedule.problem.isVisible()
    assert "12 weeks" in wizard.schedule.length.text()


def test_the_start_date_stays_within_a_year(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    start = wizard.schedule.start
    assert start.date() == QDate(2026, 11, 21)
    start.setDate(QDate(2030, 1, 1))
    assert start.date() == QDate(2027, 11, 21)
    start.setDate(QDate(2020, 1, 1))
    assert start.date() == QDate(2025, 11, 21)
