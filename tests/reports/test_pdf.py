"""The clinician's PDF report, read back with pypdf: a reader that owes nothing to Qt."""

from __future__ import annotations

import errno
import os
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from coach import __version__
from coach.domain import advice as advice_module
from coach.domain import dates
from coach.domain.advice import Advice, Kind
from coach.domain.plan import plan
from coach.domain.program import Program
from coach.domain.protocols import ALFREDSON, PROTOCOLS
from coach.domain.record import Outcome
from coach.domain.settings import Injured, Settings, Side
from coach.domain.timeline import timeline
from coach.domain.visa_a import VisaAnswers
from coach.reports import pdf
from coach.storage import demo
from coach.storage.history import History
from coach.storage.schema import StorageError
from coach.storage.sessions import SessionJournal
from tests.helpers import ZONE, WallClock, flag, run_sets

pytestmark = pytest.mark.usefixtures("qapp")  # Qt's fonts need a QGuiApplication

A4_POINTS = (595.3, 841.9)
TODAY = date(2026, 11, 21)  # the wall clock's day
RED_FLAG = "a snap in the heel & <b>sudden</b> pain"


def read(path: Path) -> tuple[PdfReader, list[str]]:
    """The PDF and the text of each page, spaces and ligatures made plain."""
    reader = PdfReader(path)
    pages = [
        " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
        for page in reader.pages
    ]
    return reader, pages


@pytest.fixture
def demo_store(store: History) -> History:
    """Twelve weeks of made-up history, ending yesterday; the program paused today."""
    demo.fill(store.db, 12, seed=1)
    store.programs.pause(current(store).id, flag(RED_FLAG))
    return store


def current(store: History) -> Program:
    program = store.programs.program()
    assert program is not None
    return program


def test_twelve_weeks_make_an_a4_report_of_numbered_pages(
    demo_store: History, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    summary = pdf.write_report(demo_store, target)
    reader, pages = read(target)
    assert summary.pages == len(reader.pages) > 1
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1)
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Achilles exercise report"
    assert reader.metadata.creator == f"Coach {__version__}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "report.pdf"]  # no temp left


def test_the_report_says_what_the_history_holds(demo_store: History, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    summary = pdf.write_report(demo_store, target)
    text = " ".join(read(target)[1])
    program = current(demo_store)
    assert text.startswith("Achilles exercise report")
    assert f"Period: {dates.day_month(program.start)} to 21 Nov 2026" in text
    assert f"by Coach {__version__}" in text
    assert PROTOCOLS["alfredson"].name in text
    adherence = demo_store.queries.day_plan(program, demo_store.db.now()).adherence
    assert adherence.planned == 168
    assert f"Adherence in this period: {adherence.describe()}." in text
    assert f"{adherence.done} / {adherence.planned} {adherence.percent}%" in text
    assert summary.sessions == sum(1 for s in demo_store.sessions.sessions() if s.sets_done)
    first, latest = demo_store.programs.visa()[0], demo_store.programs.visa()[-1]
    day = dates.day_month(latest.day)
    assert f"{day} {latest.score} {latest.score - first.score:+d}" in text
    note = next(s for s in demo_store.sessions.sessions() if s.note)
    when = f"{dates.day_month(note.day)} {note.started:%H:%M}"
    assert f"{when} {note.part_of_day} {note.note}" in text
    assert "The program is paused" in text
    assert f"a red flag was reported ({RED_FLAG})." in text  # as typed: not read as markup
    assert f"21 Nov 2026 08:00 {RED_FLAG} paused; still paused" in text
    assert "Coach is an exercise aid, not a diagnosis." in text
    assert PROTOCOLS["alfredson"].source in text
    assert "Robinson JM et al." in text
    assert "Silbernagel KG et al." in text


def test_the_week_by_week_table_has_a_row_per_program_week(
    demo_store: History, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    pdf.write_report(demo_store, target)
    text = " ".join(read(target)[1])
    program = current(demo_store)
    for week in range(1, 13):
        monday = program.start + timedelta(days=7 * (week - 1))
        assert f"{dates.day_month(monday)} {week} of 12 14 " in text


def test_a_date_range_limits_what_is_reported(demo_store: History, tmp_path: Path) -> None:
    first, last = date(2026, 10, 1), date(2026, 10, 31)
    whole, october = tmp_path / "whole.pdf", tmp_path / "october.pdf"
    pdf.write_report(demo_store, whole)
    summary = pdf.write_report(demo_store, october, first, last)
    assert (summary.first, summary.last) == (first, last)
    text = " ".join(read(october)[1])
    assert "Period: 1 Oct 2026 to 31 Oct 2026 (4 weeks 3 days, as asked)" in text
    slots = demo_store.queries.done_slots(current(demo_store))
    done = {s for s in slots if first <= s.day <= last}
    assert f"{len(done)} of 62 sessions done" in text  # 31 days, two sessions a day
    for v in demo_store.programs.visa():
        shown = f"{dates.day_month(v.day)} {v.score} " in text
        assert shown == (first <= v.day <= last)
    assert len(read(october)[0].pages) <= len(read(whole)[0].pages)
    assert f"{RED_FLAG} paused; still paused" not in text  # reported 21 Nov, after the range
    assert "None reported in this period." in text


def test_the_visa_a_section_shows_each_leg_and_cites_the_change_it_uses(
    store: History, tmp_path: Path, wall: WallClock
) -> None:
    progress = store.programs
    for days_ago, left, right in ((14, 4, 2), (0, 7, 3)):
        when = wall.now - timedelta(days=days_ago)
        progress.save_visa(VisaAnswers(left, left, left, left, left, left, 0, "C", 0), when,
                           Side.LEFT)  # fmt: skip
        progress.save_visa(VisaAnswers(right, right, right, right, right, right, 0, "C", 0),
                           when + timedelta(minutes=5), Side.RIGHT)  # fmt: skip
    target = tmp_path / "report.pdf"
    pdf.write_report(store, target)
    text = " ".join(read(target)[1])
    day, first_day = dates.day_month(TODAY), dates.day_month(TODAY - timedelta(days=14))
    assert f"Left leg: First score 24 on {first_day}; latest 42 on {day}, +18 from the first." in (
        text
    )
    assert f"Right leg: First score 12 on {first_day}; latest 18 on {day}, +6 from the first." in (
        text
    )
    assert "Date Leg Score (0-100) Change from first" in text
    assert f"{day} left 42 +18 +18" in text
    assert f"{day} right 18 +6 +6" in text
    # No program: the midportion figure, with its own source, never Robinson's for it.
    assert "The smallest change that matters is about 14 points for midportion pain" in text
    assert "J Orthop Sports Phys Ther 2021" in text
    assert "about 90 is usually counted as recovered (Iversen JV et al." in text
    assert "15 points" not in text
    assert "about 60 even without symptoms" in text


def test_an_insertional_program_gets_the_insertional_change(
    store: History, tmp_path: Path, wall: WallClock
) -> None:
    store.programs.start_program(Program("p", TODAY - timedelta(days=14), "jonsson", Injured.LEFT))
    store.programs.save_visa(VisaAnswers(5, 5, 5, 5, 5, 5, 4, "B", 10))
    target = tmp_path / "report.pdf"
    pdf.write_report(store, target)
    text = " ".join(read(target)[1])
    assert "The smallest change that matters is about 7 points for insertional pain" in text
    assert "McCormack J et al." in text
    assert "Date Score (0-100) Change from first" in text  # one leg: no column for it
    assert "Date Leg" not in text
    assert "Left leg:" not in text


def test_an_empty_history_gives_a_one_page_report(store: History, tmp_path: Path) -> None:
    target = tmp_path / "empty.pdf"
    summary = pdf.write_report(store, target)
    reader, pages = read(target)
    assert summary.pages == len(reader.pages) == 1
    assert "There is no data yet" in pages[0]
    assert "Period:" not in pages[0]
    assert "page 1 of 1" in pages[0]
    pdf.write_report(store, target, date(2026, 1, 1), date(2026, 1, 31))
    assert "There is no data in this period" in read(target)[1][0]


def test_check_ins_alone_make_a_report(store: History, tmp_path: Path) -> None:
    for days_ago, pain in ((3, 4), (2, 3), (1, 2)):
        store.programs.save_checkin(date(2026, 11, 21) - timedelta(days=days_ago), pain, 20)
    target = tmp_path / "mornings.pdf"
    pdf.write_report(store, target)
    text = " ".join(read(target)[1])
    assert "3 check-ins on the 3 days of the period" in text
    assert "Latest, 20 Nov 2026: pain 2/10, stiffness 20 min" in text


def test_long_notes_are_cut_and_only_the_newest_are_listed(
    demo_store: History, tmp_path: Path
) -> None:
    sessions = demo_store.sessions.sessions()  # newest first
    for i, session in enumerate(sessions[:60]):
        demo_store.sessions.set_note(session.id, f"note {i:02d}")
    long_word = "x" * 3000
    demo_store.sessions.set_note(sessions[0].id, f"see {long_word} here")
    target = tmp_path / "notes.pdf"
    pdf.write_report(demo_store, target)
    text = " ".join(read(target)[1])
    total = sum(1 for s in demo_store.sessions.sessions() if s.note)
    assert f"The newest 50 of {total} notes, newest first; {total - 50} more" in text
    assert "note 01" in text
    assert "note 49" in text
    assert "note 50" not in text
    assert "see xxxx" in text
    assert "x" * 1100 not in text.replace(" ", "")  # cut at about 1,000 characters


def test_a_failed_write_keeps_the_old_file_and_leaves_no_part(
    demo_store: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the old report")

    def full_disk(report: object, path: Path) -> int:
        path.write_bytes(b"%PDF-1.4 half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(pdf, "render", full_disk)
    with pytest.raises(StorageError, match=r"^Could not write .*report\.pdf: the disk is full"):
        pdf.write_report(demo_store, target)
    assert target.read_bytes() == b"the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "report.pdf"]


def test_a_folder_that_cannot_be_written_is_a_storage_error(store: History, tmp_path: Path) -> None:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("needs POSIX permissions that bind (not root)")
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(StorageError, match="permission denied"):
        pdf.write_report(store, folder / "r.pdf")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("environ", "platform", "offscreen"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_offscreen_only_on_linux_without_a_display(
    environ: dict[str, str], platform: str, offscreen: bool
) -> None:
    assert pdf.needs_offscreen(environ, platform) is offscreen


def test_page_one_shows_each_red_flag_and_whether_the_program_is_still_paused(
    store: History, tmp_path: Path, wall: WallClock
) -> None:
    demo.fill(store.db, 12, seed=1)  # a report of more than one page
    program_id = current(store).id
    today = wall.now
    wall.now = datetime(2026, 11, 10, 9, 15, tzinfo=ZONE)
    store.programs.pause(program_id, flag("a hot, red calf"))
    wall.now = datetime(2026, 11, 12, 18, 30, tzinfo=ZONE)
    store.programs.resume(program_id)
    wall.now = today
    store.programs.pause(program_id, flag(RED_FLAG))
    target = tmp_path / "report.pdf"
    pdf.write_report(store, target)
    _, pages = read(target)
    assert len(pages) > 1
    first = pages[0]
    assert "Red flags and pauses" in first
    assert "10 Nov 2026 09:15 a hot, red calf paused; resumed 12 Nov 2026 18:30" in first
    assert f"21 Nov 2026 08:00 {RED_FLAG} paused; still paused" in first
    assert first.index("Red flags and pauses") < first.index("Program")  # before the rest


def test_page_one_says_when_no_red_flag_was_reported(store: History, tmp_path: Path) -> None:
    demo.fill(store.db, 4, seed=2)
    target = tmp_path / "report.pdf"
    pdf.write_report(store, target)
    first = read(target)[1][0]
    assert "Red flags and pauses None reported in this period." in first


def test_a_session_of_one_set_of_six_is_partial_and_not_done_in_the_report(
    store: History, tmp_path: Path, wall: WallClock
) -> None:
    start = TODAY - timedelta(days=1)
    store.programs.start_program(Program("p", start, "alfredson", Injured.RIGHT))
    tl = timeline(plan(ALFREDSON, Settings(injured=Injured.RIGHT)))  # 2 exercises x 3 sets
    sid = run_sets(store, tl, wall, 1)  # 08:00 today: one set, then Stop
    SessionJournal(store.sessions, sid, tl).finish(Outcome.STOPPED, 40.0, "stopped by the user")
    target = tmp_path / "report.pdf"
    pdf.write_report(store, target)
    text = " ".join(read(target)[1])
    # Due: yesterday's two sessions and this morning's; none done in full.
    assert "Adherence in this period: 0 of 3 sessions done (0%)." in text
    assert "Of the 1 session with at least one set done, 1 was partial" in text
    assert "Planned Complete Partial" in text
    assert f"{dates.day_month(start)} 1 of 12 3 0 1 " in text


def test_the_advice_says_which_of_its_thresholds_are_coach_s_own(
    store: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo.fill(store.db, 4, seed=2)
    own = Advice(Kind.LOWER, "Lower the load.", "Mornings rose.", "Silbernagel 2007",
                 "Coach's own: a rise is half a point.")  # fmt: skip
    monkeypatch.setattr(advice_module, "advise", lambda _history: own)
    target = tmp_path / "report.pdf"
    pdf.write_report(store, target)
    text = " ".join(read(target)[1])
    assert "Source: Silbernagel 2007 Coach's own: a rise is half a point." in text


def test_a_right_to_left_override_in_a_note_cannot_reverse_the_report(
    demo_store: History, tmp_path: Path
) -> None:
    """U+202E in a note would print what follows it backwards: the report drops such controls."""
    session = demo_store.sessions.sessions()[0]
    demo_store.sessions.set_note(session.id, "calf \u202eeasy today\u202c, then fine")
    target = tmp_path / "bidi.pdf"
    pdf.write_report(demo_store, target)
    text = " ".join(read(target)[1])
    assert "calf easy today, then fine" in text
    assert "yadot ysae" not in text
    assert "\u202e" not in text


def test_a_character_no_installed_font_has_is_marked_and_explained(
    demo_store: History, tmp_path: Path
) -> None:
    """A private-use character no font has (and, here, emoji): □ in its place, and a line why."""
    session = demo_store.sessions.sessions()[0]
    demo_store.sessions.set_note(session.id, "heel \U000f0041 sore, then fine \U0001f9b6")
    target = tmp_path / "glyphs.pdf"
    pdf.write_report(demo_store, target)
    text = " ".join(read(target)[1])
    assert "heel □ sore, then fine" in text
    assert "\U000f0041" not in text
    assert "Each □ stands for a character that no font on the computer that made this" in text


def test_notes_every_character_of_which_a_font_has_get_no_mark(
    demo_store: History, tmp_path: Path
) -> None:
    session = demo_store.sessions.sessions()[0]
    demo_store.sessions.set_note(
        session.id, "Ça va, Achillessehne müde; ελαφρύ"
    )  # DejaVu has these
    target = tmp_path / "plain.pdf"
    pdf.write_report(demo_store, target)
    text = " ".join(read(target)[1])
    assert "Ça va, Achillessehne müde; ελαφρύ" in text
    assert "□" not in text
