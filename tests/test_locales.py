"""The builder's own words: every language has every word, and each area's files agree."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from builder.locales import Words, available_languages


def area_files(lang: str) -> dict[str, dict]:
    folder = resources.files("builder.locales") / lang
    return {
        entry.name: yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        for entry in folder.iterdir() if entry.name.endswith(".yaml")
    }


def test_english_and_spanish_are_shipped():
    assert {"en", "es"} <= set(available_languages())


@pytest.mark.parametrize("lang", [lang for lang in available_languages() if lang != "en"])
def test_every_language_has_every_english_word(lang):
    english, other = area_files("en"), area_files(lang)
    assert sorted(other) == sorted(english)
    for name, words in english.items():
        missing = sorted(set(words) - set(other[name]))
        assert missing == [], f"{lang}/{name} lacks {missing}"


def test_no_word_is_defined_in_two_areas():
    seen: dict[str, str] = {}
    for name, words in sorted(area_files("en").items()):
        for key in words:
            assert key not in seen, f"{key} is in both {seen[key]} and {name}"
            seen[key] = name


def test_words_fill_placeholders_and_fall_back_to_english():
    assert Words("es")("minutes_short", n=15) == "15 min"
    assert Words("es")("break") == "Pausa"
    assert Words("qu")("break") == "Break"
