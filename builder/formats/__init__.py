"""The output formats, by KIND, and what each one writes: the build's single declaration of its
outputs.

The leak guard, the index page, the replace step, PDF conversion and the CLI read this
declaration; none of them recognises a file by its name. So adding a format is:

1. one module here, `formats/<name>.py`, with `build(context) -> list[Path]` that writes the
   declared files (through `context.path(part, extension)` or `context.output_path(...)`);
2. one entry in FORMATS below: its kind, its writer module, the files it writes (a `FileSpec`
   each: name part, file type, audience, role, and a subfolder if any) and what it reads;
3. its locale words: the role's name under `index_file_roles` in `locales/<lang>/index.yaml`
   (and a file type's name under `index_file_kinds` when the type is new).

A file's name is `<module>-<part>-<lang>.<extension>` in `<lang>/<module>/` or in the spec's
`folder` below it. `part` and `folder` may hold `{placeholders}`; `each` then lists one set of
values per copy (one per quiz form, one per delivery), and the role's words are filled with the
same values. For example, a per-delivery sign-in sheet as a workbook:

    FileSpec("sign-in", XLSX, Audience.TRAINER, role="sign_in",
             folder="deliveries/{delivery}", each=lambda module: [
                 {"delivery": d.id} for d in module.deliveries])

A format that writes a file it did not declare, or leaves out one it declared, fails the build:
the declaration cannot drift from what is written.

This module imports no writer: the writers (python-pptx, python-docx, lxml) load only when a
build runs a format, so `voces check` and `voces --help` stay quick.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..context import BuildContext
    from ..model import Module
    from ..model_delivery import Delivery

Writer = Callable[["BuildContext"], list[Path]]
"""Writes one module in one language into `context.folder`; returns the files written."""


class Audience(str, Enum):
    """Who sees a file (or a part of it); the leak guard decides from this what it may hold."""

    PARTICIPANT = "participant"
    """Handed to or shown to participants: no facilitator-only text at all."""
    TRAINER = "trainer"
    """Seen by the one presenting, not by participants (a deck's speaker notes, a sign-in
    sheet): stage notes and listen-for points, but no quiz feedback and no restricted quote."""
    LMS = "lms"
    """Imported into a learning platform, which shows feedback after an attempt: feedback, but no
    restricted quote."""
    FACILITATOR = "facilitator"
    """The facilitator's own documents (guide, answer keys): anything."""


@dataclass(frozen=True)
class FileType:
    """What kind of file it is, which says how to read it back and what can be made from it."""

    extension: str
    """After the dot, as in the name: `pptx`, `gift.txt`, `xlsx`; also the `index_file_kinds`
    key for the index page's words."""
    reader: str
    """How the leak guard reads it back: `office` (zip of XML parts: pptx, docx, xlsx),
    `package` (a zip of XML/HTML/text files), `gift`, `markup` (XML or HTML), `text`."""
    pdf: bool = False
    """LibreOffice makes a PDF of it on `--pdf`."""
    pictures: bool = False
    """And pictures of each page (a deck's slides) for the index page."""


PPTX = FileType("pptx", "office", pdf=True, pictures=True)
DOCX = FileType("docx", "office", pdf=True)
XLSX = FileType("xlsx", "office")
TEXT = FileType("txt", "text")
GIFT = FileType("gift.txt", "gift")
MOODLE_XML = FileType("moodle.xml", "markup")
QTI_PACKAGE = FileType("zip", "package")


@dataclass(frozen=True)
class FileSpec:
    """One file (or one file per `each` value) a format writes for a module in a language."""

    part: str
    """The middle of the name, `<module>-<part>-<lang>.<extension>`; may hold `{placeholders}`."""
    type: FileType
    audience: Audience
    role: str
    """What it is for: the key of its words under `index_file_roles` (the index page)."""
    folder: str = ""
    """A subfolder of `<lang>/<module>/`, `/`-separated, may hold `{placeholders}`."""
    each: Callable[[Module], Iterable[Mapping[str, str]]] | None = None
    """One set of placeholder values per copy; None: one copy, no placeholders."""
    part_audiences: tuple[tuple[str, Audience], ...] = ()
    """Parts of an office file seen by someone else, by the start of the part's name in the
    archive: a deck's speaker notes (`ppt/notesSlides/`) are the trainer's."""
    per_delivery: bool = False
    """One copy per delivery of the module in this language (placeholder `{delivery}`, times
    `each`), named `<module>-<part>-<delivery>.<extension>` as product.md names a delivery's
    files."""


@dataclass(frozen=True)
class OutputFile:
    """A declared file of one module in one language, where it lands and what it is."""

    kind: str
    relative: Path
    """Relative to the output folder: `<lang>/<module>/[<folder>/]<name>`."""
    spec: FileSpec
    values: Mapping[str, str] = field(default_factory=dict)
    """The placeholder values of this copy (the quiz form), for the role's words too."""

    @property
    def type(self) -> FileType:
        return self.spec.type

    @property
    def audience(self) -> Audience:
        return self.spec.audience

    @property
    def name(self) -> str:
        return self.relative.name

    @property
    def pdf(self) -> Path | None:
        """Where its PDF goes on `--pdf`: beside it, `<name without extension>.pdf`."""
        if not self.type.pdf:
            return None
        return self.relative.with_name(self._stem + ".pdf")

    @property
    def pictures(self) -> Path | None:
        """Where the pictures of its pages go: `<name without extension>-slides/`."""
        if not self.type.pictures:
            return None
        return self.relative.with_name(self._stem + "-slides")

    @property
    def companions(self) -> list[Path]:
        """What is made from it and must match it: its PDF and the pictures of its pages."""
        return [path for path in (self.pdf, self.pictures) if path is not None]

    @property
    def _stem(self) -> str:
        return self.name.removesuffix("." + self.type.extension)

    def audience_of(self, member: str) -> Audience:
        """Who sees one part of the file (a zip member's name)."""
        for prefix, audience in self.spec.part_audiences:
            if member.startswith(prefix):
                return audience
        return self.spec.audience


@dataclass(frozen=True)
class Reads:
    """What a format reads besides its module and the settings; a change to any of it means the
    format's files must be written again."""

    scenarios: bool = True
    """The scenarios on the module's agenda."""
    scenario_fields: tuple[str, ...] | None = None
    """The fields of those scenarios it reads (`Scenario`'s names); None: all of them, and
    their pictures (read too when `image` or `stages` is named). Narrower means an edit of a
    field it does not show rewrites none of its files: tests/test_build_reads.py records what
    each writer reads and fails when a field is missing here."""
    sources: bool = False
    """The sources and their quotes."""
    deliveries: bool = False
    """The module's deliveries in the job's language (the guide lists them)."""
    everything: bool = False
    """The whole curriculum, when the curriculum overrides one of `templates`: a user's template
    is given all of it (the agenda's). The shipped templates read only what the other fields
    say."""
    theme: tuple[str, ...] = ()
    """Theme files (`deck.pptx`, `guide.docx`): the user's when `theme:` has them."""
    templates: tuple[str, ...] = ()
    """Jinja2 templates, which a curriculum's `templates/` folder may override."""

    # The builder's own words (every locale file) and code count as read by every format.


@dataclass(frozen=True)
class Format:
    kind: str
    writer: str | Writer
    """The module under `builder.formats` whose `build` writes the files, or the function."""
    files: tuple[FileSpec, ...]
    reads: Reads = Reads()

    def write(self, context: BuildContext) -> list[Path]:
        if callable(self.writer):
            return self.writer(context)
        written: list[Path] = self.load().build(context)
        return written

    def load(self) -> Any:
        """The writer's module, imported (and its libraries) if it was not yet."""
        return importlib.import_module(f"{__name__}.{self.writer}") if isinstance(
            self.writer, str) else None

    def outputs(self, module: Module, lang: str, deliveries: Iterable[Delivery] = ()
                ) -> list[OutputFile]:
        """Every file this format writes for `module` in `lang`, in declaration order;
        `deliveries` are the curriculum's (for the specs `per_delivery`)."""
        found = []
        ours = [{"delivery": d.id} for d in deliveries
                if d.module == module.id and d.language == lang]
        for spec in self.files:
            for base in (ours if spec.per_delivery else [{}]):
                for more in (spec.each(module) if spec.each else [{}]):
                    values = {**base, **more}
                    end = values["delivery"] if spec.per_delivery else lang
                    name = f"{module.id}-{spec.part.format(**values)}-{end}.{spec.type.extension}"
                    folder = Path(lang) / module.id / spec.folder.format(**values)
                    found.append(OutputFile(self.kind, folder / name, spec, values))
        return found


def _quiz_forms(module: Module) -> list[dict[str, str]]:
    return [{"form": form} for form in module.quiz.forms]


# What each format reads of a scenario, where it is less than all of it; `id` and `duration`
# are read by the agenda's schedule (builder/agenda.py), which every one of them walks.
_QUIZ_FIELDS = ("id", "duration", "objectives", "questions", "themes", "grounding")
"""The quiz model (builder/quiz.py): each question with its objective, the scenario's themes and
grounding, and its id for the LMS tags."""


_DOCUMENT_THEME = ("guide.docx",)

FORMATS: dict[str, Format] = {
    "agenda": Format("agenda", "agenda", (
        FileSpec("agenda", TEXT, Audience.PARTICIPANT, role="agenda"),),
        Reads(scenario_fields=("id", "duration", "title"), everything=True,
              templates=("agenda.txt.j2",))),
    "deck": Format("deck", "deck", (
        FileSpec("deck", PPTX, Audience.PARTICIPANT, role="deck",
                 part_audiences=(("ppt/notesSlides/", Audience.TRAINER),)),),
        Reads(sources=True, theme=("deck.pptx",))),
    "guide": Format("guide", "guide", (
        FileSpec("guide", DOCX, Audience.FACILITATOR, role="guide"),),
        Reads(sources=True, deliveries=True, theme=_DOCUMENT_THEME + ("deck.pptx",))),
    "handout": Format("handout", "handout", (
        FileSpec("handout", DOCX, Audience.PARTICIPANT, role="handout"),),
        Reads(sources=True, theme=_DOCUMENT_THEME, scenario_fields=(
            "id", "duration", "title", "situation", "image", "stages", "discussion",
            "key_messages", "objectives", "questions", "grounding", "themes"))),
    "notice": Format("notice", "notice", (
        FileSpec("notice", DOCX, Audience.PARTICIPANT, role="notice"),),
        Reads(sources=True, theme=_DOCUMENT_THEME, scenario_fields=(
            "id", "title", "summary", "content_warning"))),
    "quiz": Format("quiz", "quiz_docx", (
        FileSpec("quiz-{form}", DOCX, Audience.PARTICIPANT, role="quiz", each=_quiz_forms),
        FileSpec("key-{form}", DOCX, Audience.FACILITATOR, role="key", each=_quiz_forms)),
        Reads(theme=_DOCUMENT_THEME, scenario_fields=(*_QUIZ_FIELDS, "title"))),
    "delivery": Format("delivery", "delivery", tuple(
        FileSpec(part, kind, audience, role=role, folder="deliveries/{delivery}",
                 per_delivery=True, each=each)
        for part, kind, audience, role, each in (
            ("notice", DOCX, Audience.PARTICIPANT, "delivery_notice", None),
            ("agenda", TEXT, Audience.PARTICIPANT, "delivery_agenda", None),
            ("sign-in", DOCX, Audience.PARTICIPANT, "sign_in", None),
            ("certificate", DOCX, Audience.PARTICIPANT, "certificate", None),
            # The entry workbook holds the form's answer key: the facilitator's.
            ("entry-{form}", XLSX, Audience.FACILITATOR, "entry", _quiz_forms),
        )), Reads(sources=True, deliveries=True, everything=True, theme=_DOCUMENT_THEME,
                  templates=("agenda.txt.j2",), scenario_fields=(
                      *_QUIZ_FIELDS, "title", "summary", "content_warning"))),
    "gift": Format("gift", "gift", (
        FileSpec("quiz", GIFT, Audience.LMS, role="gift"),),
        Reads(scenario_fields=_QUIZ_FIELDS)),
    "moodle": Format("moodle", "moodle", (
        FileSpec("quiz", MOODLE_XML, Audience.LMS, role="moodle"),),
        Reads(scenario_fields=_QUIZ_FIELDS)),
    "qti": Format("qti", "qti", (
        FileSpec("quiz-qti", QTI_PACKAGE, Audience.LMS, role="qti"),),
        Reads(scenario_fields=_QUIZ_FIELDS)),
}


def module_outputs(module: Module, lang: str, kinds: Iterable[str] | None = None,
                   deliveries: Iterable[Delivery] = ()) -> list[OutputFile]:
    """The declared files of `module` in `lang`, of `kinds` (every kind when None)."""
    return [output for kind in (FORMATS if kinds is None else kinds)
            for output in FORMATS[kind].outputs(module, lang, tuple(deliveries))]
