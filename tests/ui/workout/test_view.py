from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from coach.app.player import SilentPlayer
from coach.app.session import WorkoutSession
from coach.domain.clock import ManualClock
from coach.domain.engine import Status
from coach.domain.plan import plan
from coach.domain.protocols import ALFREDSON, JONSSON, Protocol
from coach.domain.record import Outcome, SessionRecord
from coach.domain.red_flags import RUPTURE, RedFlag
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import CueKind, timeline
from coach.storage.database import stamp
from coach.storage.history import History
from coach.storage.schema import StorageError
from coach.storage.sessions import SessionJournal, SessionStatus
from coach.ui.red_flags import RedFlagDialog, RuptureCheck, WhatToDoNow
from coach.ui.workout.dialogs import ConfirmStop, SaveCopy
from coach.ui.workout.view import WorkoutView
from tests.app.fakes import FakePlayer
from tests.helpers import WallClock

# Jonsson, right side, 2 reps: get ready 0-5 s; rep 1: up 5-7, shift 7-8, lower 8-11,
# reset 11-12; rep 2: 12-19; set 1 ends at 19 s; rest 19-49 s; set 2 from 49 s.
SETTINGS = Settings(injured=Injured.RIGHT, reps=2, sets=2, rest_seconds=30)


# A red-flag dialog a test did not answer fails it, rather than wait forever.
pytestmark = pytest.mark.usefixtures("no_unexpected_dialog")


class Dialogs:
    """The rupture questions answered as a test says, and what the workout showed."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, *, tear: bool, view: WorkoutView | None = None
    ) -> None:
        self.asked: list[tuple[Status, list[int | None]]] = []  # status and ratings, when asked
        self.shown: list[RedFlag] = []  # what-to-do-now pages
        self.reported: list[str] = []  # the flags `view` reported (its red_flag signal)
        if view is not None:
            view.session.red_flag.connect(lambda flag: self.reported.append(flag.id))

        def ask(_cls: type, parent: WorkoutView) -> bool:
            self.asked.append((parent.session.engine.state().status, parent.record.ratings()))
            return tear

        def show(_cls: type, _parent: WorkoutView, flag: RedFlag) -> None:
            self.shown.append(flag)

        monkeypatch.setattr(RuptureCheck, "ask", classmethod(ask))
        monkeypatch.setattr(WhatToDoNow, "show_modal", classmethod(show))


def make_view(
    qtbot: QtBot,
    settings: Settings = SETTINGS,
    protocol: Protocol = JONSSON,
    notice: str = "",
    *,
    store: History | None = None,
    resume: str | None = None,
) -> tuple[WorkoutView, ManualClock]:
    """A view on a fake clock; with `store`, it saves (resuming session `resume`)."""
    clock = ManualClock()
    tl = timeline(plan(protocol, settings))
    journal, done = None, []
    if store is not None and resume is not None:
        journal, _row, sets = store.sessions.resume(resume)
        tl, done = journal.timeline, [s.result() for s in sets]
    elif store is not None:
        journal = store.sessions.journal(tl)
    view = WorkoutView(WorkoutSession(tl, SilentPlayer(clock), journal, done=done, notice=notice))
    return show_active(qtbot, view), clock


def show_active(qtbot: QtBot, view: WorkoutView) -> WorkoutView:
    """Shown, active and focused, as on a screen: key presses reach its shortcuts."""
    qtbot.addWidget(view)
    view.resize(1280, 800)
    with qtbot.waitActive(view):  # key presses reach shortcuts in the active window only
        view.show()
        view.activateWindow()
    view.setFocus()
    return view


def press(view: WorkoutView, key: Qt.Key) -> None:
    """A key press as the window system delivers it: Qt 6 matches shortcuts only there."""
    window = view.windowHandle()
    assert window is not None
    QTest.keyClick(window, key)


def at(view: WorkoutView, clock: ManualClock, seconds: float) -> None:
    """Move the fake clock to `seconds` of session time and let the view draw."""
    clock.advance(seconds - view.session.engine.state().elapsed)
    view.session.poll()


def test_before_start_it_asks_to_get_in_place(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot)
    assert view.instruction.text() == "Press Start when you are in place"
    assert view.start_button.isEnabled()
    assert not view.pause_button.isEnabled()


def test_a_set_step_by_step(qtbot: QtBot) -> None:
    view, clock = make_view(qtbot)
    view.start_button.click()
    at(view, clock, 2)
    assert view.instruction.text() == "Get ready"
    assert view.metronome.caption == "3 s"
    at(view, clock, 5.5)
    assert view.instruction.text() == "UP on your LEFT leg"
    assert "LEFT LEG" not in view.banner.text()  # the banner names the leg being worked
    assert "RIGHT LEG" in view.banner.text()
    assert "UP" in view.banner.text()
    assert view.rep_label.text() == "Rep 1 of 2"
    assert view.set_label.text() == "Set 1 of 2"
    at(view, clock, 7.2)
    assert view.instruction.text() == "Onto your RIGHT toes"
    at(view, clock, 8.1)
    assert view.instruction.text() == "LOWER on your RIGHT leg"
    assert view.metronome.beat == 1
    assert view.metronome.caption == "3"
    assert view.metronome.pulsing()  # each beat flashes the bar for its first 0.15 s
    assert view.metronome.fraction == pytest.approx(0.1 / 3)
    at(view, clock, 9.6)
    assert (view.metronome.beat, view.metronome.caption) == (2, "2")
    assert not view.metronome.pulsing()
    at(view, clock, 10.05)
    assert (view.metronome.beat, view.metronome.caption) == (3, "1")
    assert view.metronome.pulsing()
    at(view, clock, 11.5)
    assert view.instruction.text() == "LEFT foot back down"
    at(view, clock, 12.1)
    assert view.rep_label.text() == "Rep 2 of 2"


def test_time_left_counts_down_the_whole_session(qtbot: QtBot) -> None:
    view, clock = make_view(qtbot)
    total = view.timeline.duration_ms / 1000  # 5 + 2 x 14 + 30 = 63 s
    assert total == 63
    view.start()
    at(view, clock, 3.5)
    assert view.left_label.text() == "1:00 left"  # 59.5 s, shown rounded up


def test_after_a_set_the_rest_asks_for_pain_and_keys_rate_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 18.9)
    assert not view.pain_panel.isVisible()
    at(view, clock, 20)
    assert view.instruction.text() == "Rest 30 s"
    assert "Next: set 2 of 2" in view.detail.text()
    assert view.pain_panel.isVisible()
    assert "set 1 (right leg)" in view.pain_panel.question.text()
    assert not view.pain_panel.skip_button.isVisible()  # only the last set's can be skipped
    press(view, Qt.Key.Key_4)
    assert view.record.ratings() == [4]
    assert "4: acceptable (3-5)." in view.pain_panel.zone_label.text()
    at(view, clock, 30)
    assert view.metronome.caption == "19 s"  # the rest keeps counting while rating
    dialogs = Dialogs(monkeypatch, tear=False)
    press(view, Qt.Key.Key_T)
    assert view.record.ratings() == [10]
    assert dialogs.asked == [(Status.PAUSED, [10])]  # a 10 asks about a tear, paused
    assert view.pain_panel.offer.isVisible()  # and offers to end the session


def test_an_unrated_set_stays_not_rated_and_is_rated_in_the_summary(qtbot: QtBot) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 25)
    at(view, clock, 50)  # set 2 started, set 1 never rated
    assert not view.pain_panel.isVisible()
    at(view, clock, 64)
    assert view.session.engine.state().status is Status.FINISHED
    assert view.pages.currentWidget() is not view.summary  # the last set's pain first
    view.pain_panel.skip_button.click()
    assert view.record.ratings() == [None, None]
    assert view.pages.currentWidget() is view.summary
    assert view.summary.heading.text() == "Session complete"
    assert "2 of 2 sets done (right: 4 reps)" in view.summary.facts.text()
    box = view.summary.table.cellWidget(0, 4)
    assert isinstance(box, QComboBox)
    assert box.currentText() == "not rated"
    box.setCurrentIndex(box.findData(3))
    assert view.record.ratings() == [3, None]


def test_too_much_offers_to_end_and_ending_keeps_the_sets(qtbot: QtBot) -> None:
    settings = Settings(injured=Injured.LEFT, reps=1, sets=3, rest_seconds=20)
    view, clock = make_view(qtbot, settings)
    view.start()
    first_end = view.timeline.spans[0].end_ms / 1000
    at(view, clock, first_end + 1)
    view.pain_panel.buttons[5].click()
    assert not view.pain_panel.offer.isVisible()  # acceptable
    view.pain_panel.buttons[6].click()  # changed to "too much": offered at once
    assert view.pain_panel.offer.isVisible()
    view.pain_panel.carry_on_button.click()
    second_end = view.timeline.spans[1].end_ms / 1000
    at(view, clock, second_end + 1)
    view.pain_panel.buttons[7].click()
    assert view.pain_panel.offer.isVisible()
    records: list[SessionRecord] = []
    view.closed.connect(records.append)
    view.pain_panel.end_button.click()
    assert view.record.outcome is Outcome.ENDED_EARLY
    assert view.summary.heading.text() == "Session ended early"
    assert "2 of 3 sets done" in view.summary.facts.text()
    QTest.keyClicks(view.summary.note, "  calf tight 7 ")  # shortcuts are off now
    view.summary.done_button.click()
    assert records == [view.record]
    assert view.record.note == "calf tight 7"
    assert view.record.ratings() == [6, 7]


def test_pause_freezes_and_space_toggles(qtbot: QtBot) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 6)
    press(view, Qt.Key.Key_Space)
    assert view.session.engine.state().status is Status.PAUSED
    assert "PAUSED" in view.banner.text()
    assert view.pause_button.text() == "Resume (Space)"
    clock.advance(100)
    view.session.poll()
    assert view.instruction.text() == "UP on your LEFT leg"
    press(view, Qt.Key.Key_Space)
    clock.advance(1.5)  # session time 7.5 s: the 100 s paused do not count
    view.session.poll()
    assert view.instruction.text() == "Onto your RIGHT toes"


def test_skip_set_abandons_the_set_and_rests(qtbot: QtBot) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 9)
    view.skip_button.click()
    assert view.instruction.text() == "Rest 30 s"
    assert view.session.engine.state().skipped == {0}
    assert not view.pain_panel.isVisible()  # nothing to rate: the set was not done


def test_stop_asks_first(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 6)
    answers = iter([False, True])
    monkeypatch.setattr(ConfirmStop, "ask", classmethod(lambda cls, parent: next(answers)))
    press(view, Qt.Key.Key_Escape)
    assert view.session.engine.state().status is Status.RUNNING
    press(view, Qt.Key.Key_Escape)
    assert view.session.engine.state().status is Status.ABORTED
    assert view.record.outcome is Outcome.STOPPED
    assert view.summary.heading.text() == "Session stopped"


def test_something_wrong_pauses_and_records_the_red_flag(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 6)
    seen: list[Status] = []

    def report(cls: type[RedFlagDialog], parent: WorkoutView) -> RedFlag:
        seen.append(parent.session.engine.state().status)
        return RUPTURE

    monkeypatch.setattr(RedFlagDialog, "ask", classmethod(report))
    dialogs = Dialogs(monkeypatch, tear=False)
    reported: list[str] = []

    def flagged(flag: RedFlag) -> None:  # what the session looked like when it was said
        reported.append(flag.id)
        assert view.record.outcome is None

    view.session.red_flag.connect(flagged)
    view.wrong_button.click()
    assert seen == [Status.PAUSED]
    assert reported == ["rupture"]
    assert view.record.outcome is Outcome.STOPPED
    assert view.record.reason == "red flag: rupture"
    assert "rupture" in view.summary.facts.text()
    assert dialogs.shown == [RUPTURE]  # what to do now
    assert dialogs.asked == []


def test_carrying_on_after_something_wrong_keeps_the_session_paused(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 6)
    monkeypatch.setattr(RedFlagDialog, "ask", classmethod(lambda cls, parent: None))
    view.wrong_button.click()
    assert view.session.engine.state().status is Status.PAUSED
    assert view.record.outcome is None


def test_red_flag_dialog_lists_every_flag_and_needs_a_choice(qtbot: QtBot) -> None:
    dialog = RedFlagDialog()
    qtbot.addWidget(dialog)
    texts = [b.text() for b in dialog.choices.buttons()]
    assert any("snap or pop" in t for t in texts)
    assert any("swollen calf" in t for t in texts)
    assert any("fluoroquinolone" in t for t in texts)
    assert not dialog.end_button.isEnabled()
    dialog.choices.buttons()[0].click()
    assert dialog.end_button.isEnabled()
    assert dialog.chosen() is RUPTURE


@pytest.mark.parametrize(
    ("protocol", "up"), [(JONSSON, "Step UP on the box"), (ALFREDSON, "Pull UP with your arms")]
)
def test_both_sides_alternate_and_get_up_without_a_calf(
    qtbot: QtBot, protocol: Protocol, up: str
) -> None:
    settings = Settings(injured=Injured.BOTH, reps=1, sets=1, rest_seconds=10)
    view, clock = make_view(qtbot, settings, protocol)
    view.start()
    at(view, clock, 5.5)
    assert view.instruction.text() == up
    assert "LEFT LEG" in view.banner.text()
    right_set = view.timeline.spans[1]
    at(view, clock, right_set.start_ms / 1000 + 4.5)
    assert view.instruction.text() == "LOWER on your RIGHT leg"
    assert "RIGHT LEG" in view.banner.text()


def test_instruction_is_at_least_48_pt_at_full_hd(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot)
    view.resize(1920, 1080)
    assert view.instruction.font().pointSizeF() >= 48
    view.resize(1024, 640)
    small = view.instruction.font().pointSizeF()
    assert 20 <= small < 48  # scales with the window


def test_the_timer_sleeps_until_the_next_change(qtbot: QtBot) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 5.25)  # UP; the shift cue is at 7 s, the next whole second at 6 s
    assert view.session._timer.isActive()
    assert view.session._timer.interval() == 750
    at(view, clock, 8.5)  # lowering: frames at 30 per second
    assert view.session._timer.interval() <= 34
    view.session.toggle_pause()
    assert not view.session._timer.isActive()


def test_without_sound_the_notice_says_so_and_sound_controls_are_off(qtbot: QtBot) -> None:
    view, _ = make_view(qtbot, notice="No sound output was found")
    assert view.notice.isVisible()
    assert not view.mute_button.isEnabled()
    assert not view.volume.isEnabled()


def test_every_phase_reaching_the_screen_is_reported_once(qtbot: QtBot) -> None:
    view, clock = make_view(qtbot)
    shown: list[tuple[CueKind, float]] = []
    view.phase_shown.connect(lambda cue, t: shown.append((cue.kind, t)))
    view.start()
    for t in (1, 2, 5.1, 5.5, 7.1, 8.1, 11.1):
        at(view, clock, t)
    assert shown == [
        (CueKind.UP, 5.1), (CueKind.SHIFT, 7.1), (CueKind.LOWER, 8.1), (CueKind.RESET, 11.1)
    ]  # fmt: skip


# -- saving -------------------------------------------------------------------------
def test_a_session_is_saved_from_start_set_by_set_with_its_pain_ending_and_note(
    qtbot: QtBot, store: History, wall: WallClock
) -> None:
    view, clock = make_view(qtbot, store=store)
    assert store.db.count("sessions") == 0  # nothing is written before Start
    view.start()
    (row,) = store.sessions.interrupted()
    assert row.status == SessionStatus.IN_PROGRESS
    at(view, clock, 6)  # set 1 under way
    wall.advance(seconds=14)
    at(view, clock, 20)
    (saved,) = store.sessions.sets(row.id)
    assert (saved.position, saved.reps, saved.pain) == (0, 2, None)
    assert (stamp(saved.started), stamp(saved.finished)) == (
        "2026-11-21T08:00:00+01:00", "2026-11-21T08:00:14+01:00"
    )  # fmt: skip
    press(view, Qt.Key.Key_3)
    assert store.sessions.sets(row.id)[0].pain == 3
    at(view, clock, 70)  # the end
    assert [s.position for s in store.sessions.sets(row.id)] == [0, 1]
    assert (
        store.sessions.session(row.id).status is SessionStatus.IN_PROGRESS
    )  # until the last set is rated
    press(view, Qt.Key.Key_2)
    assert [s.pain for s in store.sessions.sets(row.id)] == [3, 2]
    box = view.summary.table.cellWidget(1, 4)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData(1))
    assert [s.pain for s in store.sessions.sets(row.id)] == [3, 1]
    assert view.summary.saved.text().startswith("Saved.")
    QTest.keyClicks(view.summary.note, "good day")
    view.summary.done_button.click()
    done = store.sessions.session(row.id)
    assert (done.status, done.note) == (SessionStatus.COMPLETED, "good day")
    assert done.seconds == view.timeline.duration_ms / 1000


def saving_refused(
    qtbot: QtBot, store: History, monkeypatch: pytest.MonkeyPatch, method: str = "_insert"
) -> tuple[WorkoutView, ManualClock]:
    """A started workout whose journal's `method` the disk refuses (full), and its clock."""
    view, clock = make_view(qtbot, store=store)
    view.start()
    assert view.session.journal is not None

    def full(*_a: object) -> None:
        raise StorageError("Could not save set 1 (right leg): the disk is full.")

    monkeypatch.setattr(view.session.journal, method, full)
    return view, clock


def test_a_set_that_cannot_be_saved_is_reported_and_the_workout_goes_on(
    qtbot: QtBot, store: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = saving_refused(qtbot, store, monkeypatch, "add")
    at(view, clock, 20)
    assert view.save_notice.isVisible()
    assert "the disk is full" in view.save_notice.text()
    assert view.pain_panel.isVisible()  # the workout carries on
    assert len(view.record.sets) == 1  # and keeps the set on screen
    view.session.end_early()
    assert view.summary.saved.text().startswith("Not all saved.")


def test_an_interrupted_session_resumes_at_its_next_set(
    qtbot: QtBot, store: History, wall: WallClock
) -> None:
    first, clock = make_view(qtbot, store=store)
    first.start()
    at(first, clock, 20)  # set 1 saved; then the app "dies"
    assert isinstance(first.session.journal, SessionJournal)
    sid = first.session.journal.id
    assert sid is not None
    first.close()
    view, clock = make_view(qtbot, store=store, resume=sid)
    view.start()
    state = view.session.engine.state()
    assert state.phase is CueKind.REST  # the rest before set 2, in full
    assert state.elapsed == view.timeline.spans[0].end_ms / 1000
    assert view.set_label.text() == "Set 2 of 2"
    at(view, clock, 70)
    assert [s.position for s in store.sessions.sets(sid)] == [0, 1]
    press(view, Qt.Key.Key_1)  # the last set's pain
    assert "2 of 2 sets done" in view.summary.facts.text()  # the earlier set counts
    assert store.sessions.session(sid).status == SessionStatus.COMPLETED


def test_without_a_history_the_session_says_it_is_not_saved(qtbot: QtBot) -> None:
    view, _clock = make_view(qtbot)
    assert view.save_notice.isVisible()
    assert "will not be saved" in view.save_notice.text()
    view.start()
    view.session.end_early()
    assert view.summary.saved.text().startswith("Not saved")


# -- the last set's pain, and the time taken ----------------------------------------
def test_the_last_set_is_rated_and_saved_before_the_summary(qtbot: QtBot, store: History) -> None:
    view, clock = make_view(qtbot, store=store)
    view.start()
    at(view, clock, 20)
    press(view, Qt.Key.Key_3)
    at(view, clock, 64)  # the session has run to its end
    assert view.pages.currentWidget() is not view.summary
    assert view.pain_panel.isVisible()
    assert view.pain_panel.question.text().startswith("Session done: how much did the last set")
    assert "set 2, right leg" in view.pain_panel.question.text()
    assert view.pain_panel.skip_button.isVisible()
    assert not view.pause_button.isEnabled()
    press(view, Qt.Key.Key_5)
    assert view.pages.currentWidget() is view.summary
    assert view.summary.heading.text() == "Session complete"
    box = view.summary.table.cellWidget(1, 4)
    assert isinstance(box, QComboBox)
    assert box.currentData() == 5
    assert isinstance(view.session.journal, SessionJournal)
    sid = view.session.journal.session_id
    assert [s.pain for s in store.sessions.sets(sid)] == [3, 5]
    assert store.sessions.session(sid).status == SessionStatus.COMPLETED


def test_a_skipped_last_set_goes_straight_to_the_summary(qtbot: QtBot) -> None:
    settings = Settings(injured=Injured.RIGHT, reps=1, sets=1, rest_seconds=10)
    view, clock = make_view(qtbot, settings)
    view.start()
    view.session.skip_set()  # the one set skipped: nothing to rate
    view.session.skip_set()
    at(view, clock, view.timeline.duration_ms / 1000 + 1)
    assert view.pages.currentWidget() is view.summary
    assert view.record.sets == []


class ResettingPlayer:
    """A fake sound whose played position is the clock, and starts again at 0 when stopped.

    As QAudioSink's processed time does: the workout's clock when there is sound.
    """

    audible = True

    def __init__(self) -> None:
        self.position = 0.0
        self.playing = False
        self.muted = False
        self.volume = 1.0

    def now(self) -> float:
        return self.position

    def advance(self, seconds: float) -> None:
        if self.playing:
            self.position += seconds

    def start(self) -> None:
        self.playing = True

    def pause(self) -> None:
        self.playing = False

    def resume(self) -> None:
        self.playing = True

    def stop(self) -> None:
        self.playing = False
        self.position = 0.0

    def jump(self, seconds: float) -> None:
        pass  # the track's read position: nothing to do with the clock

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def problem(self) -> str | None:
        return None


def test_time_taken_is_the_sessions_time_with_sound(qtbot: QtBot, store: History) -> None:
    player = ResettingPlayer()
    tl = timeline(plan(JONSSON, SETTINGS))
    view = WorkoutView(WorkoutSession(tl, player, store.sessions.journal(tl)))
    qtbot.addWidget(view)
    view.start()
    for _ in range(70):  # a second at a time, to the end (63 s)
        player.advance(1)
        view.session.poll()
    view.pain_panel.buttons[2].click()  # the last set's pain; the summary follows
    assert view.record.outcome is Outcome.COMPLETED
    assert not player.playing
    assert view.record.seconds == 63
    assert "Time taken: 1 min 3 s." in view.summary.facts.text()
    assert store.sessions.sessions()[0].seconds == 63


def test_time_taken_of_a_session_stopped_with_sound(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = ResettingPlayer()
    view = WorkoutView(WorkoutSession(timeline(plan(JONSSON, SETTINGS)), player))
    qtbot.addWidget(view)
    view.start()
    player.advance(30)
    view.session.poll()
    monkeypatch.setattr(ConfirmStop, "ask", classmethod(lambda cls, parent: True))
    view.request_stop()
    assert view.record.seconds == 30
    assert "Time taken: 30 s." in view.summary.facts.text()


# -- the rupture questions ----------------------------------------------------------
THREE_SETS = Settings(injured=Injured.LEFT, reps=1, sets=3, rest_seconds=20)


def rest_after(view: WorkoutView, clock: ManualClock, index: int) -> None:
    """To a second into the rest after set `index` (0-based)."""
    at(view, clock, view.timeline.spans[index].end_ms / 1000 + 1)


def test_a_jump_of_four_points_pauses_and_asks_about_a_tear_and_no_carries_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot, THREE_SETS)
    dialogs = Dialogs(monkeypatch, tear=False)
    view.start()
    rest_after(view, clock, 0)
    press(view, Qt.Key.Key_2)
    rest_after(view, clock, 1)
    press(view, Qt.Key.Key_5)  # 3 points up: not asked
    assert dialogs.asked == []
    press(view, Qt.Key.Key_6)  # 4 points above the set before
    assert dialogs.asked == [(Status.PAUSED, [2, 6])]
    assert view.session.engine.state().status is Status.PAUSED
    assert view.record.outcome is None
    assert view.checked_note.isVisible()
    assert "press Space to go on" in view.checked_note.text()
    assert "PAUSED" in view.banner.text()
    press(view, Qt.Key.Key_Space)
    assert view.session.engine.state().status is Status.RUNNING
    assert not view.checked_note.isVisible()


def test_a_tear_reported_after_a_ten_stops_the_session_and_says_what_to_do(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, store: History
) -> None:
    view, clock = make_view(qtbot, THREE_SETS, store=store)
    dialogs = Dialogs(monkeypatch, tear=True)
    reported: list[tuple[str, Outcome | None]] = []
    view.session.red_flag.connect(lambda flag: reported.append((flag.id, view.record.outcome)))
    view.start()
    rest_after(view, clock, 0)
    view.pain_panel.buttons[10].click()
    assert [status for status, _ in dialogs.asked] == [Status.PAUSED]
    assert reported == [("rupture", None)]  # said at once, before the session ends
    assert view.record.outcome is Outcome.STOPPED
    assert view.record.reason == RUPTURE.reason
    assert dialogs.shown == [RUPTURE]
    assert view.pages.currentWidget() is view.summary
    row = store.sessions.sessions()[0]
    assert (row.status, row.reason, row.sets_done) == (
        SessionStatus.STOPPED,
        "red flag: rupture",
        1,
    )


def test_the_last_sets_rating_asks_about_a_tear_too(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot)
    dialogs = Dialogs(monkeypatch, tear=True, view=view)
    reported = dialogs.reported
    view.start()
    at(view, clock, 20)
    press(view, Qt.Key.Key_1)
    at(view, clock, 64)
    press(view, Qt.Key.Key_9)  # the last set's pain
    assert [ratings for _, ratings in dialogs.asked] == [[1, 9]]
    assert reported == ["rupture"]
    assert view.record.outcome is Outcome.STOPPED
    assert view.record.reason == "red flag: rupture"
    assert dialogs.shown == [RUPTURE]


def test_no_tear_after_the_last_set_shows_the_summary(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot)
    dialogs = Dialogs(monkeypatch, tear=False)
    view.start()
    at(view, clock, 64)
    press(view, Qt.Key.Key_8)
    assert len(dialogs.asked) == 1
    assert view.record.outcome is Outcome.COMPLETED
    assert view.pages.currentWidget() is view.summary
    assert view.record.ratings() == [None, 8]


def test_closing_while_the_last_sets_pain_is_asked_saves_the_session_as_completed(
    qtbot: QtBot, store: History
) -> None:
    view, clock = make_view(qtbot, store=store)
    view.start()
    at(view, clock, 64)
    view.close()  # the app quit before the rating
    (row,) = store.sessions.sessions()
    assert (row.status, row.seconds, row.sets_done) == (SessionStatus.COMPLETED, 63.0, 2)


def test_a_high_pain_given_later_on_the_summary_still_asks_about_a_tear(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 64)
    view.pain_panel.skip_button.click()
    assert view.pages.currentWidget() is view.summary
    dialogs = Dialogs(monkeypatch, tear=True, view=view)
    reported = dialogs.reported
    box = view.summary.table.cellWidget(0, 4)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData(3))
    assert dialogs.asked == []  # 3 is no reason to ask
    box.setCurrentIndex(box.findData(9))
    assert len(dialogs.asked) == 1
    assert reported == ["rupture"]  # the program pauses, though the session is over
    assert dialogs.shown == [RUPTURE]


def test_a_red_flag_is_reported_once_even_when_the_summary_ratings_change(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot)
    dialogs = Dialogs(monkeypatch, tear=True, view=view)
    reported = dialogs.reported
    view.start()
    at(view, clock, 64)
    press(view, Qt.Key.Key_9)  # the last set: a tear reported, the session stopped
    assert reported == ["rupture"]
    box = view.summary.table.cellWidget(0, 4)
    assert isinstance(box, QComboBox)
    for pain in (8, 9, 10):
        box.setCurrentIndex(box.findData(pain))
    assert reported == ["rupture"]
    assert len(dialogs.asked) == 1


def test_a_refused_set_is_saved_with_its_pain_once_the_disk_takes_writes_again(
    qtbot: QtBot, store: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot, store=store)
    view.start()
    journal = view.session.journal
    assert isinstance(journal, SessionJournal)
    real_insert = journal._insert

    def full(_row: object) -> None:
        raise StorageError("Could not save set 1 (right leg): the disk is full.")

    monkeypatch.setattr(journal, "_insert", full)
    at(view, clock, 20)  # set 1 ends: refused
    press(view, Qt.Key.Key_4)  # its pain: refused too, kept with it
    assert view.session.unsaved == [
        view.session.set_words(0),
        f"the pain of {view.session.set_words(0)}",
    ]
    monkeypatch.setattr(journal, "_insert", real_insert)  # room again
    at(view, clock, 64)  # the next save (set 2) tries what waits first
    press(view, Qt.Key.Key_2)
    assert view.session.unsaved == []
    assert view.save_notice.text().startswith("Saved after all")
    sets = store.sessions.sets(store.sessions.sessions()[0].id)
    assert [(s.position, s.pain) for s in sets] == [(0, 4), (1, 2)]
    assert view.summary.saved.text().startswith("Saved.")


def test_what_stays_unsaved_can_be_written_to_a_file_elsewhere(
    qtbot: QtBot, store: History, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    view, clock = saving_refused(qtbot, store, monkeypatch)
    at(view, clock, 20)
    press(view, Qt.Key.Key_3)
    view.session.end_early()
    assert view.summary.save_copy_button.isVisibleTo(view.summary)
    target = tmp_path / "usb" / "copy.json"
    target.parent.mkdir()
    monkeypatch.setattr(SaveCopy, "ask", classmethod(lambda *_a: target))
    view.summary.save_copy_button.click()
    copy = json.loads(target.read_text())
    assert copy["not_saved"] == [
        view.session.set_words(0),
        f"the pain of {view.session.set_words(0)}",
    ]
    assert [(s["set"], s["side"], s["pain"]) for s in copy["sets"]] == [(1, "right", 3)]
    assert view.summary.saved.text() == f"A copy of this session is in {target}."
    view.summary.done_button.click()  # the first Done stays and says so
    assert view.summary.saved.text().endswith("Press Done again to leave without it.")
    with qtbot.waitSignal(view.closed):
        view.summary.done_button.click()


def test_a_newer_rating_replaces_one_that_waits_and_is_never_written_over(
    qtbot: QtBot, store: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot, store=store)
    view.start()
    journal = view.session.journal
    assert journal is not None
    at(view, clock, 20)  # set 1 saved
    calls: list[int | None] = []
    real_rate = journal.rate

    def flaky(position: int, pain: int | None) -> None:
        calls.append(pain)
        if len(calls) == 1:  # the disk refuses the first rating only ("database is locked")
            raise StorageError("Could not save the pain rating: database is locked.")
        real_rate(position, pain)

    monkeypatch.setattr(journal, "rate", flaky)
    press(view, Qt.Key.Key_5)  # refused: waits
    press(view, Qt.Key.Key_3)  # the user's latest word: replaces the 5 that waits
    at(view, clock, 64)
    press(view, Qt.Key.Key_2)  # a later save: nothing old is retried over the 3
    assert view.session.unsaved == []
    assert calls == [5, 3, 2]
    sets = store.sessions.sets(store.sessions.sessions()[0].id)
    assert [(s.position, s.pain) for s in sets] == [(0, 3), (1, 2)]


# -- the sound, through the page's own keys and buttons -------------------------------
def test_space_and_skip_move_the_sound_with_the_screen(qtbot: QtBot) -> None:
    player = FakePlayer()
    view = show_active(
        qtbot, WorkoutView(WorkoutSession(timeline(plan(JONSSON, SETTINGS)), player))
    )
    view.start_button.click()
    player.clock.advance(9.5)
    view.session.poll()
    press(view, Qt.Key.Key_Space)
    assert player.paused
    assert view.banner.text().endswith("PAUSED")
    player.clock.advance(60)  # a long pause: neither sound nor screen moves
    press(view, Qt.Key.Key_Space)
    assert not player.paused
    view.skip_button.click()  # the rest of set 1: to its end at 19 s
    assert player.position == pytest.approx(19)
    assert view.session.engine.state().elapsed == pytest.approx(19)
    view.mute_button.click()
    assert player.muted
    view.volume.setValue(40)
    assert player.volume == pytest.approx(0.4)
    view.close()
    assert player.stopped
