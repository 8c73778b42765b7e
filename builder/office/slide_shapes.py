"""Shapes the deck draws beside the text: the footer and slide number, the agenda's timeline.

Each is positioned in points like every other shape (nothing left to a renderer's guess) and
coloured from the theme's colour scheme, so a user's theme recolours them.
"""

from __future__ import annotations

from copy import deepcopy
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree
from PIL import Image as PillowImage
from pptx.util import Emu

from ..context import BuildContext
from ..layout.measure import EMU_PER_POINT, Box, fit_one_line, line_height
from ..layout.pagination import CREDIT_HEIGHT, CREDIT_SIZE, paragraph_tops
from ..layout.slides import TIMELINE_INDENT, Slide
from ..model import Image
from ..pictures import picture_file
from ..themes.deck import FOOTER_SIZE, DeckTheme, LayoutBoxes
from .slide_parts import DeckPackage, Node
from .xml_names import qn

SLIDE_NUMBER_FIELD_ID = "{6F1C3A52-0C4B-4E0E-9D52-2B7C1E0A5D11}"
"""One fixed id for every slide-number field (PowerPoint does the same): same input, same bytes."""


def write_footer(tree: etree._Element, idx: dict[str, int], boxes: LayoutBoxes, slide: Slide,
                 theme: DeckTheme, tag: str) -> None:
    """The footer (agenda item and clock time) and a real slide-number field in the slide's
    shape tree, each in the layout's placeholder of that kind (`idx`, from
    `BlankSlide.footers`), positioned and sized like every other shape."""
    if boxes.footer is not None and slide.footer:
        text = fit_one_line(slide.footer, theme.body_font.file(), FOOTER_SIZE,
                            boxes.footer.text_width)
        tree.append(_footer_shape(tree, "ftr", idx.get("ftr"), boxes.footer,
                                  _run("a:r", text, tag), "Footer"))
    if boxes.number is not None:
        field = _run("a:fld", str(slide.number), tag)
        field.set("id", SLIDE_NUMBER_FIELD_ID)
        field.set("type", "slidenum")
        tree.append(_footer_shape(tree, "sldNum", idx.get("sldNum"), boxes.number, field,
                                  "Slide Number"))


def _run(tag_name: str, text: str, tag: str) -> etree._Element:
    run = etree.Element(qn(tag_name))
    etree.SubElement(run, qn("a:rPr"), lang=tag, sz=str(round(FOOTER_SIZE * 100)))
    etree.SubElement(run, qn("a:t")).text = text
    return run


def _footer_shape(tree: etree._Element, kind: str, idx: int | None, box: Box,
                  content: etree._Element, name: str) -> etree._Element:
    shape_id = max(int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))) + 1
    shape = deepcopy(_footer_prototype(kind, idx, box))
    properties = shape[0][0]  # p:nvSpPr/p:cNvPr
    properties.set("id", str(shape_id))
    properties.set("name", f"{name} {shape_id}")
    shape[2][2].append(content)  # p:txBody/a:p
    return shape


@lru_cache(maxsize=64)
def _footer_prototype(kind: str, idx: int | None, box: Box) -> etree._Element:
    """A footer or slide-number shape without its id, name and text: the same on every slide
    of a layout, so it is built once and copied."""
    shape = etree.Element(qn("p:sp"))
    properties = etree.SubElement(shape, qn("p:nvSpPr"))
    etree.SubElement(properties, qn("p:cNvPr"), id="", name="")
    locks = etree.SubElement(properties, qn("p:cNvSpPr"))
    etree.SubElement(locks, qn("a:spLocks"), noGrp="1")
    ph = etree.SubElement(etree.SubElement(properties, qn("p:nvPr")), qn("p:ph"), type=kind,
                          sz="quarter")
    if idx is not None:
        ph.set("idx", str(idx))
    transform = etree.SubElement(etree.SubElement(shape, qn("p:spPr")), qn("a:xfrm"))
    etree.SubElement(transform, qn("a:off"), x=str(round(box.left * EMU_PER_POINT)),
                     y=str(round(box.top * EMU_PER_POINT)))
    etree.SubElement(transform, qn("a:ext"), cx=str(round(box.width * EMU_PER_POINT)),
                     cy=str(round(box.height * EMU_PER_POINT)))
    body = etree.SubElement(shape, qn("p:txBody"))
    body_props = etree.SubElement(body, qn("a:bodyPr"), wrap="none", anchor="ctr")
    for attribute, value in (("lIns", box.inset_left), ("rIns", box.inset_right),
                             ("tIns", box.inset_top), ("bIns", box.inset_bottom)):
        body_props.set(attribute, str(round(value * EMU_PER_POINT)))
    etree.SubElement(body_props, qn("a:noAutofit"))
    etree.SubElement(body, qn("a:lstStyle"))
    paragraph = etree.SubElement(body, qn("a:p"))
    etree.SubElement(paragraph, qn("a:pPr"), algn="r" if kind == "sldNum" else "l")
    return shape


DOT = 0.42
"""A timeline dot's diameter, as a share of the agenda's text size."""
LINE_WIDTH = 2.0


def draw_timeline(tree: etree._Element, slide: Slide, box: Box, theme: DeckTheme) -> None:
    """The day as a line with a dot at each agenda row (in the slide's shape tree): filled for
    an item, hollow in the highlight colour for a break (which the plan also sets apart with
    space)."""
    rows = [(top, p) for top, p in zip(paragraph_tops(slide, box, theme), slide.paragraphs,
                                       strict=True) if p.marker]
    if not rows:
        return
    size = slide.body_size
    centre_x = box.left + box.inset_left + TIMELINE_INDENT * 0.4
    centres = [top + line_height(size) * 0.6 for top, _ in rows]
    dot = size * DOT
    if len(centres) > 1:
        tree.append(_shape(tree, "Timeline", "rect", centre_x - LINE_WIDTH / 2, centres[0],
                           LINE_WIDTH, centres[-1] - centres[0], fill="accent1"))
    for centre, (_, paragraph) in zip(centres, rows, strict=True):
        is_break = paragraph.marker == "break"
        tree.append(_shape(tree, "Timeline break" if is_break else "Timeline item", "ellipse",
                           centre_x - dot / 2, centre - dot / 2, dot, dot,
                           fill="bg1" if is_break else "accent1",
                           outline="accent2" if is_break else "accent1"))


def _shape(tree: etree._Element, name: str, geometry: str, left: float, top: float,
           width: float, height: float, fill: str, outline: str = "") -> etree._Element:
    shape_id = max(int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))) + 1
    shape = etree.Element(qn("p:sp"))
    properties = etree.SubElement(shape, qn("p:nvSpPr"))
    etree.SubElement(properties, qn("p:cNvPr"), id=str(shape_id), name=f"{name} {shape_id}")
    etree.SubElement(properties, qn("p:cNvSpPr"))
    etree.SubElement(properties, qn("p:nvPr"))
    shape_props = etree.SubElement(shape, qn("p:spPr"))
    transform = etree.SubElement(shape_props, qn("a:xfrm"))
    etree.SubElement(transform, qn("a:off"), x=str(round(left * EMU_PER_POINT)),
                     y=str(round(top * EMU_PER_POINT)))
    etree.SubElement(transform, qn("a:ext"), cx=str(round(width * EMU_PER_POINT)),
                     cy=str(round(height * EMU_PER_POINT)))
    etree.SubElement(etree.SubElement(shape_props, qn("a:prstGeom"), prst=geometry),
                     qn("a:avLst"))
    etree.SubElement(etree.SubElement(shape_props, qn("a:solidFill")), qn("a:schemeClr"),
                     val=fill)
    line = etree.SubElement(shape_props, qn("a:ln"), w=str(round(LINE_WIDTH * EMU_PER_POINT)))
    if outline:
        etree.SubElement(etree.SubElement(line, qn("a:solidFill")), qn("a:schemeClr"),
                         val=outline)
    else:
        etree.SubElement(line, qn("a:noFill"))
    return shape


def place_picture(deck: DeckPackage, slide: Node, tree: Any, image: Image, area: Box,
                  context: BuildContext) -> None:
    """The picture scaled into `area` without distortion (centred across, a little above the
    middle down), its alternative text in `descr`, and its credit on one line under it: the
    shapes python-pptx's `add_picture` and `add_textbox` make, named as they name them."""
    file = picture_file(context.curriculum.root, image)
    with PillowImage.open(file) as opened:
        pixels_wide, pixels_high = opened.size
    scale = min(area.width / pixels_wide, area.height / pixels_high)
    width, height = pixels_wide * scale, pixels_high * scale
    left = area.left + (area.width - width) / 2
    top = area.top + (area.height - height) * 0.4  # at the optical centre, like the text
    rid = deck.add_image(slide, file)
    shape_id = _next_shape_id(tree)
    picture = tree.add_pic(shape_id, f"Picture {shape_id - 1}", file.name, rid,
                           *(Emu(round(v * EMU_PER_POINT)) for v in (left, top, width, height)))
    properties = picture.nvPicPr.cNvPr
    properties.set("descr", context.text(image.alt))
    properties.set("name", f"Picture {properties.get('id')}")
    font = find_font_for_credit(context)
    credit = fit_one_line(image.credit, font, CREDIT_SIZE, width - 2)
    shape_id = _next_shape_id(tree)
    box = tree.add_textbox(shape_id, f"TextBox {shape_id - 1}",
                           *(Emu(round(v * EMU_PER_POINT))
                             for v in (left, top + height, width, CREDIT_HEIGHT)))
    body = box.find(qn("p:txBody"))
    body_props = body.find(qn("a:bodyPr"))
    for name in ("lIns", "rIns", "tIns", "bIns"):
        body_props.set(name, "0")
    body_props.set("wrap", "square")
    for child in list(body_props):
        body_props.remove(child)
    etree.SubElement(body_props, qn("a:noAutofit"))
    paragraph = body.find(qn("a:p"))
    etree.SubElement(paragraph, qn("a:pPr"), algn="r")
    run = _run("a:r", credit, context.language_tag)
    run.find(qn("a:rPr")).set("sz", str(round(CREDIT_SIZE * 100)))
    run.find(qn("a:rPr")).set("i", "1")
    paragraph.append(run)


def _next_shape_id(tree: Any) -> int:
    """python-pptx's next shape id: one past the largest numeric id in the slide."""
    used = [int(value) for value in tree.xpath("//@id") if value.isdigit()]
    return max(used, default=0) + 1


def find_font_for_credit(context: BuildContext) -> Path:
    from ..themes.deck import load_deck_theme

    return load_deck_theme(context.theme_file("deck.pptx")).body_font.file(italic=True)
