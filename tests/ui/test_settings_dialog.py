"""The Settings dialog: ranges from the domain, times checked, program and prefs returned."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from coach.app.prefs import Prefs, TextSize
from coach.domain.program import Program
from coach.domain.settings import LIMITS, Injured
from coach.ui.settings_dialog import SettingsDialog

PROGRAM = Program("p", date(2026, 11, 2), "alfredson", Injured.LEFT, lower_seconds=4)


def make(
    qtbot: QtBot, program: Program | None = PROGRAM, prefs: Prefs | None = None
) -> SettingsDialog:
    dialog = SettingsDialog(program, prefs or Prefs())
    qtbot.addWidget(dialog)
    return dialog


def test_the_boxes_show_the_program_and_the_prefs(qtbot: QtBot) -> None:
    dialog = make(qtbot, prefs=Prefs(volume=30, text_size=TextSize.LARGE, backups=7))
    assert (dialog.lowering.value(), dialog.rest.value(), dialog.get_ready.value()) == (4, 60, 5)
    assert dialog.morning.time() == QTime(8, 0)
    assert (dialog.volume.value(), dialog.backups.value()) == (30, 7)
    assert dialog.text_size.currentData() is TextSize.LARGE


def test_out_of_range_values_cannot_be_entered(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    for box, name in ((dialog.lowering, "lower_seconds"), (dialog.rest, "rest_seconds"),
                      (dialog.get_ready, "get_ready_seconds")):  # fmt: skip
        assert (box.minimum(), box.maximum()) == (LIMITS[name].low, LIMITS[name].high)
        box.setValue(int(LIMITS[name].high) + 5)
        assert box.value() == LIMITS[name].high
    dialog.backups.setValue(0)
    assert dialog.backups.value() == 1


def test_session_times_the_wrong_way_round_keep_ok_off(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.morning.setTime(QTime(19, 0))
    assert not dialog.ok.isEnabled()
    assert "before the second" in dialog.problem.text()
    dialog.morning.setTime(QTime(7, 15))
    assert dialog.ok.isEnabled()
    assert dialog.problem.text() == ""


def test_the_answer_is_the_changed_program_and_prefs(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.lowering.setValue(6)
    dialog.rest.setValue(90)
    dialog.evening.setTime(QTime(20, 30))
    dialog.visa.setValue(4)
    dialog.sound.setChecked(False)
    dialog.keep_in_tray.setChecked(True)
    program = dialog.program()
    assert program is not None
    assert (program.id, program.injured, program.lower_seconds, program.rest_seconds) == (
        "p", Injured.LEFT, 6, 90,
    )  # fmt: skip
    assert (program.evening, program.visa_every_weeks) == (time(20, 30), 4)
    assert dialog.prefs() == Prefs(sound=False, keep_in_tray=True)


def test_sound_off_disables_volume_and_voice(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    dialog.sound.setChecked(False)
    assert not dialog.volume.isEnabled()
    assert not dialog.voice.isEnabled()


def test_without_a_program_its_values_are_shown_as_defaults_and_locked(qtbot: QtBot) -> None:
    dialog = make(qtbot, program=None)
    assert not dialog.lowering.isEnabled()
    assert dialog.lowering.value() == 3
    assert dialog.evening.time() == QTime(18, 0)
    assert dialog.program() is None
    assert dialog.ok.isEnabled()  # the prefs can still be changed
