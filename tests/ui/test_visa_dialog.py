from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from coach.domain.visa_a import VisaAnswers, score
from coach.ui.visa_dialog import VisaDialog
from tests.ui.modal import when_shown

ANSWERS = VisaAnswers(6, 5, 7, 4, 3, 2, 7, "B", 14)  # scores 48


def make(qtbot: QtBot, parent: QWidget, previous: VisaAnswers | None = None) -> VisaDialog:
    dialog = VisaDialog(parent, previous)
    qtbot.addWidget(dialog)
    return dialog


def click(dialog: VisaDialog, number: int, points: int) -> None:
    """Click the radio button of `number` showing `points`, as the user sees it."""
    button = dialog.groups[number].button(points)
    assert isinstance(button, QRadioButton)
    button.click()


def fill(dialog: VisaDialog, a: VisaAnswers) -> None:
    for n in range(1, 8):
        click(dialog, n, getattr(a, f"q{n}"))
    dialog.branch_buttons[a.q8_branch].click()
    dialog.answer(8, a.q8)


def test_answering_every_question_enables_save_with_the_answers_and_score(
    qtbot: QtBot, parent: QWidget
) -> None:
    dialog = make(qtbot, parent)
    fill(dialog, ANSWERS)
    assert dialog.answers() == ANSWERS
    assert dialog.save_button.isEnabled()
    assert dialog.score_label.text() == "Score: 48 / 100"
    assert "42 points below the range counted as recovered" in dialog.status_label.text()


def test_the_best_answers_score_100(qtbot: QtBot, parent: QWidget) -> None:
    dialog = make(qtbot, parent)
    fill(dialog, VisaAnswers(10, 10, 10, 10, 10, 10, 10, "A", 30))
    assert dialog.score_label.text() == "Score: 100 / 100"
    assert "recovered" in dialog.status_label.text()


def test_save_stays_disabled_until_the_last_question_is_answered(
    qtbot: QtBot, parent: QWidget
) -> None:
    dialog = make(qtbot, parent)
    assert not dialog.save_button.isEnabled()
    assert dialog.answers() is None
    assert dialog.status_label.text() == "Still to answer: questions 1, 2, 3, 4, 5, 6, 7, 8."
    total = 0
    for n, points in [(3, 7), (1, 6), (7, 7), (2, 5), (6, 2), (5, 3), (4, 4)]:
        click(dialog, n, points)
        total += points
        assert dialog.score_label.text() == f"Score: {total} / 100"  # the score follows live
        assert not dialog.save_button.isEnabled()
    assert dialog.missing() == [8]
    assert dialog.status_label.text() == "Still to answer: question 8."
    dialog.choose_branch("B")
    assert not dialog.save_button.isEnabled()  # a part of Q8 alone is not an answer
    dialog.duration_buttons[3].click()  # 21 to 30 minutes: 14 points in part B
    assert dialog.save_button.isEnabled()
    assert dialog.answers() == ANSWERS


def test_the_durations_wait_for_a_part_of_question_8(qtbot: QtBot, parent: QWidget) -> None:
    dialog = make(qtbot, parent)
    assert not any(b.isEnabled() for b in dialog.duration_buttons)
    assert "First choose A, B or C" in dialog.follow_up.text()
    dialog.choose_branch("C")
    assert all(b.isEnabled() for b in dialog.duration_buttons)
    assert [b.text() for b in dialog.duration_buttons] == [
        "Not at all (0 points)",
        "1 to 10 minutes (2 points)",
        "11 to 20 minutes (5 points)",
        "21 to 30 minutes (7 points)",
        "More than 30 minutes (10 points)",
    ]


@pytest.mark.parametrize(("first", "then"), [("A", "B"), ("B", "C"), ("C", "A")])
def test_switching_part_of_question_8_clears_its_answer(
    qtbot: QtBot, parent: QWidget, first: str, then: str
) -> None:
    dialog = make(qtbot, parent, ANSWERS)
    dialog.choose_branch(first)
    dialog.duration_buttons[4].click()
    assert dialog.points(8) is not None
    before = dialog.score_label.text()
    dialog.choose_branch(then)
    assert dialog.branch() == then
    assert dialog.points(8) is None
    assert not any(b.isChecked() for b in dialog.duration_buttons)
    assert not dialog.save_button.isEnabled()
    assert dialog.missing() == [8]
    assert dialog.score_label.text() != before  # Q8's points left the total
    dialog.duration_buttons[4].click()
    answers = dialog.answers()
    assert answers is not None
    assert (answers.q8_branch, answers.q8) == (then, {"A": 30, "B": 20, "C": 10}[then])


def test_previous_answers_fill_the_dialog_for_editing(qtbot: QtBot, parent: QWidget) -> None:
    dialog = make(qtbot, parent, ANSWERS)
    assert dialog.answers() == ANSWERS
    assert dialog.save_button.isEnabled()
    assert dialog.score_label.text() == f"Score: {score(ANSWERS)} / 100"
    assert dialog.branch_buttons["B"].isChecked()
    assert dialog.duration_buttons[3].isChecked()
    click(dialog, 1, 10)
    assert dialog.answers() == VisaAnswers(10, 5, 7, 4, 3, 2, 7, "B", 14)


def test_arrow_keys_move_along_a_scale(qtbot: QtBot, parent: QWidget) -> None:
    dialog = make(qtbot, parent)
    with qtbot.waitActive(dialog):  # keys reach the focus widget of the active window only
        dialog.show()
        dialog.activateWindow()
    button = dialog.groups[2].button(5)
    assert button is not None
    button.click()
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Right)
    assert dialog.points(2) == 6


def test_every_answer_has_an_accessible_name_naming_its_question(
    qtbot: QtBot, parent: QWidget
) -> None:
    dialog = make(qtbot, parent)
    dialog.choose_branch("A")
    for n in range(1, 8):
        for button in dialog.groups[n].buttons():
            assert button.accessibleName().startswith(f"Question {n}")
    assert dialog.groups[1].button(0).accessibleName() == "Question 1: 0, 100 minutes or more"
    for button in [*dialog.branch_buttons.values(), *dialog.duration_buttons]:
        assert button.accessibleName().startswith("Question 8, part ")


def test_answer_refuses_points_a_question_does_not_have(qtbot: QtBot, parent: QWidget) -> None:
    dialog = make(qtbot, parent)
    with pytest.raises(ValueError, match="question 7 has no answer worth 5"):
        dialog.answer(7, 5)
    with pytest.raises(ValueError, match="part of question 8 first"):
        dialog.answer(8, 0)


def test_ask_returns_none_when_cancelled(qtbot: QtBot, parent: QWidget) -> None:
    def cancel(d: VisaDialog) -> None:
        fill(d, ANSWERS)
        d.cancel_button.click()

    when_shown(VisaDialog, cancel)
    assert VisaDialog.ask(parent) is None


def test_ask_returns_the_answers_saved(qtbot: QtBot, parent: QWidget) -> None:
    def save(d: VisaDialog) -> None:
        fill(d, ANSWERS)
        d.save_button.click()

    when_shown(VisaDialog, save)
    assert VisaDialog.ask(parent) == ANSWERS


def test_ask_edits_the_previous_answers(qtbot: QtBot, parent: QWidget) -> None:
    def edit(d: VisaDialog) -> None:
        d.answer(6, 9)
        d.save_button.click()

    when_shown(VisaDialog, edit)
    assert VisaDialog.ask(parent, ANSWERS) == VisaAnswers(6, 5, 7, 4, 3, 9, 7, "B", 14)
