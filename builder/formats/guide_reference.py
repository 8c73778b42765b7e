"""The guide's reference sections, after the session plans: trauma-informed facilitation, the
answer key per form, the traceability table, evaluation and follow-up, statutory terms, sources."""

from __future__ import annotations

from collections.abc import Iterable

from ..context import BuildContext
from ..locales import Words
from ..model import FieldPath, path_text
from ..module_view import AssessedObjective, CitedQuote, module_view
from ..office.docx import DocxDocument
from ..quiz import FormItem, form_name, quiz_forms
from ..terminology import legal_term_uses
from .guide_sessions import lowercase_first


def support_rows(context: BuildContext) -> list[list[str]]:
    return [
        [resource.name, resource.contact, context.text(resource.description)]
        for resource in context.curriculum.settings.support
    ]


def write_support_table(document: DocxDocument) -> None:
    words = document.context.words
    document.table(
        [words("guide_support_name"), words("guide_support_contact"),
         words("guide_support_description")],
        support_rows(document.context), widths=[0.3, 0.2, 0.5])


def write_trauma_informed(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    document.heading(words("guide_trauma"), 1, new_page=True)
    document.paragraph(words("guide_trauma_intro"))
    document.heading(words("guide_principles"), 2)
    document.paragraph(words("guide_principles_intro"), keep_with_next=True)
    document.bullets(words["guide_principles_items"])
    document.heading(words("guide_content_note"), 2)
    warnings = content_note(module_view(context).content_warnings)
    document.paragraph(words("guide_content_note_script", warnings=warnings))
    for heading, items in (
        ("guide_opting_out", "guide_opting_out_items"),
        ("guide_breaks", "guide_breaks_items"),
        ("guide_distress", "guide_distress_items"),
        ("guide_disclosure", "guide_disclosure_items"),
        ("guide_vicarious", "guide_vicarious_items"),
    ):
        document.heading(words(heading), 2)
        document.bullets(words[items])
    document.heading(words("guide_support"), 2)
    write_support_table(document)


def content_note(warnings: Iterable[str]) -> str:
    """The module's content warnings as the script reads them on from "this session includes":
    the first begins in lower case, the others begin sentences of their own, as written."""
    texts = [text.strip() for text in warnings if text.strip()]
    return " ".join([lowercase_first(texts[0]), *texts[1:]] if texts else [])


def write_answer_key(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    document.heading(words("guide_answer_key"), 1, new_page=True)
    document.paragraph(words("guide_answer_key_intro"))
    document.paragraph(words("guide_key_pass_mark", percent=context.module.quiz.pass_mark))
    for form, items in quiz_forms(context).items():
        document.heading(words("guide_form", form=form_name(context, form)), 2)
        document.table(
            [words("guide_key_number"), words("guide_key_answer"), words("guide_key_question"),
             words("guide_key_objective")],
            [[str(item.number), item.key, item.question_id, item.objective_id] for item in items],
            widths=[0.1, 0.4, 0.25, 0.25])
        for item in items:
            write_key_item(document, item)


def write_key_item(document: DocxDocument, item: FormItem) -> None:
    words = document.context.words
    document.paragraph(
        words("guide_key_item_heading", number=item.number, stem=item.item.stem),
        bold=True, keep_with_next=True)
    document.labelled(words("guide_key_correct"), item.key)
    document.labelled(words("guide_key_rationale"), item.item.feedback)
    if item.type in ("single", "multiple", "true-false"):
        document.bullets([
            words("guide_key_option", letter=option.letter, text=option.text,
                  feedback=option.feedback)
            for option in item.options
        ])
    else:
        rights = {right.letter: right.text for right in item.rights}
        document.bullets([
            words("guide_key_pair", number=left.number, left=left.text, letter=left.letter,
                  right=rights.get(left.letter, ""))
            for left in item.lefts
        ])


def write_traceability(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    document.heading(words("guide_traceability"), 1)
    document.paragraph(words("guide_traceability_intro"))
    view = module_view(context)
    rows = [[f"{objective.id}: {objective.text}", context.text(objective.scenario.title),
             ", ".join(quoted(view.quote(quote_id), quote_id) for quote_id in objective.quote_ids),
             evidence(context, objective)]
            for objective in view.objectives]
    document.table(
        [words("guide_objective"), words("guide_trace_scenario"), words("guide_trace_quotes"),
         words("guide_trace_items")],
        rows, widths=[0.4, 0.2, 0.22, 0.18])


def quoted(cited: CitedQuote | None, quote_id: str) -> str:
    """A quote as the traceability table names it: the speaker's code, as the slides and the
    quotes' captions give it, then its id, by which an editor finds it ("VoS-PE-04
    (pe-04-continuous-support)"); the id alone when no source holds it."""
    return quote_id if cited is None else f"{cited.quote.speaker} ({quote_id})"


def evidence(context: BuildContext, objective: AssessedObjective) -> str:
    """The quiz items that assess an objective, as the objectives and traceability tables print
    them: "a-q1, a-q2", or that none does."""
    return ", ".join(objective.item_ids) or context.words("guide_no_items")


def write_evaluation(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    quiz = context.module.quiz
    document.heading(words("guide_evaluation"), 1)
    document.paragraph(words("guide_evaluation_intro"), keep_with_next=True)
    document.bullets(words["guide_evaluation_items"])
    forms = ", ".join(form_name(context, form) for form in quiz.forms)
    document.paragraph(words("guide_evaluation_forms", forms=forms, percent=quiz.pass_mark))


def write_legal_terms(document: DocxDocument) -> None:
    """Each statutory name a scenario allows through `legal_terms`, and every place this
    language's text uses it: field and sentence, found by the terminology rule itself."""
    context, words = document.context, document.context.words
    document.heading(words("guide_legal_terms"), 1)
    scenarios = module_view(context).scenarios
    uses = [use for use in legal_term_uses(context.curriculum) if use.lang == context.lang]
    rows = []
    for scenario in scenarios:
        for term in scenario.legal_terms:
            found = [u for u in uses if u.scenario == scenario.id and u.legal_term == term]
            where = [f"{field_label(words, u.path)}: “{u.sentence}”" for u in found] or [
                words("guide_legal_terms_unused")]
            rows.append([term, "\n\n".join(
                [f"{context.text(scenario.title)} ({scenario.id})", *where])])
    if not rows:
        document.paragraph(words("guide_legal_terms_none"))
        return
    document.paragraph(words("guide_legal_terms_intro"))
    document.table(
        [words("guide_legal_terms_term"), words("guide_legal_terms_where")], rows,
        widths=[0.3, 0.7])


def field_label(words: Words, path: FieldPath) -> str:
    """Where in a case a text stands, as a facilitator reads it ("Stage 2, prompt"), not as its
    YAML path (`stages[1].prompt.en`); the path itself for a field the words do not name."""
    names = ".".join(part for part in path[:-1] if isinstance(part, str))  # the last: language
    numbers = [part + 1 for part in path if isinstance(part, int)]
    label = words["guide_field_labels"].get(names)
    if label is None:
        return path_text(path)
    number, item = (numbers + ["", ""])[:2]
    return str(label).format(number=number, item=item)


def write_sources(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    document.heading(words("guide_sources"), 1)
    document.heading(words("guide_sources_handling"), 2)
    document.bullets(words["guide_sources_handling_items"])
    document.heading(words("guide_sources_cited"), 2)
    used = module_view(context).cited_quote_ids
    names = words["guide_language_names"]
    for source in context.curriculum.sources:
        quotes = [quote.id for quote in source.quotes if quote.id in used]
        if not quotes:
            continue
        access = words(f"guide_source_access_{source.access}")
        document.paragraph(source.citation, keep_with_next=True)
        document.paragraph(words(
            "guide_source_details", access=access,
            language=names.get(source.language, source.language), quotes=", ".join(quotes),
        ), style="Caption")
