from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from coach.domain.settings import Side
from coach.domain.visa_a import VisaAnswers, q1_points
from coach.ui.visa_dialog import VisaDialog
from tests.ui.modal import when_shown

ANSWERS = VisaAnswers(6, 5, 7, 4, 3, 2, 7, "B", 14)  # scores 48
MINUTES = 35  # of stiffness: 6 points, as in ANSWERS
SCALES = (2, 3, 4, 5, 6)  # the questions answered on a row of 0-10


def make(qtbot: QtBot, parent: QWidget, side: Side | None = None) -> VisaDialog:
    dialog = VisaDialog(parent, side)
    qtbot.addWidget(dialog)
    return dialog


def click(dialog: VisaDialog, number: int, points: int) -> None:
    """Click the radio button of `number` showing `points`, as the user sees it."""
    button = dialog.groups[number].button(points)
    assert isinstance(button, QRadioButton)
    button.click()


def minutes_for(points: int) -> int:
    """Some minutes of stiffness that score `points` for question 1."""
    return next(m for m in range(101) if q1_points(m) == points)


def fill(dialog: VisaDialog, a: VisaAnswers) -> None:
    dialog.q1_minutes.setValue(minutes_for(a.q1))
    for n in range(2, 8):
        click(dialog, n, getattr(a, f"q{n}"))
    dialog.branch_buttons[a.q8_branch].click()
    dialog.answer(8, a.q8)


def assert_empty(dialog: VisaDialog) -> None:
    """Nothing answered, no score, Save disabled."""
    assert dialog.minutes() is None
    assert dialog.q1_minutes.text() == "not answered"
    assert all(dialog.groups[n].checkedId() == -1 for n in range(2, 8))
    assert dialog.branch() is None
    assert not any(b.isChecked() for b in dialog.duration_buttons)
    assert dialog.answers() is None
    assert dialog.missing() == [1, 2, 3, 4, 5, 6, 7, 8]
    assert dialog.score_label.text() == ""
    assert not dialog.save_button.isEnabled()


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
    assert dialog.minutes() == 0
    assert dialog.score_label.text() == "Score: 100 / 100"
    assert "recovered" in dialog.status_label.text()


def test_no_score_shows_and_save_stays_disabled_until_the_last_question_is_answered(
    qtbot: QtBot, parent: QWidget
) -> None:
    dialog = make(qtbot, parent)
    assert_empty(dialog)
    assert dialog.status_label.text() == "Still to answer: questions 1, 2, 3, 4, 5, 6, 7, 8."
    dialog.q1_minutes.setValue(MINUTES)
    assert dialog.score_label.text() == ""  # a part-sum is no score
    for n, points in [(3, 7), (7, 7), (2, 5), (6, 2), (5, 3), (4, 4)]:
        click(dialog, n, points)
        assert dialog.score_label.text() == ""
        assert "Score" not in dialog.status_label.text()
        assert not dialog.save_button.isEnabled()
    assert dialog.missing() == [8]
    assert dialog.status_label.text() == "Still to answer: question 8."
    dialog.choose_branch("B")
    assert not dialog.save_button.isEnabled()  # a part of Q8 alone is not an answer
    assert dialog.score_label.text() == ""
    dialog.duration_buttons[3].click()  # 21 to 30 minutes: 14 points in part B
    assert dialog.save_button.isEnabled()
    assert dialog.answers() == ANSWERS
    assert dialog.score_label.text() == "Score: 48 / 100"
    dialog.q1_minutes.setValue(-1)  # back to "not answered": the score goes again
    assert dialog.score_label.text() == ""
    assert not dialog.save_button.isEnabled()
    assert dialog.missing() == [1]


def test_question_1_is_answered_in_minutes_and_scored_as_the_domain_says(
    qtbot: QtBot, parent: QWidget
) -> None:
    dialog = make(qtbot, parent)
    box = dialog.q1_minutes
    assert box.suffix() == " min"
    assert (box.minimum(), box.maximum()) == (-1, 24 * 60)  # -1: not answered
    assert 1 not in dialog.groups  # no 0-10 boxes for a question about minutes
    for minutes, points in [(0, 10), (1, 9), (10, 9), (11, 8), (95, 0), (100, 0), (500, 0)]:
        box.setValue(minutes)
        assert dialog.minutes() == minutes
        assert dialog.points(1) == points == q1_points(minutes)
        assert dialog.q1_points_label.text() == f"= {points} point{'s' * (points != 1)} of 10"
    box.setValue(240)  # well over 100 minutes is an answer too
    assert dialog.points(1) == 0
    small_print = " ".join(
        label.text() for label in dialog.findChildren(QLabel) if "rounding" in label.text()
    )
    assert "Coach's own rounding" in small_print
    assert "cautious side" in small_print


@pytest.mark.parametrize("number", SCALES)
def test_each_0_to_10_question_says_what_0_5_and_10_mean(
    qtbot: QtBot, parent: QWidget, number: int
) -> None:
    dialog = make(qtbot, parent)
    low, mid, high = (label.text() for label in dialog.scale_marks[number])
    expected = ("0 = no hops", "5", "10 = 10 hops or more") if number == 6 else (
        "0 = worst pain", "5", "10 = no pain"
    )  # fmt: skip
    assert (low, mid, high) == expected
    for label in dialog.scale_marks[number]:
        assert label.font().pointSizeF() >= 12  # as large as the answers themselves


def test_the_marks_sit_right_under_their_own_buttons(qtbot: QtBot, parent: QWidget) -> None:
    dialog = make(qtbot, parent)
    dialog.show()
    qtbot.waitExposed(dialog)

    def box(w: QWidget) -> tuple[int, int, int, int]:
        """Left, right, top, bottom in the dialog's coordinates."""
        at = w.mapTo(dialog, QPoint(0, 0))
        return at.x(), at.x() + w.width(), at.y(), at.y() + w.height()

    layouts = set()
    for number in SCALES:
        low, mid, high = dialog.scale_marks[number]
        buttons = {p: dialog.groups[number].button(p) for p in (0, 5, 10)}
        b0, b5, b10 = (box(b) for b in buttons.values() if b is not None)
        lo, mi, hi = box(low), box(mid), box(high)
        text = {w: w.fontMetrics().horizontalAdvance(w.text()) for w in (low, mid, high)}
        assert abs(lo[0] - b0[0]) <= 4  # "0 = ..." starts under button 0
        assert abs(hi[1] - b10[1]) <= 4  # "10 = ..." ends under button 10
        assert abs((mi[0] + mi[1]) / 2 - (b5[0] + b5[1]) / 2) <= 8  # "5" under button 5
        assert text[low] <= lo[1] - lo[0]  # each shown whole
        assert text[high] <= hi[1] - hi[0]
        for mark, button in ((lo, b0), (mi, b5), (hi, b10)):
            assert 0 <= mark[2] - button[3] <= 12  # just below its button
        layouts.add((b0[0], b5[0], b10[0], lo[0] - b0[0], mi[0] - b5[0]))
    assert len(layouts) == 1  # the same layout for every 0-10 question
    dialog.close()


def test_the_pain_questions_warn_that_10_means_no_pain(qtbot: QtBot, parent: QWidget) -> None:
    dialog = make(qtbot, parent)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "0 is the worst pain and 10 is no pain" in texts
    assert "other way round" in texts
    assert "CLINICAL" not in texts


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
    dialog = make(qtbot, parent)
    fill(dialog, ANSWERS)
    dialog.choose_branch(first)
    dialog.duration_buttons[4].click()
    assert dialog.points(8) is not None
    assert dialog.score_label.text().startswith("Score: ")
    dialog.choose_branch(then)
    assert dialog.branch() == then
    assert dialog.points(8) is None
    assert not any(b.isChecked() for b in dialog.duration_buttons)
    assert not dialog.save_button.isEnabled()
    assert dialog.missing() == [8]
    assert dialog.score_label.text() == ""  # incomplete again: no score
    dialog.duration_buttons[4].click()
    answers = dialog.answers()
    assert answers is not None
    assert (answers.q8_branch, answers.q8) == (then, {"A": 30, "B": 20, "C": 10}[then])


def test_no_sport_is_not_scored_against_recovered(qtbot: QtBot, parent: QWidget) -> None:
    dialog = make(qtbot, parent)
    fill(dialog, VisaAnswers(10, 10, 10, 10, 10, 10, 0, "C", 0))
    assert dialog.score_label.text() == "Score: 60 / 100"
    status = dialog.status_label.text()
    assert "below" not in status
    assert "about 60 of 100" in status
    assert "score 60 of 60" in status


def test_the_dialog_says_which_leg_it_is_about(qtbot: QtBot, parent: QWidget) -> None:
    left = make(qtbot, parent, Side.LEFT)
    assert left.side_label.text() == "This questionnaire is about your LEFT Achilles."
    assert "left" in left.windowTitle()
    right = make(qtbot, parent, Side.RIGHT)
    assert right.side_label.text() == "This questionnaire is about your RIGHT Achilles."
    either = make(qtbot, parent)
    assert "LEFT" not in either.side_label.text()
    assert "RIGHT" not in either.side_label.text()


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
    assert dialog.q1_minutes.accessibleName() == "Question 1: minutes of stiffness"
    for n in range(2, 8):
        for button in dialog.groups[n].buttons():
            assert button.accessibleName().startswith(f"Question {n}")
    assert dialog.groups[2].button(0).accessibleName() == "Question 2: 0, worst pain"
    assert dialog.groups[2].button(10).accessibleName() == "Question 2: 10, no pain"
    for button in [*dialog.branch_buttons.values(), *dialog.duration_buttons]:
        assert button.accessibleName().startswith("Question 8, part ")


def test_answer_refuses_points_a_question_does_not_have(qtbot: QtBot, parent: QWidget) -> None:
    dialog = make(qtbot, parent)
    with pytest.raises(ValueError, match="question 7 has no answer worth 5"):
        dialog.answer(7, 5)
    with pytest.raises(ValueError, match="part of question 8 first"):
        dialog.answer(8, 0)
    with pytest.raises(ValueError, match="question 1 is answered in minutes"):
        dialog.answer(1, 5)


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


def test_a_second_questionnaire_opens_empty(qtbot: QtBot, parent: QWidget) -> None:
    def save(d: VisaDialog) -> None:
        fill(d, ANSWERS)
        d.save_button.click()

    seen: list[bool] = []

    def look(d: VisaDialog) -> None:
        assert_empty(d)
        seen.append(True)
        d.cancel_button.click()

    when_shown(VisaDialog, save)
    assert VisaDialog.ask(parent) == ANSWERS
    when_shown(VisaDialog, look)
    assert VisaDialog.ask(parent, Side.LEFT) is None
    assert seen == [True]
