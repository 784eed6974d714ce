"""The numbers the rules use, and the texts that say which of them are Coach's own."""

from __future__ import annotations

from coach.domain.advice import thresholds


def test_the_own_texts_name_the_numbers_the_rules_use() -> None:
    assert f"0-{thresholds.NEARLY_PAIN_FREE}" in thresholds.OWN_ADD_LOAD
    assert f"{thresholds.ADD_KG:g} kg" in thresholds.OWN_ADD_LOAD
    assert f"{thresholds.DAYS_AT_A_LOAD} days" in thresholds.OWN_ADD_LOAD
    assert f"{thresholds.STIFFER_BY} or more minutes" in thresholds.OWN_24_HOURS
    assert f"{thresholds.VISA_FALL} points" in thresholds.OWN_VISA_FALL
    assert f"{thresholds.TREND_DAYS} days" in thresholds.OWN_REVIEW


def test_every_threshold_text_says_it_is_coach_s_own() -> None:
    own = [getattr(thresholds, name) for name in dir(thresholds) if name.startswith("OWN_")]
    assert len(own) == 6
    assert all(text.startswith("Coach's own") for text in own)


def test_the_papers_are_named() -> None:
    assert "Alfredson" in thresholds.ALFREDSON
    assert "6-8 weeks" in thresholds.SEED_002
