"""What every page shares: its step in the title bar, and no stepping past an unanswered page."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coach.ui.onboarding.page import PAGES
from tests.ui.onboarding.steps import make


def test_each_page_says_which_step_it_is(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    pages = [wizard.page(i) for i in wizard.pageIds()]
    assert len(pages) == PAGES
    assert [p.subTitle() for p in pages] == [f"Step {n} of {PAGES}" for n in range(1, PAGES + 1)]
    assert "Welcome to Coach" in pages[0].title()


def test_next_in_code_cannot_step_past_an_unanswered_page(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    wizard.welcome.understood.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.where
    assert not wizard.where.validatePage()  # nothing chosen yet
    wizard.next()
    assert wizard.currentPage() is wizard.where
    wizard.where.buttons["alfredson"].setChecked(True)
    assert wizard.where.validatePage()
    wizard.next()
    assert wizard.currentPage() is wizard.side
    assert wizard.side.onboarding() is wizard  # a page finds its wizard's other answers
