"""A curriculum picture in a docx (the handout's case sheet, the guide): scaled to the text
width without distortion, its alternative text in `wp:docPr descr` (what Word's accessibility
checker reads), kept with its credit printed under it."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from ..model import Image
from ..pictures import picture_file
from .docx import DocxDocument
from .docx_xml import set_language

MAX_WIDTH = Cm(15)
"""Wide enough to read a diagram's labels on paper, with room to write beside it."""


def write_picture(document: DocxDocument, image: Image) -> None:
    context = document.context
    paragraph = document.document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True  # the credit goes with it
    run = paragraph.add_run()
    set_language(run.element.get_or_add_rPr(), context.language_tag)
    run.add_picture(str(picture_file(context.curriculum.root, image)),
                    width=min(document._text_width(), MAX_WIDTH))
    for described in run._r.iter(qn("wp:docPr")):
        described.set("descr", context.text(image.alt))
        described.set("name", f"Picture {described.get('id')}")
    credit = document.paragraph(image.credit, italic=True)
    credit.alignment = WD_ALIGN_PARAGRAPH.CENTER
