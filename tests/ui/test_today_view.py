from __future__ import annotations

from pytestqt.qtbot import QtBot

from coach.domain.protocols import ALFREDSON, JONSSON
from coach.domain.settings import Injured
from coach.domain.summary import PlanSummary, RepSequence, Step
from coach.ui.today_view import TodayView, summary_html


def make_view(qtbot: QtBot) -> TodayView:
    view = TodayView()
    qtbot.addWidget(view)
    return view


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
