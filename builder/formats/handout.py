"""The participant handout: `<module>-handout-<lang>.docx`.

Objectives, agenda, a case sheet per scenario (situation, each stage's text and prompt, with
lines to write on), key messages and public quotes, preferred terminology, support resources and
an evaluation form. It holds nothing for facilitators only: no answers, feedback, notes,
listen-for points or restricted quotes (tests scan for each).
"""

from __future__ import annotations

from pathlib import Path

from ..agenda import schedule
from ..context import BuildContext
from ..model import Scenario
from ..module_view import module_view
from ..office.docx import DocxDocument, open_document
from ..office.quotes import write_quote
from ..terminology import preferred_terms
from .guide_reference import write_support_table
from .guide_sessions import write_situation

WRITING_LINES_PER_PROMPT = 4
WRITING_LINES_PER_QUESTION = 3
RATING_POINTS = 5


def build(context: BuildContext) -> list[Path]:
    words = context.words
    module_title = context.text(context.module.title)
    document = open_document(context, words("handout_document_title", module=module_title))
    document.title_block(module_title, words("handout_document"))
    write_objectives(document)
    write_agenda(document)
    write_case_sheets(document)
    write_key_messages(document)
    write_terminology(document)
    document.heading(words("handout_support"), 1)
    document.paragraph(words("handout_support_intro"))
    write_support_table(document)
    write_evaluation_form(document)
    return [document.save("handout")]


def write_objectives(document: DocxDocument) -> None:
    context = document.context
    document.heading(context.words("handout_objectives"), 1)
    document.bullets([objective.text for objective in module_view(context).objectives])


def write_agenda(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    document.heading(words("handout_agenda"), 1)
    rows = [
        [entry.clock_range, context.entry_title(entry), str(entry.minutes)]
        for entry in schedule(context.curriculum, context.module)
    ]
    document.table(
        [words("guide_agenda_time"), words("guide_agenda_activity"),
         words("guide_agenda_minutes")], rows, widths=[0.22, 0.63, 0.15])


def write_case_sheets(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    scenarios = module_view(context).scenarios
    if not scenarios:
        return
    document.heading(words("handout_case_sheets"), 1, new_page=True)
    for number, scenario in enumerate(scenarios):
        write_case_sheet(document, scenario, new_page=number > 0)


def write_case_sheet(document: DocxDocument, scenario: Scenario, *, new_page: bool) -> None:
    context, words = document.context, document.context.words
    document.heading(
        words("handout_case_heading", title=context.text(scenario.title)), 2, new_page=new_page)
    write_situation(document, scenario)
    for number, stage in enumerate(scenario.stages, start=1):
        document.heading(
            words("handout_stage_heading", number=number, title=context.text(stage.title)), 3)
        document.paragraph(context.text(stage.text))
        if stage.image is not None:
            document.picture(stage.image)
        # The prompt, "Your notes:" and the lines to write on share one page: two blocks.
        document.paragraph(context.text(stage.prompt), bold=True, keep_with_next=True)
        document.writing_lines(WRITING_LINES_PER_PROMPT, label=words("handout_your_notes"))
    document.heading(words("handout_discussion"), 3)
    for discussion in scenario.discussion:
        document.paragraph(context.text(discussion.question), bold=True, keep_with_next=True)
        document.writing_lines(WRITING_LINES_PER_QUESTION)


def write_key_messages(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    view = module_view(context)
    document.heading(words("handout_key_messages"), 1, new_page=True)
    document.bullets(view.key_messages)
    if view.public_quotes:
        document.heading(words("handout_voices"), 2)
        for quote in view.public_quotes:
            write_quote(document, quote.id, facilitator=False)


def write_terminology(document: DocxDocument) -> None:
    """The preferred terms, from the same term list `voces check` enforces."""
    context, words = document.context, document.context.words
    document.heading(words("handout_terminology"), 1)
    document.paragraph(words("handout_terminology_intro"))
    rows = [[", ".join(term.avoid), term.prefer, term.reason]
            for term in preferred_terms(context.lang)]
    document.table(
        [words("handout_terminology_avoid"), words("handout_terminology_prefer"),
         words("handout_terminology_why")], rows, widths=[0.28, 0.34, 0.38])


def write_evaluation_form(document: DocxDocument) -> None:
    words = document.context.words
    document.heading(words("handout_evaluation"), 1, new_page=True)
    document.paragraph(words("handout_evaluation_intro"))
    points = [str(point) for point in range(1, RATING_POINTS + 1)]
    document.table(
        [words("handout_evaluation_statement"), *points],
        [[statement, *["☐"] * RATING_POINTS]
         for statement in words["handout_evaluation_statements"]],
        widths=[0.6, *[0.08] * RATING_POINTS])
    for question in words["handout_evaluation_open"]:
        document.paragraph(question, bold=True, keep_with_next=True)
        document.writing_lines(WRITING_LINES_PER_QUESTION)
