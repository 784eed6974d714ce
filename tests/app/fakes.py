"""A player for tests: a manual clock, and a record of what was done to the sound."""

from __future__ import annotations

from coach.domain.clock import ManualClock


class FakePlayer:
    """Plays nothing, but keeps the track's read position as a real player would.

    `now()` is the manual clock. `position` is where the sound would be in the track:
    it moves while playing (not while paused or stopped) and by each jump, so after
    any command it must equal the session's elapsed seconds.
    """

    audible = True

    def __init__(self, clock: ManualClock | None = None) -> None:
        self.clock = clock if clock is not None else ManualClock()
        self.muted = False
        self.volume = 1.0
        self.playing = False
        self.paused = False
        self.stopped = False
        self.jumps: list[float] = []
        self.failure: str | None = None  # what problem() says
        self._position = 0.0
        self._since = 0.0  # the clock when the sound last began to move

    def now(self) -> float:
        return self.clock.now()

    @property
    def position(self) -> float:
        moving = self.clock.now() - self._since if self.playing and not self.paused else 0.0
        return self._position + moving

    def _hold(self) -> None:
        self._position = self.position
        self._since = self.clock.now()

    def start(self) -> None:
        self.playing, self.paused, self.stopped = True, False, False
        self._position, self._since = 0.0, self.clock.now()

    def pause(self) -> None:
        self._hold()
        self.paused = True

    def resume(self) -> None:
        self._hold()
        self.paused = False

    def stop(self) -> None:
        self._hold()
        self.playing, self.stopped = False, True

    def jump(self, seconds: float) -> None:
        self._hold()
        self._position += seconds
        self.jumps.append(seconds)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def problem(self) -> str | None:
        return self.failure
