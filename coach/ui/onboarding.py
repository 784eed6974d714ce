"""The first-run wizard: set up a 12-week program one question at a time.

Six short pages replace the one-form ProgramDialog: what Coach is (and is not), where
it hurts (which picks the protocol, CLINICAL.md §1), which side, the schedule, the
pace and load, and the red-flag check (CLINICAL.md §4) with a summary. The wizard only
gathers answers; `Program` checks them, and its ProgramError text is what the user
reads. It opens through `OnboardingWizard.ask()`, which tests can replace (pytest-qt,
"Dialogs").
"""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta
from html import escape

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QFont
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coach.domain.program import (
    EVENING,
    MORNING,
    VISA_EVERY_WEEKS,
    WEEKS,
    Program,
    ProgramError,
)
from coach.domain.protocols import FLAT_FLOOR_ARTICLE, PROTOCOLS, Protocol, Surface
from coach.domain.red_flags import RED_FLAGS, Urgency
from coach.domain.settings import LIMITS, Injured, Settings
from coach.resources import asset_path
from coach.ui.today_view import DISCLAIMER, SIDES
from coach.ui.widgets import guard_boxes

BODY_POINTS = 11
PAGES = 6
DRAWING_SIZE = (340, 250)
SIZE = (940, 580)
MINIMUM_SIZE = (820, 570)
# Tinted frames set their text colour too, so they stay readable on a dark palette.
# A style sheet cuts the label off its parent's font, hence the size here too.
_NOTICE = (
    f"font-size: {BODY_POINTS}pt; background: #fff4e0; color: #3d2800; "
    "border: 1px solid #b26a00; border-radius: 6px; padding: 8px;"
)
_STOP = (
    f"font-size: {BODY_POINTS}pt; background: #fde7e9; color: #4a000d; "
    "border: 1px solid #b00020; border-radius: 6px; padding: 8px;"
)
CITE = {"alfredson": "Alfredson 1998", "jonsson": "Jonsson 2008"}  # short forms of .source
COLUMN_WIDTH = 430
FIELD_WIDTH = 260  # inputs hold a few characters: a full-width box hides its arrows
# Where each side's Alt+letter goes in its SIDES text: "B" is taken by the Back button.
_SIDE_KEY = {Injured.LEFT: 0, Injured.RIGHT: 0, Injured.BOTH: 2}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _kg(kg: float) -> str:
    return "none (body weight only)" if kg == 0 else f"{kg:g} kg in a backpack"


def _text(text: str = "", *, rich: bool = False, size: int | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if size is not None:
        label.setStyleSheet(f"font-size: {size}pt;")
    return label


def _exercises(protocol: Protocol) -> str:
    if len(protocol.exercises) == 1:
        return protocol.exercises[0].name.lower()
    return ", then ".join(e.short for e in protocol.exercises)


def _small(text: str) -> str:
    return f"<span style='font-size: {BODY_POINTS - 2}pt'>{escape(text)}</span>"


def _framed(style: str) -> QLabel:
    label = _text(rich=True)
    label.setStyleSheet(style)
    return label


def _source(text: str) -> QLabel:
    label = _text(text, size=BODY_POINTS - 1)
    label.setAccessibleName("Source")
    return label


class _Page(QWizardPage):
    """A page whose Next (and Finish) stay off until `isComplete()`, also when called in code.

    QWizard.next() does not ask isComplete() itself, only validatePage(): tying the two
    keeps a test or a keyboard shortcut from stepping past an unanswered page.
    """

    def __init__(self, title: str, step: int) -> None:
        super().__init__()
        self.setTitle(f"<span style='font-size: {BODY_POINTS + 5}pt'>{escape(title)}</span>")
        self.setSubTitle(f"Step {step} of {PAGES}")

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        return self.isComplete()

    def onboarding(self) -> OnboardingWizard:
        wizard = self.wizard()
        assert isinstance(wizard, OnboardingWizard)  # noqa: S101 - pages live in it only
        return wizard


class WelcomePage(_Page):
    def __init__(self, current: Program | None) -> None:
        super().__init__("Welcome to Coach", 1)
        layout = QVBoxLayout(self)
        about = (
            f"Coach guides you through a {WEEKS}-week course of heel-drop exercises for a "
            "sore Achilles tendon: two short sessions a day, every day.",
            "During a session it calls out each move and counts the slow lowering, so you "
            "can watch your foot rather than the screen.",
            "Each morning it asks how the tendon feels, and a short questionnaire every "
            "few weeks shows how far you have come.",
            "Setting up takes a couple of minutes.",
        )
        intro = _text("".join(f"<p>{escape(line)}</p>" for line in about), rich=True)
        intro.setAccessibleName("What Coach does")
        layout.addWidget(intro)
        self.replacing = _framed(_NOTICE)
        self.replacing.setText(
            "You already have a program. It stays in your history, marked as ended, "
            "and the new one takes its place from the start date you choose."
        )
        self.replacing.setVisible(current is not None)
        layout.addWidget(self.replacing)
        disclaimer = _text(f"<b>Please read:</b> {escape(DISCLAIMER)}", rich=True)
        disclaimer.setAccessibleName("Disclaimer")
        layout.addWidget(disclaimer)
        self.understood = QCheckBox("I &understand: Coach does not replace a clinician")
        self.understood.setAccessibleName("I understand the disclaimer")
        layout.addWidget(self.understood)
        layout.addStretch(1)
        # The asterisk makes it mandatory: Next stays off until it is ticked.
        self.registerField("understood*", self.understood)


class WherePage(_Page):
    """Where it hurts picks the protocol; "Not sure" stops here (CLINICAL.md §1)."""

    NOT_SURE = "not sure"

    def __init__(self, current: Program | None) -> None:
        super().__init__("Where does it hurt?", 2)
        self.drawing = self._drawing()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        choices = QVBoxLayout()
        for key, text in (
            # Short: a radio button does not wrap its text.
            ("alfredson", "&Midportion: in the tendon, 2-6 cm above the heel"),
            ("jonsson", "&Insertional: where it joins the heel bone"),
            (self.NOT_SURE, "I'm not &sure"),
        ):
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            self.group.addButton(button)
            self.buttons[key] = button
            choices.addWidget(button)
        self.hint = _text(
            "Press gently along the tendon, from the heel upwards, to find the sorest spot."
        )
        choices.addWidget(self.hint)
        choices.addStretch(1)
        top = QHBoxLayout()
        if self.drawing is not None:
            top.addWidget(self.drawing, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(choices, 1)
        self.why = _text(rich=True)
        self.why.setAccessibleName("Why this protocol")
        self.blocked = _framed(_NOTICE)
        self.blocked.setAccessibleName("Why you cannot go on")
        self.blocked.setText(
            "<b>Coach cannot choose for you.</b> Ask a physiotherapist or doctor where the "
            "problem is, then come back and pick it here."
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.why)
        layout.addWidget(self.blocked)
        layout.addStretch(1)
        if current is not None and current.protocol in self.buttons:
            self.buttons[current.protocol].setChecked(True)
        self.group.buttonToggled.connect(self._update)
        self._update()

    @staticmethod
    def _drawing() -> QSvgWidget | None:
        try:
            path = asset_path("drawings/achilles.svg")
        except FileNotFoundError:
            return None  # the page works without it: the choices say the same in words
        drawing = QSvgWidget(str(path))
        drawing.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        drawing.setFixedSize(*DRAWING_SIZE)
        drawing.setAccessibleName("Drawing of the Achilles tendon")
        drawing.setAccessibleDescription(
            "The two places it can hurt: in the tendon 2 to 6 cm above the heel "
            "(midportion), and where it meets the heel bone (insertional)."
        )
        return drawing

    def choice(self) -> str | None:
        """A protocol id, NOT_SURE, or None before any choice."""
        return next((key for key, b in self.buttons.items() if b.isChecked()), None)

    def protocol(self) -> Protocol | None:
        return PROTOCOLS.get(self.choice() or "")

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.protocol() is not None

    def _update(self, *_: object) -> None:
        choice = self.choice()
        protocol = self.protocol()
        if protocol is not None:
            exercises = " and ".join(e.name.lower() for e in protocol.exercises)
            self.why.setText(
                f"<b>Your exercises: {escape(exercises)}.</b> {escape(protocol.why)}"
                f"<br>{_small('Source: ' + protocol.source)}"
            )
        elif choice == self.NOT_SURE:
            self.why.setText(
                "<b>How to tell them apart.</b> Midportion pain sits in the cord of the "
                "tendon itself, a few finger-widths above the heel. Insertional pain sits "
                "lower, on the back of the heel bone, and can spread around the heel. "
                "The two need different exercises: dropping below a step works well for the "
                "first but much less for the second (Jonsson 2008)."
            )
        else:
            self.why.setText("Choose one to see which exercises it means, and why.")
        self.blocked.setVisible(choice == self.NOT_SURE)
        self.completeChanged.emit()


class SidePage(_Page):
    def __init__(self, current: Program | None) -> None:
        super().__init__("Which side hurts?", 3)
        self.group = QButtonGroup(self)
        self.buttons: dict[Injured, QRadioButton] = {}
        layout = QVBoxLayout(self)
        for injured, text in SIDES.items():
            key = _SIDE_KEY[injured]
            button = QRadioButton(f"{text[:key]}&{text[key:]}")
            button.setAccessibleName(text)
            self.group.addButton(button)
            self.buttons[injured] = button
            layout.addWidget(button)
        self.note = _text(rich=True)
        self.note.setAccessibleName("How the sides work")
        layout.addWidget(self.note)
        layout.addStretch(1)
        if current is not None:
            self.buttons[current.injured].setChecked(True)
        self.group.buttonToggled.connect(self._update)

    def injured(self) -> Injured | None:
        return next((i for i, b in self.buttons.items() if b.isChecked()), None)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.injured() is not None

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self._update()  # the box cue depends on the protocol chosen on the page before

    def _update(self, *_: object) -> None:
        injured = self.injured()
        protocol = self.onboarding().where.protocol()
        on_floor = protocol is not None and protocol.exercises[0].surface is Surface.FLOOR
        if injured is None:
            text = "Choose the leg whose Achilles hurts. Only a sore side does the exercise."
        elif injured is Injured.BOTH and on_floor:
            text = (
                "Every set is done twice: lowering on the left leg, then on the right. "
                "As neither calf should lift you, you get up another way: put a low box "
                "(about 15 cm) on the floor by the other foot, step up onto it with the foot "
                "flat and push with the thigh, not the calf. Coach says where the box goes "
                "before each set.<br>"
                + _small(
                    "Source: Jonsson P et al. 2008: patients sore on both sides used a box; "
                    f"its height and use as {FLAT_FLOOR_ARTICLE} describes them."
                )
            )
        elif injured is Injured.BOTH:
            text = (
                "Every set is done twice: lowering on the left leg, then on the right. "
                "As neither calf should lift you, and a box cannot lift you above a step's "
                "edge, you pull yourself up on a rail or banister, taking as much weight "
                "through your arms as you can. Coach reminds you in each session.<br>"
                + _small(
                    "Source: Alfredson H et al. 1998: up on the good leg or with the arms' "
                    "help. How to do it with both sides sore is Coach's own wording."
                )
            )
        else:
            side, other = injured.value, injured.sides[0].other.value
            text = (
                f"You rise onto your toes on the {other} leg, then shift onto the {side} "
                f"foot and lower slowly. The {side} calf only lowers, it never lifts "
                f"({CITE[protocol.id if protocol is not None else 'alfredson']})."
            )
        self.note.setText(text)
        self.completeChanged.emit()


class SchedulePage(_Page):
    def __init__(self, today: date, current: Program | None) -> None:
        super().__init__("Your schedule", 4)
        self.start = QDateEdit(_qdate(today))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        self.start.setDateRange(
            _qdate(today - timedelta(days=365)), _qdate(today + timedelta(days=365))
        )
        self.start.setAccessibleName("Start date")
        self.morning = QTimeEdit(_qtime(current.morning if current else MORNING))
        self.evening = QTimeEdit(_qtime(current.evening if current else EVENING))
        for edit, name in (
            (self.morning, "First session time"),
            (self.evening, "Second session time"),
        ):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
        self.visa = QSpinBox()
        self.visa.setRange(1, WEEKS)
        self.visa.setValue(current.visa_every_weeks if current else VISA_EVERY_WEEKS)
        self.visa.setSuffix(" weeks")
        self.visa.setAccessibleName("VISA-A questionnaire every how many weeks")
        for field in (self.start, self.morning, self.evening, self.visa):
            field.setMaximumWidth(FIELD_WIDTH)
        self.length = _text()
        self.length.setAccessibleName("Program length")
        form = QFormLayout()
        for text, field in (
            ("&Starts on", self.start),
            ("&First session at", self.morning),
            ("Se&cond session at", self.evening),
            ("&Questionnaire every", self.visa),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("Length", self.length)
        self.problem = _framed(_STOP)
        self.problem.setAccessibleName("Problem")
        layout = QVBoxLayout(self)
        layout.addWidget(
            _text(
                "Both programs are two sessions a day, every day, for 12 weeks: 3 sets of "
                "15 of each exercise (Alfredson 1998, Jonsson 2008). Pick times you can "
                "keep on most days."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.error: str | None = None
        for signal in (self.start.dateChanged, self.morning.timeChanged, self.evening.timeChanged):
            signal.connect(self._update)
        self._update()

    def values(self) -> tuple[date, time, time]:
        start: date = self.start.date().toPython()  # type: ignore[assignment]  # a date
        morning: time = self.morning.time().toPython()  # type: ignore[assignment]  # a time
        evening: time = self.evening.time().toPython()  # type: ignore[assignment]  # a time
        return start, morning, evening

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.error is None

    def _update(self, *_: object) -> None:
        start, morning, evening = self.values()
        try:  # Program's own check, so the message is the one it would give
            program = Program("check", start, "alfredson", Injured.RIGHT, morning, evening)
        except ProgramError as e:
            self.error = str(e)[:1].upper() + str(e)[1:] + "."
            self.length.setText(f"{WEEKS} weeks")
        else:
            self.error = None
            self.length.setText(f"{WEEKS} weeks, to {_day(program.end)} (fixed)")
        self.problem.setText(escape(self.error or ""))
        self.problem.setVisible(self.error is not None)
        self.completeChanged.emit()


class PacePage(_Page):
    def __init__(self, current: Program | None) -> None:
        super().__init__("Your pace and load", 5)
        base = current if current is not None else Settings()
        self.lowering = self._spin("lower_seconds", base.lower_seconds, "Lowering time in seconds")
        self.rest = self._spin("rest_seconds", base.rest_seconds, "Rest between sets in seconds")
        self.rest.setSingleStep(15)
        self.get_ready = self._spin(
            "get_ready_seconds", base.get_ready_seconds, "Get-ready countdown in seconds"
        )
        limit = LIMITS["load_kg"]
        self.load = QDoubleSpinBox()
        self.load.setRange(limit.low, limit.high)
        self.load.setDecimals(1)
        self.load.setSingleStep(2.5)
        self.load.setSuffix(" kg")
        self.load.setSpecialValueText("none (body weight)")
        self.load.setValue(base.load_kg)
        self.load.setAccessibleName("Added weight in kilograms")
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(6)
        rows = (
            (
                "&Lower the heel over",
                self.lowering,
                _source(
                    "The lowering is the exercise: the calf works as it lengthens. Both programs "
                    "ask for it slow (Alfredson 1998, Jonsson 2008) without a number of seconds; "
                    "Coach's default of 3 s is its own choice."
                ),
            ),
            (
                "Added &weight",
                self.load,
                _source(
                    "Start with body weight. Once every set is done without pain, weight goes "
                    "on in a backpack, so the exercise is mildly sore again (Alfredson 1998): "
                    "the Today page says when, after a good next morning, about 5 kg at a "
                    "time and at most once a week (Coach's own steps)."
                ),
            ),
            ("&Rest between sets", self.rest, None),
            (
                "&Get-ready countdown",
                self.get_ready,
                _source("Rest and countdown can be changed later under Settings."),
            ),
        )
        row = 0
        for text, field, note in rows:
            label = QLabel(text)
            label.setBuddy(field)
            field.setFixedWidth(FIELD_WIDTH)
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1, Qt.AlignmentFlag.AlignLeft)
            row += 1
            if note is not None:
                grid.addWidget(note, row, 1)
                grid.setRowMinimumHeight(row + 1, 10)
                row += 2
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addStretch(1)

    @staticmethod
    def _spin(name: str, value: int, accessible: str) -> QSpinBox:
        limit = LIMITS[name]
        spin = QSpinBox()
        spin.setRange(int(limit.low), int(limit.high))
        spin.setSuffix(f" {limit.unit}")
        spin.setValue(value)
        spin.setAccessibleName(accessible)
        return spin


URGENCY_WORDS = {
    Urgency.EMERGENCY: "call an ambulance now",
    Urgency.SAME_DAY: "get medical care today",
    Urgency.BEFORE_NEXT: "see a clinician first",
}


class ReadyPage(_Page):
    """The red flags (CLINICAL.md §4) and a summary; Finish only with "none apply" ticked."""

    def __init__(self, current: Program | None) -> None:
        super().__init__("Before you start", 6)
        self.current = current
        flags = "".join(
            f"<li>{escape(f.sign)}: <i>{URGENCY_WORDS[f.urgency]}</i>.</li>" for f in RED_FLAGS
        )
        self.flags = _text(
            f"<b>Do not start if any of these applies to you:</b><ul>{flags}</ul>", rich=True
        )
        self.flags.setAccessibleName("Red flags")
        self.none_apply = QCheckBox("None of these &apply to me")
        self.none_apply.setAccessibleName("None of the red flags apply to me")
        self.stop = _framed(_STOP)
        self.stop.setAccessibleName("If one applies")
        self.stop.setText(
            "<b>If one does, stop here:</b> press Cancel and see a clinician first, as soon "
            "as the list says."
        )
        self.summary = _text(rich=True)
        self.summary.setAccessibleName("Summary")
        for label in (self.flags, self.summary):
            # A wrapped label asks for 80 characters; two such columns would not fit
            # a small screen, and about 60 read better anyway.
            label.setMaximumWidth(COLUMN_WIDTH)
        left = QVBoxLayout()
        left.addWidget(self.flags)
        left.addWidget(self.none_apply)
        left.addWidget(self.stop)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addSpacing(16)
        layout.addLayout(right, 1)
        # Mandatory, so going Back clears it (QWizardPage.cleanupPage): changed answers
        # get a fresh look at the red flags.
        self.registerField("none_apply*", self.none_apply)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.none_apply.isChecked() and self.onboarding().program() is not None

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        program = self.onboarding().program()
        if program is None:  # unreachable through the pages, each of which checks its part
            self.summary.setText("")
            return
        protocol = PROTOCOLS[program.protocol]
        rows = (
            ("Protocol", protocol.name),
            ("Exercises", _exercises(protocol)),
            ("Side", SIDES[program.injured]),
            ("Starts", f"{_day(program.start)}, for {program.weeks} weeks"),
            ("Sessions", f"{program.morning:%H:%M} and {program.evening:%H:%M} every day"),
            ("Lowering", f"{program.lower_seconds} s per rep"),
            ("Added weight", _kg(program.load_kg)),
            ("Questionnaire", f"every {program.visa_every_weeks} weeks"),
        )
        table = "".join(
            f"<tr><td style='padding-right: 10px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
            for k, v in rows
        )
        ended = (
            "<p>Your current program ends and stays in your history.</p>"
            if self.current is not None
            else ""
        )
        self.summary.setText(
            f"<b>Your program</b><table width='100%'>{table}</table>{ended}"
            "<p><b>Next: a short questionnaire</b> (VISA-A, 8 questions) gives your "
            "starting score, which later scores are compared with.</p>"
        )


class OnboardingWizard(QWizard):
    """Six pages that end in a Program; `program()` is it, or None while incomplete."""

    def __init__(self, today: date, current: Program | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up your program")
        # ClassicStyle: no banner pixmaps to size, and it draws alike offscreen and on a
        # desktop, so the tests and screenshots show what users see.
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Start the program")
        font = QFont(self.font())
        font.setPointSize(max(BODY_POINTS, font.pointSize()))
        self.setFont(font)
        self.setTitleFormat(Qt.TextFormat.RichText)
        self._id = uuid.uuid4().hex
        self.welcome = WelcomePage(current)
        self.where = WherePage(current)
        self.side = SidePage(current)
        self.schedule = SchedulePage(today, current)
        self.pace = PacePage(current)
        self.ready = ReadyPage(current)
        for page in (self.welcome, self.where, self.side, self.schedule, self.pace, self.ready):
            self.addPage(page)
        # A fixed size rather than the size hint, which word-wrapped text makes jump from
        # page to page; it fits a 1024 x 640 screen with room for the window frame.
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*SIZE)
        guard_boxes(self)  # no value changes under a passing mouse wheel

    def program(self) -> Program | None:
        """The program as answered so far, or None while an answer is missing or wrong."""
        protocol, injured = self.where.protocol(), self.side.injured()
        if protocol is None or injured is None:
            return None
        start, morning, evening = self.schedule.values()
        try:
            return Program(
                id=self._id,
                start=start,
                protocol=protocol.id,
                injured=injured,
                morning=morning,
                evening=evening,
                visa_every_weeks=self.schedule.visa.value(),
                lower_seconds=self.pace.lowering.value(),
                rest_seconds=self.pace.rest.value(),
                get_ready_seconds=self.pace.get_ready.value(),
                load_kg=self.pace.load.value(),
            )
        except ProgramError:
            return None  # the schedule page shows why and keeps Next off

    @classmethod
    def ask(cls, parent: QWidget | None, today: date, current: Program | None) -> Program | None:
        """The program set up, or None if the user cancelled."""
        wizard = cls(today, current, parent)
        try:
            return wizard.program() if wizard.exec() == QDialog.DialogCode.Accepted else None
        finally:
            wizard.deleteLater()
