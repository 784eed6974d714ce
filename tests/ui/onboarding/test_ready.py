"""The last page: the red flags to rule out, and the summary."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coach.domain.red_flags import RED_FLAGS
from tests.ui.onboarding.steps import can_go_on, make, next_page, to_ready


def test_finishing_needs_none_of_the_red_flags(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    to_ready(wizard)
    for flag in RED_FLAGS:
        assert flag.sign in wizard.ready.flags.text()
    assert "see a clinician" in wizard.ready.stop.text()
    assert not can_go_on(wizard)
    wizard.accept()  # what the Finish button does, refused while the box is unticked
    assert wizard.isVisible()
    wizard.ready.none_apply.setChecked(True)
    assert can_go_on(wizard)
    wizard.back()  # changing an answer means looking at the red flags again
    next_page(wizard)
    assert not wizard.ready.none_apply.isChecked()
    assert not can_go_on(wizard)


def test_the_last_page_sums_up_and_says_what_comes_next(qtbot: QtBot) -> None:
    wizard = make(qtbot)
    to_ready(wizard)
    summary = wizard.ready.summary.text()
    assert "Alfredson heel drops off a step" in summary
    assert "Right leg" in summary
    assert "Sat 21 Nov 2026, for 12 weeks" in summary
    assert "08:00 and 18:00" in summary
    assert "short questionnaire" in summary
    assert "starting score" in summary
    assert "history" not in summary  # nothing is replaced
