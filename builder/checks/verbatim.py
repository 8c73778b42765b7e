"""Whether quoted words are a verbatim part of a bank quote.

Quoted words must be a contiguous part of one quote's text (or of its translation), after
`normalise`. `[…]` / `[...]` joins parts that follow each other, in order, in the same quote;
any other `[words]` is an editor's insertion: skipped, and allowed to stand in for a few words
of the original ("[she] said" for "I said"). The bank's own insertions are left out of the
comparison, its elisions are kept so that quoted words cannot silently run across them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..typography import normalise

ELISION = "[...]"
MAX_WORDS_REPLACED_BY_INSERTION = 3

_BRACKETS = re.compile(r"(\[[^\[\]]*\])")
_BANK_INSERTION = re.compile(r" ?\[(?!\.\.\.\])[^\[\]]*\]")
_ELLIPSIS = r"(?:\[\.\.\.\]|\.\.\.|\(\.\.\.\))"
_EDGE_ELLIPSIS = re.compile(rf"^{_ELLIPSIS}\s*|\s*{_ELLIPSIS}$")
_TRAILING_PUNCTUATION = re.compile(r"[,.;:!?]+$")


@dataclass(frozen=True)
class QuotedParts:
    """Quoted words split at brackets: parts, and between each two whether it is an elision."""

    parts: tuple[str, ...]
    elided: tuple[bool, ...]
    loose: tuple[tuple[bool, bool], ...] = ()
    """Per part: whether its start, and its end, touch an insertion ("[T]hey"), so that it may
    begin or end inside a word of the quote. Elsewhere a part starts and ends on whole words."""

    def loose_at(self, index: int) -> tuple[bool, bool]:
        return self.loose[index] if index < len(self.loose) else (False, False)

    @property
    def empty(self) -> bool:
        return not any(self.parts)


def bank_text(text: str) -> str:
    """A quote's text as quoted words are compared with it."""
    return normalise(_BANK_INSERTION.sub("", normalise(text)))


def quoted_parts(words: str) -> QuotedParts:
    text = normalise(words)
    previous = None
    while previous != text:
        previous = text
        text = _EDGE_ELLIPSIS.sub("", text).strip()
    parts: list[str] = []
    elided: list[bool] = []
    loose: list[tuple[bool, bool]] = []
    pending_elision: bool | None = None
    pieces = _BRACKETS.split(text)
    for index, piece in enumerate(pieces):
        if _BRACKETS.fullmatch(piece):
            elision = piece == ELISION
            pending_elision = elision if pending_elision is None else (pending_elision or elision)
            continue
        stripped = piece.strip()
        if not stripped:
            continue
        if parts:
            elided.append(bool(pending_elision))
        parts.append(stripped)
        loose.append((
            index > 0 and pieces[index - 1] != ELISION and not piece[:1].isspace(),
            index + 1 < len(pieces) and pieces[index + 1] != ELISION
            and not piece[-1:].isspace(),
        ))
        pending_elision = None
    return QuotedParts(tuple(parts), tuple(elided), tuple(loose))


def is_verbatim(words: str, banks: list[str]) -> bool:
    """Whether quoted `words` are part of one of `banks` (texts prepared with `bank_text`)."""
    quoted = quoted_parts(words)
    if quoted.empty:
        return True
    for variant in _variants(quoted):
        if any(_found(variant, bank) for bank in banks):
            return True
    return False


def _variants(quoted: QuotedParts) -> list[QuotedParts]:
    """The words as written; with the first letter's case changed; without closing punctuation."""
    variants = [quoted]
    first = quoted.parts[0]
    if first[:1].isalpha():
        swapped = first[0].swapcase() + first[1:]
        variants.append(QuotedParts((swapped, *quoted.parts[1:]), quoted.elided, quoted.loose))
    last = quoted.parts[-1]
    trimmed = _TRAILING_PUNCTUATION.sub("", last).rstrip()
    if trimmed and trimmed != last:
        variants += [QuotedParts((*v.parts[:-1], trimmed), v.elided, v.loose)
                     for v in list(variants)]
    return variants


def _found(quoted: QuotedParts, bank: str) -> bool:
    return any(
        _rest_found(quoted, bank, 1, start + len(quoted.parts[0]))
        for start in _occurrences(bank, quoted.parts[0], 0)
        if _whole_words(quoted, 0, bank, start)
    )


def _whole_words(quoted: QuotedParts, index: int, bank: str, start: int) -> bool:
    """Whether part `index`, found at `start` of `bank`, starts and ends on word boundaries
    (quoted "aware of the risk" is not part of "unaware of the risk"), except where it touches
    an insertion."""
    part = quoted.parts[index]
    end = start + len(part)
    loose_start, loose_end = quoted.loose_at(index)
    if not loose_start and start > 0 and _joined(bank[start - 1], part[0]):
        return False
    return loose_end or end >= len(bank) or not _joined(part[-1], bank[end])


def _joined(left: str, right: str) -> bool:
    return left.isalnum() and right.isalnum()


def _rest_found(quoted: QuotedParts, bank: str, index: int, position: int) -> bool:
    if index == len(quoted.parts):
        return True
    part = quoted.parts[index]
    for start in _occurrences(bank, part, position):
        if not quoted.elided[index - 1] and not _small_gap(bank[position:start]):
            break  # an insertion stands in for a few words at most; later starts are further
        if not _whole_words(quoted, index, bank, start):
            continue
        if _rest_found(quoted, bank, index + 1, start + len(part)):
            return True
    return False


def _small_gap(gap: str) -> bool:
    return ELISION not in gap and len(gap.split()) <= MAX_WORDS_REPLACED_BY_INSERTION


def _occurrences(text: str, part: str, start: int) -> list[int]:
    found = []
    index = text.find(part, start)
    while index != -1:
        found.append(index)
        index = text.find(part, index + 1)
    return found
