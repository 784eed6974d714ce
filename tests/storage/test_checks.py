"""The checks of an export's values and rows, on a made-up kind of row."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from coach.domain.settings import Side
from coach.storage import checks


@dataclass(frozen=True)
class Pair:
    name: str
    low: int
    high: int
    side: Side


def low_below_high(where: str, row: Mapping[str, Any]) -> Iterator[str]:
    """Run once high itself is right; compares only with a low that is right too."""
    low_is_right = not any(checks.whole_problems("", row["low"], 0, 9))
    if low_is_right and not row["low"] < row["high"]:
        yield checks.bad(f"{where}.high", f"more than low ({row['low']})", row["high"])


PAIR = checks.Kind(
    Pair,
    ("name", "low", "high", "side"),
    {
        "name": checks.Field(checks.text_problems),
        "low": checks.whole(0, 9),
        "high": checks.Field(checks.whole(0, 9).check, then=low_below_high),
        "side": checks.member(Side, "left or right"),
    },
    key="name",
)
GOOD = {"name": "a", "low": 1, "high": 2, "side": "left"}


@pytest.mark.parametrize(
    ("rows", "problems"),
    [
        ({}, ["the pairs: must be a list"]),
        ([GOOD, 1], ["pairs[1]: must be an object"]),
        ([{"name": "a"}], ["pairs[0]: missing low, high, side"]),
        ([{**GOOD, "b": 1, "a": 2}], ["pairs[0]: unknown a, b"]),
        ([{**GOOD, "name": 1, "low": 10}],
         ["pairs[0].name: must be text (got 1)",
          "pairs[0].low: must be a whole number from 0 to 9 (got 10)"]),
        ([{**GOOD, "high": 1}], ["pairs[0].high: must be more than low (1) (got 1)"]),
        ([{**GOOD, "high": 10}], ["pairs[0].high: must be a whole number from 0 to 9 (got 10)"]),
        ([{**GOOD, "side": "both"}], ["pairs[0].side: must be left or right (got 'both')"]),
        ([GOOD, {**GOOD, "low": 0}], ["pairs[1].name: 'a' appears twice in the file"]),
        ([GOOD, {"name": "a"}], ["pairs[1]: missing low, high, side"]),  # not counted: unread
    ],
)  # fmt: skip
def test_rows_are_checked_field_by_field_in_their_kinds_order(
    rows: object, problems: list[str]
) -> None:
    assert list(checks.rows_problems("the pairs", "pairs", rows, PAIR)) == problems


def test_rows_that_pass_are_read_as_their_dataclass() -> None:
    assert checks.read_rows([GOOD], PAIR) == (Pair("a", 1, 2, Side.LEFT),)


def test_a_value_is_shown_as_python_writes_it_cut_at_40_characters() -> None:
    assert checks.shown("x" * 100) == "'" + "x" * 36 + "..."
    assert checks.shown(None) == "None"
    assert checks.bad("at", "text", 1e308) == "at: must be text (got 1e+308)"
