"""The sign-in sheet: `<module>-sign-in-<delivery>.docx`, printed for the day. One numbered row
per expected participant, with the participant code the forms carry (P01…), so the facilitator
can hand each person the code their pre- and post-test answers are entered under."""

from __future__ import annotations

from pathlib import Path

from ..dates import long_date
from ..office.docx import open_document
from .context import DeliveryContext
from .entry_workbook import participant_code

COLUMNS = (0.08, 0.1, 0.32, 0.28, 0.22)


def build(context: DeliveryContext) -> Path:
    words, delivery = context.words, context.the_delivery
    module_title = context.text(context.module.title)
    document = open_document(context, words("sign_in_title", module=module_title))
    document.title_block(module_title, words("sign_in_subtitle"))
    document.labelled(words("notice_date"), long_date(words, delivery.date))
    document.labelled(words("notice_venue"), context.text(delivery.venue))
    document.labelled(words("notice_organiser"), delivery.organiser.name)
    document.paragraph(words("sign_in_intro"), italic=True)
    header = [words("sign_in_number"), words("sign_in_code"), words("sign_in_name"),
              words("sign_in_institution"), words("sign_in_signature")]
    rows = [[str(n), participant_code(n), "", "", ""]
            for n in range(1, delivery.participants + 1)]
    document.table(header, rows, widths=list(COLUMNS))
    return document.save("sign-in")
