"""scaffold.placeholder: a text or id still as `voces new` wrote it.

A scaffold holds every field with a placeholder ("TODO: ...", "TODO-..."); until each is
replaced the file is reported, so an unfinished scaffold is never built by accident.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from ..curriculum import Curriculum
from ..findings import Finding, error
from ..model import FieldPath, Text, path_text
from ..scaffold import PLACEHOLDER, PLACEHOLDER_ID


def is_placeholder(value: str) -> bool:
    return value.startswith((PLACEHOLDER, PLACEHOLDER_ID))


def _placeholders(value: object, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Each placeholder inside a model value, once per text (not once per language)."""
    if isinstance(value, Text):
        found = next((words for words in value.values() if is_placeholder(words)), None)
        if found is not None:
            yield path, found
    elif isinstance(value, str):
        if is_placeholder(value):
            yield path, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from _placeholders(getattr(value, name), (*path, field.alias or name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _placeholders(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, (*path, key))


def check_placeholders(curriculum: Curriculum) -> Iterator[Finding]:
    documents: list[BaseModel] = [curriculum.settings, *curriculum.sources,
                                  *curriculum.scenarios, *curriculum.modules,
                                  *curriculum.deliveries]
    for document in documents:
        for path, words in _placeholders(document):
            what = "id" if words.startswith(PLACEHOLDER_ID) else "text"
            yield error(curriculum.locate(document, *path),
                        f"{path_text(path)}: still the scaffold's {what} '{words}'; write your "
                        "own (or delete the field where it is optional)", "scaffold.placeholder")


RULES = [check_placeholders]
