"""The curriculum as immutable values: the content contract of product.md, field by field.

Each class body is the contract's documentation: a field without a default is required, and the
docstring under each field is its description. Validation is strict (no "30" for 30, no 1 for
true) and unknown keys are refused.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .model_values import (
    DEFAULT_LANGUAGE_TAGS,
    DEFAULT_SPEAKER_PATTERN,
    LANGUAGE_TAG,
    MAX_ID_CHARS,
    ClockTime,
    Contract,
    FieldPath,
    Id,
    LocalText,
    Minutes,
    Text,
    empty_dict,
    empty_list,
    iter_texts,
    off_when_false,
)

__all__ = ["DEFAULT_SPEAKER_PATTERN", "MAX_ID_CHARS", "FieldPath", "Text", "iter_texts"]


# --- curriculum.yaml ---------------------------------------------------------------


class SupportResource(Contract):
    """A helpline or service for anyone the training affects: on the closing slide, handout,
    guide and notice."""

    name: str
    """The service's name, the same in every language. Example: Línea 100"""
    contact: str
    """How to reach it: a phone number, address or web page, as written. Example: '100'"""
    description: LocalText | None = None
    """What it offers and when to call. Example: Free 24-hour helpline"""


class Settings(Contract):
    """curriculum.yaml: the settings of the whole curriculum."""

    title: LocalText
    """The curriculum's title, on covers and the index page. Example: Victim-centred justice"""
    organisation: str
    """Who publishes the training, as printed on covers. Example: Voces example project"""
    version: str = "1.0"
    """Printed on covers; write it in quotes so that 1.10 stays 1.10. Example: '1.0'"""
    languages: Annotated[list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]], Field(min_length=1)]
    """The build languages as two- or three-letter codes; the first is the default. Example: [en,
    es]"""
    language_tags: dict[str, Annotated[str, Field(pattern=LANGUAGE_TAG)]] = Field(
        default_factory=empty_dict)
    """The tag written into documents for each language (default en-GB, es-PE).
    Example: {en: en-GB, es: es-PE}"""
    paper: Literal["a4", "letter"] = "a4"
    """The paper size of guides, handouts and quizzes. Example: a4"""
    start_time: ClockTime = "09:00"
    """Clock time of the first agenda item, in quotes (24-hour HH:MM). Example: '09:00'"""
    theme: str = "default"
    """default, or a folder next to curriculum.yaml holding deck.pptx and/or guide.docx. Example:
    default"""
    pdf: bool = False
    """true builds PDFs through LibreOffice as --pdf does. Example: false"""
    terminology: Annotated[
        Literal["error", "warning", "off"], BeforeValidator(off_when_false)] = "error"
    """How a term to avoid is reported: error, warning or off. Example: error"""
    speaker_pattern: str = DEFAULT_SPEAKER_PATTERN
    """The regular expression every quote's speaker code must match (codes, never names). Example:
    '^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*-[0-9]+$'"""
    fallback: bool = False
    """true uses the first language (marked) where a text is missing in another. Example: false"""
    support: Annotated[list[SupportResource], Field(min_length=1)]
    """Support services, at least one: closing slide, handout, guide and notice."""

    def language_tag(self, lang: str) -> str:
        return self.language_tags.get(lang) or DEFAULT_LANGUAGE_TAGS.get(lang, lang)


# --- sources/<id>.yaml --------------------------------------------------------------


class Translation(Contract):
    """A quote in another build language; always labelled as a translation."""

    text: str
    """The translated words. Example: Deberían asignar una psicóloga"""
    translator: str
    """Who translated it (a name or team). Example: Ana Quispe"""


class Quote(Contract):
    """Words from the source, stored verbatim: never paraphrased, corrected or invented."""

    id: Id
    """Unique across the curriculum; scenarios ground on it. Example: pe-06-psychologist"""
    speaker: str
    """The participant code the source gives; never a name. Example: VoS-PE-06"""
    assigned_code: bool = False
    """true when the editors assigned the code because the source gave none. Example: false"""
    role: Literal["survivor", "frontline-worker"]
    """Who speaks: survivor or frontline-worker. Example: survivor"""
    text: str
    """The words exactly as published, in the source's language. Example: They should assign a
    psychologist"""
    themes: list[str] = Field(default_factory=empty_list)
    """Free tags for finding quotes. Example: [revictimisation, forensic-examination]"""
    translations: dict[str, Translation] = Field(default_factory=empty_dict)
    """One per other build language: {lang: {text, translator}}. Example: {es: {text: Deberían
    asignar una psicóloga, translator: Ana Quispe}}"""


class Source(Contract):
    """sources/<id>.yaml: one published source, its citation and its verbatim quotes."""

    id: Id
    """Unique across the curriculum; the file is named after it. Example: vos-peru-2021"""
    citation: str
    """The full reference, as in a bibliography. Example: ECPAT International and CHS Alternativo
    (2021). Survivors' Perspectives in Peru."""
    short: str
    """The short name used on slides. Example: Voices of Survivors, Peru (2021)"""
    access: Literal["public", "restricted"]
    """public, or restricted: facilitator preparation only, never on slides or handouts. Example:
    public"""
    language: str
    """The language the quote texts are stored in. Example: en"""
    original_language: str | None = None
    """The speakers' language, when the stored text is itself a translation. Example: es"""
    quotes: Annotated[list[Quote], Field(min_length=1)]
    """The quotes, at least one."""


# --- scenarios/<id>.yaml ------------------------------------------------------------


class Objective(Contract):
    """What participants can do after the scenario; a quiz question assesses it."""

    id: Id
    """Unique across the curriculum; questions name it. Example: fe-1"""
    text: LocalText
    """Starts with a measurable verb (identify, explain, apply...). Example: Explain how the choice
    of professional affects a child's account."""


class Image(Contract):
    """A picture shown with a case's situation or with a stage: on its slide, on the handout's
    case sheet and in the guide. Diagrams and charts, never a photograph of an identifiable
    child (domain.md)."""

    file: str
    """A PNG or JPEG inside the curriculum's images/ folder, at most 5 MB, 800 px wide or more.
    Example: images/gesell-chamber.png"""
    alt: LocalText
    """What the picture shows, in every build language (PowerPoint's and Word's alternative
    text), at most 250 characters. Example: The single-interview room and the observation room"""
    credit: str
    """Who made it, and its licence if not the editors'; printed under it. Example: Diagram by
    the Voces editors"""


class Stage(Contract):
    """One step of the case as it unfolds, with one decision point."""

    title: LocalText
    """The stage's slide title. Example: Arrival at the medical-legal unit"""
    text: LocalText
    """What happens; participants read it. Example: The girl arrives with her mother."""
    prompt: LocalText
    """The decision put to participants. Example: What do you do first?"""
    notes: LocalText | None = None
    """For facilitators only: speaker notes and the guide. Example: Listen for consent."""
    image: Image | None = None
    """A picture shown beside the stage on its slide, case sheet and guide page."""


class Discussion(Contract):
    """A discussion question for the group after the case."""

    question: LocalText
    """The question put to the group. Example: What could have made it feel safer?"""
    listen_for: list[LocalText] = Field(default_factory=empty_list)
    """Points the facilitator listens for (facilitators only). Example: [a support person]"""


class Option(Contract):
    """One answer option of a single or multiple question."""

    text: LocalText
    """The option as participants read it. Example: Ask her whom she prefers"""
    correct: bool = False
    """true for a correct option. Example: false"""
    feedback: LocalText
    """Why this option is right or wrong, shown after answering. Example: Her choice matters."""


class Pair(Contract):
    """One pair of a matching question: the left side is matched to the right."""

    left: LocalText
    """The item to match. Example: Prosecutor"""
    right: LocalText
    """What it matches. Example: Leads the investigation"""


QuestionType = Literal["single", "multiple", "true-false", "matching"]


class Question(Contract):
    """A quiz item: printed quizzes, answer keys, GIFT, Moodle XML and QTI."""

    id: Id
    """Unique across the curriculum. Example: fe-q1"""
    type: QuestionType
    """single, multiple, true-false or matching. Example: single"""
    objective: str
    """The id of the objective of this scenario that the question assesses. Example: fe-1"""
    stem: LocalText
    """The question or statement. Example: Who should examine her?"""
    options: list[Option] | None = None
    """single (at least 3, one correct) and multiple (at least one correct and one wrong) only."""
    answer: bool | None = None
    """true-false only: whether the statement is true. Example: false"""
    feedback_true: LocalText | None = None
    """true-false only: shown to those who answered True. Example: It is false."""
    feedback_false: LocalText | None = None
    """true-false only: shown to those who answered False. Example: Right."""
    pairs: list[Pair] | None = None
    """matching only: at least 3 pairs."""
    feedback: LocalText
    """The general rationale: shown after answering and in the answer key. Example: A single
    interview spares her."""
    grounding: list[str] | None = None
    """Quote ids the question rests on; the scenario's grounding when left out. Example:
    [pe-06-psychologist]"""


class Scenario(Contract):
    """scenarios/<id>.yaml: a fictional composite case, grounded in quotes."""

    id: Id
    """Unique across the curriculum; the file is named after it. Example: forensic-examination"""
    title: LocalText
    """The scenario's title, on its section slide and case sheet. Example: The legal-medical
    examination"""
    summary: LocalText
    """One sentence for the agenda. Example: A girl is examined after a report."""
    themes: list[str] = Field(default_factory=empty_list)
    """Free tags. Example: [revictimisation, forensic-examination]"""
    audiences: list[str] = Field(default_factory=empty_list)
    """The professions the case is written for; the guide lists them. Example: [forensic-examiner,
    prosecutor, police]"""
    duration: Minutes
    """Minutes the scenario takes in an agenda. Example: 30"""
    content_warning: LocalText
    """Said before the case starts. Example: References to sexual violence."""
    grounding: Annotated[list[str], Field(min_length=1)]
    """Ids of the quotes the case rests on, at least one. Example: [pe-06-psychologist]"""
    legal_terms: list[str] = Field(default_factory=empty_list)
    """Statutory names allowed here despite the terminology rule. Example: []"""
    objectives: Annotated[list[Objective], Field(min_length=1)]
    """What participants can do afterwards, at least one."""
    situation: LocalText
    """The case as participants read it (case sheet, slides); it says it is a fictional composite.
    Example: Fictional composite case. A girl of 13..."""
    image: Image | None = None
    """A picture shown with the situation: on its slide, the case sheet and the guide."""
    stages: list[Stage] = Field(default_factory=empty_list)
    """How the case unfolds, one decision point each."""
    discussion: Annotated[list[Discussion], Field(min_length=1)]
    """Questions for the group, at least one."""
    key_messages: Annotated[list[LocalText], Field(min_length=1)]
    """What participants take away, at least one. Example: [A child gives her account once.]"""
    questions: Annotated[list[Question], Field(min_length=1)]
    """Quiz items, at least one; every objective is assessed by one."""


# --- modules/<id>.yaml --------------------------------------------------------------


class Activity(Contract):
    """An agenda item that is not a scenario: an opening, a pre-test, an exercise."""

    title: LocalText
    """The activity's title, on the agenda and its slide. Example: Opening and ground rules"""
    duration: Minutes
    """Minutes it takes. Example: 15"""
    text: LocalText | None = None
    """What happens, for the slide and the guide. Example: Introductions."""


class AgendaItem(Contract):
    """One of `activity: {...}`, `scenario: <id>` or `break: <minutes>`."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    activity: Activity | None = None
    """An activity of the module itself."""
    scenario: str | None = None
    """The id of a scenario; its duration is the scenario's. Example: forensic-examination"""
    break_: Minutes | None = Field(default=None, alias="break")
    """A break of this many minutes. Example: 15"""

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
    """How the module's quiz is printed and marked."""

    pass_mark: Annotated[int, Field(ge=0, le=100)] = 70
    """Percent needed to pass. Example: 70"""
    forms: Annotated[list[Id], Field(min_length=1)] = Field(default_factory=lambda: ["post"])
    """Printable variants of the same items. Example: [pre, post]"""
    seed: int = 0
    """Shuffles items and options, reproducibly. Example: 2021"""


class Module(Contract):
    """modules/<id>.yaml: one training session; its objectives are those of its scenarios."""

    id: Id
    """Unique across the curriculum; the file is named after it. Example: m1-revictimisation"""
    title: LocalText
    """The module's title, on the deck, guide and handout. Example: Avoiding revictimisation"""
    audience: LocalText
    """Who the session is for, as printed. Example: Prosecutors and police"""
    duration: Minutes
    """Minutes in all; the agenda must fit. Example: 180"""
    group_size: str | None = None
    """Participants, as printed. Example: 12-20"""
    overview: LocalText
    """The purpose, for the guide's opening and the notice. Example: Why a single interview
    matters."""
    prerequisites: LocalText | None = None
    """What participants need beforehand. Example: None."""
    materials: list[LocalText] = Field(default_factory=empty_list)
    """What the room needs. Example: [projector]"""
    agenda: Annotated[list[AgendaItem], Field(min_length=1)]
    """In order; the first item also holds the opening slides, the last the closing slides."""
    quiz: QuizSettings = Field(default_factory=QuizSettings)
    """The quiz's pass mark, forms and seed."""




def path_text(path: FieldPath) -> str:
    """('questions', 2, 'options') → 'questions[2].options'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
