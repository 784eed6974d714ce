"""The VISA-A questionnaire as a dialog: eight questions, then the score, Save when complete.

The questions, their points and the scoring come from `coach.domain.visa_a`; this
module only lays them out and reads the user's choices back. Every 0-10 question shows
what 0, 5 and 10 mean right under its buttons (on Q2-Q5, 10 is no pain: the other way
round from Coach's other pain scales). Q1 is answered in minutes. The dialog always
opens empty, and shows no score until every question is answered. It opens through
`VisaDialog.ask()`, which tests can replace (pytest-qt, "Dialogs").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coach.domain.settings import Side
from coach.domain.visa_a import (
    ABOUT,
    DURATIONS,
    MAX_STIFF_MINUTES,
    NO_PAIN,
    Q1_ZERO_POINTS_MINUTES,
    Q8,
    QUESTIONS,
    SOURCE,
    Question,
    VisaAnswers,
    interpret,
    q1_points,
)
from coach.ui.widgets import guard_boxes

_STYLE = """
QLabel, QRadioButton, QSpinBox { font-size: 12pt; }
QLabel[role="question"] { font-size: 13pt; font-weight: 600; }
QLabel[role="hint"] { font-size: 11pt; font-style: italic; }
QLabel[role="mark"] { font-size: 12pt; font-weight: 600; }
QLabel[role="source"] { font-size: 9pt; }
QLabel[role="small"] { font-size: 10pt; }
QFrame[role="block"] { border-top: 1px solid palette(mid); }
"""

NOT_ANSWERED = -1  # the minutes box's value until the user gives one


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def _label(text: str, role: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _clear(group: QButtonGroup) -> None:
    # An exclusive group will not let its checked button go: lift the rule to clear it.
    group.setExclusive(False)
    for button in group.buttons():
        button.setChecked(False)
    group.setExclusive(True)


class VisaDialog(QDialog):
    """The questionnaire. `answers()` is the complete set of answers, or None until then.

    `side` is the leg the questionnaire is about (said at the top), or None for "your
    sore Achilles". The inputs are attributes so tests can drive them: `q1_minutes` is
    Q1's box of minutes, `groups[n]` the button group of Q2-Q7 (each button's id is its
    points), `scale_marks[n]` the labels under Q2-Q6's buttons (0, middle, 10),
    `branch_buttons["A"]` etc. choose Q8's part, `duration_buttons` are Q8's five
    durations (in the order of `DURATIONS`).
    """

    def __init__(self, parent: QWidget | None = None, side: Side | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setWindowTitle(
            "VISA-A questionnaire" if side is None else f"VISA-A questionnaire: {side.value} leg"
        )
        self.groups: dict[int, QButtonGroup] = {}
        self.scale_marks: dict[int, tuple[QLabel, QLabel, QLabel]] = {}
        self.branch_buttons: dict[str, QRadioButton] = {}
        self.duration_buttons: list[QRadioButton] = []

        # Built first: answering updates them.
        self.score_label = QLabel()
        self.score_label.setStyleSheet("font-size: 15pt; font-weight: 700;")
        self.score_label.setAccessibleName("VISA-A score")
        self.status_label = _label("", "status")
        self.status_label.setStyleSheet("font-size: 12pt;")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        tendon = "sore Achilles tendon" if side is None else f"{side.upper} Achilles tendon"
        self.side_label = _label(
            "Answer about your sore Achilles tendon."
            if side is None
            else f"This questionnaire is about your {side.upper} Achilles.",
            "side",
        )
        self.side_label.setStyleSheet("font-size: 14pt; font-weight: 700;")

        content = QWidget()
        content.setStyleSheet(_STYLE)
        form = QVBoxLayout(content)
        form.setSpacing(18)
        intro = _label(
            f"{ABOUT} Answer each question about your {tendon} as it is these days. "
            "The questions are in Coach's own words. Careful: in questions 2 to 5, 0 is "
            f"the worst pain and 10 is {NO_PAIN}, the other way round from the pain "
            "ratings in a workout.",
            "intro",
        )
        form.addWidget(intro)
        form.addWidget(_label(f"Source: {SOURCE}", "source"))
        for q in QUESTIONS:
            form.addWidget(self._question(q))
        form.addWidget(self._q8())
        form.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)

        layout = QVBoxLayout(self)
        layout.addWidget(self.side_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.score_label)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

        self._update()
        self._size_to_screen()

        # --- building ---------------------------------------------------------------------
        guard_boxes(self)  # no value changes under a passing mouse wheel

    def _size_to_screen(self) -> None:
        """Wide enough for a row of 0-10 and tall enough for two questions, on any screen."""
        screen = self.screen().availableGeometry()
        self.resize(min(860, screen.width() - 40), min(780, screen.height() - 60))

    def _frame(self, number: int, text: str) -> tuple[QFrame, QVBoxLayout]:
        frame = QFrame()
        frame.setProperty("role", "block")  # a QLabel is a QFrame too: its own role
        frame.setAccessibleName(f"Question {number}")
        frame.setAccessibleDescription(text)
        box = QVBoxLayout(frame)
        box.setContentsMargins(0, 12, 0, 0)
        box.addWidget(_label(f"{number}. {text}", "question"))
        return frame, box

    def _group(self) -> QButtonGroup:
        group = QButtonGroup(self)
        group.buttonToggled.connect(lambda *_: self._update())
        return group

    def _question(self, q: Question) -> QFrame:
        frame, box = self._frame(q.number, q.text)
        if q.hint:
            box.addWidget(_label(q.hint, "hint"))
        if q.in_minutes:
            box.addLayout(self._minutes(q))
            return frame
        group = self.groups[q.number] = self._group()
        if q.is_scale:
            box.addLayout(self._scale(q, group))
        else:
            for option in q.options:
                button = QRadioButton(f"{option.label} ({_points(option.points)})")
                button.setAccessibleName(f"Question {q.number}: {option.label}")
                group.addButton(button, option.points)
                box.addWidget(button)
        return frame

    def _minutes(self, q: Question) -> QVBoxLayout:
        """Q1: a box of minutes, the points they score, and how Coach turns one into the other."""
        # The app's WheelGuard keeps a passing wheel from changing it (coach.ui.widgets).
        self.q1_minutes = QSpinBox()
        self.q1_minutes.setRange(NOT_ANSWERED, MAX_STIFF_MINUTES)
        self.q1_minutes.setValue(NOT_ANSWERED)
        self.q1_minutes.setSpecialValueText("not answered")
        self.q1_minutes.setSuffix(" min")
        self.q1_minutes.setSingleStep(5)
        self.q1_minutes.setMinimumHeight(36)
        self.q1_minutes.setMinimumWidth(160)
        self.q1_minutes.setAccessibleName(f"Question {q.number}: minutes of stiffness")
        self.q1_minutes.valueChanged.connect(lambda *_: self._update())
        self.q1_points_label = _label("", "mark")
        row = QHBoxLayout()
        row.addWidget(self.q1_minutes)
        row.addWidget(self.q1_points_label, 1)
        column = QVBoxLayout()
        column.addLayout(row)
        column.addWidget(_label(
            f"Type the minutes, or 0 if there is no stiffness; {Q1_ZERO_POINTS_MINUTES} or "
            "more if it lasts that long or longer. The questionnaire scores this from 10 "
            f"points (no stiffness) to 0 ({Q1_ZERO_POINTS_MINUTES} minutes or more). The "
            "steps in between are Coach's own rounding, on the cautious side: every "
            "started 10 minutes takes a point off.",
            "small",
        ))  # fmt: skip
        return column

    def _scale(self, q: Question, group: QButtonGroup) -> QGridLayout:
        """0-10 in a row of radio buttons; what 0, 5 and 10 mean right under them."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        for option in q.options:
            button = QRadioButton(str(option.points))
            end = f", {option.label}" if option.label else ""
            button.setAccessibleName(f"Question {q.number}: {option.points}{end}")
            group.addButton(button, option.points)
            grid.addWidget(button, 0, option.points)
        low, mid, high = (_label(text, "mark") for text in q.marks)
        for label in (low, mid, high):
            label.setWordWrap(False)
        low.setAlignment(Qt.AlignmentFlag.AlignLeft)
        mid.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        high.setAlignment(Qt.AlignmentFlag.AlignRight)
        # Under buttons 0-3, 4-6 (centred on 5) and 7-10: each mark under its own button.
        grid.addWidget(low, 1, 0, 1, 4)
        grid.addWidget(mid, 1, 4, 1, 3)
        grid.addWidget(high, 1, 7, 1, 4)
        self.scale_marks[q.number] = (low, mid, high)
        return grid

    def _q8(self) -> QFrame:
        frame, box = self._frame(Q8.number, Q8.text)
        self.branch_group = self._group()
        for i, branch in enumerate(Q8.branches):
            button = QRadioButton(f"{branch.key}. {branch.text}")
            button.setAccessibleName(f"Question 8, part {branch.key}: {branch.text}")
            self.branch_group.addButton(button, i)
            self.branch_buttons[branch.key] = button
            box.addWidget(button)
        self.branch_group.idToggled.connect(self._branch_toggled)
        self.follow_up = _label("", "question")
        self.follow_up.setContentsMargins(0, 8, 0, 0)
        box.addWidget(self.follow_up)
        self.duration_group = self._group()
        for i, duration in enumerate(DURATIONS):
            button = QRadioButton(duration)
            button.setEnabled(False)
            self.duration_group.addButton(button, i)
            self.duration_buttons.append(button)
            box.addWidget(button)
        self._show_durations(None)
        return frame

    # --- reacting ---------------------------------------------------------------------
    def _branch_toggled(self, index: int, checked: bool) -> None:  # noqa: FBT001 - Qt's signature
        if checked:
            self._show_durations(Q8.branches[index].key)

    def _show_durations(self, key: str | None) -> None:
        """Offer the durations of part `key` (none chosen yet), or grey them out for None."""
        _clear(self.duration_group)
        if key is None:
            self.follow_up.setText(f"{Q8.follow_up} (First choose A, B or C above.)")
        else:
            self.follow_up.setText(f"{key}: {Q8.follow_up}")
        for i, button in enumerate(self.duration_buttons):
            button.setEnabled(key is not None)
            if key is None:
                button.setText(DURATIONS[i])
                button.setAccessibleName(f"Question 8: {DURATIONS[i]}")
            else:
                option = Q8.branch(key).options[i]
                button.setText(f"{option.label} ({_points(option.points)})")
                button.setAccessibleName(f"Question 8, part {key}: {option.label}")
        self._update()

    def _update(self) -> None:
        q1 = self.points(1)
        self.q1_points_label.setText("" if q1 is None else f"= {_points(q1)} of 10")
        answers = self.answers()
        self.save_button.setEnabled(answers is not None)
        if answers is None:
            # No score before the last answer: a part-sum would read as a (bad) result.
            self.score_label.setText("")
            missing = self.missing()
            which = ", ".join(str(n) for n in missing)
            word = "question" if len(missing) == 1 else "questions"
            self.status_label.setText(f"Still to answer: {word} {which}.")
        else:
            total = sum(p for n in range(1, 9) if (p := self.points(n)) is not None)
            self.score_label.setText(f"Score: {total} / 100")
            self.status_label.setText(interpret(answers))

    # --- reading and driving ----------------------------------------------------------
    def branch(self) -> str | None:
        """The part of Q8 chosen (A, B or C), or None."""
        index = self.branch_group.checkedId()
        return None if index < 0 else Q8.branches[index].key

    def minutes(self) -> int | None:
        """Q1's minutes of stiffness, or None if not given yet."""
        value = self.q1_minutes.value()
        return None if value == NOT_ANSWERED else value

    def points(self, number: int) -> int | None:
        """The points of the answer to question `number` (1-8), or None if unanswered."""
        if number == 1:
            minutes = self.minutes()
            return None if minutes is None else q1_points(minutes)
        if number == Q8.number:
            key, index = self.branch(), self.duration_group.checkedId()
            return None if key is None or index < 0 else Q8.branch(key).options[index].points
        chosen = self.groups[number].checkedId()
        return None if chosen < 0 else chosen

    def missing(self) -> list[int]:
        """The numbers of the questions not answered yet."""
        return [n for n in range(1, 9) if self.points(n) is None]

    def answers(self) -> VisaAnswers | None:
        """The answers, once every question has one."""
        key = self.branch()
        given = [p for n in range(1, 9) if (p := self.points(n)) is not None]
        if key is None or len(given) != 8:
            return None
        q1, q2, q3, q4, q5, q6, q7, q8 = given
        return VisaAnswers(q1, q2, q3, q4, q5, q6, q7, key, q8)

    def _button(self, number: int, points: int) -> QAbstractButton:
        if number == 1:
            raise ValueError("question 1 is answered in minutes: set q1_minutes")
        if number == Q8.number:
            key = self.branch()
            if key is None:
                raise ValueError("choose a part of question 8 first")
            return self.duration_buttons[Q8.branch(key).points.index(points)]
        button = self.groups[number].button(points)
        if button is None:
            raise ValueError(f"question {number} has no answer worth {points}")
        return button

    def answer(self, number: int, points: int) -> None:
        """Click the answer to question `number` (2-8) worth `points` (Q8: in the chosen part)."""
        self._button(number, points).click()

    def choose_branch(self, key: str) -> None:
        """Click part `key` (A, B or C) of question 8."""
        self.branch_buttons[key].click()

    @classmethod
    def ask(cls, parent: QWidget | None, side: Side | None = None) -> VisaAnswers | None:
        """The user's answers about `side` (None: the sore leg), or None if they cancel."""
        dialog = cls(parent, side)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.answers()
        finally:
            dialog.deleteLater()
