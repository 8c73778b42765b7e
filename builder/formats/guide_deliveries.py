"""The guide's "Deliveries" section: each delivery of the module in the guide's language, with its
date, clock times, venue, organiser, facilitators and expected number of participants.

The guide is the facilitators' own document, printed and annotated; the contract prints the
facilitators' names in it (product.md, deliveries). One guide per module and language serves every
delivery of it, so the guide lists them all rather than being copied into each delivery's folder:
a facilitator sees in the document they prepare from when, where and with whom they deliver, and
where that delivery's own files are. A module without deliveries gets no section, so its guide is
the same, byte for byte, as one built before deliveries existed.
"""

from __future__ import annotations

from ..agenda import clock, schedule
from ..context import BuildContext
from ..dates import long_date
from ..delivery.context import delivery_context
from ..model_delivery import Delivery
from ..office.docx import DocxDocument


def deliveries_of(context: BuildContext) -> list[Delivery]:
    """The module's deliveries in the guide's language, by date then id."""
    return sorted((delivery for delivery in context.curriculum.deliveries
                   if delivery.module == context.module.id and delivery.language == context.lang),
                  key=lambda delivery: (delivery.date, delivery.id))


def delivery_times(context: BuildContext, delivery: Delivery) -> str:
    """`09:00–13:15`: the agenda's first start and last end from the delivery's start time."""
    own = delivery_context(context.curriculum, delivery, context.folder)
    entries = schedule(own.curriculum, own.module)
    if not entries:
        return own.curriculum.settings.start_time
    return f"{entries[0].clock}–{clock(entries[-1].end)}"


def write_deliveries(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    deliveries = deliveries_of(context)
    if not deliveries:
        return
    document.heading(words("guide_deliveries"), 1)
    document.paragraph(words("guide_deliveries_intro"))
    for delivery in deliveries:
        document.heading(words("guide_delivery_heading", id=delivery.id,
                               date=long_date(words, delivery.date)), 2)
        document.labelled(words("guide_delivery_time"), delivery_times(context, delivery))
        document.labelled(words("guide_delivery_venue"), context.text(delivery.venue))
        document.labelled(words("guide_delivery_organiser"), words(
            "guide_delivery_organiser_value", name=delivery.organiser.name,
            contact=delivery.organiser.contact))
        document.labelled(words("guide_delivery_facilitators"),
                          ", ".join(delivery.facilitators)
                          or words("guide_delivery_no_facilitators"))
        document.labelled(words("guide_delivery_participants"), str(delivery.participants))
        document.labelled(words("guide_delivery_files"),
                          f"{context.lang}/{context.module.id}/deliveries/{delivery.id}/")
