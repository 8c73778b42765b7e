"""Every text field of the curriculum, one language at a time: the one walk the text rules share.

A rule about words (quotes, privacy, terminology, restricted words) asks the same three things
of each text: which document and field it is, how a message names it, and where in the file a
word of it stands. `text_fields` answers them once, so no rule copies the document → text →
language loop, and `TextField.locate` finds a word in the text the loader kept when it first
read the file: no rule reads the disk again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from .curriculum import Curriculum
from .findings import Location
from .model import FieldPath, Source, iter_texts, path_text
from .positions import text_place
from .quotation import Quotation, find_quotation
from .read import LINE_BREAK, line_col

WORDS_TO_FIND = 3
"""How many words from an offset on are looked for in the file to find that offset."""


@dataclass(frozen=True)
class TextField:
    """One language of one text field: a `Text` map's entry, or a quote's own words."""

    curriculum: Curriculum
    document: object
    path: FieldPath
    """Where the value stands in its file, as in the YAML: ('stages', 0, 'notes', 'es')."""
    lang: str
    value: str

    @property
    def where(self) -> str:
        """How a message names this field: its position counted from 1 and labelled ("the 'en'
        text of the 2nd stage ('Arrival')"), never the YAML path people do not count."""
        return text_place(self.document, self.path, self.lang)

    @cached_property
    def quotation(self) -> Quotation:
        """The value's quotation marks paired: the quote and terminology rules both ask."""
        return find_quotation(self.value)

    @property
    def yaml_path(self) -> str:
        """The YAML path (stages[1].text.en), which `--format json` keeps beside the message."""
        return path_text(self.path)

    def locate(self, offset: int = 0) -> Location:
        """The file position of `value[offset:]`: the line and column of that word."""
        return locate_in_text(self.curriculum, self.document, self.path, self.value, offset)


def text_fields(curriculum: Curriculum, documents: Iterable[object]) -> Iterator[TextField]:
    """Every text of `documents`, per language, in file order; a source's texts are its quotes'
    words (in the source's language) and their translations."""
    for document in documents:
        yield from _document_fields(curriculum, document)


_walked: tuple[Curriculum | None, dict[int, tuple[object, tuple[TextField, ...]]]] = (None, {})
"""The last curriculum's documents walked, by the document's identity (the document itself kept
beside its fields, so that an identity is never another's): each rule about words walks the
same documents, and the walk was the larger part of some of them."""


def _document_fields(curriculum: Curriculum, document: object) -> tuple[TextField, ...]:
    global _walked
    walked_in, walked = _walked
    if walked_in is not curriculum:
        walked = {}
        _walked = (curriculum, walked)
    held = walked.get(id(document))
    if held is not None and held[0] is document:
        return held[1]
    if isinstance(document, Source):
        fields = tuple(_quote_fields(curriculum, document))
    else:
        fields = tuple(TextField(curriculum, document, (*path, lang), lang, value)
                       for path, text in iter_texts(document) for lang, value in text.items())
    walked[id(document)] = (document, fields)
    return fields


def _quote_fields(curriculum: Curriculum, source: Source) -> Iterator[TextField]:
    for i, quote in enumerate(source.quotes):
        yield TextField(curriculum, source, ("quotes", i, "text"), source.language, quote.text)
        for lang, translation in quote.translations.items():
            yield TextField(curriculum, source, ("quotes", i, "translations", lang, "text"),
                            lang, translation.text)


# --- where inside a text a word stands ----------------------------------------------------


def locate_in_text(
    curriculum: Curriculum, document: object, path: FieldPath, value: str, offset: int
) -> Location:
    """The file position of `value[offset:]`, where `value` is the text at `path`.

    The loader knows where each value starts. Inside a multi-line value (a block scalar, or a
    plain or quoted scalar over several lines) the words are found again in the file's text, so
    that a finding about one quotation in a long situation points at its own line."""
    node = curriculum.locate(document, *path)
    raw = curriculum.raw_texts.get(node.file)
    words = value[offset:].split()[:WORDS_TO_FIND]
    if raw is None or not words:
        return node
    in_value = re.compile(r"\s+".join(re.escape(word) for word in words))
    occurrence = sum(1 for m in in_value.finditer(value) if m.start() < offset)
    in_file = re.compile(r"\s+".join(_as_written(word) for word in words))
    start = _offset_of(raw, node.line, node.col)
    end = min(len(raw), start + 2 * len(value) + 200)
    for index, match in enumerate(in_file.finditer(raw, start, end)):
        if index == occurrence:
            line, col = line_col(raw, match.start())
            return Location(node.file, line, col)
    return node


def _as_written(word: str) -> str:
    """A word as YAML may write it: double quotes escaped, single quotes doubled."""
    pattern = ""
    for char in word:
        if char == '"':
            pattern += r'\\?"'
        elif char == "'":
            pattern += "'{1,2}"
        elif char == "\\":
            pattern += r"\\{1,2}"
        else:
            pattern += re.escape(char)
    return pattern


def _offset_of(raw: str, line: int, col: int) -> int:
    if line == 1:
        return col - 1
    for number, match in enumerate(LINE_BREAK.finditer(raw), start=2):  # the parser's lines
        if number == line:
            return match.end() + col - 1
    return len(raw)
