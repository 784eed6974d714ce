"""The Help menu's dialogs: "About Coach" and "Why these exercises".

About names the version, the data folder and every library Coach is built on with its
licence; Why is the clinical brief (CLINICAL.md) in the user's words, each claim
followed by its source and the full references at the end. The numbers come from the
domain modules, so this page and the workouts cannot disagree. Each dialog opens
through a classmethod that tests can replace (pytest-qt, "Dialogs"); it is not named
`show`, which would hide QWidget.show() on every instance.
"""

from __future__ import annotations

import platform
import re
import sqlite3
from dataclasses import dataclass
from html import escape
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import QSize, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coach import __version__
from coach.domain.advice import ADD_KG, DAYS_AT_A_LOAD
from coach.domain.pain import SAFE, TOO_MUCH
from coach.domain.protocols import ALFREDSON, FLAT_FLOOR_ARTICLE, JONSSON, Protocol
from coach.domain.red_flags import RED_FLAGS, RUPTURE_CHECK_AT, RUPTURE_CHECK_JUMP
from coach.domain.visa_a import (
    HEALTHY,
    INSERTIONAL_CHANGE,
    INSERTIONAL_CHANGE_SOURCE,
    MIDPORTION_CHANGE,
    MIDPORTION_CHANGE_SOURCE,
    NO_SPORT_MAX,
    RECOVERED,
    RECOVERED_SOURCE,
)
from coach.domain.visa_a import SOURCE as VISA_SOURCE
from coach.resources import asset_path
from coach.ui.today_view import DISCLAIMER

PURPOSE = (
    "Coach talks you through eccentric heel-drop exercises for Achilles tendinopathy, "
    "rep by rep, and keeps a record of your sets, pain and progress."
)


@dataclass(frozen=True)
class Component:
    """One part Coach is built from or ships, with the licence it comes under."""

    name: str
    version: str
    licence: str
    used_for: str


def _installed(*distributions: str) -> str:
    """The installed version of the first distribution found, read from its metadata."""
    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def components() -> tuple[Component, ...]:
    return (
        Component("Coach", __version__, "MIT", "this program"),
        Component("Qt", qVersion(), "LGPLv3", "windows, sound and printing"),
        Component("PySide6", PySide6.__version__, "LGPLv3", "Qt for Python"),
        Component("pyqtgraph", _installed("pyqtgraph"), "MIT", "the charts"),
        Component("NumPy", _installed("numpy"), "BSD-3-Clause", "the sound track and charts"),
        Component("sqlite-utils", _installed("sqlite-utils"), "Apache-2.0", "the history"),
        Component("SQLite", sqlite3.sqlite_version, "public domain", "the history file"),
        Component("icalendar", _installed("icalendar"), "BSD-2-Clause", "calendar export"),
        Component(
            "espeak-ng",
            "not shipped",
            "GPLv3",
            "the voice clips, which were rendered with espeak-ng",
        ),
    )


def _icon_label(size: int) -> QLabel:
    label = QLabel()
    icon = QIcon(str(asset_path("icons/coach.svg")))
    label.setPixmap(icon.pixmap(QSize(size, size), label.devicePixelRatioF()))
    label.setAccessibleName("Coach icon")
    return label


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setAccessibleName("Close")
    close.setDefault(True)
    buttons.rejected.connect(dialog.reject)
    return buttons


class AboutDialog(QDialog):
    """Version, purpose, disclaimer, data folder, and the licences of what Coach uses."""

    def __init__(self, data_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle("About Coach")
        layout = QVBoxLayout(self)

        self.title = QLabel(f"<h2>Coach {escape(__version__)}</h2>")
        self.title.setAccessibleName(f"Coach version {__version__}")
        purpose = QLabel(PURPOSE)
        purpose.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(purpose)
        header = QHBoxLayout()
        header.addWidget(_icon_label(64), 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(text, 1)
        layout.addLayout(header)

        disclaimer = QLabel(DISCLAIMER)
        disclaimer.setWordWrap(True)
        disclaimer.setTextFormat(Qt.TextFormat.PlainText)
        layout.addSpacing(6)
        layout.addWidget(disclaimer)
        layout.addSpacing(6)

        layout.addLayout(self._folder_row())
        self.folder_status = QLabel()
        self.folder_status.setWordWrap(True)
        self.folder_status.setVisible(False)
        layout.addWidget(self.folder_status)

        self.runtime = QLabel(
            f"Running on Python {platform.python_version()}, Qt {qVersion()}, "
            f"PySide6 {PySide6.__version__}."
        )
        self.runtime.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.runtime)

        layout.addWidget(QLabel("<b>Built with</b> (each under its own licence):"))
        self.table = self._licence_table()
        layout.addWidget(self.table, 1)
        layout.addWidget(_close_buttons(self))
        self.resize(760, 540)

    def _folder_row(self) -> QHBoxLayout:
        label = QLabel("&Data folder:")
        self.folder = QLineEdit(str(self.data_dir) if self.data_dir else "none open")
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName("Data folder")
        self.folder.setCursorPosition(0)
        label.setBuddy(self.folder)
        self.open_folder = QPushButton("&Open data folder")
        self.open_folder.setAccessibleName("Open data folder")
        self.open_folder.setEnabled(self.data_dir is not None)
        self.open_folder.clicked.connect(self.show_folder)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.folder, 1)
        row.addWidget(self.open_folder)
        return row

    def _licence_table(self) -> QTableWidget:
        rows = components()
        table = QTableWidget(len(rows), 4)
        table.setAccessibleName("Libraries and their licences")
        table.setHorizontalHeaderLabels(["Component", "Version", "Licence", "Used for"])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)  # Tab leaves the table for the Close button
        table.verticalHeader().setVisible(False)
        for row, c in enumerate(rows):
            for column, value in enumerate((c.name, c.version, c.licence, c.used_for)):
                table.setItem(row, column, QTableWidgetItem(value))
        header = table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(140)
        return table

    def show_folder(self) -> None:
        """Open the data folder in the file manager, or say why it cannot be."""
        if self.data_dir is None:
            return
        if not self.data_dir.is_dir():
            self._say("The data folder does not exist yet: Coach makes it when it first saves.")
        elif QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir))):
            self._say("")
        else:
            self._say(
                "No file manager could open the folder. Its path is shown above: copy it "
                "from there."
            )

    def _say(self, text: str) -> None:
        self.folder_status.setText(text)
        self.folder_status.setVisible(bool(text))

    @classmethod
    def show_modal(cls, parent: QWidget | None, data_dir: Path | None) -> None:
        dialog = cls(data_dir, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


# --- Why these exercises ---------------------------------------------------------

# The references as the project's clinical brief (CLINICAL.md) gives them.
SOURCES = {
    "Alfredson 1998": "Alfredson H et al. Am J Sports Med 1998;26(3):360-6.",
    "Jonsson 2008": "Jonsson P et al. Br J Sports Med 2008;42(9):746-9 (PubMed 18184750).",
    "Beyer 2015": "Beyer R et al. Am J Sports Med 2015;43(7):1704-11.",
    "Silbernagel 2007": "Silbernagel KG et al. Am J Sports Med 2007;35(6):897-906.",
    "Robinson 2001": VISA_SOURCE,
    "Iversen 2012": RECOVERED_SOURCE,
    # A cohort study whose source names the journal, not the authors: cited by the journal.
    "JOSPT 2021": MIDPORTION_CHANGE_SOURCE,
    "McCormack 2015": INSERTIONAL_CHANGE_SOURCE,
}

# A citation in the text: "(Alfredson 1998)" or "(Alfredson 1998; Jonsson 2008)".
CITATION = re.compile(r"\(((?:[A-Z][A-Za-zé]+ \d{4})(?:; [A-Z][A-Za-zé]+ \d{4})*)\)")


def _listed(key: str, text: str) -> str:
    """A source as the list shows it: under its citation's name, if the text does not start so."""
    return text if text.startswith(key.split(maxsplit=1)[0]) else f"{key}: {text}"


def cite(*keys: str) -> str:
    missing = [k for k in keys if k not in SOURCES]
    if missing:
        raise KeyError(f"not in SOURCES: {missing}")  # a programming error: fail loudly
    return f"({'; '.join(keys)})"


def _dose(p: Protocol) -> str:
    of_each = " of each" if len(p.exercises) > 1 else ""
    times = "twice" if p.sessions_per_day == 2 else f"{p.sessions_per_day} times"
    return (
        f"{p.sets} sets of {p.reps}{of_each}, {times} a day, {p.days_per_week} days a week, "
        f"for {p.weeks} weeks"
    )


def why_html() -> str:
    """The clinical brief as rich text: headings, lists, no colours (the palette's own)."""
    a, j = ALFREDSON, JONSSON
    exercises = "; ".join(e.name.lower() for e in a.exercises)
    flags = "".join(f"<li><b>{escape(f.sign)}</b>. {escape(f.action)}</li>" for f in RED_FLAGS)
    sources = "".join(f"<li>{escape(_listed(key, text))}</li>" for key, text in SOURCES.items())
    return f"""
<h2>Why these exercises</h2>
<p>Coach guides one kind of exercise, the eccentric heel drop, as two published
programs do it. This page explains what they ask of you and why. It is background
for the program you and your clinician chose: Coach does not diagnose, and it cannot
tell whether your tendon is healing.</p>

<h3>What an eccentric heel drop is</h3>
<p>You rise onto the ball of your foot, then let the heel down slowly, with the calf
muscle braking the movement. The muscle works while it lengthens (that is what
"eccentric" means), and the Achilles tendon takes the load on the way down. Repeated
every day for {a.weeks} weeks, this slow lowering brought most people in the trials
back to their usual activity {cite("Alfredson 1998", "Jonsson 2008")}.</p>

<h3>Where it hurts decides the exercise</h3>
<ul>
<li><b>Midportion</b>: pain in the tendon itself, about 2&ndash;6 cm above the heel.
You lower off the edge of a step, so the heel sinks below the forefoot: once with the
knee straight, once with the knee bent (about 20&ndash;30&deg;)
{cite("Alfredson 1998")}.</li>
<li><b>Insertional</b>: pain where the tendon attaches to the heel bone. You lower on
a flat floor with the knee straight, and the heel stops at the floor: it never drops
below the forefoot, so the ankle does not bend up past flat {cite("Jonsson 2008")}.</li>
</ul>
<p>Why not the step for everyone? Done off a step, the program got only about 1 in 3
people with insertional pain back to their activity, against more than 8 in 10 with
midportion pain; stopping the heel at floor level brought about 2 in 3 of the
insertional group back {cite("Jonsson 2008")} (the comparison as {FLAT_FLOOR_ARTICLE}
tells it). That is why Coach asks where it hurts before it sets up a program.</p>

<h3>How much: the dose</h3>
<ul>
<li><b>Midportion</b> ({escape(exercises)}): {_dose(a)} {cite("Alfredson 1998")}.</li>
<li><b>Insertional</b> ({escape(j.exercises[0].name.lower())}): {_dose(j)}
{cite("Jonsson 2008")}.</li>
</ul>
<p>Each lowering is slow. The trials say only "slowly"; Coach counts 3 seconds by
default, a choice of its own, and you can set anything from 2 to 10 seconds. (A later
trial of heavy slow resistance, a different exercise, timed 3 seconds up and 3 down
{cite("Beyer 2015")}.)</p>

<h3>Down on the painful leg, up on the good one</h3>
<ol>
<li>Rise onto your toes with your weight on the good leg (your arms may help).</li>
<li>Shift your weight onto the forefoot of the painful leg and lift the good foot.</li>
<li>Lower the heel slowly: below the step's edge for midportion, down to the floor and
no lower for insertional.</li>
<li>Put the good foot back down. The painful leg never lifts you; it only lowers.</li>
</ol>
<p>Only the lowering is trained: the way up is left to the good leg
{cite("Alfredson 1998", "Jonsson 2008")}. If both legs hurt, exercise each in turn, and
let neither calf lift you. On a flat floor, get back up by stepping onto a low box, as
the patients of the flat-floor trial did {cite("Jonsson 2008")}: about 15 cm high, the
whole foot flat, so the thigh does the lifting rather than the calf (these details as
{FLAT_FLOOR_ARTICLE} gives them). Off a step a box cannot raise you above the edge, so
there you pull yourself up on a rail or banister, taking as much weight through your
arms as you can: the arms' help the step program allows {cite("Alfredson 1998")}; how
Coach words it is its own.</p>

<h3>How much pain is all right</h3>
<p>During the sets, mild to moderate pain is expected and allowed. Stop if it becomes
disabling {cite("Alfredson 1998")}.</p>
<p>Coach asks for pain on a 0&ndash;10 scale and reads it the way the pain-monitoring
model does {cite("Silbernagel 2007")}:</p>
<ul>
<li>0&ndash;{SAFE}: safe.</li>
<li>{SAFE + 1}&ndash;{TOO_MUCH}: acceptable.</li>
<li>above {TOO_MUCH}: too much.</li>
</ul>
<p><b>The 24-hour rule.</b> After a session, pain up to {TOO_MUCH} is acceptable if it
has settled by the next morning, and your morning pain and stiffness should not creep
up from one week to the next. A morning clearly worse than usual means the load was too
much: do fewer sets or carry less weight. About the same: carry on. Gone: keep the load,
or add a little {cite("Silbernagel 2007")}.</p>
<p><b>Adding load.</b> Once you can do every set without pain, add weight in a
backpack, so that the exercise is mildly painful again {cite("Alfredson 1998")}, but
only after a good 24-hour response at the load you have: the morning after is no worse
than usual {cite("Silbernagel 2007")}. Coach's own cautious reading: every set 0 or 1
in two whole sessions at the same load, a morning check-in after them at {SAFE} or less
and no worse than usual, at least three check-ins a week, mornings neither rising from
last week nor clearly above your best week, at least {DAYS_AT_A_LOAD} days at a load,
then about {ADD_KG:g} kg more. Without a recent morning check-in Coach keeps the load
where it is. The pain during the
sets is how Coach doses the load; whether you are getting better it judges by your
mornings and your VISA-A.</p>

<h3>Measuring progress: the VISA-A questionnaire</h3>
<p>VISA-A is the standard questionnaire for Achilles tendinopathy: eight questions on
morning stiffness, pain in everyday tasks, hopping and sport, scored from 0 to 100,
where 100 means no symptoms. People without Achilles trouble score above {HEALTHY}
{cite("Robinson 2001")}, and about {RECOVERED} counts as recovered {cite("Iversen 2012")}.
The smallest change that matters to a patient is a rise of about {MIDPORTION_CHANGE}
points over 12 weeks when the tendon hurts in its midportion {cite("JOSPT 2021")}, and
about {INSERTIONAL_CHANGE} points when it hurts where it meets the heel bone
{cite("McCormack 2015")}. Questions 7 and 8 ask about sport, so if you do no sport you
score about {NO_SPORT_MAX} even with no symptoms at all. With both Achilles painful, you
answer once for each leg. Coach asks the questions when a program starts and then every
few weeks, so you can follow the trend.</p>

<h3>When to stop and see a clinician</h3>
<p>These are standard clinical warning signs, not findings of the trials above; the
words are Coach's own. Stop the program and get help if you notice any of these:</p>
<ul>{flags}</ul>
<p>Report one of these at any time: "Something's wrong" in a workout, "Report a
problem" on the Today page, or Help &rarr; Report a problem. Coach pauses the program,
records why and shows what to do now. After a set rated {RUPTURE_CHECK_AT} or more, or
{RUPTURE_CHECK_JUMP} points above the set before (Coach's own triggers), it asks the
questions for a torn tendon at once.</p>
<p>See a clinician too if your mornings and your VISA-A have not improved after
6&ndash;8 weeks of the program, if your mornings get worse two weeks running, or if your
VISA-A falls by the change that matters.</p>

<h3>Sources</h3>
<ol>{sources}</ol>
"""


class WhyDialog(QDialog):
    """Help → "Why these exercises": the clinical brief, scrolling inside the dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Why these exercises")
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Why these exercises")
        self.text.setOpenLinks(False)
        # Spacing only: colours stay the palette's, so dark themes read as well as light.
        self.text.document().setDefaultStyleSheet(
            "h3 { margin-top: 14px; } li { margin-bottom: 3px; }"
        )
        self.text.setHtml(why_html())
        layout.addWidget(self.text, 1)
        layout.addWidget(_close_buttons(self))
        self.text.setFocus()
        self.resize(780, 560)

    @classmethod
    def show_modal(cls, parent: QWidget | None) -> None:
        dialog = cls(parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
