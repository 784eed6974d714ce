from __future__ import annotations

import pytest

from coach.resources import asset_path


def test_shipped_assets_are_real_files() -> None:
    icon = asset_path("icons/coach.svg")
    assert icon.is_file()
    assert icon.read_text().lstrip().startswith("<svg")


def test_a_missing_asset_names_itself() -> None:
    with pytest.raises(FileNotFoundError, match=r"assets/voice/none\.wav is missing"):
        asset_path("voice/none.wav")


@pytest.mark.usefixtures("qapp")
def test_the_achilles_drawing_is_a_valid_svg_with_both_zones_labelled() -> None:
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415 - only this test needs Qt

    drawing = asset_path("drawings/achilles.svg")
    renderer = QSvgRenderer(str(drawing))
    assert renderer.isValid()
    assert (renderer.defaultSize().width(), renderer.defaultSize().height()) == (360, 260)
    text = drawing.read_text(encoding="utf-8")
    assert "2\u20136 cm above" in text  # an en dash
    assert "meets the heel bone" in text
