"""Grounding quotes as the guide and the handout print them: verbatim text, then attribution.

The attribution names the speaker by participant code and role and the source by its short
title; it marks a code the editors assigned, labels a translation with its translator (or says
the quote stands in its published language), and marks a restricted quote "for facilitators
only". Which quotes a module cites, and each one's text in the build's language, is the
module view's (module_view.py); participant material shows only its `public_quotes`.
"""

from __future__ import annotations

from ..context import BuildContext
from ..model import Quote, Source
from ..module_view import CitedQuote, module_view
from .docx import DocxDocument


def language_note(context: BuildContext, cited: CitedQuote) -> str:
    """What the attribution says of the text's language: the translation and its translator,
    the speakers' language when the source published a translation, or that no translation into
    the build's language is stored (the quote then stands as published)."""
    words, lang, source = context.words, context.lang, cited.source
    names = words["guide_language_names"]
    if cited.translator is not None:
        return words("guide_quote_translation", language=names.get(lang, lang),
                     translator=cited.translator)
    if not cited.in_language:
        published = names.get(source.language, source.language)
        return words("guide_quote_untranslated", language=published)
    original = source.original_language
    if original is not None and original != lang:
        return words("guide_quote_original_language", language=names.get(original, original))
    return ""


def attribution(context: BuildContext, source: Source, quote: Quote) -> str:
    words = context.words
    role = words(f"guide_role_{quote.role}")
    return words("guide_quote_said", speaker=quote.speaker, role=role, source=source.short)


def write_quote(document: DocxDocument, quote_id: str, *, facilitator: bool) -> None:
    """The quote in the Quote style and its attribution under it (style Caption).
    Participant material (`facilitator=False`) never calls this for a restricted quote."""
    context = document.context
    cited = module_view(context).quote(quote_id)
    if cited is None:
        document.paragraph(context.words("guide_quote_missing", id=quote_id))
        return
    source, quote = cited.source, cited.quote
    if not cited.public and not facilitator:
        raise ValueError(f"restricted quote {quote_id} asked for participant material")
    document.paragraph(f"“{cited.text}”", style="Quote", keep_with_next=True)
    notes = [attribution(context, source, quote)]
    if quote.assigned_code:
        notes.append(context.words("guide_quote_assigned_code", speaker=quote.speaker))
    note = language_note(context, cited)
    if note:
        notes.append(note)
    if source.access == "restricted":
        notes.append(context.words("guide_quote_restricted"))
    document.paragraph(" ".join(notes), style="Caption")
