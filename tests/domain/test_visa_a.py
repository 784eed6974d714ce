from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain.visa_a import (
    INSERTIONAL_CHANGE_SOURCE,
    MIDPORTION_CHANGE_SOURCE,
    NO_SPORT_MAX,
    Q8,
    QUESTIONS,
    RECOVERED,
    SMALLEST_CHANGE,
    SOURCE,
    VisaAnswers,
    VisaError,
    change,
    due,
    interpret,
    q1_points,
    score,
)

# The published points (CLINICAL.md §3), written out again so a slip in the data shows.
Q8_POINTS = {"A": (0, 7, 14, 21, 30), "B": (0, 4, 10, 14, 20), "C": (0, 2, 5, 7, 10)}
WORST = VisaAnswers(0, 0, 0, 0, 0, 0, 0, "C", 0)
BEST = VisaAnswers(10, 10, 10, 10, 10, 10, 10, "A", 30)
ITEMS = [f"q{n}" for n in range(1, 8)]


def answers(base: VisaAnswers = WORST, /, **changes: Any) -> VisaAnswers:
    return replace(base, **changes)


def test_source_and_landmarks() -> None:
    assert "Robinson" in SOURCE
    assert "Br J Sports Med 2001;35(5):335-41" in SOURCE
    assert (RECOVERED, SMALLEST_CHANGE) == (90, 14)


def test_the_questions_and_their_points() -> None:
    assert [q.number for q in QUESTIONS] == [1, 2, 3, 4, 5, 6, 7]
    for q in QUESTIONS[:6]:
        assert q.is_scale
        assert q.points == tuple(range(11))
        assert q.option(0).label
        assert q.option(10).label
        assert all(not q.option(p).label for p in range(1, 10))
    assert QUESTIONS[6].points == (0, 4, 7, 10)
    assert not QUESTIONS[6].is_scale
    assert all(o.label for o in QUESTIONS[6].options)
    assert Q8.number == 8
    assert {b.key: b.points for b in Q8.branches} == Q8_POINTS
    with pytest.raises(KeyError):
        Q8.branch("D")
    with pytest.raises(KeyError):
        QUESTIONS[6].option(5)


def test_q1_runs_from_100_minutes_of_stiffness_to_none() -> None:
    q1 = QUESTIONS[0]
    assert q1.option(0).label == "100 minutes or more"
    assert "0 minutes" in q1.option(10).label
    assert q1.in_minutes
    assert not any(q.in_minutes for q in QUESTIONS[1:])


@pytest.mark.parametrize(
    ("minutes", "points"),
    [(0, 10), (1, 9), (9, 9), (10, 9), (11, 8), (20, 8), (21, 7), (90, 1), (91, 0), (95, 0),
     (99, 0), (100, 0), (101, 0), (500, 0), (24 * 60, 0)],
)  # fmt: skip
def test_q1_minutes_become_points_rounded_to_the_cautious_side(minutes: int, points: int) -> None:
    # Each started 10 minutes costs a point: more stiffness never scores more.
    assert q1_points(minutes) == points


def test_q1_points_never_rise_with_more_stiffness() -> None:
    scored = [q1_points(m) for m in range(200)]
    assert scored == sorted(scored, reverse=True)
    assert set(scored) == set(range(11))  # every point of the scale is reachable


@pytest.mark.parametrize("bad", [-1, 2.5, 10.0, True, None, "10"])
def test_q1_points_need_whole_minutes_from_0(bad: object) -> None:
    with pytest.raises(VisaError, match="Question 1 needs a whole number of minutes") as e:
        q1_points(bad)  # type: ignore[arg-type] # bad input on purpose
    assert e.value.question == 1


def test_q1_rounding_is_said_to_be_coachs_own() -> None:
    assert q1_points.__doc__ is not None
    assert "Coach's own" in q1_points.__doc__


@pytest.mark.parametrize("number", [2, 3, 4, 5])
def test_the_pain_scales_say_0_is_the_worst_pain_and_10_none(number: int) -> None:
    assert QUESTIONS[number - 1].marks == ("0 = worst pain", "5", "10 = no pain")


def test_every_0_to_10_scale_labels_its_ends_and_middle_alike() -> None:
    for q in QUESTIONS[1:6]:
        low, mid, high = q.marks
        assert low.startswith("0 = ")
        assert mid == "5"
        assert high.startswith("10 = ")
    assert QUESTIONS[5].marks == ("0 = no hops", "5", "10 = 10 hops or more")


def test_the_extremes_score_0_and_100() -> None:
    assert score(WORST) == 0
    assert score(BEST) == 100


@pytest.mark.parametrize("item", ITEMS[:6])
@pytest.mark.parametrize("points", range(11))
def test_each_scale_item_alone_adds_its_own_points(item: str, points: int) -> None:
    assert score(answers(**{item: points})) == points


@pytest.mark.parametrize("item", ITEMS)
def test_each_item_alone_moves_the_total_from_the_best_too(item: str) -> None:
    assert score(answers(BEST, **{item: 0})) == 90


@pytest.mark.parametrize("points", [0, 4, 7, 10])
def test_q7_scores_its_four_choices(points: int) -> None:
    assert score(answers(q7=points)) == points


@pytest.mark.parametrize(("branch", "points"), [(b, p) for b, ps in Q8_POINTS.items() for p in ps])
def test_every_q8_option_of_every_branch(branch: str, points: int) -> None:
    assert score(answers(q8_branch=branch, q8=points)) == points
    assert score(replace(BEST, q8_branch=branch, q8=points)) == 70 + points


def test_branches_cap_q8_at_30_20_and_10() -> None:
    assert {b.key: max(b.points) for b in Q8.branches} == {"A": 30, "B": 20, "C": 10}


@pytest.mark.parametrize("item", ITEMS[:6])
@pytest.mark.parametrize("bad", [-1, 11, 2.5, 5.0, True, False, None, "3"])
def test_scale_items_are_whole_numbers_from_0_to_10(item: str, bad: object) -> None:
    with pytest.raises(VisaError, match="0 to 10") as e:
        answers(**{item: bad})
    assert e.value.question == int(item[1])
    assert f"Question {item[1]}" in str(e.value)


@pytest.mark.parametrize("bad", [1, 5, 6, 11, -4, True, 4.0, "4"])
def test_q7_allows_only_0_4_7_10(bad: object) -> None:
    with pytest.raises(VisaError, match=r"Question 7 needs one of 0, 4, 7, 10") as e:
        answers(q7=bad)
    assert e.value.question == 7


@pytest.mark.parametrize("bad", ["D", "a", "", None, 1])
def test_q8_branch_is_a_b_or_c(bad: object) -> None:
    with pytest.raises(VisaError, match=r"Question 8 .*A, B or C") as e:
        answers(q8_branch=bad)
    assert e.value.question == 8


@pytest.mark.parametrize(
    ("branch", "bad"), [("A", 20), ("A", 10), ("B", 30), ("B", 7), ("C", 14), ("C", 4),
                        ("A", True), ("C", -2), ("A", 7.0)],
)  # fmt: skip
def test_q8_points_must_belong_to_the_chosen_branch(branch: str, bad: object) -> None:
    with pytest.raises(VisaError, match=f"Question 8 .* in part {branch}") as e:
        answers(q8_branch=branch, q8=bad)
    assert e.value.question == 8


def test_the_dict_round_trips_through_json() -> None:
    a = VisaAnswers(3, 5, 6, 7, 8, 2, 7, "B", 14)
    d = a.as_dict()
    assert d == {"q1": 3, "q2": 5, "q3": 6, "q4": 7, "q5": 8, "q6": 2, "q7": 7,
                 "q8_branch": "B", "q8": 14}  # fmt: skip
    assert VisaAnswers.from_dict(json.loads(json.dumps(d))) == a


def test_a_dict_missing_an_answer_is_refused() -> None:
    d = BEST.as_dict()
    del d["q3"]
    with pytest.raises(VisaError, match="lack q3"):
        VisaAnswers.from_dict(d)


def test_a_dict_with_extra_entries_is_refused() -> None:
    with pytest.raises(VisaError, match="unknown entries: score"):
        VisaAnswers.from_dict({**BEST.as_dict(), "score": 100})


@pytest.mark.parametrize(
    ("key", "bad", "question"),
    [("q1", "10", 1), ("q6", 12, 6), ("q7", 5, 7), ("q8_branch", "X", 8), ("q8", 20, 8),
     ("q2", None, 2)],
)  # fmt: skip
def test_a_dict_with_a_bad_answer_is_refused(key: str, bad: object, question: int) -> None:
    with pytest.raises(VisaError) as e:
        VisaAnswers.from_dict({**BEST.as_dict(), key: bad})
    assert e.value.question == question


@pytest.mark.parametrize("bad", [None, [], "q1"])
def test_from_dict_needs_a_mapping(bad: object) -> None:
    with pytest.raises(VisaError, match="mapping"):
        VisaAnswers.from_dict(bad)  # type: ignore[arg-type] # bad input on purpose


def test_visa_error_is_a_value_error() -> None:
    assert issubclass(VisaError, ValueError)


def in_sport(total: int) -> VisaAnswers:
    """Answers scoring `total` (10 or more) from someone in full sport (Q7 = 10)."""
    rest = total - 10
    q8 = max(p for p in Q8_POINTS["A"] if p <= rest and rest - p <= 60)
    left = rest - q8
    items = [min(10, max(0, left - 10 * i)) for i in range(6)]
    q1, q2, q3, q4, q5, q6 = items
    a = VisaAnswers(q1, q2, q3, q4, q5, q6, 10, "A", q8)
    assert score(a) == total
    return a


@pytest.mark.parametrize(
    ("value", "words"),
    [(100, "recovered"), (97, "without Achilles problems"), (96, "recovered (90 or more)"),
     (90, "recovered (90 or more)"), (89, "1 point below"), (40, "50 points below"),
     (10, "80 points below")],
)  # fmt: skip
def test_interpret_places_the_score_against_90(value: int, words: str) -> None:
    assert words in interpret(in_sport(value))


def test_interpret_only_says_recovered_from_90() -> None:
    assert interpret(in_sport(89)).endswith("below the range counted as recovered (90 or more).")
    assert interpret(in_sport(90)) == "In the range counted as recovered (90 or more)."
    assert "without Achilles" not in interpret(in_sport(96))


@pytest.mark.parametrize(
    "a",
    [VisaAnswers(10, 10, 10, 10, 10, 10, 0, "C", 0),  # no symptoms, no sport: 60
     VisaAnswers(3, 4, 5, 6, 7, 2, 0, "C", 0), WORST, VisaAnswers(10, 9, 8, 7, 6, 5, 0, "A", 7)],
)  # fmt: skip
def test_with_no_sport_the_score_is_not_measured_against_recovered(a: VisaAnswers) -> None:
    text = interpret(a)
    assert "below" not in text
    assert "recovered" not in text
    assert f"about {NO_SPORT_MAX} of 100" in text
    assert "Questions 7 and 8 ask about sport" in text
    assert "for people who do no sport" in text  # the sedentary variant exists
    daily = a.q1 + a.q2 + a.q3 + a.q4 + a.q5 + a.q6
    assert text.endswith(f"(questions 1 to 6) score {daily} of {NO_SPORT_MAX}.")
    assert "CLINICAL" not in text


def test_a_symptom_free_person_without_sport_scores_60_and_is_told_why() -> None:
    a = VisaAnswers(10, 10, 10, 10, 10, 10, 0, "C", 0)
    assert score(a) == NO_SPORT_MAX == 60
    assert "score 60 of 60" in interpret(a)
    assert "30 points below" not in interpret(a)


MID = f"Source: {MIDPORTION_CHANGE_SOURCE}"
INS = f"Source: {INSERTIONAL_CHANGE_SOURCE}"


@pytest.mark.parametrize(
    ("first", "latest", "site", "expected"),
    [
        (40, 54, "midportion", "Up 14 points since the first time: a change of 14 or more "
                               f"counts as important. {MID}"),
        (40, 53, "midportion", "Up 13 points since the first time: less than the 14 points "
                               f"that count as an important change. {MID}"),
        (60, 46, "midportion", "Down 14 points since the first time: a change of 14 or more "
                               f"counts as important. {MID}"),
        (60, 59, "midportion", "Down 1 point since the first time: less than the 14 points "
                               f"that count as an important change. {MID}"),
        (40, 47, "insertional", "Up 7 points since the first time: a change of 7 or more "
                                f"counts as important. {INS}"),
        (40, 46, "insertional", "Up 6 points since the first time: less than the 7 points "
                                f"that count as an important change. {INS}"),
        (70, 70, "midportion", "The same score as the first time."),
    ],
)  # fmt: skip
def test_change_says_whether_it_reaches_the_important_change_of_its_pain_site(
    first: int, latest: int, site: str, expected: str
) -> None:
    assert change(first, latest, site) == expected


def test_change_never_cites_robinson_for_the_change() -> None:
    for site in ("midportion", "insertional"):
        text = change(40, 60, site)
        assert "Robinson" not in text
        assert "15 or more" not in text
        assert "15 points" not in text


def test_change_refuses_impossible_scores() -> None:
    with pytest.raises(ValueError, match="0 to 100"):
        change(0, 101, "midportion")
    with pytest.raises(ValueError, match="0 to 100"):
        change(-1, 50, "midportion")


TODAY = date(2025, 3, 31)


@pytest.mark.parametrize(
    ("days_ago", "every_weeks", "is_due"),
    [(0, 1, False), (6, 1, False), (7, 1, True), (8, 1, True), (13, 2, False), (14, 2, True),
     (27, 4, False), (28, 4, True), (-3, 1, False)],
)  # fmt: skip
def test_due_after_the_chosen_number_of_weeks(days_ago: int, every_weeks: int,
                                              is_due: bool) -> None:  # fmt: skip
    assert due(TODAY - timedelta(days=days_ago), TODAY, every_weeks) is is_due


def test_due_when_never_taken() -> None:
    assert due(None, TODAY, 4) is True


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_due_needs_a_whole_number_of_weeks(bad: object) -> None:
    with pytest.raises(ValueError, match="every_weeks"):
        due(None, TODAY, bad)  # type: ignore[arg-type] # bad input on purpose


@st.composite
def valid_answers(draw: st.DrawFn) -> VisaAnswers:
    q1, q2, q3, q4, q5, q6, q7 = (draw(st.sampled_from(q.points)) for q in QUESTIONS)
    branch = draw(st.sampled_from(Q8.branches))
    return VisaAnswers(q1, q2, q3, q4, q5, q6, q7, branch.key, draw(st.sampled_from(branch.points)))


@given(valid_answers())
def test_any_valid_answers_score_their_sum_within_0_to_100(a: VisaAnswers) -> None:
    total = score(a)
    assert 0 <= total <= 100
    assert total == sum(v for v in a.as_dict().values() if isinstance(v, int))
    assert interpret(a)
    if a.q7 == 0:
        assert "below" not in interpret(a)


@given(valid_answers())
def test_from_dict_undoes_as_dict(a: VisaAnswers) -> None:
    assert VisaAnswers.from_dict(json.loads(json.dumps(a.as_dict()))) == a


@given(valid_answers(), st.sampled_from(["A", "B", "C"]), st.integers(-5, 35))
def test_q8_is_accepted_exactly_when_its_branch_allows_it(
    a: VisaAnswers, branch: str, points: int
) -> None:
    allowed = points in Q8_POINTS[branch]
    try:
        replace(a, q8_branch=branch, q8=points)
    except VisaError:
        assert not allowed
    else:
        assert allowed
