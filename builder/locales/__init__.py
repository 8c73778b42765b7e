"""The builder's own words per language: headings, labels, scripts. Never in code."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

DEFAULT_LANGUAGE = "en"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where installed: the same data, several times faster than the pure-
Python parser, and the builder's own files need none of its error positions."""


@cache
def _words(lang: str) -> dict[str, Any]:
    """All words of one language: every `locales/<lang>/*.yaml` file, merged (one per area)."""
    folder = resources.files(__package__) / lang
    if not folder.is_dir():
        return {}
    words: dict[str, Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            data = yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER)
            words.update(data if isinstance(data, dict) else {})
    return words


def available_languages() -> list[str]:
    folder = resources.files(__package__)
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("_"))


class Words:
    """Builder words for one language; a word missing there comes from English."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._own = _words(lang)
        self._default = _words(DEFAULT_LANGUAGE)

    def __getitem__(self, key: str) -> Any:
        if key in self._own:
            return self._own[key]
        return self._default[key]

    def __call__(self, key: str, /, **values: object) -> str:
        """The word for `key`, with `{name}` placeholders filled."""
        text = self[key]
        if not values:
            return str(text)
        # Only the named placeholders are filled, so other braces in a word stay as written.
        return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), str(text))

    def __contains__(self, key: str) -> bool:
        return key in self._own or key in self._default
