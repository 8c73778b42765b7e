"""The facilitator guide: `<module>-guide-<lang>.docx`, printed and annotated by facilitators.

Sections in the order of published facilitation manuals (domain.md §2): cover, contents, about
the module, objectives, audience, materials and room, preparation, ground rules, agenda, the
module's deliveries in this language when it has any (guide_deliveries.py), session plans
(guide_sessions.py), then trauma-informed facilitation, answer key, traceability,
evaluation, statutory terms and sources (guide_reference.py).
"""

from __future__ import annotations

from pathlib import Path

from ..agenda import schedule
from ..context import BuildContext
from ..curriculum import Curriculum
from ..module_view import module_view
from ..office.docx import DocxDocument, open_document, prepare_templates
from . import guide_deliveries, guide_reference, guide_sessions
from .guide_reference import evidence
from .guide_sessions import slide_plan


def prepare(curriculum: Curriculum, languages: list[str]) -> list[tuple[str, bytes]]:
    """Make, in the process that forks a build's workers, the template every guide starts from
    in each language, so that no worker makes it again; the (member name, bytes) of the parts
    every guide carries unchanged."""
    return prepare_templates(curriculum, languages)


def build(context: BuildContext) -> list[Path]:
    words = context.words
    module_title = context.text(context.module.title)
    document = open_document(
        context, words("guide_document_title", module=module_title), cover=True)
    write_cover(document)
    document.contents(words("guide_contents"), levels=1)
    write_about(document)
    write_objectives(document)
    write_audience(document)
    write_materials(document)
    write_preparation(document)
    write_ground_rules(document)
    write_agenda(document)
    guide_deliveries.write_deliveries(document)
    guide_sessions.write_session_plans(document)
    guide_reference.write_trauma_informed(document)
    guide_reference.write_answer_key(document)
    guide_reference.write_traceability(document)
    guide_reference.write_evaluation(document)
    guide_reference.write_legal_terms(document)
    guide_reference.write_sources(document)
    return [document.save("guide")]


def write_cover(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    module, settings = context.module, context.curriculum.settings
    document.title_block(context.text(module.title), words("guide_document"))
    document.paragraph(words("guide_cover_curriculum", title=context.text(settings.title)))
    document.labelled(words("guide_cover_audience"), context.text(module.audience))
    document.labelled(
        words("guide_cover_duration"), words("guide_duration_value", minutes=module.duration))
    document.labelled(words("guide_cover_group_size"), group_size(context))
    document.labelled(words("guide_cover_version"), settings.version)
    document.labelled(words("guide_cover_organisation"), settings.organisation)
    document.paragraph(words("guide_cover_restricted"), italic=True)


def group_size(context: BuildContext) -> str:
    return context.module.group_size or context.words("guide_group_size_unset")


def write_about(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    document.heading(words("guide_about"), 1, new_page=True)
    document.paragraph(context.text(context.module.overview))
    document.heading(words("guide_key_messages"), 2)
    document.bullets(module_view(context).key_messages)


def write_objectives(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    document.heading(words("guide_objectives"), 1)
    document.paragraph(words("guide_objectives_intro"))
    rows = [[objective.id, objective.text, evidence(context, objective)]
            for objective in module_view(context).objectives]
    document.table(
        [words("guide_objective_code"), words("guide_objective"), words("guide_evidence")],
        rows, widths=[0.14, 0.62, 0.24])


def write_audience(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    module = context.module
    document.heading(words("guide_audience_section"), 1)
    document.labelled(words("guide_cover_audience"), context.text(module.audience))
    prerequisites = context.text(module.prerequisites) or words("guide_no_prerequisites")
    document.labelled(words("guide_prerequisites"), prerequisites)
    document.labelled(words("guide_cover_group_size"), group_size(context))
    document.labelled(
        words("guide_cover_duration"), words("guide_duration_value", minutes=module.duration))


def write_materials(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    document.heading(words("guide_materials_section"), 1)
    materials = [context.text(item) for item in context.module.materials]
    if materials:
        document.paragraph(words("guide_materials_module"), bold=True, keep_with_next=True)
        document.bullets(materials)
    else:
        document.paragraph(words("guide_no_materials"))
    document.heading(words("guide_room_setup"), 2)
    document.bullets(words["guide_room_items"])


def write_preparation(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    document.heading(words("guide_preparation"), 1)
    gather = [
        words("guide_one_week_gather", item=context.text(item))
        for item in context.module.materials
    ]
    for heading, items in (
        ("guide_two_weeks", words["guide_two_weeks_items"]),
        ("guide_one_week", [*words["guide_one_week_items"], *gather]),
        ("guide_the_day", words["guide_the_day_items"]),
        ("guide_after", words["guide_after_items"]),
    ):
        document.heading(words(heading), 2)
        document.checklist(items)


def write_ground_rules(document: DocxDocument) -> None:
    words = document.context.words
    document.heading(words("guide_ground_rules"), 1)
    document.paragraph(words("guide_ground_rules_intro"))
    document.numbered(words["ground_rules"])


def write_agenda(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    plan = slide_plan(context)
    rows = []
    entries = schedule(context.curriculum, context.module)
    for entry in entries:
        rows.append([
            entry.clock_range, context.entry_title(entry), str(entry.minutes),
            plan.numbers(plan.slides_for(entry.index)) or words("guide_no_slides"),
        ])
    document.heading(words("guide_agenda"), 1)
    document.table(
        [words("guide_agenda_time"), words("guide_agenda_activity"),
         words("guide_agenda_minutes"), words("guide_agenda_slides")],
        rows, widths=[0.2, 0.5, 0.12, 0.18], keep_with_next=True)  # with its total line
    total = sum(entry.minutes for entry in entries)
    document.paragraph(words("guide_agenda_total", minutes=total))
