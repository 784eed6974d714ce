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
