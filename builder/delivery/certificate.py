"""The certificate of attendance: `<module>-certificate-<delivery>.docx`, one page printed per
participant: the module, the date, the hours, the venue and the organiser, with a line to write
the participant's name on (the build never knows participants' names)."""

from __future__ import annotations

from pathlib import Path

from ..dates import long_date
from ..office.docx import open_document
from .context import DeliveryContext


def hours(context: DeliveryContext) -> str:
    value = f"{context.module.duration / 60:.1f}".removesuffix(".0")
    return value.replace(".", context.words("results_decimal_mark"))


def build(context: DeliveryContext) -> Path:
    words, delivery = context.words, context.the_delivery
    module_title = context.text(context.module.title)
    document = open_document(context, words("certificate_title", module=module_title))
    document.title_block(words("certificate_heading"))
    document.paragraph(words("certificate_certifies"))
    document.writing_lines(1)
    document.paragraph(words("certificate_attended"))
    document.paragraph(module_title, bold=True)
    document.paragraph(words("certificate_details", date=long_date(words, delivery.date),
                             venue=context.text(delivery.venue), hours=hours(context),
                             minutes=context.module.duration))
    document.paragraph(words("certificate_organised", organiser=delivery.organiser.name,
                             organisation=context.curriculum.settings.organisation))
    if delivery.facilitators:
        document.paragraph(words("certificate_facilitators",
                                 names=", ".join(delivery.facilitators)))
    document.writing_lines(1, label=words("certificate_signature"))
    return document.save("certificate")
