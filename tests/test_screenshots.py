"""`coach screenshots`: one real picture per main page, from demo data, never the user's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from coach import screenshots
from coach.cli import main


def distinct_colours(image: QImage) -> int:
    """How many colours a grid of sample points shows: a blank picture has one or two."""
    seen = set()
    for x in range(0, image.width(), 16):
        for y in range(0, image.height(), 16):
            seen.add(image.pixel(x, y))
    return len(seen)


@pytest.mark.usefixtures("qapp")
def test_every_page_is_rendered_at_1024_by_640(tmp_path: Path) -> None:
    data = Path(os.environ["COACH_DATA_DIR"])
    before = sorted(data.iterdir()) if data.exists() else []
    written = screenshots.render(tmp_path / "shots")
    assert [p.name for p in written] == [f"{s.name}.png" for s in screenshots.SHOTS]
    for path in written:
        image = QImage(str(path))
        assert not image.isNull(), path
        assert distinct_colours(image) > 20, path  # a page, not an empty frame
    for name in ("today", "workout", "rating", "history", "progress"):
        assert QImage(str(tmp_path / "shots" / f"{name}.png")).size().toTuple() == screenshots.SIZE
    assert (sorted(data.iterdir()) if data.exists() else []) == before  # the user's data untouched


def test_the_command_wants_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screenshots"]) == 2
    assert "--out DIR is required" in capsys.readouterr().err
    a_file = tmp_path / "x.png"
    a_file.write_bytes(b"")
    assert main(["screenshots", "--out", str(a_file)]) == 2
    assert "must be a folder" in capsys.readouterr().err
