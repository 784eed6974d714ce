"""The storage: one set committed to disk, five years of history opened, a CSV export.

Also the demo data folders that the other measurements start Coach on.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from coach.bench.results import BenchError, Result, Stats
from coach.domain.plan import plan
from coach.domain.protocols import ALFREDSON
from coach.domain.record import SessionRecord
from coach.domain.settings import Settings
from coach.domain.timeline import timeline
from coach.paths import data_dir
from coach.storage import csv_export, demo
from coach.storage.database import Database
from coach.storage.demo import DemoResult
from coach.storage.history import History

SET_ROWS = 100_000
FIVE_YEARS_WEEKS = 261


def durable_insert(runs: int) -> Result:
    """One finished set committed to disk (WAL, synchronous=FULL), as a workout saves it."""
    inserts = max(runs, 50)
    tl = timeline(plan(ALFREDSON, Settings(sets=10)))
    # Beside the user's data folder, on the disk their history lives on (/tmp may be RAM).
    near = data_dir().parent
    with tempfile.TemporaryDirectory(
        prefix="coach-bench-", dir=near if near.is_dir() else None
    ) as folder:
        samples: list[float] = []
        with History.open(Path(folder)) as store:
            while len(samples) < inserts:
                journal = store.sessions.journal(tl)
                journal.begin()
                record = SessionRecord(tl)
                for span in tl.spans:
                    result = record.add_completed(span)
                    start = time.perf_counter()
                    journal.add(result)
                    samples.append((time.perf_counter() - start) * 1000)
    value = Stats.of(samples[:inserts])
    return Result(
        name="durable insert of one set",
        unit="ms",
        value=value,
        goal="median < 10 ms",
        met=value.median < 10,
        notes=[f"{inserts} sets, each its own commit, in a folder beside the data folder"],
    )


def five_years(runs: int) -> Result:
    """Opening the database (integrity check included) with 5 years of demo history."""
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as name:
        folder = Path(name)
        with Database.open(folder) as db:
            made = demo.fill(db, FIVE_YEARS_WEEKS, seed=5)
        samples: list[float] = []
        listing: list[float] = []
        for _ in range(runs):
            start = time.perf_counter()
            store = History.open(folder)
            samples.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            store.sessions.sessions()
            listing.append((time.perf_counter() - start) * 1000)
            store.close()
    value = Stats.of(samples)
    return Result(
        name="open 5 years of history",
        unit="ms",
        value=value,
        goal="median < 100 ms",
        met=value.median < 100,
        notes=[
            f"{made.sessions} sessions, {made.sets} sets",
            f"listing them for the History page: median {statistics.median(listing):.1f} ms",
        ],
    )


def demo_folder(parent: Path, weeks: int, seed: int) -> tuple[Path, DemoResult]:
    """A data folder in `parent` holding `weeks` of demo history (5 years: seed 5)."""
    folder = parent / f"{weeks}w"
    with Database.open(folder) as db:
        made = demo.fill(db, weeks, seed=seed)
    return folder, made


def export_csv(runs: int) -> Result:
    """Writing 100 000 set rows to CSV, as `coach export --format csv` does."""
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as name:
        folder = Path(name)
        with Database.open(folder) as db:
            demo.fill(db, 1400, seed=6)  # a little over 100 000 sets...
            extra = db.sql.execute("SELECT count(*) FROM sets").fetchone()[0] - SET_ROWS
            db.sql.execute(  # ...trimmed to exactly that many rows
                "DELETE FROM sets WHERE rowid IN (SELECT rowid FROM sets ORDER BY rowid DESC "
                "LIMIT ?)",
                [extra],
            )
            db.sql.execute("DELETE FROM sessions WHERE id NOT IN (SELECT session_id FROM sets)")
            samples: list[float] = []
            for _ in range(min(runs, 5)):
                start = time.perf_counter()
                rows = csv_export.export_csv(db, folder / "export.csv")
                samples.append((time.perf_counter() - start) * 1000)
            if rows != SET_ROWS:
                raise BenchError(f"the CSV export wrote {rows} rows, not {SET_ROWS}")
    value = Stats.of(samples)
    return Result(
        name="export 100 000 sets to CSV",
        unit="ms",
        value=value,
        goal="median < 2000 ms",
        met=value.median < 2000,
        notes=[f"{len(samples)} runs (each writes a {SET_ROWS}-row file)"],
    )
