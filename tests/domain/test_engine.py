from __future__ import annotations

from typing import Any

import pytest
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from coach.domain.clock import ManualClock
from coach.domain.engine import Engine, InvalidCommandError, Status
from coach.domain.plan import plan
from coach.domain.protocols import ALFREDSON, JONSSON, Protocol
from coach.domain.settings import Injured, Settings, Side
from coach.domain.timeline import CueKind, timeline
from tests.helpers import examples


def engine_for(protocol: Protocol = JONSSON, **kw: Any) -> tuple[Engine, ManualClock]:
    clock = ManualClock(1000.0)  # an arbitrary origin: the engine only uses differences
    tl = timeline(plan(protocol, Settings(**kw)))
    return Engine(tl, clock), clock


def test_before_start_it_is_ready_at_the_first_phase() -> None:
    engine, clock = engine_for()
    clock.advance(50)
    state = engine.state()
    assert state.status is Status.READY
    assert state.elapsed == 0
    assert state.phase is CueKind.GET_READY


def test_state_follows_the_timeline_second_by_second() -> None:
    # Jonsson, right side: 5 s get-ready, then up 5-7, shift 7-8, lower 8-11, reset 11-12.
    engine, clock = engine_for(injured=Injured.RIGHT)
    engine.start()
    clock.advance(2)
    s = engine.state()
    assert (s.phase, s.seconds_left) == (CueKind.GET_READY, 3)
    clock.advance(3)
    s = engine.state()
    assert (s.phase, s.rep, s.set, s.side) == (CueKind.UP, 1, 1, Side.RIGHT)
    assert s.cue.text == "UP on your LEFT leg"
    clock.advance(3.5)  # 8.5 s: half a second into the lowering
    s = engine.state()
    assert s.phase is CueKind.LOWER
    assert s.beat == 1
    assert s.seconds_left == pytest.approx(2.5)
    assert s.fraction == pytest.approx(0.5 / 3)
    clock.advance(2)  # 10.5 s
    assert engine.state().beat == 3
    clock.advance(1)  # 11.5 s
    assert engine.state().phase is CueKind.RESET
    clock.advance(0.5)  # 12 s: rep 2 begins
    s = engine.state()
    assert (s.phase, s.rep) == (CueKind.UP, 2)


def test_pause_freezes_the_session_and_resume_shifts_what_is_left() -> None:
    engine, clock = engine_for()
    engine.start()
    clock.advance(6)
    engine.pause()
    before = engine.state()
    clock.advance(300)
    paused = engine.state()
    assert paused.status is Status.PAUSED
    assert paused.elapsed == before.elapsed == 6
    engine.resume()
    clock.advance(2.5)  # session time 8.5 s: the lowering, as if no pause happened
    s = engine.state()
    assert s.elapsed == pytest.approx(8.5)
    assert s.phase is CueKind.LOWER


def test_a_set_completes_when_its_last_rep_ends() -> None:
    engine, clock = engine_for(reps=2, rest_seconds=30)
    engine.start()
    span = engine.timeline.spans[0]
    clock.advance(span.end_ms / 1000 - 0.001)
    assert engine.state().completed == frozenset()
    clock.advance(0.001)
    s = engine.state()
    assert s.completed == {0}
    assert s.phase is CueKind.REST


def test_resuming_at_a_set_starts_with_the_full_rest_before_it() -> None:
    engine, clock = engine_for(protocol=ALFREDSON, reps=2, rest_seconds=30)
    spans = engine.timeline.spans
    engine.start(from_set=2)
    s = engine.state()
    assert s.elapsed == spans[1].end_ms / 1000
    assert s.phase is CueKind.REST
    assert s.completed == frozenset()  # the sets before were done by the earlier run
    assert s.skipped == frozenset()
    clock.advance((spans[2].end_ms - spans[1].end_ms) / 1000)
    assert engine.state().completed == {2}


def test_resuming_at_a_set_that_does_not_exist_is_refused() -> None:
    engine, _clock = engine_for(reps=2)
    with pytest.raises(InvalidCommandError, match="no set 99"):
        engine.start(from_set=99)
    assert engine.state().status is Status.READY


def test_skip_inside_a_set_abandons_it_and_keeps_the_rest_before_the_next() -> None:
    engine, clock = engine_for(reps=3, rest_seconds=30)
    engine.start()
    clock.advance(10)
    engine.skip_set()
    s = engine.state()
    assert s.skipped == {0}
    assert s.completed == frozenset()
    assert s.phase is CueKind.REST
    assert s.elapsed == engine.timeline.spans[0].end_ms / 1000


def test_skip_while_resting_starts_the_next_set() -> None:
    engine, clock = engine_for(reps=2, rest_seconds=60)
    engine.start()
    clock.advance(engine.timeline.spans[0].end_ms / 1000 + 5)
    engine.skip_set()
    s = engine.state()
    assert s.elapsed == engine.timeline.spans[1].start_ms / 1000
    assert (s.phase, s.set) == (CueKind.UP, 2)
    assert s.completed == {0}
    assert s.skipped == frozenset()


def test_skipping_the_last_set_finishes_the_session_and_never_goes_past_its_end() -> None:
    engine, clock = engine_for(reps=1, sets=1)
    engine.start()
    clock.advance(6)
    engine.skip_set()
    s = engine.state()
    assert s.status is Status.FINISHED
    assert s.elapsed == engine.timeline.duration_ms / 1000
    assert s.remaining == 0
    with pytest.raises(InvalidCommandError):
        engine.skip_set()


def test_running_to_the_end_finishes_with_every_set_complete() -> None:
    engine, clock = engine_for(protocol=ALFREDSON, injured=Injured.BOTH, reps=1, sets=1)
    engine.start()
    clock.advance(10_000)
    s = engine.state()
    assert s.status is Status.FINISHED
    assert s.phase is CueKind.DONE
    assert s.completed == {0, 1, 2, 3}
    assert s.elapsed == engine.timeline.duration_ms / 1000
    assert s.remaining == 0
    with pytest.raises(InvalidCommandError):
        engine.pause()


def test_finish_ends_early_and_keeps_what_was_done() -> None:
    engine, clock = engine_for(reps=1, rest_seconds=10)
    engine.start()
    clock.advance(engine.timeline.spans[1].end_ms / 1000 + 1)
    engine.finish()
    clock.advance(500)
    s = engine.state()
    assert s.status is Status.FINISHED
    assert s.completed == {0, 1}
    assert s.remaining > 0


@pytest.mark.parametrize("command", ["start", "pause", "resume", "skip_set", "finish", "abort"])
def test_an_aborted_session_takes_no_command(command: str) -> None:
    engine, clock = engine_for()
    engine.start()
    clock.advance(7)
    engine.abort()
    before = engine.state()
    with pytest.raises(InvalidCommandError):
        getattr(engine, command)()
    assert engine.state() == before
    assert before.status is Status.ABORTED


def test_commands_out_of_order_are_refused() -> None:
    engine, _ = engine_for()
    for command in (engine.pause, engine.resume, engine.skip_set, engine.finish):
        with pytest.raises(InvalidCommandError):
            command()
    engine.start()
    with pytest.raises(InvalidCommandError):
        engine.start()
    with pytest.raises(InvalidCommandError):
        engine.resume()


class EngineMachine(RuleBasedStateMachine):
    """Any sequence of commands and clock moves keeps the engine's promises.

    Beside the engine runs a model that knows only what the user did: the session's
    elapsed time is the time spent running (never paused time) plus the jumps that
    skips made, each jump found from the timeline's sets as `Engine.skip_set` promises
    (inside a set: to its end; before one: to its start; after the last: to the end).
    The model also says which commands the engine must accept.

    The clock moves in quarter seconds, and the timeline's times are whole seconds, so
    every time is exact in binary floating point: the model and the engine can be
    compared with ==, and the rules meet the boundaries (a skip at the very second a
    set ends) exactly rather than a rounding error to either side.
    """

    def __init__(self) -> None:
        super().__init__()
        # A short session (2 exercises x 2 sides x 1 set of 2 reps: 82 s), so that
        # random runs often reach its end as well as its middle.
        self.engine, self.clock = engine_for(
            protocol=ALFREDSON, injured=Injured.BOTH, reps=2, sets=1, rest_seconds=5,
            get_ready_seconds=3,
        )  # fmt: skip
        self.last = self.engine.state()
        self.ended = False
        timeline = self.engine.timeline
        self.duration = timeline.duration_ms / 1000
        self.sets = [(span.start_ms / 1000, span.end_ms / 1000) for span in timeline.spans]
        # The model: the status the user's commands led to, and the session seconds
        # run (pauses left out) plus those jumped; ended: frozen by finish or abort.
        self.model = Status.READY
        self.run = 0.0
        self.jumps = 0.0
        self.frozen: float | None = None
        self.model_skipped: set[int] = set()
        self.first_set = 0  # the sets before it were done in an earlier, interrupted run

    # -- the model ------------------------------------------------------------
    def model_status(self) -> Status:
        if self.model is Status.RUNNING and self.run + self.jumps >= self.duration:
            return Status.FINISHED  # ran to the end
        return self.model

    def model_elapsed(self) -> float:
        if self.frozen is not None:
            return self.frozen
        return min(self.duration, self.run + self.jumps)

    def model_skip(self) -> None:
        elapsed = self.run + self.jumps
        for index, (start, end) in enumerate(self.sets):
            if start <= elapsed < end:  # inside a set: abandon it, keep the rest after it
                self.model_skipped.add(index)
                self.jumps += end - elapsed
                return
            if elapsed < start:  # getting ready or resting: the set starts now
                self.jumps += start - elapsed
                return
        self.jumps += self.duration - elapsed  # after the last set: the end

    def _command(self, name: str, allowed: set[Status], *args: int) -> bool:
        """Run the command; True if it was accepted. The model says whether it must be."""
        status = self.model_status()
        assert self.engine.state().status is status
        before = self.engine.state()
        if status in allowed:
            getattr(self.engine, name)(*args)
            return True
        with pytest.raises(InvalidCommandError):
            getattr(self.engine, name)(*args)
        assert self.engine.state() == before
        return False

    # -- the rules ------------------------------------------------------------
    @rule(quarters=st.integers(0, 400))
    def advance(self, quarters: int) -> None:
        seconds = quarters / 4
        self.clock.advance(seconds)
        if self.model is Status.RUNNING:  # paused time does not count
            self.run += seconds

    @rule(from_set=st.sampled_from([0, 0, 0, 1, 2, 3, -1, 4]))
    def start(self, from_set: int) -> None:
        if not 0 <= from_set < len(self.sets):  # no such set: refused whatever the status
            before = self.engine.state()
            with pytest.raises(InvalidCommandError):
                self.engine.start(from_set)
            assert self.engine.state() == before
            return
        if self._command("start", {Status.READY}, from_set):
            self.model = Status.RUNNING
            # A resumed session begins where the set before it ended: a jump.
            self.jumps = self.sets[from_set - 1][1] if from_set else 0.0
            self.first_set = from_set

    @rule()
    def pause(self) -> None:
        if self._command("pause", {Status.RUNNING}):
            self.model = Status.PAUSED

    @rule()
    def resume(self) -> None:
        if self._command("resume", {Status.PAUSED}):
            self.model = Status.RUNNING

    @rule()
    def skip_set(self) -> None:
        if self._command("skip_set", {Status.RUNNING, Status.PAUSED}):
            self.model_skip()

    @rule()
    def finish(self) -> None:
        elapsed = self.model_elapsed()
        if self._command("finish", {Status.RUNNING, Status.PAUSED}):
            self.model, self.frozen = Status.FINISHED, elapsed

    @rule()
    def abort(self) -> None:
        elapsed = self.model_elapsed()
        if self._command("abort", {Status.READY, Status.RUNNING, Status.PAUSED}):
            self.model, self.frozen = Status.ABORTED, elapsed

    @precondition(lambda self: self.ended)
    @rule(name=st.sampled_from(["start", "pause", "resume", "skip_set", "finish", "abort"]))
    def an_ended_session_accepts_nothing(self, name: str) -> None:
        self._command(name, set())

    # -- the invariants ---------------------------------------------------------
    @invariant()
    def elapsed_is_running_time_plus_the_jumps(self) -> None:
        state = self.engine.state()
        assert state.status is self.model_status()
        assert state.elapsed == self.model_elapsed()
        assert state.skipped == self.model_skipped
        # A set is complete once the session passed its end, unless skipped or done before.
        done = {
            i for i, (_, end) in enumerate(self.sets)
            if end <= self.model_elapsed() and i >= self.first_set and i not in self.model_skipped
        }  # fmt: skip
        assert state.completed == done

    @invariant()
    def promises_hold(self) -> None:
        state = self.engine.state()
        duration = self.engine.timeline.duration_ms / 1000
        # Session time never runs backwards and never passes the end.
        assert state.elapsed >= self.last.elapsed
        assert 0 <= state.elapsed <= duration
        assert state.remaining == pytest.approx(duration - state.elapsed)
        # Completed sets stay completed; a skipped set is never complete.
        assert state.completed >= self.last.completed
        assert state.skipped >= self.last.skipped
        assert not state.completed & state.skipped
        # A finished or aborted session stays that way.
        if self.last.status.is_over:
            assert state.status is self.last.status
            assert state.elapsed == self.last.elapsed
        assert 0 <= state.fraction <= 1
        assert state.seconds_left >= 0
        self.ended = state.status.is_over
        self.last = state


EngineMachine.TestCase.settings = hsettings(max_examples=examples(300), stateful_step_count=40)
TestEngineMachine = EngineMachine.TestCase
