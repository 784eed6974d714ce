from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from pytestqt.qtbot import QtBot

from coach.app import today as app_today
from coach.app.model import AppModel
from coach.app.today import Today
from coach.domain.advice import Advice, Kind, Morning
from coach.domain.plan import plan
from coach.domain.program import Part, Program, Slot, Status, day_plan, filled
from coach.domain.protocols import ALFREDSON, JONSSON
from coach.domain.record import Outcome
from coach.domain.settings import Injured, Settings
from coach.domain.summary import PlanSummary, RepSequence, Step
from coach.domain.timeline import timeline
from coach.storage.history import History
from coach.storage.sessions import SessionJournal
from coach.ui.today_view import ADVICE_COLOURS, ADVICE_TITLES, TodayView, slot_text, summary_html
from tests.helpers import WallClock, run_sets


def make_view(qtbot: QtBot) -> TodayView:
    """The page as the app shows it once the history is open, with no program."""
    view = TodayView(AppModel(None))
    qtbot.addWidget(view)
    view.show_today(None, NOW)
    return view


def test_the_first_frame_waits_for_the_program_before_drawing_a_plan(qtbot: QtBot) -> None:
    view = TodayView(AppModel(None))  # as painted first, before the history is opened
    qtbot.addWidget(view)
    assert view.plan_text.toPlainText() == "Opening your program…"
    assert not view.start_button.isEnabled()
    assert not view.where.isEnabled()  # its default is not yet the program's choice
    drawn: list[None] = []
    view.plan_changed.connect(lambda: drawn.append(None))
    view.show_today(state(), NOW)
    assert len(drawn) == 1  # one plan for the program's protocol, side and load
    assert view.timeline.plan.protocol is JONSSON  # the program's, never the default's
    assert view.settings.injured is Injured.LEFT
    assert "flat floor" in view.plan_text.toPlainText()
    assert view.start_button.isEnabled()
    # Where it hurts and the side are the program's: shown, not changed here.
    assert not view.where.isEnabled()
    assert not view.side.isEnabled()
    assert view.change_button.isVisibleTo(view)


def test_shows_the_step_plan_for_a_right_midportion_tendon_by_default(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    assert view.protocol is ALFREDSON
    assert view.settings.injured is Injured.RIGHT
    text = view.plan_text.toPlainText()
    assert "Heel drop off a step, knee straight" in text
    assert "UP on your LEFT leg" in text
    assert "LOWER on your RIGHT leg" in text
    assert "15 min 35 s" in text


def test_choosing_heel_bone_pain_on_both_sides_shows_the_flat_floor_box_plan(
    qtbot: QtBot,
) -> None:
    view = make_view(qtbot)
    with qtbot.waitSignal(view.plan_changed):
        view.where.setCurrentIndex(view.where.findData("jonsson"))
    with qtbot.waitSignal(view.plan_changed):
        view.side.setCurrentIndex(view.side.findData(Injured.BOTH))
    assert view.protocol is JONSSON
    text = view.plan_text.toPlainText()
    assert "flat floor" in text
    assert "knee bent" not in text
    assert "Step UP on the box" in text
    assert "heel down to the floor and no lower" in text
    assert view.timeline.plan.protocol is JONSSON


def test_plan_text_is_escaped() -> None:
    summary = PlanSummary(
        title="<b>x</b>", facts=(("a", "<i>"),), exercises=("e&f",),
        sequences=(RepSequence("s", (Step("<u>", "d", 1),)),), length="1 s", why="w", source="s",
    )  # fmt: skip
    html = summary_html(summary)
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "e&amp;f" in html
    assert "&lt;u&gt;" in html


# -- the program panel ------------------------------------------------------------------
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)  # a Saturday, in week 3 of the program
PROGRAM = Program("p", date(2026, 11, 5), "jonsson", Injured.LEFT, time(7), time(19))


def state(program: Program = PROGRAM, *, done: int = 1, advice: Advice | None = None,
          checkin: Morning | None = None, visa_due: bool = False) -> Today:  # fmt: skip
    """The program's state at NOW, with the first `done` sessions since 5 Nov 07:00 done."""
    first = datetime(2026, 11, 5, 7, tzinfo=UTC).replace(tzinfo=None)  # local wall-clock time
    starts = [first + timedelta(hours=12 * i) for i in range(done)]
    now = NOW.replace(tzinfo=None)
    filled_slots = filled(program, starts)
    return Today(
        program=program,
        plan=day_plan(program, filled_slots, now),
        advice=advice or Advice(Kind.CARRY_ON, "Carry on.", "Because.", "A source"),
        checkin=checkin,
        visa_due=visa_due,
        last_load_kg=7.5,
    )


def test_without_a_program_the_page_offers_to_set_one_up(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show_today(None, NOW)
    assert view.week_label.text() == "No program yet"
    assert view.program_button.text() == "Set up a 12-week program…"
    assert not view.advice_box.isVisibleTo(view)
    assert view.start_button.isEnabled()
    assert view.date_label.text() == "Saturday 21 November 2026"


def test_the_program_panel_shows_the_week_today_next_adherence_and_advice(
    qtbot: QtBot,
) -> None:
    view = make_view(qtbot)
    add = Advice(Kind.ADD_LOAD, "Add about 5 kg.", "The load is too light.", "Alfredson 1998")
    view.show_today(state(done=33, advice=add, checkin=Morning(NOW.date(), 2, 15)), NOW)
    assert view.week_label.text() == "Week 3 of 12"
    assert view.program_label.text().startswith("Jonsson heel drops on a flat floor, left leg.")
    assert view.sessions_label.text() == "Today: morning (07:00) ✓ done · evening (19:00) to do"
    assert view.next_label.text() == "Next session: this evening at 19:00."
    # 16 days of two sessions before today, plus this morning: 33 due, all done.
    assert view.adherence_label.text() == "Adherence: 33 of 33 sessions done (100%)."
    assert "Ready for more load" in view.advice_box.text()
    assert "Add about 5 kg." in view.advice_box.text()
    assert "Source: Alfredson 1998" in view.advice_box.text()
    assert view.checkin_label.text() == "Morning check-in: pain 2/10, stiffness 15 min."
    # The program's choices fill the session boxes, with the last load.
    assert view.protocol is JONSSON
    assert view.settings.injured is Injured.LEFT
    assert view.settings.load_kg == 7.5


def test_the_users_own_choices_survive_a_refresh(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show_today(state(), NOW)
    view.load.setValue(12.5)
    view.show_today(state(checkin=Morning(NOW.date(), 1, 0)), NOW)
    assert view.settings.load_kg == 12.5


def test_the_session_plan_keeps_the_programs_pace(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    slow = replace(PROGRAM, lower_seconds=6, rest_seconds=120, get_ready_seconds=0)
    with qtbot.waitSignal(view.plan_changed):
        view.show_today(state(slow), NOW)
    settings = view.settings
    assert (settings.lower_seconds, settings.rest_seconds, settings.get_ready_seconds) == (
        6,
        120,
        0,
    )
    assert "6 s" in view.plan_text.toPlainText()
    assert view.timeline.plan.settings == settings  # the workout runs what the page shows


def test_a_paused_program_disables_start_and_offers_to_resume(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    paused = replace(PROGRAM, status=Status.PAUSED, reason="a hot or swollen calf")
    stop = Advice(Kind.PAUSED, "The program is paused.", "Why.", "CLINICAL.md §4")
    view.show_today(state(paused, advice=stop), NOW)
    assert not view.start_button.isEnabled()
    assert view.resume_button.isVisibleTo(view)
    assert view.next_label.text() == "Next session: none while the program is paused."
    assert "Program paused" in view.advice_box.text()


def test_the_check_in_and_visa_a_lines_say_what_is_due(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show_today(state(visa_due=True), NOW)
    assert view.checkin_label.text() == "Morning check-in: not done yet today."
    assert view.visa_label.text() == "VISA-A questionnaire: due now."
    view.show_today(state(checkin=Morning(NOW.date(), None, None)), NOW)
    assert view.checkin_label.text() == "Morning check-in: skipped today."


def test_a_finished_program_says_so(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    old = replace(PROGRAM, start=date(2026, 6, 1))
    view.show_today(state(old, done=0), NOW)
    assert view.week_label.text() == "Program finished"
    assert view.next_label.text() == "Next session: none, the program is over."
    assert view.sessions_label.text() == "No sessions planned today."


def test_advice_text_is_escaped(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show_today(state(advice=Advice(Kind.LOWER, "<b>x</b>", "w", "s")), NOW)
    assert "&lt;b&gt;x&lt;/b&gt;" in view.advice_box.text()


def test_slot_text_names_the_day_in_words() -> None:
    today = date(2026, 11, 21)
    assert slot_text(Slot(today, Part.EVENING, time(18)), today) == "this evening at 18:00"
    tomorrow = Slot(today + timedelta(days=1), Part.MORNING, time(8))
    assert slot_text(tomorrow, today) == "tomorrow morning at 08:00"
    later = Slot(date(2026, 11, 24), Part.MORNING, time(8))
    assert slot_text(later, today) == "Tue 24 Nov, morning at 08:00"


def test_every_kind_of_advice_has_a_title_and_colours() -> None:
    assert set(ADVICE_TITLES) == set(ADVICE_COLOURS) == {k.value for k in Kind}


def test_until_the_history_is_read_the_program_panel_says_it_is_opening(qtbot: QtBot) -> None:
    view = TodayView(AppModel(None))
    qtbot.addWidget(view)
    assert view.opening_label.text() == "Opening your program…"
    assert not hasattr(view, "week_label")  # built with the first state
    view.show_today(None, NOW)
    assert not view.opening_label.isVisibleTo(view)
    assert view.week_label.isVisibleTo(view)


def test_the_program_decides_the_protocol_and_side_whatever_the_boxes_say(
    qtbot: QtBot,
) -> None:
    """An insertional program never runs step drops, even if a box changes somehow."""
    view = make_view(qtbot)
    view.show_today(state(), NOW)  # Jonsson, left
    view.where.setCurrentIndex(view.where.findData("alfredson"))
    view.side.setCurrentIndex(view.side.findData(Injured.BOTH))
    assert view.protocol is JONSSON
    assert view.settings.injured is Injured.LEFT
    assert view.timeline.plan.protocol is JONSSON
    assert "flat floor" in view.plan_text.toPlainText()
    view.show_today(state(), NOW)  # the next refresh shows the program's choices again
    assert view.where.currentData() == "jonsson"
    assert view.side.currentData() is Injured.LEFT


def test_changing_where_it_hurts_asks_for_a_new_program(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    assert view.where.isEnabled()  # without a program: a single session, the user's choice
    assert not view.change_button.isVisibleTo(view)
    view.show_today(state(), NOW)
    with qtbot.waitSignal(view.change_program_requested):
        view.change_button.click()


def test_a_problem_can_be_reported_from_the_page_with_or_without_a_program(
    qtbot: QtBot,
) -> None:
    view = make_view(qtbot)
    for today in (None, state()):
        view.show_today(today, NOW)
        assert view.problem_button.isVisibleTo(view)
        with qtbot.waitSignal(view.problem_requested):
            view.problem_button.click()


def test_the_advice_says_which_thresholds_are_coach_s_own(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    own = Advice(Kind.LOWER, "Lower the load.", "Mornings rose.", "Silbernagel 2007",
                 "Coach's own: a rise is half a point.")  # fmt: skip
    view.show_today(state(advice=own), NOW)
    assert "Coach&#x27;s own: a rise is half a point." in view.advice_box.text() or (
        "Coach's own: a rise is half a point." in view.advice_box.text()
    )


def test_a_session_stopped_after_one_set_of_six_is_partial_not_done(
    qtbot: QtBot, store: History, wall: WallClock
) -> None:
    program = Program("p", wall.now.date() - timedelta(days=1), "alfredson", Injured.RIGHT)
    store.programs.start_program(program)
    tl = timeline(plan(ALFREDSON, Settings(injured=Injured.RIGHT)))  # 2 exercises x 3 sets
    sid = run_sets(store, tl, wall, 1)  # 08:00: one set, then Stop
    SessionJournal(store.sessions, sid, tl).finish(Outcome.STOPPED, 40.0, "stopped by the user")
    wall.advance(hours=1)
    view = make_view(qtbot)
    view.show_today(app_today.today(store.programs, store.queries, store.db.now()), wall.now)
    assert view.sessions_label.text() == (
        "Today: morning (08:00) partial: 1 of 6 sets · evening (18:00) to do"
    )
    # Due by 09:00: yesterday's two and this morning's; the one set done fills none.
    assert view.adherence_label.text() == "Adherence: 0 of 3 sessions done (0%)."
