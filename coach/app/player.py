"""The sound a session plays, which is also its clock.

With sound, the player's `now()` is the sound played so far, so the screen follows
what is heard; without it (sound off, no device, no sound library) a `SilentPlayer`
reads the monotonic clock and every sound command does nothing. Tests pass a player
of their own on a manual clock (tests/app/fakes.py).
"""

from __future__ import annotations

from typing import Protocol

from coach.domain.clock import Clock, MonotonicClock


class Player(Protocol):
    """What a session asks of its sound (`coach.audio.player.AudioPlayer` is one)."""

    def now(self) -> float:
        """Seconds since an arbitrary origin; never decreases (the session's clock)."""
        ...

    @property
    def audible(self) -> bool:
        """True when there is sound to mute or turn down."""
        ...

    @property
    def muted(self) -> bool: ...
    @property
    def volume(self) -> float: ...
    def start(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def stop(self) -> None: ...
    def jump(self, seconds: float) -> None:
        """Move the sound forward by `seconds`, as the session's timeline just did."""
        ...

    def set_muted(self, muted: bool) -> None: ...  # noqa: FBT001 - a Qt-style setter
    def set_volume(self, volume: float) -> None: ...
    def problem(self) -> str | None:
        """What went wrong with the sound output, if anything."""
        ...


class SilentPlayer:
    """No sound: the monotonic clock (or the one given) runs the session on screen alone."""

    audible = False
    muted = False
    volume = 0.0

    def __init__(self, clock: Clock | None = None) -> None:
        self._clock = clock if clock is not None else MonotonicClock()

    def now(self) -> float:
        return self._clock.now()

    def start(self) -> None:
        pass

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def jump(self, seconds: float) -> None:
        pass

    def set_muted(self, muted: bool) -> None:  # noqa: FBT001 - as Player's
        pass

    def set_volume(self, volume: float) -> None:
        pass

    def problem(self) -> str | None:
        return None
