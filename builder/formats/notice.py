"""The pre-course notice: `<module>-notice-<lang>.docx`, one or two pages an organiser sends
ahead: what the module covers, the content note, the right to opt out or step out without a
reason, support resources and practical details (start, duration, what to bring).

Given a delivery's context (builder/delivery), it is that delivery's notice: with its date,
venue, facilitators and the organiser's contact, and its start time."""

from __future__ import annotations

from pathlib import Path

from ..context import BuildContext
from ..dates import long_date
from ..module_view import module_view
from ..office.docx import open_document
from .guide_reference import write_support_table


def build(context: BuildContext) -> list[Path]:
    words = context.words
    module = context.module
    module_title = context.text(module.title)
    document = open_document(context, words("notice_document_title", module=module_title))
    document.title_block(module_title, words("notice_subtitle"))

    document.heading(words("notice_covers"), 1)
    document.paragraph(context.text(module.overview))
    scenarios = module_view(context).scenarios
    if scenarios:
        document.paragraph(words("notice_cases"), keep_with_next=True)
        document.bullets([
            words("notice_case_item", title=context.text(scenario.title),
                  summary=context.text(scenario.summary))
            for scenario in scenarios
        ])

    document.heading(words("notice_content_note"), 1)
    document.paragraph(words("notice_content_note_intro"), keep_with_next=True)
    document.bullets(module_view(context).content_warnings)
    document.paragraph(words("notice_content_note_quotes"))

    document.heading(words("notice_opting_out"), 1)
    document.paragraph(words("notice_opting_out_text"))
    delivery = getattr(context, "delivery", None)  # a delivery's notice (builder/delivery)
    if delivery is not None:
        document.labelled(words("notice_organiser"), words(
            "notice_organiser_value", name=delivery.organiser.name,
            contact=delivery.organiser.contact))

    document.heading(words("notice_support"), 1)
    document.paragraph(words("notice_support_intro"))
    write_support_table(document)

    document.heading(words("notice_practical"), 1)
    settings = context.curriculum.settings
    if delivery is not None:
        document.labelled(words("notice_date"), long_date(words, delivery.date))
        document.labelled(words("notice_venue"), context.text(delivery.venue))
        if delivery.facilitators:
            document.labelled(words("notice_facilitators"), ", ".join(delivery.facilitators))
    document.labelled(words("notice_starts"), settings.start_time)
    document.labelled(
        words("notice_duration"), words("guide_duration_value", minutes=module.duration))
    document.labelled(words("notice_audience"), context.text(module.audience))
    if module.group_size:
        document.labelled(words("notice_group_size"), module.group_size)
    document.labelled(words("notice_bring"), words("notice_bring_items"))
    materials = [context.text(item) for item in module.materials]
    if materials:
        document.labelled(words("notice_materials"), ", ".join(materials))
    return [document.save("notice")]
