"""The VISA-A questionnaire (CLINICAL.md §3): its eight questions as data, and its score.

VISA-A measures how much Achilles tendinopathy limits daily life and sport: 0-100,
where 100 means no symptoms. Q1-Q6 are 0-10 scales (Q1 is asked in minutes and turned
into its points by `q1_points`), Q7 has four choices, and Q8 has three branches of which
the user answers exactly one. The wording is Coach's own; the structure and the points
are the published questionnaire's (`SOURCE`). On Q2-Q5, 10 means no pain: the other way
round from every other pain scale in Coach, so the dialog labels both ends and the middle.
With both Achilles painful, the questionnaire is answered once for each side.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date

SOURCE = (
    "Robinson JM et al. The VISA-A questionnaire: a valid and reliable index of the "
    "clinical severity of Achilles tendinopathy. Br J Sports Med 2001;35(5):335-41."
)

RECOVERED = 90  # about 90 or more counts as recovered (Iversen 2012)
HEALTHY = 96  # people without Achilles problems score above this (Robinson 2001)

# The smallest change in score that matters to a patient. Robinson 2001 set none; later
# cohorts did, and the figure depends on where it hurts (CLINICAL.md §3).
MIDPORTION_CHANGE = 14  # over 12 weeks in active people (7 over 24 weeks)
INSERTIONAL_CHANGE = 7  # 6.5 points, rounded up: scores are whole numbers
MIDPORTION_CHANGE_SOURCE = (
    "VISA-A minimal clinically important difference for active people with midportion "
    "Achilles tendinopathy, a prospective cohort: J Orthop Sports Phys Ther 2021;51(10) "
    "(14 points over 12 weeks, 7 over 24)."
)
INSERTIONAL_CHANGE_SOURCE = (
    "McCormack J et al. Int J Sports Phys Ther 2015;10(5):639-44 (6.5 points, insertional "
    "Achilles tendinopathy)."
)
RECOVERED_SOURCE = "Iversen JV et al. Int J Sports Phys Ther 2012;7(1):76-84."
SMALLEST_CHANGE = MIDPORTION_CHANGE  # the default, where the pain site is not known


def important_change(pain_site: str) -> int:
    """The smallest VISA-A change that matters for pain at `pain_site` (a Protocol's)."""
    return INSERTIONAL_CHANGE if pain_site == "insertional" else MIDPORTION_CHANGE


def change_source(pain_site: str) -> str:
    """Where `important_change(pain_site)` comes from."""
    return INSERTIONAL_CHANGE_SOURCE if pain_site == "insertional" else MIDPORTION_CHANGE_SOURCE


# Q7 and Q8 ask about sport: with none, a person free of symptoms scores about this
# (Q1-Q6 at most), not 100. A VISA-A for people who do no sport exists (CLINICAL.md §3).
NO_SPORT_MAX = 60

# Q1 is asked in minutes of morning stiffness: 0 minutes scores 10 points, this many
# or more score 0. The spin box takes up to a day.
Q1_ZERO_POINTS_MINUTES = 100
MAX_STIFF_MINUTES = 24 * 60


def q1_points(minutes: int) -> int:
    """Q1's points (0-10) for `minutes` of stiffness on getting up: 0 min = 10, 100+ = 0.

    The questionnaire fixes only the ends. In between, the rounding is Coach's own and
    leans to the cautious side (more stiffness, fewer points): every started 10 minutes
    costs a point, so 1-10 minutes score 9, 11-20 score 8, ... and 91 or more score 0.
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise VisaError(
            1, f"Question 1 needs a whole number of minutes, 0 or more (got {minutes!r})."
        )
    return max(0, 10 - math.ceil(minutes / 10))


ABOUT = (
    "VISA-A is a short questionnaire that measures how much your Achilles tendon limits "
    "you, in daily life and in sport. It gives a score from 0 to 100, where 100 means no "
    "symptoms at all. Answering it every few weeks shows how your tendon is coming along."
)


class VisaError(ValueError):
    """An answer the questionnaire does not allow. `str()` is a message for the user.

    `question` is the number of the question at fault (1-8), or None when the answers
    as a whole are wrong (e.g. a stored record missing some of them).
    """

    def __init__(self, question: int | None, message: str) -> None:
        super().__init__(message)
        self.question = question


@dataclass(frozen=True)
class Option:
    """One answer to a question and the points it scores."""

    points: int
    label: str  # "" for the unlabelled middle of a 0-10 scale


@dataclass(frozen=True)
class Question:
    """One of Q1-Q7."""

    number: int
    text: str
    options: tuple[Option, ...]
    hint: str = ""  # how to answer when the activity is impossible, if that needs saying
    in_minutes: bool = False  # asked in minutes, its points from `q1_points` (Q1)

    @property
    def points(self) -> tuple[int, ...]:
        return tuple(o.points for o in self.options)

    @property
    def is_scale(self) -> bool:
        """A 0-10 scale whose ends are labelled (Q1-Q6), rather than a list of choices."""
        return self.points == tuple(range(11))

    @property
    def marks(self) -> tuple[str, str, str]:
        """A 0-10 scale's labels at 0, at the middle and at 10: "0 = worst pain", "5", ...

        The same three for every scale, so its direction shows where it is answered.
        """
        low, mid, high = self.option(0), self.option(5), self.option(10)
        return (
            f"{low.points} = {low.label}",
            f"{mid.points} = {mid.label}" if mid.label else str(mid.points),
            f"{high.points} = {high.label}",
        )

    def option(self, points: int) -> Option:
        """The option scoring `points`; KeyError if there is none."""
        for o in self.options:
            if o.points == points:
                return o
        raise KeyError(points)


@dataclass(frozen=True)
class Branch:
    """One of Q8's three branches: who it is for, and its duration options."""

    key: str  # "A", "B" or "C"
    text: str
    options: tuple[Option, ...]

    @property
    def points(self) -> tuple[int, ...]:
        return tuple(o.points for o in self.options)


@dataclass(frozen=True)
class BranchedQuestion:
    """Q8: first the branch that fits, then how long the user can train."""

    number: int
    text: str
    follow_up: str  # the question asked once a branch is chosen
    branches: tuple[Branch, ...]

    def branch(self, key: str) -> Branch:
        """The branch called `key`; KeyError if there is none."""
        for b in self.branches:
            if b.key == key:
                return b
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(b.key for b in self.branches)


def _scale(number: int, text: str, worst: str, best: str, hint: str = "") -> Question:
    options = tuple(Option(p, worst if p == 0 else best if p == 10 else "") for p in range(11))
    return Question(number, text, options, hint)


_CANNOT = "If the pain stops you doing this at all, choose 0."
WORST_PAIN = "worst pain"
NO_PAIN = "no pain"

QUESTIONS: tuple[Question, ...] = (
    replace(
        _scale(
            1,
            "When you get out of bed in the morning, how many minutes does the stiffness "
            "around your Achilles tendon last?",
            f"{Q1_ZERO_POINTS_MINUTES} minutes or more",
            "none (0 minutes)",
        ),
        in_minutes=True,
    ),
    _scale(
        2,
        "Once you have warmed up for the day: how much does it hurt to let your heel "
        "sink over the edge of a step, knee straight, until the tendon is fully stretched?",
        WORST_PAIN,
        NO_PAIN,
    ),
    _scale(
        3,
        "How much does the tendon hurt in the 2 hours after you walk for 30 minutes "
        "on level ground?",
        WORST_PAIN,
        NO_PAIN,
        _CANNOT,
    ),
    _scale(
        4,
        "How much does it hurt to walk down stairs with a normal stride?",
        WORST_PAIN,
        NO_PAIN,
        _CANNOT,
    ),
    _scale(
        5,
        "How much does it hurt during, or just after, rising onto your toes 10 times "
        "on the sore leg alone, from flat ground?",
        WORST_PAIN,
        NO_PAIN,
        _CANNOT,
    ),
    _scale(
        6,
        "How many times in a row can you hop on the sore leg without it hurting?",
        "no hops",
        "10 hops or more",
    ),
    Question(
        7,
        "Which best describes your sport or physical activity at the moment?",
        (
            Option(0, "None at the moment"),
            Option(4, "Training, or competing, in a reduced or adapted way"),
            Option(7, "Training fully, or competing, but below my level before the symptoms"),
            Option(10, "Competing at my level before the symptoms, or higher"),
        ),
    ),
)

DURATIONS = (
    "Not at all",
    "1 to 10 minutes",
    "11 to 20 minutes",
    "21 to 30 minutes",
    "More than 30 minutes",
)


def _branch(key: str, text: str, points: tuple[int, ...]) -> Branch:
    return Branch(key, text, tuple(Option(p, d) for p, d in zip(points, DURATIONS, strict=True)))


Q8 = BranchedQuestion(
    8,
    "Think of sport or exercise that loads the Achilles tendon, such as running or "
    "jumping. Which of these fits you?",
    "For how long can you train or practise?",
    (
        _branch("A", "It does not hurt while I do it", (0, 7, 14, 21, 30)),
        _branch("B", "It hurts, but the pain does not stop me finishing", (0, 4, 10, 14, 20)),
        _branch("C", "The pain stops me finishing", (0, 2, 5, 7, 10)),
    ),
)


def _choice(question: int, value: object, allowed: tuple[int, ...], what: str) -> int:
    # bool is an int to Python, never an answer; floats are refused so scores stay ints.
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise VisaError(question, f"Question {question} needs {what} (got {value!r}).")
    return value


def _one_of(points: tuple[int, ...]) -> str:
    return "one of " + ", ".join(str(p) for p in points)


def _check_item(number: int, value: object) -> int:
    q = QUESTIONS[number - 1]
    what = "a whole number from 0 to 10" if q.is_scale else _one_of(q.points)
    return _choice(number, value, q.points, what)


def _check_branch(value: object) -> str:
    if not isinstance(value, str) or value not in Q8.keys:
        raise VisaError(8, f"Question 8 needs one of the parts A, B or C (got {value!r}).")
    return value


def _check_q8(branch: str, value: object) -> int:
    allowed = Q8.branch(branch).points
    return _choice(8, value, allowed, f"{_one_of(allowed)} in part {branch}")


@dataclass(frozen=True)
class VisaAnswers:
    """A complete set of answers; anything the questionnaire does not allow raises VisaError.

    Each field is the points of the option chosen; `q8_branch` says which part of
    Q8 (A, B or C) `q8` answers.
    """

    q1: int
    q2: int
    q3: int
    q4: int
    q5: int
    q6: int
    q7: int
    q8_branch: str
    q8: int

    def __post_init__(self) -> None:
        for q in QUESTIONS:
            _check_item(q.number, getattr(self, f"q{q.number}"))
        _check_q8(_check_branch(self.q8_branch), self.q8)

    def as_dict(self) -> dict[str, int | str]:
        """The answers as a JSON-ready dict (keys q1..q7, q8_branch, q8)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, d: Mapping[str, object]) -> VisaAnswers:
        """The answers `as_dict` gave; VisaError for anything else, extra keys included."""
        if not isinstance(d, Mapping):
            raise VisaError(None, f"The answers must be a mapping (got {type(d).__name__}).")
        expected = [f.name for f in fields(cls)]
        missing = [k for k in expected if k not in d]
        extra = sorted(str(k) for k in d if k not in expected)
        if missing:
            raise VisaError(None, f"The answers lack {', '.join(missing)}.")
        if extra:
            raise VisaError(None, f"The answers have unknown entries: {', '.join(extra)}.")
        items = [_check_item(q.number, d[f"q{q.number}"]) for q in QUESTIONS]
        branch = _check_branch(d["q8_branch"])
        q1, q2, q3, q4, q5, q6, q7 = items
        return cls(q1, q2, q3, q4, q5, q6, q7, branch, _check_q8(branch, d["q8"]))


def score(answers: VisaAnswers) -> int:
    """The VISA-A score, 0-100: the sum of the points of all eight answers."""
    a = answers
    return a.q1 + a.q2 + a.q3 + a.q4 + a.q5 + a.q6 + a.q7 + a.q8


def _check_score(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValueError(f"a VISA-A score is a whole number from 0 to 100 (got {value!r})")
    return value


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def interpret(answers: VisaAnswers) -> str:
    """A short, neutral sentence placing the answers' score against CLINICAL.md's landmarks.

    With no sport at the moment (Q7 = 0) the score is not measured against "recovered":
    Q7-Q8 ask about sport, so without it even a person free of symptoms scores about
    NO_SPORT_MAX. The text says so, and gives Q1-Q6 out of NO_SPORT_MAX instead.
    """
    value = score(answers)
    if answers.q7 == 0:
        a = answers
        daily = a.q1 + a.q2 + a.q3 + a.q4 + a.q5 + a.q6
        return (
            "Questions 7 and 8 ask about sport, so someone who does no sport scores about "
            f"{NO_SPORT_MAX} of 100 even with no Achilles symptoms at all (a version of "
            "VISA-A for people who do no sport exists). Your answers on stiffness, pain "
            f"and hopping (questions 1 to 6) score {daily} of {NO_SPORT_MAX}."
        )
    if value > HEALTHY:
        return (
            f"In the range counted as recovered ({RECOVERED} or more), and as high as "
            f"people without Achilles problems usually score (above {HEALTHY})."
        )
    if value >= RECOVERED:
        return f"In the range counted as recovered ({RECOVERED} or more)."
    return (
        f"{_points(RECOVERED - value).capitalize()} below the range counted as "
        f"recovered ({RECOVERED} or more)."
    )


def change(first: int, latest: int, pain_site: str) -> str:
    """Whether the change from the `first` score to the `latest` one is big enough to matter.

    "Big enough" is `important_change(pain_site)`, and the text names where that comes from.
    """
    _check_score(first)
    _check_score(latest)
    diff = latest - first
    if diff == 0:
        return "The same score as the first time."
    direction = "Up" if diff > 0 else "Down"
    needed = important_change(pain_site)
    if abs(diff) >= needed:
        verdict = f"a change of {needed} or more counts as important"
    else:
        verdict = f"less than the {needed} points that count as an important change"
    return (
        f"{direction} {_points(abs(diff))} since the first time: {verdict}. "
        f"Source: {change_source(pain_site)}"
    )


def due(last_taken: date | None, today: date, every_weeks: int) -> bool:
    """Is the questionnaire due: never taken, or taken `every_weeks` weeks ago or more?"""
    if isinstance(every_weeks, bool) or not isinstance(every_weeks, int) or every_weeks < 1:
        raise ValueError(f"every_weeks must be a whole number of 1 or more (got {every_weeks!r})")
    if last_taken is None:
        return True
    return (today - last_taken).days >= every_weeks * 7
