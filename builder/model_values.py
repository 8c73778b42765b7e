"""The values inside the contract's fields: texts in several languages, ids, clock times, minutes;
and `Contract`, the strict, frozen base of every document class (model.py, model_delivery.py).

Each parses strictly and words its own mistakes, so a finding says what to write instead.
"""

from __future__ import annotations

import datetime
import re
import types
import typing
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from .pydantic_plugins import skip_plugin_lookup

skip_plugin_lookup()  # before pydantic builds its first class (Contract, below)

DEFAULT_SPEAKER_PATTERN = r"^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*-[0-9]+$"
DEFAULT_LANGUAGE_TAGS = {"en": "en-GB", "es": "es-PE"}
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
"""A BCP 47 tag as documents carry it: language, then region or script (en-GB, es-419)."""


class Text(Mapping[str, str]):
    """A human-readable text in one or more languages: {lang: text}."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)

    def __getitem__(self, lang: str) -> str:
        return self._values[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._values.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._values) == dict(other)

    def __repr__(self) -> str:
        return f"Text({self._values!r})"


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return "text"


def _parse_text(value: Any, info: ValidationInfo) -> Text:
    languages = (info.context or {}).get("languages") or ["en"]
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "is empty; write the text or remove the field")
        return Text({languages[0]: value})
    if isinstance(value, dict) and value:
        for lang, text in value.items():
            if not isinstance(text, str):
                raise PydanticCustomError(
                    "text_type",
                    "the {lang} text must be text, not {got}",
                    {"lang": lang, "got": _describe(text)},
                )
            if not text.strip():
                raise PydanticCustomError(
                    "text_empty", "the {lang} text is empty; write it or remove it", {"lang": lang}
                )
        return Text(value)
    raise PydanticCustomError(
        "text_type",
        "expected text, or a map of language codes to text like {en: ..., es: ...}, not {got}",
        {"got": _describe(value)},
    )


TEXT_SCHEMA_MARK = "x-voces-text"
"""Stands in a generated JSON Schema for a text; `voces schema` writes the curriculum's languages
in its place (a string, or a map of those languages to strings)."""

LocalText = Annotated[
    Text, PlainValidator(_parse_text), WithJsonSchema({TEXT_SCHEMA_MARK: True})]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")  # ID_PATTERN, for the JSON Schema
MAX_ID_CHARS = 80


def id_problem(value: str) -> str | None:
    """What is wrong with `value` as an id (None when nothing): also for `voces new`'s ids."""
    if not _ID.match(value):
        return (f"id '{value}' may hold only letters, digits, '-', '_' and '.', "
                "and must start with a letter or digit")
    if len(value) > MAX_ID_CHARS:  # ids name output files, which a file system limits
        return (f"id '{value[:30]}…' is {len(value)} characters long; keep ids to "
                f"{MAX_ID_CHARS} characters at most (they name the output files)")
    return None


def _parse_id(value: Any) -> str:
    if not isinstance(value, str) or isinstance(value, bool):
        raise PydanticCustomError(
            "id_type", "an id must be text, not {got}", {"got": _describe(value)}
        )
    problem = id_problem(value)
    if problem:
        raise PydanticCustomError("id_value", problem.replace("{", "{{").replace("}", "}}"))
    return value


ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
Id = Annotated[str, PlainValidator(_parse_id), WithJsonSchema(
    {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_CHARS})]


def _parse_clock(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
        return value
    raise PydanticCustomError(
        "clock_value",
        "expected a clock time in quotes like \"09:00\" (24-hour HH:MM), got {value}",
        {"value": repr(value) if isinstance(value, str) else f"the number {value}"},
    )


ClockTime = Annotated[str, PlainValidator(_parse_clock), WithJsonSchema(
    {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$"})]
Minutes = Annotated[int, Field(gt=0, le=1440)]


def off_when_false(value: Any) -> Any:
    """YAML 1.1 reads an unquoted `off` as false; an editor who wrote `off` means "off"."""
    return "off" if value is False else value


def _parse_date(value: Any) -> datetime.date:
    """YAML reads an unquoted 2027-03-15 as a date; a quoted one is text in the same form."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError(
        "date_value", "expected a date like 2027-03-15 (year-month-day), got {value}",
        {"value": repr(value) if isinstance(value, str) else _describe(value)},
    )


IsoDate = Annotated[datetime.date, PlainValidator(_parse_date), WithJsonSchema(
    {"type": "string", "format": "date"})]


def empty_list() -> list[Any]:
    """A new empty list: a field's default, as `default_factory=list` would give it.

    pydantic asks each factory for its signature when it builds the class (does it take the
    validated data?); a builtin's signature is parsed from text, which cost a few milliseconds
    of every start of voces. A function's own is read from its code."""
    return []


def empty_dict() -> dict[str, Any]:
    """A new empty mapping: a field's default (see `empty_list`)."""
    return {}


def unwrap_annotation(annotation: Any) -> Any:
    """A field's annotation without Annotated and `| None` (a union of more stays as it is)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


class Contract(BaseModel):
    """The docstring under each field is its description: the field reference
    (docs/contract.md), the JSON Schemas of `voces schema` and the scaffolds of `voces new` all
    read it. A trailing "Example: ..." (YAML) is the field's example.

    contract_doc.py reads those docstrings when the contract is described; pydantic's own
    reading of them (`use_attribute_docstrings`) would read the source of every class each
    time the model is imported, as every `voces check` and build does."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, arbitrary_types_allowed=True,
        populate_by_name=False,
    )


FieldPath = tuple[str | int, ...]
"""Where a value stands in its file, as in the YAML: ('stages', 0, 'text', 'en')."""


def iter_texts(value: object, path: FieldPath = ()) -> list[tuple[FieldPath, Text]]:
    """Every `Text` inside a model value, with its path (as in the YAML), in field order.

    Gathered into one list by plain recursion: every rule about words walks every document,
    and a chain of nested generators passed each text up through every level of the walk."""
    found: list[tuple[FieldPath, Text]] = []
    _gather_texts(value, path, found)
    return found


def _gather_texts(value: object, path: FieldPath, found: list[tuple[FieldPath, Text]]) -> None:
    if isinstance(value, str | int | float | None):  # most values: nothing inside
        return
    if isinstance(value, Text):
        found.append((path, value))
    elif isinstance(value, BaseModel):
        for name, key in _field_keys(type(value)):
            _gather_texts(getattr(value, name), (*path, key), found)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _gather_texts(item, (*path, index), found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _gather_texts(item, (*path, key), found)


@cache
def _field_keys(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """Each field's attribute and its key in the YAML, in the model's order."""
    return tuple((name, field.alias or name) for name, field in model.model_fields.items())
