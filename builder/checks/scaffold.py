"""scaffold.placeholder: a text or id still as `voces new` wrote it.

A scaffold holds every field with a placeholder ("TODO: ...", "TODO-..."); until each is
replaced the file is reported, so an unfinished scaffold is never built by accident.

A fresh scaffold says only that: every placeholder at once, and nothing else about them.
- A file whose placeholder does not fit its field (a delivery's `date: "TODO: date"`) fails
  validation and is left out of the model; its placeholders are found in the file as read, so
  the others are not hidden behind that one.
- What another rule says about a placeholder itself (the objective 'TODO: ...' does not start
  with a measurable verb, 'TODO: file' is not in images/, the date does not parse) is left out:
  the placeholder's finding already says to replace it, and the rule speaks once it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..curriculum import Curriculum
from ..findings import Finding, Location, error
from ..model import FieldPath, Text, path_text
from ..read import read_yaml
from ..scaffold import PLACEHOLDER, PLACEHOLDER_ID

RULE = "scaffold.placeholder"


def is_placeholder(value: str) -> bool:
    return value.startswith((PLACEHOLDER, PLACEHOLDER_ID))


@dataclass(frozen=True)
class Placeholder:
    file: str
    path: FieldPath
    """The field: a text once, not once per language."""
    words: str
    scalars: tuple[FieldPath, ...]
    """The placeholder strings themselves (each language's of a text)."""


Found = tuple[FieldPath, str, tuple[FieldPath, ...]]
"""A placeholder's field, its words, and its strings."""


def _in_model(value: object, path: FieldPath = ()) -> Iterator[Found]:
    """Each placeholder inside a model value."""
    if isinstance(value, Text):
        langs = [lang for lang, words in value.items() if is_placeholder(words)]
        if langs:
            yield path, value[langs[0]], tuple((*path, lang) for lang in langs)
    elif isinstance(value, str):
        if is_placeholder(value):
            yield path, value, (path,)
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from _in_model(getattr(value, name), (*path, field.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _in_model(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _in_model(item, (*path, key))


def _in_data(value: Any, languages: set[str], path: FieldPath = ()) -> Iterator[Found]:
    """Each placeholder in a file's plain data (a file that failed validation)."""
    if isinstance(value, dict) and value and set(value) <= languages \
            and all(isinstance(words, str) for words in value.values()):  # a text
        langs = [lang for lang, words in value.items() if is_placeholder(words)]
        if langs:
            yield path, value[langs[0]], tuple((*path, lang) for lang in langs)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _in_data(item, languages, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _in_data(item, languages, (*path, index))
    elif isinstance(value, str) and is_placeholder(value):
        yield path, value, (path,)


def placeholders(curriculum: Curriculum) -> list[Placeholder]:
    """Every placeholder of every file, loaded or not."""
    from ..load import curriculum_files

    found: list[Placeholder] = []
    documents: list[BaseModel] = [curriculum.settings, *curriculum.sources,
                                  *curriculum.scenarios, *curriculum.modules,
                                  *curriculum.deliveries]
    for document in documents:
        file = curriculum.file_of(document)
        found += [Placeholder(file, *where) for where in _in_model(document)]
    loaded = curriculum.loaded_files()
    for file in curriculum_files(curriculum.root):
        if file not in loaded:  # it failed validation: what it holds, as written
            data = read_yaml(curriculum.root / file, file).data
            found += [Placeholder(file, *where)
                      for where in _in_data(data, set(curriculum.languages))]
    return found


def check_placeholders(curriculum: Curriculum) -> Iterator[Finding]:
    for placeholder in placeholders(curriculum):
        words = placeholder.words
        what = "id" if words.startswith(PLACEHOLDER_ID) else "text"
        yield error(curriculum.source_map.locate(placeholder.file, placeholder.path),
                    f"{path_text(placeholder.path)}: still the scaffold's {what} '{words}'; "
                    "write your own (or delete the field where it is optional)", RULE,
                    path_text(placeholder.path))


def without_echoes(curriculum: Curriculum | None, findings: list[Finding]) -> list[Finding]:
    """`findings` without what other rules say at a placeholder's own place."""
    if curriculum is None:
        return findings
    values = curriculum.source_map.values
    places: set[Location] = set()
    for placeholder in placeholders(curriculum):
        places |= {values[(placeholder.file, scalar)] for scalar in placeholder.scalars
                   if (placeholder.file, scalar) in values}
    return [f for f in findings if f.rule == RULE or f.location not in places]


RULES = [check_placeholders]
