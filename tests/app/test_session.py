"""The running session without a widget: a fake player on a manual clock."""

from __future__ import annotations

import pytest

from coach.app.session import NoJournal, WorkoutSession
from coach.domain.engine import Status
from coach.domain.plan import plan
from coach.domain.protocols import JONSSON
from coach.domain.record import Outcome, SessionRecord, SetResult
from coach.domain.red_flags import CALF, RUPTURE, RedFlag
from coach.domain.settings import Injured, Settings
from coach.domain.timeline import timeline
from coach.storage.schema import StorageError
from tests.app.fakes import FakePlayer

pytestmark = pytest.mark.usefixtures("qapp")  # the session's timer needs an application

# Jonsson, right side, 2 reps: get ready 0-5 s; set 1 ends at 19 s; rest 19-49 s; set 2
# 49-63 s.
SETTINGS = Settings(injured=Injured.RIGHT, reps=2, sets=2, rest_seconds=30)
TIMELINE = timeline(plan(JONSSON, SETTINGS))
SET_1_END = TIMELINE.spans[0].end_ms / 1000
SET_2_START = TIMELINE.spans[1].start_ms / 1000
END = TIMELINE.duration_ms / 1000


class Journal:
    """A journal in memory that refuses writes while `full`."""

    keeps = True

    def __init__(self, *, begun: bool = False) -> None:
        self.begun = begun
        self.full = False
        self.written: list[tuple[object, ...]] = []

    def _do(self, *what: object) -> None:
        if self.full:
            raise StorageError("Could not save: the disk is full.")
        self.written.append(what)

    def begin(self) -> None:
        self._do("begin")
        self.begun = True

    def set_started(self, position: int) -> None:
        pass

    def add(self, result: SetResult) -> None:
        self._do("add", result.index, result.pain)

    def rate(self, position: int, pain: int | None) -> None:
        self._do("rate", position, pain)

    def finish(self, outcome: Outcome, seconds: float, reason: str = "") -> None:
        self._do("finish", outcome, seconds, reason)

    def note(self, text: str) -> None:
        self._do("note", text)


class Watch:
    """What the session said, signal by signal."""

    def __init__(self, session: WorkoutSession) -> None:
        self.asked: list[tuple[int, bool]] = []
        self.flags: list[RedFlag] = []
        self.finished: list[SessionRecord] = []
        session.pain_asked.connect(lambda i, last: self.asked.append((i, last)))
        session.red_flag.connect(self.flags.append)
        session.finished.connect(self.finished.append)


def make(
    journal: Journal | None = None, done: tuple[SetResult, ...] = ()
) -> tuple[WorkoutSession, FakePlayer, Watch]:
    player = FakePlayer()
    session = WorkoutSession(TIMELINE, player, journal, done=done)
    return session, player, Watch(session)


def at(session: WorkoutSession, player: FakePlayer, seconds: float) -> None:
    """Let the session run to `seconds` of session time, then wake it."""
    player.clock.advance(seconds - session.state().elapsed)
    session.poll()


def test_the_sound_follows_pauses_and_skips_exactly() -> None:
    session, player, _ = make()
    session.start()
    at(session, player, 7.5)
    session.toggle_pause()
    player.clock.advance(100)  # a long pause: neither the sound nor the session moves
    assert session.state().elapsed == pytest.approx(7.5)
    assert player.position == pytest.approx(7.5)
    session.toggle_pause()
    player.clock.advance(2)
    session.skip_set()  # at 9.5 s, inside set 1: to its end at 19 s
    assert session.state().elapsed == pytest.approx(SET_1_END)
    assert player.position == pytest.approx(SET_1_END)
    assert player.jumps == [pytest.approx(SET_1_END - 9.5)]
    session.skip_set()  # resting: to the start of set 2
    assert player.position == pytest.approx(SET_2_START)
    assert session.state().elapsed == pytest.approx(SET_2_START)


def test_a_skip_while_paused_moves_the_sound_as_far_as_the_session() -> None:
    session, player, _ = make()
    session.start()
    at(session, player, 3)
    session.toggle_pause()
    player.clock.advance(40)
    session.skip_set()  # getting ready: to the start of set 1, still paused
    assert session.state().status is Status.PAUSED
    assert session.state().elapsed == pytest.approx(TIMELINE.spans[0].start_ms / 1000)
    assert player.position == pytest.approx(session.state().elapsed)
    session.toggle_pause()
    player.clock.advance(1)
    assert player.position == pytest.approx(session.state().elapsed)


def test_two_pauses_both_leave_the_session_time_and_the_sound_where_they_were() -> None:
    session, player, _ = make()
    session.start()
    for pause_at in (4.0, 9.0):
        at(session, player, pause_at)
        session.toggle_pause()
        assert player.paused
        player.clock.advance(30)
        assert session.state().elapsed == pytest.approx(pause_at)
        session.toggle_pause()
        assert not player.paused
    player.clock.advance(1)
    assert session.state().elapsed == pytest.approx(10)
    assert player.position == pytest.approx(10)


def test_a_resumed_session_starts_its_sound_where_its_next_set_begins() -> None:
    first = SetResult(0, "straight", 1, SETTINGS.injured.sides[0], 2, 0.0, 3, pain=2)
    session, player, watch = make(Journal(begun=True), done=(first,))
    session.start()
    assert session.state().elapsed == pytest.approx(SET_1_END)
    assert player.position == pytest.approx(SET_1_END)
    at(session, player, END)
    assert {i for i, _last in watch.asked} == {1}  # set 1 was done before: never asked


def test_two_sets_ending_in_one_wake_up_are_both_saved_and_the_later_is_asked() -> None:
    three = timeline(
        plan(JONSSON, Settings(injured=Injured.RIGHT, reps=2, sets=3, rest_seconds=30))
    )
    journal = Journal()
    player = FakePlayer()
    session = WorkoutSession(three, player, journal)
    watch = Watch(session)
    session.start()
    player.clock.advance(three.spans[1].end_ms / 1000 + 1)  # asleep through two set ends
    session.poll()
    assert [r.index for r in session.record.sets] == [0, 1]
    assert watch.asked == [(1, False)]  # the later set's pain is the one asked
    assert session.pending == 1
    assert [w for w in journal.written if w[0] == "add"] == [("add", 0, None), ("add", 1, None)]


def test_the_last_sets_pain_is_asked_before_the_session_completes() -> None:
    journal = Journal()
    session, player, watch = make(journal)
    session.start()
    at(session, player, SET_1_END + 1)
    assert session.rate(3) is not None
    at(session, player, END + 1)
    assert watch.asked[-1] == (1, True)
    assert session.asking_last
    assert watch.finished == []
    rating = session.rate(2)
    assert rating is not None
    session.complete()
    [record] = watch.finished
    assert record.outcome is Outcome.COMPLETED
    assert record.ratings() == [3, 2]
    assert journal.written[-1] == ("finish", Outcome.COMPLETED, pytest.approx(END), "")
    assert player.stopped


def test_a_rating_says_when_to_offer_a_stop_and_when_to_ask_about_a_tear() -> None:
    session, player, _ = make()
    session.start()
    at(session, player, SET_1_END + 1)
    rating = session.rate(8)
    assert rating is not None
    assert rating.offer_stop  # more than the exercises should hurt
    assert rating.check_rupture  # 8 or more: Coach's own trigger
    calm = session.rate(2)
    assert calm is not None
    assert not calm.offer_stop


def test_a_red_flag_is_said_first_then_ends_the_session_and_is_said_once() -> None:
    session, player, watch = make()
    session.start()
    at(session, player, 6)
    outcomes: list[Outcome | None] = []
    session.red_flag.connect(lambda _f: outcomes.append(session.record.outcome))
    session.report(CALF)
    assert watch.flags == [CALF]
    assert outcomes == [None]  # said while the session still ran
    assert session.record.outcome is Outcome.STOPPED
    assert session.record.reason == CALF.reason
    session.report(RUPTURE)  # on the summary, later: never a second flag
    assert watch.flags == [CALF]


def test_refused_writes_wait_and_a_newer_rating_replaces_a_waiting_one() -> None:
    journal = Journal()
    session, player, _ = make(journal)
    session.start()
    journal.full = True
    at(session, player, SET_1_END + 1)
    session.rate(5)
    session.rate(3)  # changed its mind: only the newer rating may be written
    assert len(session.unsaved) == 2  # the set, and its latest rating only
    journal.full = False
    session.retry()
    assert session.unsaved == []
    assert session.queue.recovered
    assert [w for w in journal.written if w[0] == "rate"] == [("rate", 0, 3)]


def test_nothing_is_written_before_the_session_row() -> None:
    journal = Journal()
    journal.full = True
    session, player, _ = make(journal)
    session.start()  # the row is refused
    journal.full = False
    at(session, player, SET_1_END + 1)  # the set's write retries the row first
    assert [w[0] for w in journal.written] == ["begin", "add"]


def test_without_a_history_the_session_runs_and_keeps_nothing() -> None:
    session, player, watch = make()
    assert isinstance(session.journal, NoJournal)
    session.start()
    at(session, player, SET_1_END + 1)
    session.rate(1)
    session.stop()
    assert session.unsaved == []
    assert watch.finished[0].outcome is Outcome.STOPPED
