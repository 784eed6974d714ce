"""Hand-made histories for the pain-monitoring rules' tests: days counted from START."""

from __future__ import annotations

from datetime import date, timedelta

from coach.domain.advice import History, Morning, SessionPain

START = date(2026, 9, 7)


def day(n: int) -> date:
    return START + timedelta(days=n)


def session(n: int, *pains: int | None, load: float = 0.0, complete: bool = True) -> SessionPain:
    return SessionPain(day(n), load, tuple(pains), complete)


def mornings(*pains: int | None, first: int = 0) -> list[Morning]:
    return [Morning(day(first + i), p, None) for i, p in enumerate(pains)]


def history(today: int, **kw: object) -> History:
    return History(today=day(today), start=START, **kw)  # type: ignore[arg-type]  # test helper


def settled(today: int = 10, load: float = 5.0, **kw: object) -> History:
    """A week at `load` without pain and settled mornings: the load may go up."""
    sessions = [session(n, 0, 1, 0, load=load) for n in range(today)]
    ms = [Morning(day(n), 1, 5) for n in range(today + 1)]
    values: dict[str, object] = {"sessions": sessions, "mornings": ms, **kw}
    return history(today, **values)
