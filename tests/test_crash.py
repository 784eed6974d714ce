"""A workout killed mid-session loses no set it had confirmed (issue 4, point 2).

A child process runs a session through the same journal the workout view uses and
prints a line each time a set is saved. It is killed with SIGKILL (no clean-up of
any kind), and a fresh start of the app must find every confirmed set and offer
to resume at the next one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.storage.store import SessionRow
from coach.ui.data import ResumeSession
from coach.ui.main_window import MainWindow

CHILD = """
import sys, time
from pathlib import Path
from coach.domain.plan import plan
from coach.domain.protocols import ALFREDSON
from coach.domain.record import SessionRecord
from coach.domain.settings import Settings
from coach.domain.timeline import timeline
from coach.storage.store import Store

store = Store.open(Path(sys.argv[1]))
tl = timeline(plan(ALFREDSON, Settings()))
journal = store.journal(tl)
journal.begin()
print("session", journal.id, flush=True)
record = SessionRecord(tl)
for span in tl.spans:
    journal.set_started(span.index)
    journal.add(record.add_completed(span))
    journal.rate(span.index, span.index % 11)
    print("saved", span.index, flush=True)  # what the screen would now call saved
    time.sleep(0.05)
time.sleep(60)  # never finishes on its own: it is killed before
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
@pytest.mark.parametrize("kill_after", [1, 4])
def test_every_confirmed_set_survives_sigkill_and_the_next_start_offers_to_resume(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kill_after: int
) -> None:
    folder = tmp_path / "data"
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder)], stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        session_id = child.stdout.readline().split()[1]
        confirmed: list[int] = []
        while len(confirmed) < kill_after:
            confirmed.append(int(child.stdout.readline().split()[1]))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    offered: list[SessionRow] = []

    def ask(_cls: object, _parent: object, row: SessionRow, _planned: int) -> None:
        offered.append(row)

    monkeypatch.setattr(ResumeSession, "ask", classmethod(ask))
    window = MainWindow(folder)
    qtbot.addWidget(window)
    window.open_data()  # what the app does right after its first paint
    store = window.store
    assert store is not None
    (row,) = offered
    assert row.id == session_id
    assert row.status == "in progress"
    saved = store.sets(session_id)
    positions = [s.position for s in saved]
    assert positions[: len(confirmed)] == confirmed  # each confirmed set is there...
    assert positions == list(range(len(positions)))  # ...and nothing half-written
    assert [s.pain for s in saved[: len(confirmed)]] == [i % 11 for i in confirmed]
    store.close()
