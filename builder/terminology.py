"""Terminology, the domain: the terms to avoid (domain.md section 1), loaded and matched.

The term list is data (`builder/rules/terminology.yaml`), parsed once. Quoted words are never
looked at: they are the speakers' own. A scenario's `legal_terms` allows those statutory names in
that scenario; `legal_term_uses` says where they were used, for the guide. The rule of `voces
check` (`checks/terminology.py`), the handout's table and the guide's list all read this module.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .curriculum import Curriculum
from .findings import Location
from .model import FieldPath, path_text
from .quotation import find_quotation
from .text_fields import text_fields

TERM = "<<term>>"
CONTEXT_WINDOW = 200
"""How far before a term its context is read, in characters."""
SENTENCE_WINDOW = 1000
_PLACEHOLDER = re.compile(r"<<(\w+)>>")
# A full stop after an abbreviation (art. 183-A, No. 27115, Dr.) does not end a sentence.
_ABBREVIATIONS = ("art", "arts", "no", "nro", "inc", "dr", "dra", "sr", "sra", "p", "pp", "núm")
_SENTENCE_END = re.compile(
    "(?:" + "".join(rf"(?<!\b{a})" for a in _ABBREVIATIONS) + r"\.|[!?])(?=\s|$)|\n\s*\n",
    re.IGNORECASE)
FLAGS = re.IGNORECASE


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """A pattern of the term list, compiled the first time a text needs it, then kept.

    Compiling every term's patterns and contexts costs more than `voces check` spends on all
    the texts of a curriculum, and most are never needed: a text without any term to avoid is
    read by one pattern per language (`term_screen`), and a context is read only where its term
    matched."""
    return re.compile(pattern, FLAGS)


@dataclass(frozen=True)
class Around:
    """A context right around the matched words: what comes before and after them (the
    patterns' text, compiled when first needed)."""

    before: str | None
    after: str | None

    def holds(self, masked: str, text: str, start: int, end: int) -> bool:
        window = max(0, start - CONTEXT_WINDOW)  # \A still means the text's start
        if self.before is not None and not compiled(self.before).search(masked, window, start):
            return False
        return self.after is None or compiled(self.after).match(masked, end) is not None


@dataclass(frozen=True)
class InSentence:
    """A context of the whole sentence: every pattern matches (or, negated, does not).

    The sentence is read as written, quoted words included: they still say who is involved.
    """

    patterns: tuple[tuple[str, bool], ...]

    def holds(self, masked: str, text: str, start: int, end: int) -> bool:
        sentence = sentence_around(text, start, end)
        return all(bool(compiled(p).search(sentence)) != negated for p, negated in self.patterns)


Context = Around | InSentence


@dataclass(frozen=True)
class Term:
    lang: str
    avoid: tuple[str, ...]
    prefer: str
    reason: Mapping[str, str]
    words: str
    """The alternatives of `match`, vocabulary filled in: what `pattern` and `term_screen` read."""
    only_when: tuple[Context, ...] = ()
    unless: tuple[Context, ...] = ()
    statutory: bool = False

    @property
    def pattern(self) -> re.Pattern[str]:
        """The term's words, never starting or ending inside a word."""
        return compiled(rf"(?<!\w)(?:{self.words})(?!\w)")

    def counts(self, masked: str, text: str, start: int, end: int) -> bool:
        """Whether the words at start:end of `text` (quoted words blanked in `masked`) count."""
        if self.only_when and not any(
                c.holds(masked, text, start, end) for c in self.only_when):
            return False
        return not any(c.holds(masked, text, start, end) for c in self.unless)


@dataclass(frozen=True)
class PreferredTerm:
    """A row of the handout's terminology table."""

    avoid: tuple[str, ...]
    prefer: str
    reason: str


@dataclass(frozen=True)
class TermUse:
    """Words of a term to avoid in a text: where they start and end, and which term."""

    start: int
    end: int
    term: Term
    legal_term: str | None = None
    """The scenario's legal term that allows these words, if one does."""


@dataclass(frozen=True)
class LegalTermUse:
    """Where a scenario used one of its `legal_terms` (the guide lists these)."""

    scenario: str
    legal_term: str
    lang: str
    field: str
    """The field as a message names it: `stages[1].text.es`."""
    path: FieldPath
    """The same as a path: `("stages", 1, "text", "es")` (the guide words it for readers)."""
    location: Location
    sentence: str


# --- the term list ------------------------------------------------------------------------


@cache
def _term_file() -> dict[str, Any]:
    """The package's terminology.yaml, read once for the terms and their vocabulary alike, by
    libyaml where installed (the same data, several times faster than the pure-Python parser)."""
    path = resources.files("builder") / "rules" / "terminology.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return data


def _vocabulary() -> dict[str, dict[str, str]]:
    return _term_file().get("vocabulary") or {}


_OPEN_SINGLE, _CLOSE_SINGLE = "‘'", "’'"
_QUOTED_ITEM = r"[‘'][^‘’'\n]{1,60}[’']\s*(?:,|;|/|\bor\b|\band\b|\by\b|\bo\b|\bni\b)+\s*"


@cache
def _mention_before(lang: str) -> re.Pattern[str] | None:
    """Words before a single-quoted term that make it a mention of the word: "not ‘client’"."""
    cues = _vocabulary().get(lang, {}).get("mention")
    if not cues:
        return None
    return re.compile(rf"(?<!\w)(?:{cues.strip()})\s*[:,]?\s*(?:{_QUOTED_ITEM})*\Z", FLAGS)


def is_mention(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the words at start:end stand alone in single quotes after a cue (a word being
    discussed, as in "write ‘exploiter’, not ‘client’"), rather than being used."""
    if start == 0 or end >= len(text):
        return False
    if text[start - 1] not in _OPEN_SINGLE or text[end] not in _CLOSE_SINGLE:
        return False
    pattern = _mention_before(lang)
    return pattern is not None and bool(
        pattern.search(text, max(0, start - 1 - CONTEXT_WINDOW), start - 1))


@cache
def load_terms() -> dict[str, tuple[Term, ...]]:
    """Every language's terms, compiled."""
    vocabulary = _vocabulary()
    return {
        lang: tuple(_term(lang, entry, vocabulary.get(lang, {})) for entry in entries)
        for lang, entries in (_term_file().get("terms") or {}).items()
    }


def _term(lang: str, entry: dict[str, Any], vocabulary: dict[str, str]) -> Term:
    alternatives = "|".join(_expand(m, vocabulary) for m in entry["match"])
    return Term(
        lang=lang,
        avoid=tuple(entry["avoid"]),
        prefer=entry["prefer"],
        reason=entry["reason"],
        words=alternatives,
        only_when=tuple(_context(c, vocabulary) for c in entry.get("only_when", [])),
        unless=tuple(_context(c, vocabulary) for c in entry.get("unless", [])),
        statutory=bool(entry.get("statutory", False)),
    )


def _expand(pattern: str, vocabulary: dict[str, str]) -> str:
    def word(match: re.Match[str]) -> str:
        name = match.group(1)
        return match.group() if name == "term" else f"(?:{vocabulary[name].strip()})"

    return _PLACEHOLDER.sub(word, pattern)


def _context(context: str | dict[str, list[str]], vocabulary: dict[str, str]) -> Context:
    if isinstance(context, dict):
        patterns = []
        for pattern in context["sentence"]:
            negated = pattern.startswith("!")
            text = _expand(pattern[1:] if negated else pattern, vocabulary)
            patterns.append((rf"(?<!\w){text}(?!\w)", negated))
        return InSentence(tuple(patterns))
    before, _, after = _expand(context, vocabulary).partition(TERM)
    return Around(rf"(?:{before})\Z" if before else None, after or None)


@cache
def term_screen(lang: str) -> re.Pattern[str]:
    """Every term of `lang` in one pattern: where it finds nothing, no term's own pattern can
    match either (each term's pattern is one of its alternatives, between the same word
    edges), so a clean text is read once instead of once per term."""
    words = "|".join(f"(?:{term.words})" for term in load_terms().get(lang, ()))
    return compiled(rf"(?<!\w)(?:{words})(?!\w)")


def preferred_terms(lang: str) -> list[PreferredTerm]:
    """The terms to avoid in `lang`, what to write instead and why, in `lang` (else English)."""
    rows: dict[tuple[str, str], tuple[str, ...]] = {}
    for term in load_terms().get(lang, ()):
        # Terms with the same advice (older boyfriend, boyfriend of a child) share one row.
        key = (term.prefer, term.reason.get(lang) or term.reason["en"])
        rows[key] = rows.get(key, ()) + tuple(a for a in term.avoid if a not in rows.get(key, ()))
    return [PreferredTerm(avoid, prefer, reason) for (prefer, reason), avoid in rows.items()]


# --- finding terms in a text --------------------------------------------------------------


def sentence_around(text: str, start: int, end: int) -> str:
    begin = max(0, start - SENTENCE_WINDOW)
    for match in _SENTENCE_END.finditer(text, begin, start):
        begin = match.end()
    stop = _SENTENCE_END.search(text, end)
    return text[begin:stop.end() if stop else len(text)]


def find_terms(text: str, lang: str, legal_terms: list[str] | None = None) -> list[TermUse]:
    """The terms to avoid in `text` (outside quoted words), longest first where they overlap."""
    terms = load_terms().get(lang, ())
    if not terms:
        return []
    masked = find_quotation(text).masked(text)
    if term_screen(lang).search(masked) is None:
        return []
    found = []
    for term in terms:
        for match in term.pattern.finditer(masked):
            if term.counts(masked, text, match.start(), match.end()) and not is_mention(
                    text, match.start(), match.end(), lang):
                found.append(TermUse(match.start(), match.end(), term))
    found.sort(key=lambda use: (use.start - use.end, use.start))
    kept: list[TermUse] = []
    for use in found:
        if all(use.end <= other.start or other.end <= use.start for other in kept):
            kept.append(use)
    allowed = _legal_spans(text, legal_terms or [])
    return sorted((_allow(use, allowed) for use in kept), key=lambda use: use.start)


def _legal_spans(text: str, legal_terms: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    for legal in legal_terms:
        words = legal.split()
        if not words:
            continue
        pattern = re.compile(
            r"(?<!\w)" + r"\s+".join(map(_accent_free, words)) + r"(?!\w)", FLAGS)
        spans += [(m.start(), m.end(), legal) for m in pattern.finditer(text)]
    return spans


_ACCENTS = {base: f"[{base}{accented}]" for base, accented in (
    ("a", "áàâä"), ("e", "éèêë"), ("i", "íìîï"), ("o", "óòôö"), ("u", "úùûü"))}
_ACCENTS.update({accented: cls for base, cls in list(_ACCENTS.items()) for accented in cls[2:-1]})


def _accent_free(word: str) -> str:
    """A legal term's word as a pattern that ignores accents: "pornografia" for "pornografía"."""
    return "".join(_ACCENTS.get(char.lower(), re.escape(char)) for char in word)


def _allow(use: TermUse, allowed: list[tuple[int, int, str]]) -> TermUse:
    for start, end, legal in allowed:
        if start < use.end and use.start < end:
            return TermUse(use.start, use.end, use.term, legal)
    return use


def legal_term_uses(curriculum: Curriculum) -> list[LegalTermUse]:
    """Every place a scenario's `legal_terms` allowed a term to avoid, in file order."""
    uses = []
    for scenario in curriculum.scenarios:
        if not scenario.legal_terms:
            continue
        for text in text_fields(curriculum, [scenario]):
            for use in find_terms(text.value, text.lang, scenario.legal_terms):
                if use.legal_term is not None:
                    uses.append(LegalTermUse(
                        scenario=scenario.id, legal_term=use.legal_term, lang=text.lang,
                        field=path_text(text.path), path=text.path, location=text.locate(use.start),
                        sentence=" ".join(sentence_around(text.value, use.start, use.end)
                                          .split()),
                    ))
    return uses

