"""The leak guard: after every format wrote into staging, read the files back and fail the build
when a facilitator-only text appears where it must not (issue 6, product.md "Bad input").

Facilitator-only texts are the model's strings of 20 characters or more that occur only in
facilitator fields (feedback, stage notes, listen-for points, restricted quotes) and in no
participant field. Where they may appear:

Who sees a file, or a part of it, is its audience as its format declares it (builder/formats):

| audience (for example)                       | feedback | notes, listen for | restricted quote |
|----------------------------------------------|----------|-------------------|------------------|
| participant (handout, notice, quiz, slides)  | no       | no                | no               |
| trainer (a deck's speaker notes)             | no       | yes               | no               |
| LMS (GIFT, Moodle XML, QTI)                  | yes      | yes               | no               |
| facilitator (guide, answer keys)             | yes      | yes               | yes              |
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .curriculum import Curriculum
from .formats import Audience, OutputFile
from .model import Scenario, Text, iter_texts
from .staging import StagedBuild
from .typography import normalise

MIN_LENGTH = 20
MIN_SENTENCE_LENGTH = 40
"""A sentence this long of a facilitator-only text is looked for on its own too (a paginated
slide may carry part of a text)."""

FEEDBACK, NOTES, LISTEN_FOR, RESTRICTED = "feedback", "stage notes", "listen-for point", \
    "restricted quote"
KIND_NAMES = {
    FEEDBACK: "feedback", NOTES: "stage notes", LISTEN_FOR: "listen-for point",
    RESTRICTED: "restricted quote",
}
FACILITATOR_FIELDS = {
    "feedback": FEEDBACK, "feedback_true": FEEDBACK, "feedback_false": FEEDBACK,
    "notes": NOTES, "listen_for": LISTEN_FOR,
}
ALL_KINDS = frozenset({FEEDBACK, NOTES, LISTEN_FOR, RESTRICTED})

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PARAGRAPHS = {f"{_W}p", f"{_A}p"}
_TEXTS = {f"{_W}t", f"{_A}t", f"{_W}delText"}
_BREAKS = {f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_A}br"}
_TAG = re.compile(r"<[^>]+>")
_GIFT_ESCAPE = re.compile(r"\\([~=#{}:\\])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class SecretText:
    kind: str
    text: str
    """As written in the curriculum."""
    needles: tuple[str, ...]
    """Normalised: the whole text, and its long sentences, any of which betrays it."""


@dataclass(frozen=True)
class Part:
    """Text read back from one part of a staged file, and which texts it must not hold."""

    name: str
    text: str
    forbidden: frozenset[str]


def comparable(text: str) -> str:
    """A text as the guard compares it: entities decoded, `normalise`d, case folded."""
    return normalise(html.unescape(text)).casefold()


# --- which texts are facilitator-only -----------------------------------------------------


def secret_texts(curriculum: Curriculum, lang: str) -> list[SecretText]:
    """Facilitator-only texts in `lang`: in facilitator fields, and in no participant field."""
    secret: dict[str, str] = {}
    public: list[str] = []
    for scenario in curriculum.scenarios:
        for kind, value in _scenario_texts(curriculum, scenario, lang):
            if kind is None:
                public.append(comparable(value))
            elif len(value.strip()) >= MIN_LENGTH:
                secret.setdefault(value, kind)
    for source, quote in curriculum.quotes():
        texts = [quote.text, *(t.text for t in quote.translations.values())]
        for value in texts:
            if source.access == "restricted":
                secret[value] = RESTRICTED
            else:
                public.append(comparable(value))
    documents: list[object] = [curriculum.settings, *curriculum.modules]
    for document in documents:
        public += [comparable(curriculum.text(t, lang)) for _, t in iter_texts(document)]
    found = []
    for value, kind in secret.items():
        whole = comparable(value)
        if kind != RESTRICTED and any(whole in text for text in public):
            continue
        needles = [whole] + [
            sentence for sentence in map(comparable, _SENTENCE.split(value))
            if len(sentence) >= MIN_SENTENCE_LENGTH and sentence != whole
            and not any(sentence in text for text in public)
        ]
        found.append(SecretText(kind, value, tuple(needles)))
    return found


def _scenario_texts(
    curriculum: Curriculum, scenario: Scenario, lang: str
) -> Iterator[tuple[str | None, str]]:
    """(facilitator kind or None for participant fields, text) of every text of a scenario."""
    for path, text in iter_texts(scenario):
        kind = next((FACILITATOR_FIELDS[p] for p in path if p in FACILITATOR_FIELDS), None)
        value = curriculum.text(text, lang) if isinstance(text, Text) else ""
        if value:
            yield kind, value


# --- reading staged files back ------------------------------------------------------------


FORBIDDEN: dict[Audience, frozenset[str]] = {
    Audience.PARTICIPANT: ALL_KINDS,
    Audience.TRAINER: frozenset({FEEDBACK, RESTRICTED}),
    Audience.LMS: frozenset({RESTRICTED}),
    Audience.FACILITATOR: frozenset(),
}
"""What each audience must not be shown (the table above)."""


def forbidden_parts(path: Path, relative: str, output: OutputFile) -> Iterator[Part]:
    """The parts of one staged file, each with the kinds of facilitator text it must not hold.

    Who sees a file, or a part of it, is what its format declares (`builder/formats`); how it is
    read back is its declared file type."""
    def rule(member: str) -> frozenset[str]:
        return FORBIDDEN[output.audience_of(member)]

    if not any(FORBIDDEN[audience] for audience in _audiences(output)):
        return
    reader = output.type.reader
    if reader == "office":
        yield from _office_parts(path, relative, rule)
    elif reader == "package":
        yield from _package_parts(path, relative, rule)
    elif reader == "gift":
        text = _GIFT_ESCAPE.sub(r"\1", path.read_bytes().decode("utf-8", "replace"))
        yield Part(relative, _TAG.sub(" ", text), FORBIDDEN[output.audience])
    elif reader == "text":
        yield Part(relative, path.read_bytes().decode("utf-8", "replace"),
                   FORBIDDEN[output.audience])
    else:
        yield Part(relative, _markup_text(path.read_bytes()), FORBIDDEN[output.audience])


def _audiences(output: OutputFile) -> set[Audience]:
    return {output.audience, *(audience for _, audience in output.spec.part_audiences)}


def _office_parts(
    path: Path, relative: str, rule: Callable[[str], frozenset[str]]
) -> Iterator[Part]:
    with zipfile.ZipFile(path) as archive:
        for member in sorted(archive.namelist()):
            if member.endswith(".xml"):
                forbidden = rule(member)
                text = _xml_text(archive.read(member))
                yield Part(f"{relative} ({_part_name(member)})", text, forbidden)


def _part_name(member: str) -> str:
    if member.startswith("ppt/notesSlides/"):
        return "speaker notes " + Path(member).stem.removeprefix("notesSlide")
    if member.startswith("ppt/slides/"):
        return "slide " + Path(member).stem.removeprefix("slide")
    return member


def _package_parts(
    path: Path, relative: str, rule: Callable[[str], frozenset[str]]
) -> Iterator[Part]:
    with zipfile.ZipFile(path) as archive:
        for member in sorted(archive.namelist()):
            if member.endswith((".xml", ".html", ".htm", ".txt")):
                yield Part(f"{relative} ({member})", _markup_text(archive.read(member)),
                           rule(member))


def _xml_text(data: bytes) -> str:
    """Paragraph by paragraph for Word and PowerPoint XML, else all text nodes."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False,
                                                             huge_tree=True))
    except etree.XMLSyntaxError:
        return data.decode("utf-8", "replace")
    paragraphs = [el for el in root.iter() if el.tag in _PARAGRAPHS]
    if not paragraphs:
        return _TAG.sub(" ", html.unescape("".join(root.itertext())))
    lines = []
    for paragraph in paragraphs:
        if any(parent.tag in _PARAGRAPHS for parent in paragraph.iterancestors()):
            continue
        words = []
        for el in paragraph.iter():
            if el.tag in _TEXTS and el.text:
                words.append(el.text)
            elif el.tag in _BREAKS:
                words.append(" ")
        lines.append("".join(words))
    return "\n".join(lines)


def _markup_text(data: bytes) -> str:
    """Text of an XML or HTML file, HTML inside CDATA included, tags dropped."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False,
                                                             huge_tree=True, recover=True))
        text = "".join(root.itertext()) if root is not None else ""
    except etree.XMLSyntaxError:
        text = data.decode("utf-8", "replace")
    return _TAG.sub(" ", html.unescape(text))


# --- the guard ----------------------------------------------------------------------------


def find_leaks(staged: StagedBuild) -> list[str]:
    """One message per facilitator-only text found where it must not be."""
    problems: list[str] = []
    secrets: dict[str, list[SecretText]] = {}
    for relative, output in sorted(staged.files.items()):
        lang = relative.parts[0]
        if lang not in secrets:
            secrets[lang] = secret_texts(staged.curriculum, lang)
        path = staged.staging / relative
        if not path.is_file():
            continue
        problems += _leaks_in(path, relative.as_posix(), secrets[lang], output)
    return problems


def _leaks_in(
    path: Path, relative: str, secrets: list[SecretText], output: OutputFile
) -> list[str]:
    problems = []
    try:
        parts = list(forbidden_parts(path, relative, output))
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"{relative}: could not be read back to check for leaks ({exc})"]
    for part in parts:
        text = comparable(part.text)
        for secret in secrets:
            if secret.kind in part.forbidden and any(n in text for n in secret.needles):
                problems.append(
                    f"{part.name}: holds a facilitator-only text ({KIND_NAMES[secret.kind]}): "
                    f"“{_start(secret.text)}”; it must not reach this file, which "
                    "participants may see (a bug in the format that wrote it)")
    return problems


def _start(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:60] + "…"
