"""The curriculum as immutable values: the content contract of product.md, field by field.

Each class body is the contract's documentation: a field without a default is required.
Validation is strict (no "30" for 30, no 1 for true) and unknown keys are refused.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

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


LocalText = Annotated[Text, PlainValidator(_parse_text)]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_ID_CHARS = 80


def _parse_id(value: Any) -> str:
    if not isinstance(value, str) or isinstance(value, bool):
        raise PydanticCustomError(
            "id_type", "an id must be text, not {got}", {"got": _describe(value)}
        )
    if not _ID.match(value):
        raise PydanticCustomError(
            "id_value",
            "id '{value}' may hold only letters, digits, '-', '_' and '.', "
            "and must start with a letter or digit",
            {"value": value},
        )
    if len(value) > MAX_ID_CHARS:  # ids name output files, which a file system limits
        raise PydanticCustomError(
            "id_value",
            "id '{start}…' is {length} characters long; keep ids to {most} characters at most "
            "(they name the output files)",
            {"start": value[:30], "length": len(value), "most": MAX_ID_CHARS},
        )
    return value


Id = Annotated[str, PlainValidator(_parse_id)]


def _parse_clock(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
        return value
    raise PydanticCustomError(
        "clock_value",
        "expected a clock time in quotes like \"09:00\" (24-hour HH:MM), got {value}",
        {"value": repr(value) if isinstance(value, str) else f"the number {value}"},
    )


ClockTime = Annotated[str, PlainValidator(_parse_clock)]
Minutes = Annotated[int, Field(gt=0, le=1440)]


def _off_when_false(value: Any) -> Any:
    """YAML 1.1 reads an unquoted `off` as false; an editor who wrote `off` means "off"."""
    return "off" if value is False else value


class Contract(BaseModel):
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, arbitrary_types_allowed=True,
        populate_by_name=False,
    )


# --- curriculum.yaml ---------------------------------------------------------------


class SupportResource(Contract):
    name: str
    contact: str
    description: LocalText | None = None


class Settings(Contract):
    """curriculum.yaml"""

    title: LocalText
    organisation: str
    version: str = "1.0"
    languages: Annotated[list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]], Field(min_length=1)]
    language_tags: dict[str, Annotated[str, Field(pattern=LANGUAGE_TAG)]] = Field(
        default_factory=dict)
    paper: Literal["a4", "letter"] = "a4"
    start_time: ClockTime = "09:00"
    theme: str = "default"
    pdf: bool = False
    terminology: Annotated[
        Literal["error", "warning", "off"], BeforeValidator(_off_when_false)] = "error"
    speaker_pattern: str = DEFAULT_SPEAKER_PATTERN
    fallback: bool = False
    support: Annotated[list[SupportResource], Field(min_length=1)]

    def language_tag(self, lang: str) -> str:
        return self.language_tags.get(lang) or DEFAULT_LANGUAGE_TAGS.get(lang, lang)


# --- sources/<id>.yaml --------------------------------------------------------------


class Translation(Contract):
    text: str
    translator: str


class Quote(Contract):
    id: Id
    speaker: str
    assigned_code: bool = False
    role: Literal["survivor", "frontline-worker"]
    text: str
    themes: list[str] = Field(default_factory=list)
    translations: dict[str, Translation] = Field(default_factory=dict)


class Source(Contract):
    id: Id
    citation: str
    short: str
    access: Literal["public", "restricted"]
    language: str
    original_language: str | None = None
    quotes: Annotated[list[Quote], Field(min_length=1)]


# --- scenarios/<id>.yaml ------------------------------------------------------------


class Objective(Contract):
    id: Id
    text: LocalText


class Stage(Contract):
    title: LocalText
    text: LocalText
    prompt: LocalText
    notes: LocalText | None = None


class Discussion(Contract):
    question: LocalText
    listen_for: list[LocalText] = Field(default_factory=list)


class Option(Contract):
    text: LocalText
    correct: bool = False
    feedback: LocalText


class Pair(Contract):
    left: LocalText
    right: LocalText


QuestionType = Literal["single", "multiple", "true-false", "matching"]


class Question(Contract):
    id: Id
    type: QuestionType
    objective: str
    stem: LocalText
    options: list[Option] | None = None
    answer: bool | None = None
    feedback_true: LocalText | None = None
    feedback_false: LocalText | None = None
    pairs: list[Pair] | None = None
    feedback: LocalText
    grounding: list[str] | None = None


class Scenario(Contract):
    id: Id
    title: LocalText
    summary: LocalText
    themes: list[str] = Field(default_factory=list)
    audiences: list[str] = Field(default_factory=list)
    duration: Minutes
    content_warning: LocalText
    grounding: Annotated[list[str], Field(min_length=1)]
    legal_terms: list[str] = Field(default_factory=list)
    objectives: Annotated[list[Objective], Field(min_length=1)]
    situation: LocalText
    stages: list[Stage] = Field(default_factory=list)
    discussion: Annotated[list[Discussion], Field(min_length=1)]
    key_messages: Annotated[list[LocalText], Field(min_length=1)]
    questions: Annotated[list[Question], Field(min_length=1)]


# --- modules/<id>.yaml --------------------------------------------------------------


class Activity(Contract):
    title: LocalText
    duration: Minutes
    text: LocalText | None = None


class AgendaItem(Contract):
    """One of `activity: {...}`, `scenario: <id>` or `break: <minutes>`."""

    activity: Activity | None = None
    scenario: str | None = None
    break_: Minutes | None = Field(default=None, alias="break")

    @model_validator(mode="before")
    @classmethod
    def _exactly_one(cls, data: Any) -> Any:
        if isinstance(data, dict):
            kinds = [k for k in ("activity", "scenario", "break") if k in data]
            if len(kinds) > 1:
                raise PydanticCustomError(
                    "agenda_item",
                    "an agenda item is one of activity, scenario or break, not {kinds}; "
                    "split it into separate items",
                    {"kinds": " and ".join(kinds)},
                )
            if not kinds and not (set(data) - {"activity", "scenario", "break"}):
                raise PydanticCustomError(
                    "agenda_item", "an agenda item needs one of activity, scenario or break"
                )
        return data


class QuizSettings(Contract):
    pass_mark: Annotated[int, Field(ge=0, le=100)] = 70
    forms: Annotated[list[Id], Field(min_length=1)] = Field(default_factory=lambda: ["post"])
    seed: int = 0


class Module(Contract):
    id: Id
    title: LocalText
    audience: LocalText
    duration: Minutes
    group_size: str | None = None
    overview: LocalText
    prerequisites: LocalText | None = None
    materials: list[LocalText] = Field(default_factory=list)
    agenda: Annotated[list[AgendaItem], Field(min_length=1)]
    quiz: QuizSettings = Field(default_factory=QuizSettings)


# --- deliveries/<id>.yaml ---------------------------------------------------------


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


IsoDate = Annotated[datetime.date, PlainValidator(_parse_date)]


class Organiser(Contract):
    """Who organises a delivery: the person participants write to before the day."""

    name: str
    """A professional's name as printed on the notice and the certificate."""
    contact: str
    """A work contact (office e-mail or phone); exempt from the privacy rules, like support."""


class Delivery(Contract):
    """deliveries/<id>.yaml: one delivery (cohort) of a module, on one day, in one language.

    A module is delivered many times; date, venue and organiser belong to a delivery, so the
    notice, the dated agenda, the sign-in sheet, the certificate and the results-entry workbooks
    of each delivery are built from this file (product.md, "deliveries")."""

    id: Id
    """The delivery's id; the file is named after it (lima-2027-03.yaml)."""
    module: str
    """The id of the module delivered."""
    language: str
    """The language it is delivered in: one of curriculum.yaml's languages."""
    date: IsoDate
    """The day, as an ISO date: 2027-03-15."""
    start_time: ClockTime | None = None
    """Clock time of the first agenda item; the curriculum's start_time when not given."""
    venue: LocalText
    """Where it takes place, as the notice prints it."""
    organiser: Organiser
    """Who organises it, with a work contact."""
    facilitators: list[str] = Field(default_factory=list)
    """Professionals' names, printed on the notice and the certificate."""
    participants: Annotated[int, Field(gt=0, le=500)] = 20
    """Expected number: rows of the sign-in sheet and of the results-entry workbooks."""


Document = Settings | Source | Scenario | Module | Delivery

Path = tuple[str | int, ...]


def path_text(path: Path) -> str:
    """('questions', 2, 'options') → 'questions[2].options'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def iter_texts(value: object, path: Path = ()) -> Iterator[tuple[Path, Text]]:
    """Every `Text` inside a model value, with its path (as in the YAML)."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from iter_texts(getattr(value, name), (*path, field.alias or name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from iter_texts(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_texts(item, (*path, key))
