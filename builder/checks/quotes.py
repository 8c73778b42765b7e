"""Quotes: quoted words are verbatim, speakers are codes, restricted words stay out of texts.

domain.md section 4: survivors' words are kept verbatim and attributed by participant code only;
never attribute invented words to a code; restricted material reaches facilitators only through
`grounding`, in the guide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..curriculum import Curriculum
from ..findings import Finding, error
from ..model import Module, Quote, Scenario, path_text
from ..positions import place
from ..quotation import excerpt
from ..text_fields import TextField, text_fields
from .nearest_quote import nearest_quote
from .restricted import RestrictedWords, check_restricted_words
from .verbatim import bank_text, is_verbatim


def text_documents(curriculum: Curriculum) -> list[Scenario | Module]:
    return [*curriculum.scenarios, *curriculum.modules]


@dataclass
class QuoteBank:
    """The bank's quotes prepared for comparison, public and restricted apart, per language."""

    curriculum: Curriculum
    _prepared: dict[tuple[str, bool], list[tuple[Quote, str]]] = field(default_factory=dict)

    def texts(self, lang: str, restricted: bool) -> list[tuple[Quote, str]]:
        """Each quote's text, and its translation into `lang`, as quoted words compare."""
        key = (lang, restricted)
        if key not in self._prepared:
            prepared = []
            for source, quote in self.curriculum.quotes():
                if (source.access == "restricted") != restricted:
                    continue
                prepared.append((quote, bank_text(quote.text)))
                translation = quote.translations.get(lang)
                if translation is not None:
                    prepared.append((quote, bank_text(translation.text)))
            self._prepared[key] = prepared
        return self._prepared[key]

    def out_of_order(self, words: str, lang: str) -> Quote | None:
        """The quote that holds every part of `words` joined by […], but in another order."""
        parts = [p for p in re.split(r"\s*\[(?:…|\.\.\.)\]\s*", words) if p.strip()]
        if len(parts) < 2:
            return None
        for quote, text in self.texts(lang, False):
            if all(is_verbatim(part, [text]) for part in parts):
                return quote
        return None

    def matching(self, words: str, lang: str, restricted: bool) -> Quote | None:
        for quote, text in self.texts(lang, restricted):
            if is_verbatim(words, [text]):
                return quote
        return None


def check_quoted_words(curriculum: Curriculum) -> Iterator[Finding]:
    bank = QuoteBank(curriculum)
    restricted = RestrictedWords(curriculum)
    complete = "sources" not in curriculum.failed_folders
    for text in text_fields(curriculum, text_documents(curriculum)):
        for finding in _quoted_words(bank, restricted, text):
            # words not found while a source file is broken may be that file's: its own
            # findings say what to fix, and the next check looks for the words again
            if complete or finding.rule != "quote.not-verbatim":
                yield finding


def _quoted_words(bank: QuoteBank, restricted: RestrictedWords, text: TextField
                  ) -> Iterator[Finding]:
    lang = text.lang
    quotation = text.quotation
    if not quotation.stray and not quotation.spans:
        return
    where = text.where  # named only for a text with quotation marks: naming costs a walk
    for mark in quotation.stray:
        location = text.locate(mark.offset)
        if mark.opening:
            problem = f"quotation mark {mark.mark} is never closed"
        else:
            problem = f"closing quotation mark {mark.mark} has no opening mark"
        yield error(location, f"{where}: {problem}; close the quotation, or write a fictional "
                    "case's dialogue in single quotes (‘…’)", "quote.unbalanced", text.yaml_path)
    for span in quotation.spans:
        if bank.matching(span.words, lang, restricted=False) is not None:
            continue
        location = text.locate(span.start)
        secret = bank.matching(span.words, lang, restricted=True)
        if secret is not None:
            if not restricted.find(span.words):  # else the words rule reports it already
                yield error(location, restricted.message(where, secret, span.words),
                            "quote.restricted", text.yaml_path)
            continue
        reordered = bank.out_of_order(span.words, lang)
        if reordered is not None:
            yield error(location, f"{where}: the parts joined by […] in “{excerpt(span.words)}” "
                        f"stand in another order in quote '{reordered.id}'; keep the source's "
                        "order", "quote.not-verbatim", text.yaml_path)
            continue
        nearest = nearest_quote(bank.texts(lang, False), span.words)
        hint = "quote from sources/"
        if nearest is not None:
            quote, theirs, mine = nearest
            hint = (f"the nearest is quote '{quote.id}', which has '{theirs}' where you wrote "
                    f"'{mine}': copy its words exactly")
        yield error(location, f"{where}: quoted words not found in any source: "
                    f"“{excerpt(span.words)}”; {hint}, or write a fictional case's "
                    "dialogue in single quotes (‘…’)", "quote.not-verbatim", text.yaml_path)


def check_speaker_codes(curriculum: Curriculum) -> Iterator[Finding]:
    try:
        pattern = re.compile(curriculum.settings.speaker_pattern)
    except re.error:
        return  # the contract rules report the pattern itself
    for source in curriculum.sources:
        for i, quote in enumerate(source.quotes):
            if not pattern.search(quote.speaker):
                yield error(curriculum.locate(source, "quotes", i, "speaker"),
                            f"{place(source, ('quotes', i, 'speaker'))}: '{quote.speaker}' is "
                            "not a participant code "
                            "like VoS-PE-04 (it does not match speaker_pattern); attribute a "
                            "quote by the code its source gives, never by a name",
                            "quote.speaker-code", path_text(("quotes", i, "speaker")))


RULES = [check_quoted_words, check_speaker_codes, check_restricted_words]
