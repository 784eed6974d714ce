from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from coach.domain.clock import ManualClock
from coach.domain.engine import Status
from coach.domain.plan import plan
from coach.domain.protocols import ALFREDSON, JONSSON, Protocol
from coach.domain.record import Outcome, SessionRecord
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import CueKind, timeline
from coach.storage.schema import StorageError
from coach.storage.store import Store
from coach.ui.workout_dialogs import ConfirmStop, RedFlagDialog
from coach.ui.workout_view import WorkoutView
from tests.helpers import WallClock

# Jonsson, right side, 2 reps: get ready 0-5 s; rep 1: up 5-7, shift 7-8, lower 8-11,
# reset 11-12; rep 2: 12-19; set 1 ends at 19 s; rest 19-49 s; set 2 from 49 s.
SETTINGS = Settings(injured=Injured.RIGHT, reps=2, sets=2, rest_seconds=30)


def make_view(
    qtbot: QtBot,
    settings: Settings = SETTINGS,
    protocol: Protocol = JONSSON,
    notice: str = "",
    *,
    store: Store | None = None,
    resume: str | None = None,
) -> tuple[WorkoutView, ManualClock]:
    """A view on a fake clock; with `store`, it saves (resuming session `resume`)."""
    clock = ManualClock()
    tl = timeline(plan(protocol, settings))
    journal, done = None, []
    if store is not None and resume is not None:
        journal, _row, sets = store.resume(resume)
        tl, done = journal.timeline, [s.result() for s in sets]
    elif store is not None:
        journal = store.journal(tl)
    view = WorkoutView(tl, clock, None, notice, journal=journal, done=done)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    with qtbot.waitActive(view):  # key presses reach shortcuts in the active window only
        view.show()
        view.activateWindow()
    view.setFocus()
    return view, clock


def press(view: WorkoutView, key: Qt.Key) -> None:
    """A key press as the window system delivers it: Qt 6 matches shortcuts only there."""
    window = view.windowHandle()
    assert window is not None
    QTest.keyClick(window, key)


def at(view: WorkoutView, clock: ManualClock, seconds: float) -> None:
    """Move the fake clock to `seconds` of session time and let the view draw."""
    clock.advance(seconds - view.engine.state().elapsed)
    view.refresh()


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


def test_after_a_set_the_rest_asks_for_pain_and_keys_rate_it(qtbot: QtBot) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 18.9)
    assert not view.pain_panel.isVisible()
    at(view, clock, 20)
    assert view.instruction.text() == "Rest 30 s"
    assert "Next: set 2 of 2" in view.detail.text()
    assert view.pain_panel.isVisible()
    assert "set 1 (right leg)" in view.pain_panel.question.text()
    press(view, Qt.Key.Key_4)
    assert view.record.ratings() == [4]
    assert "4: acceptable (3-5)." in view.pain_panel.zone_label.text()
    press(view, Qt.Key.Key_T)
    assert view.record.ratings() == [10]
    assert view.pain_panel.offer.isVisible()  # a 10 offers to end the session
    at(view, clock, 30)
    assert view.metronome.caption == "19 s"  # the rest keeps counting while rating


def test_an_unrated_set_stays_not_rated_and_is_rated_in_the_summary(qtbot: QtBot) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 25)
    at(view, clock, 50)  # set 2 started, set 1 never rated
    assert not view.pain_panel.isVisible()
    at(view, clock, 64)
    assert view.engine.state().status is Status.FINISHED
    assert view.record.ratings() == [None, None]
    assert view.pages.currentWidget() is view.summary
    assert view.summary.heading.text() == "Session complete"
    assert "2 of 2 sets done (right: 4 reps)" in view.summary.facts.text()
    box = view.summary.table.cellWidget(0, 4)
    assert isinstance(box, QComboBox)
    assert box.currentText() == "not rated"
    box.setCurrentIndex(box.findData(3))
    assert view.record.ratings() == [3, None]


def test_too_much_twice_offers_to_end_and_ending_keeps_the_sets(qtbot: QtBot) -> None:
    settings = Settings(injured=Injured.LEFT, reps=1, sets=3, rest_seconds=20)
    view, clock = make_view(qtbot, settings)
    view.start()
    first_end = view.timeline.spans[0].end_ms / 1000
    at(view, clock, first_end + 1)
    view.pain_panel.buttons[6].click()
    assert not view.pain_panel.offer.isVisible()
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
    assert view.engine.state().status is Status.PAUSED
    assert "PAUSED" in view.banner.text()
    assert view.pause_button.text() == "Resume (Space)"
    clock.advance(100)
    view.refresh()
    assert view.instruction.text() == "UP on your LEFT leg"
    press(view, Qt.Key.Key_Space)
    clock.advance(1.5)  # session time 7.5 s: the 100 s paused do not count
    view.refresh()
    assert view.instruction.text() == "Onto your RIGHT toes"


def test_skip_set_abandons_the_set_and_rests(qtbot: QtBot) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 9)
    view.skip_button.click()
    assert view.instruction.text() == "Rest 30 s"
    assert view.engine.state().skipped == {0}
    assert not view.pain_panel.isVisible()  # nothing to rate: the set was not done


def test_stop_asks_first(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 6)
    answers = iter([False, True])
    monkeypatch.setattr(ConfirmStop, "ask", classmethod(lambda cls, parent: next(answers)))
    press(view, Qt.Key.Key_Escape)
    assert view.engine.state().status is Status.RUNNING
    press(view, Qt.Key.Key_Escape)
    assert view.engine.state().status is Status.ABORTED
    assert view.record.outcome is Outcome.STOPPED
    assert view.summary.heading.text() == "Session stopped"


def test_something_wrong_pauses_and_records_the_red_flag(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 6)
    seen: list[Status] = []

    def report(cls: type[RedFlagDialog], parent: WorkoutView) -> str:
        seen.append(parent.engine.state().status)
        return "rupture"

    monkeypatch.setattr(RedFlagDialog, "ask", classmethod(report))
    view.wrong_button.click()
    assert seen == [Status.PAUSED]
    assert view.record.outcome is Outcome.STOPPED
    assert view.record.reason == "red flag: rupture"
    assert "rupture" in view.summary.facts.text()


def test_carrying_on_after_something_wrong_keeps_the_session_paused(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot)
    view.start()
    at(view, clock, 6)
    monkeypatch.setattr(RedFlagDialog, "ask", classmethod(lambda cls, parent: None))
    view.wrong_button.click()
    assert view.engine.state().status is Status.PAUSED
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
    assert dialog.chosen() == "rupture"


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
    assert view._timer.isActive()
    assert view._timer.interval() == 750
    at(view, clock, 8.5)  # lowering: frames at 30 per second
    assert view._timer.interval() <= 34
    view.toggle_pause()
    assert not view._timer.isActive()


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
    qtbot: QtBot, store: Store, wall: WallClock
) -> None:
    view, clock = make_view(qtbot, store=store)
    assert store.count_sessions() == 0  # nothing is written before Start
    view.start()
    (row,) = store.interrupted()
    assert row.status == "in progress"
    at(view, clock, 6)  # set 1 under way
    wall.advance(seconds=14)
    at(view, clock, 20)
    (saved,) = store.sets(row.id)
    assert (saved.position, saved.reps, saved.pain) == (0, 2, None)
    assert (saved.started, saved.finished) == (
        "2026-11-21T08:00:00+01:00", "2026-11-21T08:00:14+01:00"
    )  # fmt: skip
    press(view, Qt.Key.Key_3)
    assert store.sets(row.id)[0].pain == 3
    at(view, clock, 70)  # the end
    assert [s.position for s in store.sets(row.id)] == [0, 1]
    box = view.summary.table.cellWidget(1, 4)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData(2))
    assert [s.pain for s in store.sets(row.id)] == [3, 2]
    assert view.summary.saved.text().startswith("Saved.")
    QTest.keyClicks(view.summary.note, "good day")
    view.summary.done_button.click()
    done = store.session(row.id)
    assert (done.status, done.note) == ("completed", "good day")
    assert done.seconds == view.timeline.duration_ms / 1000


def test_a_set_that_cannot_be_saved_is_reported_and_the_workout_goes_on(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, clock = make_view(qtbot, store=store)
    view.start()
    assert view.journal is not None

    def full(*_args: object) -> None:
        raise StorageError("Could not save set 1 (right leg): the disk is full.")

    monkeypatch.setattr(view.journal, "add", full)
    at(view, clock, 20)
    assert view.save_notice.isVisible()
    assert "the disk is full" in view.save_notice.text()
    assert view.pain_panel.isVisible()  # the workout carries on
    assert len(view.record.sets) == 1  # and keeps the set on screen
    view.end_early()
    assert view.summary.saved.text().startswith("Not all saved.")


def test_an_interrupted_session_resumes_at_its_next_set(
    qtbot: QtBot, store: Store, wall: WallClock
) -> None:
    first, clock = make_view(qtbot, store=store)
    first.start()
    at(first, clock, 20)  # set 1 saved; then the app "dies"
    assert first.journal is not None
    sid = first.journal.id
    assert sid is not None
    first.close()
    view, clock = make_view(qtbot, store=store, resume=sid)
    view.start()
    state = view.engine.state()
    assert state.phase is CueKind.REST  # the rest before set 2, in full
    assert state.elapsed == view.timeline.spans[0].end_ms / 1000
    assert view.set_label.text() == "Set 2 of 2"
    at(view, clock, 70)
    assert [s.position for s in store.sets(sid)] == [0, 1]
    assert "2 of 2 sets done" in view.summary.facts.text()  # the earlier set counts
    assert store.session(sid).status == "completed"


def test_without_a_history_the_session_says_it_is_not_saved(qtbot: QtBot) -> None:
    view, _clock = make_view(qtbot)
    assert view.save_notice.isVisible()
    assert "will not be saved" in view.save_notice.text()
    view.start()
    view.end_early()
    assert view.summary.saved.text().startswith("Not saved")
