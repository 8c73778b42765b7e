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
            data = _read_words(entry.read_text(encoding="utf-8"))
            words.update(data if isinstance(data, dict) else {})
    return words


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


def _read_words(text: str) -> Any:
    """One locale file as `yaml.load` reads it. The words are texts, lists and mappings, which
    are taken from the composed nodes directly: PyYAML's constructor, built for every kind of
    value, took most of the time every check and every build job spends on its words. A file
    holding anything else (a number, an empty value, a merge key) is read by the constructor."""
    node = yaml.compose(text, Loader=_LOADER)
    try:
        return _plain(node)
    except _NotPlain:
        return yaml.load(text, Loader=_LOADER)


class _NotPlain(Exception):
    """A node that is not a text, a list or a mapping of texts."""


def _plain(node: yaml.Node | None) -> Any:
    if node is None:
        return None
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    if node.tag == _MAP and isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key, value in node.value:
            if key.tag != _STR or not isinstance(key, yaml.ScalarNode):
                raise _NotPlain
            mapping[key.value] = _plain(value)
        return mapping
    raise _NotPlain


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
