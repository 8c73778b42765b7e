"""A curriculum picture in a docx (the handout's case sheet, the guide): scaled to the text
width without distortion, its alternative text in `wp:docPr descr` (what Word's accessibility
checker reads), kept with its credit printed under it."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from ..model import Image
from ..pictures import picture_file
from . import docx_xml as xml
from .docx import DocxDocument
from .docx_package import picture_inline

MAX_WIDTH = Cm(15)
"""Wide enough to read a diagram's labels on paper, with room to write beside it."""


def write_picture(document: DocxDocument, image: Image) -> None:
    context = document.context
    paragraph = xml.new_paragraph(document.body)
    xml.align(paragraph, "center")
    xml.keep_with_next(paragraph)  # the credit goes with it
    run = etree.SubElement(paragraph, xml.R)
    xml.set_language(etree.SubElement(run, xml.RPR), context.language_tag)
    inline = picture_inline(document.template, document.own,
                            picture_file(context.curriculum.root, image),
                            width=min(document.text_width, MAX_WIDTH))
    etree.SubElement(run, xml.w("drawing")).append(inline)
    for described in inline.iter(qn("wp:docPr")):
        described.set("descr", context.text(image.alt))
        described.set("name", f"Picture {described.get('id')}")
    credit = document.paragraph(image.credit, italic=True)
    xml.align(credit, "center")
