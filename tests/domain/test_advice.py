"""`advise()`: the rules in order of urgency, on hand-made histories and on any history.

Each rule alone is tested beside its module (tests/domain/advice/); here, which rule
speaks first when several could, and the properties that hold over any history.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.domain import advice
from coach.domain.advice import History, Kind, Morning, SessionPain, VisaScore, advise
from coach.domain.advice.load import above_best_week, load_blocks, weekly_rise
from coach.domain.advice.review import red_flag
from coach.domain.pain import SAFE, TOO_MUCH
from tests.domain.advice.histories import START, day, history, mornings, session, settled


# -- every rule says why, and where the rule comes from -----------------------------
def test_each_rule_gives_a_reason_and_a_source() -> None:
    cases = [
        history(3, paused_for="a snap in the heel"),
        history(3, mornings=mornings(2, 2, 2, 5)),
        history(3, sessions=[session(3, 4, 6)]),
        history(50, mornings=mornings(*[4] * 51)),
        settled(),
        history(3),
    ]
    kinds = []
    for h in cases:
        a = advise(h)
        kinds.append(a.kind)
        assert a.text
        assert a.why
        assert a.source
        assert "\n" not in a.why
    assert kinds == [Kind.PAUSED, Kind.LOWER, Kind.LOWER, Kind.REVIEW, Kind.ADD_LOAD, Kind.CARRY_ON]


# -- red flag -------------------------------------------------------------------------
def test_a_red_flag_pauses_and_outranks_everything() -> None:
    h = history(3, paused_for="a snap in the heel", sessions=[session(2, 0), session(3, 0)])
    a = advise(h)
    assert a.kind is Kind.PAUSED
    assert "a snap in the heel" in a.text
    assert red_flag(history(3)) is None


# -- add load: only after an acceptable 24-hour response ---------------------------------


def test_never_before_the_first_morning_answer() -> None:
    # Day 1 of the program: two pain-free sessions on day 0, no morning answered yet.
    h = history(1, sessions=[session(0, 0, 0), session(0, 0, 0)])
    assert advise(h).kind is not Kind.ADD_LOAD
    assert "no morning check-in after these sessions yet" in load_blocks(h)
    h = settled(mornings=[])
    a = advise(h)
    assert a.kind is Kind.HOLD
    assert a.text.startswith("No morning check-in yet")


def test_the_first_session_at_a_new_load_does_not_raise_it_again() -> None:
    # The load went from 5 to 10 kg yesterday; every set since has been pain-free.
    sessions = [session(n, 0, 0, load=5) for n in range(10)]
    sessions += [session(10, 0, 0, load=10), session(10, 0, 0, load=10)]
    ms = [Morning(day(n), 0, 0) for n in range(12)]
    h = history(11, sessions=sessions, mornings=ms)
    assert advise(h).kind is Kind.CARRY_ON
    assert "this load is not 7 days old yet" in load_blocks(h)


def test_the_load_runs_away_no_more_than_one_step_a_week() -> None:
    """Followed session by session, pain-free twice a day: +5 kg a week, not +35."""
    load = 0.0
    sessions: list[SessionPain] = []
    ms: list[Morning] = []
    for n in range(7):
        ms.append(Morning(day(n), 0, 0))
        for _ in range(2):
            if advise(history(n, sessions=list(sessions), mornings=list(ms))).kind is Kind.ADD_LOAD:
                load += 5
            sessions.append(session(n, 0, 0, 0, load=load))
    assert load <= 5


@pytest.mark.parametrize("morning_pain", [3, 5, 7])
def test_no_more_load_while_morning_pain_is_above_the_safe_zone(morning_pain: int) -> None:
    ms = [Morning(day(n), morning_pain, 5) for n in range(11)]
    h = settled(mornings=ms)
    assert advise(h).kind is not Kind.ADD_LOAD
    assert f"morning pain {morning_pain}/10 is above the safe zone" in load_blocks(h)


# -- the week-to-week rule ---------------------------------------------------------------
def test_mornings_rising_from_one_to_five_over_five_weeks_never_add_load() -> None:
    # Pain-free sets all along; mornings creep up from 1 to 5 over 35 days.
    pains = [1 + round(4 * n / 34) for n in range(35)]
    sessions = [session(n, 0, 0, load=5) for n in range(35)]
    for today in range(14, 35):
        h = history(today, sessions=sessions[: today + 1], mornings=mornings(*pains[: today + 1]))
        assert advise(h).kind is not Kind.ADD_LOAD, today
    final = advise(history(34, sessions=sessions, mornings=mornings(*pains)))
    assert final.kind in {Kind.LOWER, Kind.REVIEW}


def test_mornings_from_two_to_five_over_twelve_days_lower_the_load() -> None:
    pains = [2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5]
    a = advise(history(12, sessions=[session(n, 2, 2) for n in range(13)],
                       mornings=mornings(*pains)))  # fmt: skip
    assert a.kind is Kind.LOWER
    assert "worse this week than last" in a.text
    assert "Coach's own" in a.own


def test_a_visa_a_in_the_recovered_range_never_hides_worsening_mornings() -> None:
    pains = [1] * 7 + [2] * 7 + [3] * 7
    a = advise(history(20, mornings=mornings(*pains), visa=[VisaScore(day(0), 92)]))
    assert a.kind is Kind.REVIEW


# -- a VISA-A fall -------------------------------------------------------------------------
def test_a_visa_a_fall_of_twenty_five_asks_for_a_clinician() -> None:
    visa = [VisaScore(day(0), 70), VisaScore(day(14), 45)]
    a = advise(history(15, visa=visa))
    assert a.kind is Kind.REVIEW
    assert "fell from 70 to 45" in a.text


# -- no improvement: judged on the outcomes, never on exercise pain ------------------------


def test_an_improving_patient_with_steady_exercise_pain_is_not_sent_to_a_clinician() -> None:
    # Load keeps the sets at 4/10 on purpose; the mornings fell from 4 to 1.
    sessions = [session(n, 4, 4, 4) for n in range(56)]
    pains = [4] * 14 + [2] * 28 + [1] * 14
    assert advise(history(55, sessions=sessions, mornings=mornings(*pains))).kind is not Kind.REVIEW


# -- properties over any history ------------------------------------------------------
pain = st.one_of(st.none(), st.integers(0, 10))
sessions_st = st.lists(
    st.builds(
        SessionPain,
        day=st.integers(0, 83).map(day),
        load_kg=st.sampled_from([0.0, 5.0, 10.0]),
        pains=st.lists(pain, min_size=1, max_size=12).map(tuple),
        complete=st.booleans(),
    ),
    max_size=12,
).map(lambda ss: sorted(ss, key=lambda s: s.day))
mornings_st = st.lists(
    st.tuples(st.integers(0, 83), pain, st.one_of(st.none(), st.integers(0, 120))),
    max_size=20,
    unique_by=lambda t: t[0],
).map(lambda ms: [Morning(day(d), p, s) for d, p, s in sorted(ms)])
histories = st.builds(
    History,
    today=st.integers(0, 83).map(day),
    start=st.just(START),
    sessions=sessions_st,
    mornings=mornings_st,
    visa=st.lists(st.integers(0, 100), max_size=6).map(
        lambda scores: [VisaScore(day(14 * i), v) for i, v in enumerate(scores)]
    ),
    paused_for=st.sampled_from(["", "a snap in the heel"]),
)


@given(histories)
def test_there_is_always_exactly_one_piece_of_advice(h: History) -> None:
    a = advise(h)
    assert a.kind in set(Kind)
    assert a.text
    assert a.why
    assert a.source


@given(histories)
def test_the_rules_never_suggest_more_load_after_a_set_above_one(h: History) -> None:
    last_two = list(h.sessions)[-2:]
    if any(p is None or p > advice.NEARLY_PAIN_FREE for s in last_two for p in s.pains):
        assert advise(h).kind is not Kind.ADD_LOAD


@given(histories)
def test_a_paused_program_always_says_paused(h: History) -> None:
    assert (advise(h).kind is Kind.PAUSED) == bool(h.paused_for)


@given(histories)
def test_a_last_session_above_five_never_gets_more_load_or_carry_on_or_hold(h: History) -> None:
    if h.sessions and (h.sessions[-1].worst or 0) > TOO_MUCH:
        assert advise(h).kind in {Kind.PAUSED, Kind.LOWER, Kind.REVIEW}


@given(histories)
def test_more_load_only_after_a_settled_morning(h: History) -> None:
    if advise(h).kind is Kind.ADD_LOAD:
        answered = [m for m in h.mornings if m.pain is not None and m.day <= h.today]
        assert answered
        assert answered[-1].pain is not None
        assert answered[-1].pain <= SAFE
        assert answered[-1].day > h.sessions[-2].day


# -- following the advice, session by session, whatever the pain --------------------
@st.composite
def lives(draw: st.DrawFn) -> list[tuple[int | None, int | None, list[tuple[int, ...]]]]:
    """Each day of a program: the morning's pain and stiffness, and its sessions' pains."""
    n = draw(st.integers(7, 84))
    quiet = st.integers(0, 2)  # mostly pain-free, so that the load rule is reached
    return [
        (
            draw(st.one_of(st.none(), quiet, st.integers(0, 10))),
            draw(st.one_of(st.none(), st.integers(0, 30), st.integers(0, 240))),
            draw(st.lists(st.lists(st.one_of(quiet, st.integers(0, 10)), min_size=6,
                                   max_size=6).map(tuple), max_size=2)),
        )
        for _ in range(n)
    ]  # fmt: skip


@given(lives())
# Up to 84 days of answers make a large input: on a busy machine drawing them can pass
# the health check's time limit, though the test itself takes as long as ever.
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_following_the_advice_never_raises_the_load_faster_than_the_rules(
    life: list[tuple[int | None, int | None, list[tuple[int, ...]]]],
) -> None:
    load = 0.0
    raised: list[int] = []  # the days the advice raised the load
    sessions: list[SessionPain] = []
    ms: list[Morning] = []
    for n, (morning_pain, stiffness, day_sessions) in enumerate(life):
        if morning_pain is not None or stiffness is not None:
            ms.append(Morning(day(n), morning_pain, stiffness))
        for pains in day_sessions:
            a = advise(History(day(n), START, tuple(sessions), tuple(ms)))
            if a.kind is Kind.ADD_LOAD:
                answered = [m for m in ms if m.pain is not None]
                # Never before a morning answer, never above the safe zone...
                assert answered
                assert answered[-1].pain is not None
                assert answered[-1].pain <= SAFE
                # ...never twice without a morning in between, at most one step a week.
                last_step = raised[-1] if raised else -1
                assert any(m.day > day(last_step) for m in answered)
                assert not raised or n - raised[-1] >= advice.DAYS_AT_A_LOAD
                load += advice.ADD_KG
                raised.append(n)
            sessions.append(SessionPain(day(n), load, pains, complete=True))
    weeks = len(life) / 7
    assert load <= advice.ADD_KG * (weeks + 1)


def test_mornings_rising_from_last_week_block_more_load_even_when_today_is_calm() -> None:
    # Last week 0s, this week mostly 1-2; today 0: no worse than usual, in the safe zone.
    pains = [0] * 7 + [1, 1, 2, 1, 1, 1, 0]
    sessions = [session(n, 0, 0, load=5) for n in range(13)]  # today's check-in came after
    h = history(13, sessions=sessions, mornings=mornings(*pains))
    assert load_blocks(h) == ["the mornings rose from last week"]
    assert advise(h).kind is Kind.HOLD  # a rise within the safe zone holds the load


# -- found by a clinical review: worsening mornings must never get "carry on" ------------
def test_mornings_that_rise_then_stay_high_are_not_carry_on() -> None:
    """1/10 and 10 min for two weeks, then 6/10 and 40 min: the rise levels off, still bad."""
    ms = [Morning(day(n), 1 if n < 14 else 6, 10 if n < 14 else 40) for n in range(29)]
    sessions = [session(n, 2, 2, load=5) for n in range(29)]
    a = advise(history(28, sessions=sessions, mornings=ms))
    assert a.kind is Kind.REVIEW  # week 5: two weeks clearly above the best week
    assert "best week" in a.text
    assert "Go back to the load you had in your best week" in a.text


def test_a_slow_creep_of_the_mornings_is_caught() -> None:
    """+3/7 of a point a week: never half a point week on week, yet 2 above the best week."""
    ms = [Morning(day(n), 1 + (3 * (n // 7) + n % 7) // 7, None) for n in range(42)]
    h = history(41, mornings=ms, sessions=[session(n, 0, 0) for n in range(42)])
    assert weekly_rise(h) is None  # each week only a little worse than the last
    a = advise(h)
    assert a.kind is Kind.REVIEW
    assert "morning pain 1.0 in your best week, 3.1 now" in a.text


def test_few_check_ins_a_week_never_add_load() -> None:
    # Pain-free sets, a settled morning after them, but only two check-ins a week.
    sessions = [session(n, 0, 0, load=5) for n in range(14)]
    ms = [Morning(day(n), 0, 0) for n in (1, 4, 8, 12)]
    h = history(13, sessions=sessions, mornings=ms)
    assert advise(h).kind is not Kind.ADD_LOAD
    assert any("too few morning check-ins" in b for b in load_blocks(h))


def test_check_ins_twice_a_week_rising_to_six_are_not_carry_on() -> None:
    ms = [Morning(day(n), p, None) for n, p in ((0, 1), (3, 2), (7, 3), (10, 4), (14, 5), (17, 6))]
    sessions = [session(n, 2, 2) for n in range(17)]
    assert advise(history(18, sessions=sessions, mornings=ms)).kind is Kind.LOWER


def test_the_paused_advice_says_what_still_applies_days_later() -> None:
    a = advise(history(9, paused_for="a swollen calf with breathlessness or chest pain"))
    assert "If it is still happening, call an ambulance now; if it has passed" in a.text
    b = advise(history(9, paused_for="fluoroquinolones, corticosteroid tablets or a recent "
                                     "steroid injection"))  # fmt: skip
    assert "Talk to your doctor or pharmacist before the next session." in b.text
    c = advise(history(9, paused_for="a hot, red or swollen calf"))
    assert "with breathlessness or chest pain, call an ambulance" in c.text


def test_a_session_without_a_recent_check_in_holds_the_load() -> None:
    ms = [Morning(day(n), 1, 5) for n in range(10)]
    sessions = [session(n, 0, 0, load=5) for n in range(15)]
    a = advise(history(14, sessions=sessions, mornings=ms))
    assert a.kind is Kind.HOLD
    assert a.text.startswith("No morning check-in since Wed 16 Sep")
    assert "Coach's own" in a.own


# -- found by a third clinical review --------------------------------------------------------


def test_mornings_that_stay_worse_ask_for_a_clinician_before_lighter_advice() -> None:
    # Best week at 1; weeks 6 and 7 at 4; the last session had a set at 6.
    ms = [Morning(day(n), 1 if n < 35 else 4, None) for n in range(49)]
    sessions = [session(n, 2, 2) for n in range(48)] + [session(48, 2, 6)]
    a = advise(history(48, sessions=sessions, mornings=ms))
    assert a.kind is Kind.REVIEW
    assert "Go back to the load you had in your best week" in a.text


def test_settled_mornings_are_not_held_against_a_better_best_week() -> None:
    ms = [Morning(day(n), 0 if n < 7 else (1 if n % 2 else 2), None) for n in range(49)]
    h = history(48, mornings=ms)
    assert above_best_week(h) is None  # 0 -> 1.5 stays in the safe zone
    assert advise(h).kind is not Kind.REVIEW


def test_a_skipped_check_in_is_not_named_as_the_last_one() -> None:
    ms = [Morning(day(n), 1, 5) for n in range(9)] + [Morning(day(14), None, None)]
    sessions = [session(n, 0, 0) for n in range(15)]
    a = advise(history(14, sessions=sessions, mornings=ms))
    assert a.kind is Kind.HOLD
    assert a.text.startswith("No morning check-in since Tue 15 Sep")
