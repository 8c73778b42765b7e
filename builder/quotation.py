"""Quotation marks in curriculum texts: which words are quoted, and how quoted words compare.

Double quotes ("…", “…”) and guillemets («…») mark words quoted from the bank; single quotes
(‘…’) are a fictional case's dialogue and a curly apostrophe inside a word (don’t) is not a mark
at all, so neither is looked at here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENERS = {"“": "”", "«": "»"}
CLOSERS = {"”": "“", "»": "«"}
STRAIGHT = '"'


@dataclass(frozen=True)
class QuotedSpan:
    """Words between a pair of double quotation marks; offsets into the field's text."""

    start: int
    """Offset of the opening mark."""
    end: int
    """Offset just after the closing mark."""
    words: str


@dataclass(frozen=True)
class StrayMark:
    offset: int
    mark: str
    opening: bool
    """True for an opening mark never closed, False for a closing mark never opened."""


@dataclass
class Quotation:
    """The top-level quoted spans of one text, and the marks that pair with nothing."""

    spans: list[QuotedSpan] = field(default_factory=list)
    stray: list[StrayMark] = field(default_factory=list)

    def masked(self, text: str) -> str:
        """`text` with quoted words (and an unclosed quotation to the end) blanked out."""
        if not self.spans and not self.stray:
            return text
        chars = list(text)
        for span in self.spans:
            chars[span.start:span.end] = " " * (span.end - span.start)
        unclosed = [mark.offset for mark in self.stray if mark.opening]
        if unclosed:
            first = min(unclosed)
            chars[first:] = " " * (len(chars) - first)
        return "".join(chars)


_MARKS = re.compile("[" + re.escape(STRAIGHT + "".join(OPENERS) + "".join(CLOSERS)) + "]")


def find_quotation(text: str) -> Quotation:
    """Pair the double quotation marks of `text`; nested pairs belong to the outer span.

    Only the marks are visited (most texts have none): every rule about words asks this of
    every text, and a walk over each character cost more than the rules themselves."""
    found = Quotation()
    stack: list[tuple[str, int]] = []
    for match in _MARKS.finditer(text):
        offset, char = match.start(), match.group()
        if char == STRAIGHT:
            partner = _innermost(stack, STRAIGHT)
            if partner is None:
                stack.append((char, offset))
            else:
                _close(text, stack, partner, offset, found)
        elif char in OPENERS:
            stack.append((char, offset))
        elif char in CLOSERS:
            partner = _innermost(stack, CLOSERS[char])
            if partner is None:
                found.stray.append(StrayMark(offset, char, opening=False))
            else:
                _close(text, stack, partner, offset, found)
    found.stray += [StrayMark(offset, mark, opening=True) for mark, offset in stack]
    found.stray.sort(key=lambda mark: mark.offset)
    return found


def _innermost(stack: list[tuple[str, int]], opener: str) -> int | None:
    for index in range(len(stack) - 1, -1, -1):
        if stack[index][0] == opener:
            return index
    return None


def _close(
    text: str, stack: list[tuple[str, int]], index: int, offset: int, found: Quotation
) -> None:
    # Openers left above the partner were never closed inside this quotation.
    for mark, start in stack[index + 1:]:
        found.stray.append(StrayMark(start, mark, opening=True))
    start = stack[index][1]
    del stack[index:]
    if not stack:
        found.spans.append(QuotedSpan(start, offset + 1, text[start + 1:offset]))


def excerpt(words: str, limit: int = 50) -> str:
    """A short, one-line excerpt of quoted words for a message."""
    flat = " ".join(words.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"
