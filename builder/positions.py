"""Positions as people say them: "the 2nd stage ('A call from the mother')", not stages[1].

A finding's message names the list items it is inside, counted from 1 and labelled by their
title, id or text; the YAML path (stages[1].prompt) stays in `--format json` as `path`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from .model import FieldPath, Text, path_text

NOUNS = {
    "stages": "stage", "objectives": "objective", "questions": "question",
    "discussion": "discussion question", "key_messages": "key message", "options": "option",
    "pairs": "pair", "agenda": "agenda item", "quotes": "quote", "support": "support resource",
    "materials": "material", "listen_for": "point to listen for", "grounding": "quote id",
    "forms": "form", "languages": "language", "themes": "theme", "audiences": "audience",
    "legal_terms": "legal term", "facilitators": "facilitator",
}
_LABEL_KEYS = ("title", "id", "text", "question", "stem", "name", "left")
LABEL_CHARS = 40


def ordinal(number: int) -> str:
    """1 → '1st', 2 → '2nd', 11 → '11th', 23 → '23rd'."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10,
                                                                                  "th")
    return f"{number}{suffix}"


def _child(value: Any, part: str | int) -> Any:
    if isinstance(part, int):
        return value[part] if isinstance(value, (list, tuple)) and part < len(value) else None
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            if (field.alias or name) == part:
                return getattr(value, name)
        return None
    return value.get(part) if isinstance(value, Mapping) else None


def _words(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and value:
        first = next(iter(value.values()))
        return first if isinstance(first, str) else None
    return None


def label(item: Any) -> str | None:
    """What an item is called: its title, id or text (an agenda item: its activity or scenario)."""
    if isinstance(item, str):
        return _short(item)
    if isinstance(item, Text):  # a key message, a material: its words in the first language
        words = _words(item)
        return _short(words) if words else None
    activity = _child(item, "activity")
    if activity is not None:
        return label(activity)
    scenario = _child(item, "scenario")
    if isinstance(scenario, str):
        return scenario
    breaking = _child(item, "break")
    if isinstance(breaking, int) and not isinstance(breaking, bool):
        return f"a {breaking}-minute break"
    for key in _LABEL_KEYS:
        words = _words(_child(item, key))
        if words:
            return _short(words)
    return None


def _short(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= LABEL_CHARS else words[: LABEL_CHARS - 1] + "…"


def name_items(document: Any, path: FieldPath) -> str:
    """The list items along `path`, named: "the 2nd stage ('Arrival'), 1st option ('Yes')".
    Keys between them are kept when they are not a list's own key (quiz, forms)."""
    names: list[str] = []
    value = document
    pending: list[str] = []
    for part in path:
        if isinstance(part, int):
            key = pending.pop() if pending else ""
            noun = NOUNS.get(key, f"item of {key}" if key else "item")
            value = _child(value, part)
            called = label(value)
            prefix = "the " if not names else ""
            where = ".".join(pending)
            names.append(f"{prefix}{ordinal(part + 1)} {noun}"
                         + (f" ('{called}')" if called else "")
                         + (f" of {where}" if where else ""))
            pending = []
        else:
            pending.append(str(part))
            value = _child(value, part)
    return ", ".join(names)


def split_place(document: Any, path: FieldPath) -> tuple[str, str]:
    """(the named items along the path, the field at its end): ("the 2nd stage ('Arrival')",
    "prompt"); the field is "" when the path ends at an item, and keys after the last item are
    joined with dots ("quiz.pass_mark")."""
    last_item = max((i for i, part in enumerate(path) if isinstance(part, int)), default=-1)
    items = name_items(document, path[: last_item + 1]) if last_item >= 0 else ""
    return items, ".".join(str(p) for p in path[last_item + 1:])


def place(document: Any, path: FieldPath) -> str:
    """The whole position: "the 2nd stage ('Arrival'): prompt" or "title"."""
    items, field = split_place(document, path)
    if items and field:
        return f"{items}, {field}"
    return items or field or path_text(path)


def text_place(document: Any, path: FieldPath, lang: str) -> str:
    """One language of a text field, named: "the 'en' text of the 2nd stage ('Arrival')", "the
    'es' situation"; a quote's own words are "the text of the 6th quote ('qc-6')" and its
    translation "the 'es' translation of the 6th quote ('qc-6')"."""
    if path and path[-1] == lang:  # an entry of a language map
        items, field = split_place(document, path[:-1])
        what = f"the '{lang}' {field or 'text'}"
    elif path[-3:] == ("translations", lang, "text"):
        items, _ = split_place(document, path[:-3])
        what = f"the '{lang}' translation"
    else:
        items, field = split_place(document, path)
        what = f"the {field or 'text'}"
    return f"{what} of {items}" if items else what
