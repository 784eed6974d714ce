from __future__ import annotations

import pytest

from coach.domain.plan import plan
from coach.domain.protocols import JONSSON
from coach.domain.record import Outcome, SessionRecord
from coach.domain.settings import Injured, Settings, Side
from coach.domain.timeline import timeline


def make_record() -> SessionRecord:
    return SessionRecord(timeline(plan(JONSSON, Settings(injured=Injured.BOTH, load_kg=5))))


def test_completed_sets_carry_their_dose_and_start_unrated() -> None:
    record = make_record()
    spans = record.timeline.spans
    result = record.add_completed(spans[1])
    assert (result.index, result.number, result.side, result.reps) == (1, 1, Side.RIGHT, 15)
    assert (result.load_kg, result.lower_seconds, result.pain) == (5, 3, None)


def test_rating_a_set_later_and_changing_it() -> None:
    record = make_record()
    for span in record.timeline.spans[:3]:
        record.add_completed(span)
    record.rate(0, 4)
    record.rate(2, 7)
    record.rate(0, 3)
    assert record.ratings() == [3, None, 7]
    with pytest.raises(KeyError):
        record.rate(5, 1)
    with pytest.raises(ValueError, match="0 to 10"):
        record.rate(1, 11)


def test_reps_by_side_and_finish() -> None:
    record = make_record()
    for span in record.timeline.spans[:3]:
        record.add_completed(span)
    assert record.reps_by_side() == {Side.LEFT: 30, Side.RIGHT: 15}
    record.finish(Outcome.STOPPED, 123.5, reason="rupture")
    assert (record.outcome, record.seconds, record.reason) == (Outcome.STOPPED, 123.5, "rupture")
