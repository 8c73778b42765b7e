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

Each job's files are read back in the worker that wrote them, as soon as it wrote them, so the
guard runs on every core with the jobs (`guard_files`); `find_leaks`, after all jobs, gathers
their verdicts and reads back whatever has none. A kept job's verdict stands while its files are
unchanged (the manifest's digests) and the facilitator-only texts are the ones it was read
against (`secrets_digest`, kept in its record); otherwise its files are read back again.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
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
_WORDS = (*_TEXTS, *_BREAKS)
_OUTER_PARAGRAPHS = etree.XPath(
    "//w:p[not(ancestor::w:p or ancestor::a:p)] | //a:p[not(ancestor::w:p or ancestor::a:p)]",
    namespaces={"w": _W[1:-1], "a": _A[1:-1]})
"""Paragraphs not inside another one (a text box's paragraphs are read with the one holding
it), in document order."""
_XML = etree.XMLParser(resolve_entities=False, huge_tree=True)
_MARKUP = etree.XMLParser(resolve_entities=False, huge_tree=True, recover=True)
_TAG = re.compile(r"<[^>]+>")
_GIFT_ESCAPE = re.compile(r"\\([~=#{}:\\])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SEPARATOR = "\x00"
"""Between the participant texts searched at once, so no needle spans two (one holding it is
looked for text by text)."""


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
    # One string to search: a substring of it is a substring of one of the texts (no text
    # holds the separator), and a curriculum of many modules repeats most of its texts.
    distinct = list(dict.fromkeys(public))
    everything_public = _SEPARATOR.join(distinct)

    def is_public(needle: str) -> bool:
        if _SEPARATOR in needle:
            return any(needle in text for text in distinct)
        return needle in everything_public

    found = []
    for value, kind in secret.items():
        whole = comparable(value)
        if kind != RESTRICTED and is_public(whole):
            continue
        needles = [whole] + [
            sentence for sentence in map(comparable, _SENTENCE.split(value))
            if len(sentence) >= MIN_SENTENCE_LENGTH and sentence != whole
            and not is_public(sentence)
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

    if not reads_back(output):
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


def reads_back(output: OutputFile) -> bool:
    """Whether some part of the file must not hold some kind of facilitator text (a
    facilitator's file may hold them all: the guard does not read it back)."""
    return any(FORBIDDEN[audience] for audience in _audiences(output))


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


_SEEN: OrderedDict[bytes, None] = OrderedDict()
"""Digests of parts read once (the most recent few thousand)."""
_TEXT_CACHE: OrderedDict[bytes, str] = OrderedDict()
"""Text of parts read more than once: a document's own parts are never kept."""
_SEEN_PARTS, _CACHED_PARTS = 4096, 256


def _xml_text(data: bytes) -> str:
    """Paragraph by paragraph for Word and PowerPoint XML, else all text nodes.

    A part read before is read once per process (keyed by its sha256): every docx repeats the
    template's styles, megabytes of XML holding no text of the curriculum."""
    key = hashlib.sha256(data).digest()
    text = _TEXT_CACHE.get(key)
    if text is not None:
        _TEXT_CACHE.move_to_end(key)
        return text
    text = _read_xml_text(data)
    if key in _SEEN:
        _TEXT_CACHE[key] = text
        if len(_TEXT_CACHE) > _CACHED_PARTS:
            _TEXT_CACHE.popitem(last=False)
    else:
        _SEEN[key] = None
        if len(_SEEN) > _SEEN_PARTS:
            _SEEN.popitem(last=False)
    return text


def remember_parts(parts: list[bytes]) -> None:
    """Read now, and keep, the text of Office XML parts that every file of a build carries (a
    deck theme's layouts and masters): a build does it before forking its workers, which then
    find them read."""
    for data in parts:
        key = hashlib.sha256(data).digest()
        if data.lstrip().startswith(b"<") and key not in _TEXT_CACHE:
            _TEXT_CACHE[key] = _read_xml_text(data)
            if len(_TEXT_CACHE) > _CACHED_PARTS:
                _TEXT_CACHE.popitem(last=False)


def _read_xml_text(data: bytes) -> str:
    try:
        root = etree.fromstring(data, parser=_XML)
    except etree.XMLSyntaxError:
        return data.decode("utf-8", "replace")
    paragraphs = _OUTER_PARAGRAPHS(root)
    if not paragraphs:
        return _TAG.sub(" ", html.unescape("".join(root.itertext())))
    assert isinstance(paragraphs, list)
    return "\n".join(
        "".join((el.text or "") if el.tag in _TEXTS else " " for el in paragraph.iter(*_WORDS))
        for paragraph in paragraphs)


def _markup_text(data: bytes) -> str:
    """Text of an XML or HTML file, HTML inside CDATA included, tags dropped."""
    try:
        root = etree.fromstring(data, parser=_MARKUP)
        text = "".join(root.itertext()) if root is not None else ""
    except etree.XMLSyntaxError:
        text = data.decode("utf-8", "replace")
    return _TAG.sub(" ", html.unescape(text))


# --- the guard ----------------------------------------------------------------------------


def secrets_digest(secrets: list[SecretText]) -> str:
    """Names the facilitator-only texts a file was read against, for a kept job's verdict."""
    plain = sorted([secret.kind, secret.text, *secret.needles] for secret in secrets)
    return hashlib.sha256(json.dumps(plain, ensure_ascii=False).encode("utf-8")).hexdigest()


def guard_files(base: Path, files: Mapping[Path, OutputFile], secrets: list[SecretText]
                ) -> dict[Path, list[str]]:
    """Each file's verdict (its leaks; none when it is clean), read back from `base`."""
    return {relative: _leaks_in(base / relative, relative.as_posix(), secrets, output)
            for relative, output in files.items() if (base / relative).is_file()}


def find_leaks(staged: StagedBuild) -> list[str]:
    """One message per facilitator-only text found where it must not be, file by file: the
    verdicts the jobs gave, and of files without one (a kept job read against other texts)
    a verdict now."""
    problems: list[str] = []
    secrets: dict[str, list[SecretText]] = {}
    for relative, output in sorted({**staged.kept, **staged.files}.items()):
        verdict = staged.verdicts.get(relative)
        if verdict is None:
            lang = relative.parts[0]
            if lang not in secrets:
                secrets[lang] = secret_texts(staged.curriculum, lang)
            base = staged.staging if relative in staged.files else staged.request.out
            verdict = guard_files(base, {relative: output}, secrets[lang]).get(relative, [])
        problems += verdict
    return problems


def _leaks_in(
    path: Path, relative: str, secrets: list[SecretText], output: OutputFile
) -> list[str]:
    problems = []
    try:
        parts = list(forbidden_parts(path, relative, output))
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"{relative}: could not be read back to check for leaks ({exc})"]
    texts = [comparable(part.text) for part in parts]
    if _clean(parts, texts, secrets):
        return []
    for part, text in zip(parts, texts, strict=True):
        for secret in secrets:
            if secret.kind in part.forbidden and any(n in text for n in secret.needles):
                problems.append(
                    f"{part.name}: holds a facilitator-only text ({KIND_NAMES[secret.kind]}): "
                    f"“{_start(secret.text)}”; it must not reach this file, which "
                    "participants may see (a bug in the format that wrote it)")
    return problems


def _clean(parts: list[Part], texts: list[str], secrets: list[SecretText]) -> bool:
    """True when no part holds a text it must not: the parts that must not hold the same kinds
    are searched at once, joined by the separator (a deck's hundred slides and notes pages are
    two searches per text, not two hundred). A needle holding the separator itself is looked
    for part by part, by the caller."""
    joined: dict[frozenset[str], list[str]] = {}
    for part, text in zip(parts, texts, strict=True):
        if part.forbidden:
            joined.setdefault(part.forbidden, []).append(text)
    for forbidden, group in joined.items():
        everything = _SEPARATOR.join(group)
        for secret in secrets:
            if secret.kind in forbidden and any(
                    _SEPARATOR in needle or needle in everything for needle in secret.needles):
                return False
    return True


def _start(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:60] + "…"
