"""`quote.restricted`: a restricted quote's own words stay out of every text field.

A restricted (facilitator-only) quote reaches facilitators only through `grounding`, in the
guide (domain.md section 4). A text leaks it when it reproduces what makes that quote that quote:
a run of its words, word for word (case, accents and punctuation aside), that carries at least
`LEAK_WEIGHT` of its distinctive words (`function_words.word_weight`: articles, prepositions and
conjunctions count a quarter, pronouns, auxiliaries and negation a half, names and numbers
nothing), or is `LONG_RUN` words long whatever its words (names and numbers apart). So "el
número de la línea de ayuda" (three words that count) or "Centro Emergencia Mujer" pass, while
five words of the quote's own in a row do not. A run that ends one field and goes on, in the
quote's order, at the start of another field of the same scenario or module in the same language
counts as one. Every run is reported where it stands, every one in the same `voces check`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..curriculum import Curriculum
from ..findings import Finding, error
from ..model import Quote
from ..quotation import excerpt
from ..text_fields import text_fields
from .function_words import plain_word, word_weight
from .verbatim import bank_text

LEAK_WEIGHT = 5.0
"""This much distinctive weight in one run of a restricted quote's words is a leak."""
LONG_RUN = 10
"""A run this many words long (names and numbers apart) is a leak whatever its words."""
MIN_PIECE = 2
"""A run shorter than this is never counted as part of a quote split across fields."""

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_SENTENCE_START = set(".!?¿¡:;«“\"'‘([\n")


@dataclass(frozen=True)
class Word:
    written: str
    plain: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True)
class WordRun:
    """`text[offset:end]`, word for word a run of one restricted quote's text: its weight,
    its length (names and numbers apart) and the words that count most."""

    offset: int
    end: int
    quote: Quote
    weight: float
    length: int
    distinctive: tuple[str, ...]
    goes_on: tuple[int, ...] = ()
    """The other fields (by index) where the quote goes on, when this run alone is no leak."""


@dataclass(frozen=True)
class _Piece:
    field: int
    first: int
    last: int
    text_key: int
    quote_start: int
    quote_end: int


def words_of(text: str) -> list[Word]:
    """The words of `text`, compared plain, each weighed; a capitalised word inside a sentence
    is taken for part of a name."""
    words = []
    for match in _WORD.finditer(text):
        before = match.start() - 1
        while before >= 0 and text[before] in " \t":
            before -= 1
        is_name = (match.group()[:1].isupper() and before >= 0
                   and text[before] not in _SENTENCE_START)
        plain = plain_word(match.group())
        words.append(Word(match.group(), plain, match.start(), match.end(),
                          word_weight(plain, is_name)))
    return words


def _counted(words: list[Word]) -> tuple[float, int]:
    return sum(w.weight for w in words), sum(1 for w in words if w.weight > 0)


def is_leak(weight: float, length: int) -> bool:
    return weight >= LEAK_WEIGHT or length >= LONG_RUN


class RestrictedWords:
    """Every text of every restricted quote (and its translations), indexed by word."""

    def __init__(self, curriculum: Curriculum) -> None:
        self.texts: list[tuple[Quote, list[str]]] = []
        self.index: dict[str, list[tuple[int, int]]] = {}
        for source, quote in curriculum.quotes():
            if source.access != "restricted":
                continue
            for text in [quote.text, *(t.text for t in quote.translations.values())]:
                key = len(self.texts)
                plain = [w.plain for w in words_of(bank_text(text))]
                self.texts.append((quote, plain))
                for position, word in enumerate(plain):
                    self.index.setdefault(word, []).append((key, position))

    @property
    def runs(self) -> bool:
        return bool(self.texts)

    def pieces(self, words: list[Word], field: int = 0) -> list[_Piece]:
        """Every maximal run of `words` that is word for word in one quote text."""
        found = []
        for first, word in enumerate(words):
            for key, position in self.index.get(word.plain, ()):
                quote_words = self.texts[key][1]
                if first and position and words[first - 1].plain == quote_words[position - 1]:
                    continue  # not where the run starts
                last = first
                while (last + 1 < len(words) and position + last + 1 - first < len(quote_words)
                       and words[last + 1].plain == quote_words[position + last + 1 - first]):
                    last += 1
                if last + 1 - first >= MIN_PIECE:
                    found.append(_Piece(field, first, last, key, position,
                                        position + last + 1 - first))
        return found

    def find(self, text: str) -> list[WordRun]:
        """Every run of restricted words in `text` that is a leak on its own."""
        words = words_of(text)
        leaks = [p for p in self.pieces(words) if is_leak(*_counted(_span(words, p)))]
        return self._runs(words, leaks)

    def find_in_fields(self, texts: list[str]) -> list[list[WordRun]]:
        """Every leak in each of `texts` (the fields of one document in one language), counting
        a run that goes on, in the quote's order, in another of the fields."""
        words = [words_of(text) for text in texts]
        pieces = [p for field, w in enumerate(words) for p in self.pieces(w, field)]
        weights = {p: _counted(_span(words[p.field], p)) for p in pieces}
        # A quote goes on in another field only from a field's last word to a field's first.
        by_start: dict[tuple[int, int], list[_Piece]] = {}
        by_end: dict[tuple[int, int], list[_Piece]] = {}
        for piece in pieces:
            if piece.first == 0:
                by_start.setdefault((piece.text_key, piece.quote_start), []).append(piece)
            if piece.last == len(words[piece.field]) - 1:
                by_end.setdefault((piece.text_key, piece.quote_end), []).append(piece)

        def chain(piece: _Piece, step: dict[tuple[int, int], list[_Piece]], after: bool,
                  seen: frozenset[_Piece]) -> tuple[float, int, tuple[int, ...]]:
            """The weight and length the quote adds beyond `piece`, and the next field."""
            best: tuple[float, int, tuple[int, ...]] = (0.0, 0, ())
            at_edge = piece.last == len(words[piece.field]) - 1 if after else piece.first == 0
            if not at_edge:
                return best
            key = (piece.text_key, piece.quote_end if after else piece.quote_start)
            for other in step.get(key, ()):
                if other.field != piece.field and other not in seen:
                    weight, length, _ = chain(other, step, after, seen | {other})
                    own = weights[other]
                    best = max(best, (own[0] + weight, own[1] + length, (other.field,)))
            return best

        leaks: list[list[_Piece]] = [[] for _ in texts]
        goes_on: dict[_Piece, tuple[int, ...]] = {}
        for piece in pieces:
            own = weights[piece]
            before = chain(piece, by_end, False, frozenset({piece}))
            after = chain(piece, by_start, True, frozenset({piece}))
            if is_leak(own[0] + before[0] + after[0], own[1] + before[1] + after[1]):
                leaks[piece.field].append(piece)
                if not is_leak(*own):
                    goes_on[piece] = before[2] + after[2]
        return [self._runs(w, found, goes_on) for w, found in zip(words, leaks, strict=True)]

    def _runs(self, words: list[Word], pieces: list[_Piece],
              goes_on: dict[_Piece, tuple[int, ...]] | None = None) -> list[WordRun]:
        """One run per stretch of text and quote: overlapping pieces of one quote merge."""
        merged: list[tuple[Quote, int, int, tuple[int, ...]]] = []
        for piece in sorted(pieces, key=lambda p: (p.first, -p.last)):
            quote = self.texts[piece.text_key][0]
            fields = (goes_on or {}).get(piece, ())
            for index, (other, first, last, more) in enumerate(merged):
                if other.id == quote.id and piece.first <= last and first <= piece.last:
                    merged[index] = (quote, first, max(last, piece.last), more + fields)
                    break
            else:
                merged.append((quote, piece.first, piece.last, fields))
        runs = []
        for quote, first, last, fields in merged:
            span = words[first:last + 1]
            weight, length = _counted(span)
            runs.append(WordRun(span[0].start, span[-1].end, quote, weight, length,
                                distinctive_words(span), tuple(dict.fromkeys(fields))))
        return sorted(runs, key=lambda run: run.offset)

    @staticmethod
    def message(where: str, quote: Quote, words: str, goes_on: tuple[str, ...] = ()) -> str:
        """What an editor reads: the words matched, and how ordinary wording can stay."""
        named = distinctive_words(words_of(words))
        listed = ", ".join(f"'{w}'" for w in named)
        further = f"; more of the quote in {', '.join(goes_on)}" if goes_on else ""
        return (f"{where}: words of restricted quote '{quote.id}': “{excerpt(words)}” "
                f"(matched: {listed}{further}); a restricted quote reaches facilitators only "
                "through grounding, in the guide: remove these words here, or keep ordinary "
                "wording by changing the matched words")


def distinctive_words(words: list[Word]) -> tuple[str, ...]:
    """The words of a run that count most, lower-case as written, each once."""
    top = max((w.weight for w in words), default=0.0)
    return tuple(dict.fromkeys(w.written.casefold() for w in words if w.weight == top > 0))


def _span(words: list[Word], piece: _Piece) -> list[Word]:
    return words[piece.first:piece.last + 1]


def check_restricted_words(curriculum: Curriculum) -> Iterator[Finding]:
    restricted = RestrictedWords(curriculum)
    if not restricted.runs:
        return
    documents: list[object] = [curriculum.settings, *curriculum.scenarios, *curriculum.modules]
    for document in documents:
        fields = list(text_fields(curriculum, [document]))
        for lang in dict.fromkeys(text.lang for text in fields):
            present = [text for text in fields if text.lang == lang]
            found = restricted.find_in_fields([text.value for text in present])
            for text, runs in zip(present, found, strict=True):
                for run in runs:
                    goes_on = tuple(present[i].where for i in run.goes_on)
                    yield error(text.locate(run.offset), restricted.message(
                        text.where, run.quote, text.value[run.offset:run.end], goes_on),
                        "quote.restricted", text.yaml_path)
