"""The slide deck: `<module>-deck-<lang>.pptx`, written from the slide plan onto the theme.

Every shape gets its position, insets and run sizes written out (no autofit, nothing left to the
renderer's guess), the title comes first in reading order, every run carries the language tag,
and the speaker notes say what to do and say. The plan decides what goes where.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree
from pptx.parts.coreprops import CorePropertiesPart

from ..context import BuildContext
from ..curriculum import Curriculum
from ..layout.measure import EMU_PER_POINT, Box, line_height
from ..layout.pagination import body_box, picture_area
from ..layout.slides import Paragraph, Slide
from ..office.package import set_core_properties
from ..office.slide_parts import BlankSlide, DeckPackage, deck_skeleton
from ..office.slide_shapes import draw_timeline, place_picture, write_footer
from ..office.xml_names import qn
from ..themes.deck import DeckTheme, load_deck_theme
from .deck_plan import plan_slides

BULLET = "•"


def build(context: BuildContext) -> list[Path]:
    plan = plan_slides(context)
    theme = plan.theme
    skeleton = deck_skeleton(theme.path)
    deck = DeckPackage(skeleton)
    for slide in plan.slides:
        _write_slide(deck, skeleton.blanks[theme.layout(slide.layout).name], slide, theme,
                     context)
    settings = context.curriculum.settings
    no_package: Any = None  # the part only sets its element's values
    set_core_properties(
        CorePropertiesPart(deck.core.partname, deck.core.content_type, no_package,
                           deck.core.element),
        title=context.text(context.module.title), author=settings.organisation,
        language=context.language_tag, version=settings.version, date=context.date,
        subject=context.text(context.module.audience),
    )
    path = context.path("deck", "pptx")
    deck.save(path)
    return [path]


def prepare(curriculum: Curriculum, languages: list[str]) -> list[tuple[str, bytes]]:
    """Make, in the process that forks a build's workers, what every deck of the build starts
    from (the theme's skeleton), so that no worker makes it again; the (member name, bytes) of
    the theme's parts, which every deck carries unchanged."""
    context = BuildContext(curriculum, curriculum.modules[0], languages[0], Path())
    skeleton = deck_skeleton(load_deck_theme(context.theme_file("deck.pptx")).path)
    parts: list[tuple[str, bytes]] = []
    seen: set[int] = set()
    pending = list(skeleton.package_rels.values())
    while pending:
        node = pending.pop().target
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        pending += node.rels.values()
        if node.element is None:  # the deck's own parts (presentation, core) have one
            parts.append((node.partname.membername, node.bytes()))
    return parts


def _write_slide(deck: DeckPackage, blank: BlankSlide, slide: Slide, theme: DeckTheme,
                 context: BuildContext) -> None:
    part, tree = deck.add_slide(blank)
    boxes = theme.layout(slide.layout)
    shapes = list(tree)
    if blank.title is None:
        raise ValueError(f"the layout '{boxes.name}' has no title placeholder")
    title_shape = shapes[blank.title]
    body_shape = shapes[blank.body] if blank.body is not None else None
    for dropped in blank.dropped:
        tree.remove(shapes[dropped])
    tag = context.language_tag
    _place(title_shape, boxes.title)
    _write_paragraphs(title_shape, [Paragraph(slide.title)], slide.title_size, tag, title=True)
    tree.remove(title_shape)
    tree.insert(2, title_shape)  # first in reading order
    if body_shape is not None:
        if slide.paragraphs and boxes.body is not None:
            body = body_box(slide, theme) or boxes.body
            _place(body_shape, replace(body, inset_top=body.inset_top + slide.body_offset))
            if slide.body_offset:  # the offset is measured from the top of the box
                _text_body(body_shape).find(qn("a:bodyPr")).set("anchor", "t")
            _write_paragraphs(body_shape, list(slide.paragraphs), slide.body_size, tag)
        else:
            tree.remove(body_shape)
    if slide.image is not None and boxes.body is not None:
        place_picture(deck, part, tree, slide.image, picture_area(boxes.body), context)
    if slide.kind == "agenda" and boxes.body is not None:
        draw_timeline(tree, slide, boxes.body, theme)
    if slide.kind != "title":
        write_footer(tree, blank.footers, boxes, slide, theme, tag)
    _write_notes(deck.add_notes(part), slide.notes, tag)


def _text_body(shape: etree._Element) -> etree._Element:
    """A placeholder's `p:txBody` (python-pptx gives every text placeholder one)."""
    body: etree._Element = shape.find(qn("p:txBody"))
    return body


def _place(shape: etree._Element, box: Box) -> None:
    """Position, size and insets written out; the blank slide's `p:spPr` is empty, as
    python-pptx clones it, so this writes what python-pptx's `left`, `top`, `width` and `height`
    setters would."""
    shape_props = shape.find(qn("p:spPr"))
    assert len(shape_props) == 0, "a cloned placeholder has an empty p:spPr"
    transform = etree.SubElement(shape_props, qn("a:xfrm"))
    etree.SubElement(transform, qn("a:off"), x=str(round(box.left * EMU_PER_POINT)),
                     y=str(round(box.top * EMU_PER_POINT)))
    etree.SubElement(transform, qn("a:ext"), cx=str(round(box.width * EMU_PER_POINT)),
                     cy=str(round(box.height * EMU_PER_POINT)))
    body_props = _text_body(shape).find(qn("a:bodyPr"))
    for name, value in (("lIns", box.inset_left), ("rIns", box.inset_right),
                        ("tIns", box.inset_top), ("bIns", box.inset_bottom)):
        body_props.set(name, str(round(value * EMU_PER_POINT)))
    body_props.set("wrap", "square")
    for child in list(body_props):
        if child.tag in (qn("a:normAutofit"), qn("a:spAutoFit"), qn("a:noAutofit")):
            body_props.remove(child)
    etree.SubElement(body_props, qn("a:noAutofit"))


def _write_paragraphs(shape: etree._Element, paragraphs: list[Paragraph], size: float,
                      tag: str, title: bool = False) -> None:
    body = _text_body(shape)
    for old in body.findall(qn("a:p")):
        body.remove(old)
    for i, paragraph in enumerate(paragraphs):
        body.append(_paragraph(paragraph, size, tag, first=i == 0, title=title))


def _paragraph(paragraph: Paragraph, body_size: float, tag: str, first: bool,
               title: bool) -> etree._Element:
    size = body_size if title else paragraph.size(body_size)
    before = 0.0 if first or title else paragraph.space_before(body_size)
    element = deepcopy(_paragraph_prototype(
        size, paragraph.indent, paragraph.bullet, before, None if title else paragraph.bold,
        None if title else paragraph.italic, tag))
    element[1][1].text = paragraph.text  # a:r/a:t
    return element


@lru_cache(maxsize=256)
def _paragraph_prototype(size: float, indent: float, bullet: bool, before: float,
                         bold: bool | None, italic: bool | None, tag: str) -> etree._Element:
    """A paragraph of one style without its text (bold and italic None: a title's): a deck
    has a few dozen styles and hundreds of paragraphs, so each style is built once and copied."""
    element = etree.Element(qn("a:p"))
    props = etree.SubElement(element, qn("a:pPr"))
    props.set("marL", str(round(indent * EMU_PER_POINT)))
    props.set("indent", str(round(-indent * EMU_PER_POINT) if bullet else 0))
    # Exact line pitch and spacing: what the plan measured is what every renderer draws.
    spacing = etree.SubElement(props, qn("a:lnSpc"))
    etree.SubElement(spacing, qn("a:spcPts"), val=str(round(line_height(size) * 100)))
    etree.SubElement(etree.SubElement(props, qn("a:spcBef")), qn("a:spcPts"),
                     val=str(round(before * 100)))
    etree.SubElement(etree.SubElement(props, qn("a:spcAft")), qn("a:spcPts"), val="0")
    if bullet:
        etree.SubElement(props, qn("a:buChar"), char=BULLET)
    else:
        etree.SubElement(props, qn("a:buNone"))
    run = etree.SubElement(element, qn("a:r"))
    run_props = etree.SubElement(run, qn("a:rPr"), lang=tag, sz=str(round(size * 100)))
    if bold is not None:
        run_props.set("b", "1" if bold else "0")
    if italic is not None:
        run_props.set("i", "1" if italic else "0")
    etree.SubElement(run, qn("a:t"))
    etree.SubElement(element, qn("a:endParaRPr"), lang=tag, sz=str(round(size * 100)))
    return element


def _write_notes(body: etree._Element, notes: str, tag: str) -> None:
    for old in body.findall(qn("a:p")):
        body.remove(old)
    line_prototype = _notes_line_prototype(tag)
    for line in notes.split("\n"):
        element = deepcopy(line_prototype)
        element[0][1].text = line  # a:r/a:t
        body.append(element)


@lru_cache(maxsize=16)
def _notes_line_prototype(tag: str) -> etree._Element:
    """One line of the speaker notes without its text, built once per language tag."""
    element = etree.Element(qn("a:p"))
    run = etree.SubElement(element, qn("a:r"))
    etree.SubElement(run, qn("a:rPr"), lang=tag)
    etree.SubElement(run, qn("a:t"))
    etree.SubElement(element, qn("a:endParaRPr"), lang=tag)
    return element
