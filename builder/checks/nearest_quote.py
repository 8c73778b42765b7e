"""The bank quote nearest to words that are quoted but not verbatim, and the first word that
differs: so a misquote's finding says which quote was meant and what to correct."""

from __future__ import annotations

import difflib
import re

from ..model import Quote

MIN_SHARE = 0.5
"""At least this share of the quoted words must appear, in order, in the quote."""
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def nearest_quote(bank: list[tuple[Quote, str]], quoted: str) -> tuple[Quote, str, str] | None:
    """(quote, its word, the quoted word) where they first differ, for the quote sharing the
    most words with `quoted` in order; None when no quote shares at least half of them."""
    mine = _words(quoted)
    if not mine:
        return None
    folded = [w.casefold() for w in mine]
    best: tuple[float, Quote, list[str], int] | None = None
    for quote, text in bank:
        theirs = _words(text)
        matcher = difflib.SequenceMatcher(None, folded, [w.casefold() for w in theirs],
                                          autojunk=False)
        share = sum(block.size for block in matcher.get_matching_blocks()) / len(mine)
        if share >= MIN_SHARE and (best is None or share > best[0]):
            first = matcher.get_matching_blocks()[0]
            best = (share, quote, theirs, first.b - first.a)
    if best is None:
        return None
    _, quote, theirs, offset = best
    for index, word in enumerate(mine):
        position = offset + index
        other = theirs[position] if 0 <= position < len(theirs) else "(the quote ends)"
        if word.casefold() != other.casefold():
            return quote, other, word
    return None
