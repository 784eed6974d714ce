"""The red-flag dialogs: report a problem, the rupture questions, what to do now."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from coach.domain.red_flags import (
    CALF,
    CLOT_EMERGENCY,
    OTHER,
    RED_FLAGS,
    RUPTURE,
    RUPTURE_QUESTIONS,
    RedFlag,
    by_id,
)
from coach.ui.red_flags import RedFlagDialog, RuptureCheck, WhatToDoNow
from tests.ui.modal import when_shown


def answer(dialog: RuptureCheck, answers: list[bool]) -> None:
    for group, yes in zip(dialog.groups, answers, strict=True):
        button = next(b for b in group.buttons() if b.property("answer") is yes)
        button.click()


def test_report_a_problem_lists_every_sign_and_needs_a_choice(qtbot: QtBot) -> None:
    dialog = RedFlagDialog(in_workout=False)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Report a problem"
    ids = [b.property("flag") for b in dialog.choices.buttons()]
    assert ids == [f.id for f in (*RED_FLAGS, OTHER)]
    texts = " ".join(b.text() for b in dialog.choices.buttons())
    for words in ("snap or pop", "breathlessness or chest pain", "corticosteroid tablets",
                  "fluoroquinolone", "pain at night"):  # fmt: skip
        assert words in texts
    assert not dialog.end_button.isEnabled()
    dialog.choices.buttons()[1].click()
    assert dialog.end_button.isEnabled()
    assert dialog.chosen() is CLOT_EMERGENCY


def test_the_rupture_questions_are_large_and_need_every_answer(qtbot: QtBot) -> None:
    dialog = RuptureCheck()
    qtbot.addWidget(dialog)
    assert len(dialog.groups) == len(RUPTURE_QUESTIONS) == 4
    labels = [w.text() for w in dialog.findChildren(QWidget) if hasattr(w, "text")]
    for question in RUPTURE_QUESTIONS:
        assert question in labels
    buttons = [b for g in dialog.groups for b in g.buttons()]
    assert all(b.font().pointSizeF() >= 16 or "16pt" in b.styleSheet() for b in buttons)
    assert not dialog.done_button.isEnabled()
    answer(dialog, [False, False, False, True])
    assert dialog.done_button.isEnabled()
    assert dialog.answers() == [False, False, False, True]


@pytest.mark.parametrize(
    ("answers", "tear"),
    [
        ([False, False, False, False], False),  # nothing alarming
        ([True, False, False, False], True),  # a snap or pop
        ([False, True, False, False], True),  # a kick in the heel
        ([False, False, True, False], True),  # sudden sharp pain
        ([False, False, False, True], True),  # cannot rise on the toes, or unsure
    ],
)
def test_any_alarming_answer_means_a_possible_tear(
    qtbot: QtBot, parent: QWidget, answers: list[bool], tear: bool
) -> None:
    def answer_and_finish(dialog: RuptureCheck) -> None:
        answer(dialog, answers)
        dialog.done_button.click()

    when_shown(RuptureCheck, answer_and_finish)
    assert RuptureCheck.ask(parent) is tear


def test_escape_does_not_answer_and_closing_unanswered_counts_as_not_sure(
    qtbot: QtBot, parent: QWidget
) -> None:
    def press_escape_then_close(dialog: RuptureCheck) -> None:
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
        dialog.close()

    when_shown(RuptureCheck, press_escape_then_close)
    assert RuptureCheck.ask(parent) is True


@pytest.mark.parametrize(
    ("flag", "heading", "step"),
    [
        (RUPTURE, "Get medical care today", "do not stretch the calf"),
        (CLOT_EMERGENCY, "Call an ambulance now", "112"),
        (CALF, "Get medical care today", "blood clot"),
        (by_id("medication"), "See a clinician before the next session", "pharmacist"),
    ],
)
def test_what_to_do_now_says_how_urgent_and_each_step(
    qtbot: QtBot, flag: RedFlag, heading: str, step: str
) -> None:
    dialog = WhatToDoNow(flag, None)
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == heading
    assert step in dialog.steps.text()
    assert "paused your program" in dialog.steps.text()
    text = " ".join(w.text() for w in dialog.findChildren(QAbstractButton))
    assert "I understand" in text
