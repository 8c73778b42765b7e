"""Grounding quotes as the guide and the handout print them: verbatim text, then attribution.

The attribution names the speaker by participant code and role and the source by its short
title; it marks a code the editors assigned, labels a translation with its translator (or says
the quote stands in its published language), and marks a restricted quote "for facilitators
only". `public_quote_ids` is what participant material may show: never a restricted quote.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..context import BuildContext
from ..model import Quote, Source
from .docx import DocxDocument


def module_quote_ids(context: BuildContext) -> list[str]:
    """Every quote the module's scenarios and questions cite, once each, in agenda order."""
    seen: list[str] = []
    for scenario in context.curriculum.scenarios_of(context.module):
        cited = [*scenario.grounding]
        for question in scenario.questions:
            cited += question.grounding or []
        for quote_id in cited:
            if quote_id not in seen:
                seen.append(quote_id)
    return seen


def public_quote_ids(context: BuildContext, quote_ids: Iterable[str]) -> list[str]:
    """Only the quotes whose source is public: what participants may read."""
    found = []
    for quote_id in quote_ids:
        located = context.curriculum.quote(quote_id)
        if located is not None and located[0].access == "public":
            found.append(quote_id)
    return found


def quote_text(context: BuildContext, source: Source, quote: Quote) -> tuple[str, str]:
    """(text to print, note about its language): the translation into the build's language
    when there is one, else the stored text as published."""
    words, lang = context.words, context.lang
    names = words["guide_language_names"]
    if source.language == lang:
        note = ""
        if source.original_language and source.original_language != lang:
            language = names.get(source.original_language, source.original_language)
            note = words("guide_quote_original_language", language=language)
        return quote.text, note
    translation = quote.translations.get(lang)
    language = names.get(lang, lang)
    if translation is not None:
        return translation.text, words(
            "guide_quote_translation", language=language, translator=translation.translator)
    published = names.get(source.language, source.language)
    return quote.text, words("guide_quote_untranslated", language=published)


def attribution(context: BuildContext, source: Source, quote: Quote) -> str:
    words = context.words
    role = words(f"guide_role_{quote.role}")
    return words("guide_quote_said", speaker=quote.speaker, role=role, source=source.short)


def write_quote(document: DocxDocument, quote_id: str, *, facilitator: bool) -> None:
    """The quote in the Quote style and its attribution under it (style Caption).
    Participant material (`facilitator=False`) never calls this for a restricted quote."""
    context = document.context
    located = context.curriculum.quote(quote_id)
    if located is None:
        document.paragraph(context.words("guide_quote_missing", id=quote_id))
        return
    source, quote = located
    if source.access == "restricted" and not facilitator:
        raise ValueError(f"restricted quote {quote_id} asked for participant material")
    text, language_note = quote_text(context, source, quote)
    document.paragraph(f"“{text}”", style="Quote", keep_with_next=True)
    notes = [attribution(context, source, quote)]
    if quote.assigned_code:
        notes.append(context.words("guide_quote_assigned_code", speaker=quote.speaker))
    if language_note:
        notes.append(language_note)
    if source.access == "restricted":
        notes.append(context.words("guide_quote_restricted"))
    document.paragraph(" ".join(notes), style="Caption")
