"""The guide's contents as a real TOC field: Word and LibreOffice update it (F9, Tools > Update),
and its cached result lists every heading with a link and a PAGEREF page number.

At build time the page numbers are unknown (only a renderer knows them), so each PAGEREF's
cached number is empty; `voces build --pdf` renders the guide once, reads each heading's page
from that PDF, writes the numbers into the cached result (`fill_page_numbers`) and renders the
guide again (builder/guide_pages.py), so the docx and its PDF print them.
"""

from __future__ import annotations

import re

from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from .docx_xml import set_language

TOC_INSTRUCTION = ' TOC \\o "1-{levels}" \\h \\z \\u '
PAGEREF = re.compile(r"^\s*PAGEREF\s+(\S+)")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_contents(marker: Paragraph, entries: list[tuple[int, str, str]], levels: int,
                   text_width: int, tag: str, style: object | None) -> None:
    """The TOC field's paragraphs before `marker` (which is then removed): one per heading
    (level, text, bookmark), its text a link to the heading, a dot leader and the page."""
    paragraphs = []
    for level, text, bookmark in entries:
        entry = OxmlElement("w:p")
        marker._p.addprevious(entry)
        paragraph = Paragraph(entry, marker._parent)
        if style is not None:
            paragraph.style = style  # type: ignore[assignment]
        paragraph.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark)
        link.set(qn("w:history"), "1")
        link.append(_run(tag, text=text))
        link.append(_run(tag, tab=True))
        for run in _field(tag, f" PAGEREF {bookmark} \\h ", ""):
            link.append(run)
        entry.append(link)
        paragraphs.append(entry)
    if not paragraphs:
        marker._p.getparent().remove(marker._p)
        return
    begin, instruction, separate = _field(tag, TOC_INSTRUCTION.format(levels=levels), None)
    first = paragraphs[0]
    properties = first.find(qn("w:pPr"))  # the field begins right after the paragraph's
    for run in (separate, instruction, begin):  # properties, before the first link
        if properties is not None:
            properties.addnext(run)
        else:
            first.insert(0, run)
    paragraphs[-1].append(_field_character(tag, "end"))
    marker._p.getparent().remove(marker._p)


def _run(tag: str, text: str = "", tab: bool = False) -> etree._Element:
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    set_language(properties, tag)
    run.append(properties)
    if tab:
        run.append(OxmlElement("w:tab"))
    else:
        text_element = OxmlElement("w:t")
        text_element.set(qn("xml:space"), "preserve")
        text_element.text = text
        run.append(text_element)
    return run


def _field_character(tag: str, kind: str) -> etree._Element:
    run = _run(tag)
    run.remove(run.find(qn("w:t")))
    character = OxmlElement("w:fldChar")
    character.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        character.set(qn("w:dirty"), "true")  # Word refreshes a dirty field when it can
    run.append(character)
    return run


def _field(tag: str, instruction: str, cached: str | None) -> list[etree._Element]:
    """begin, instruction, separate (and, with `cached`, the result and end)."""
    code = _run(tag)
    code.remove(code.find(qn("w:t")))
    instruction_element = OxmlElement("w:instrText")
    instruction_element.set(qn("xml:space"), "preserve")
    instruction_element.text = instruction
    code.append(instruction_element)
    runs = [_field_character(tag, "begin"), code, _field_character(tag, "separate")]
    if cached is not None:
        runs += [_run(tag, text=cached), _field_character(tag, "end")]
    return runs


def contents_entries(document_xml: bytes) -> list[tuple[str, str]]:
    """(bookmark, heading text) of every entry of the TOC field, in order."""
    root = etree.fromstring(document_xml)
    entries = []
    for link in root.iter(f"{{{W}}}hyperlink"):
        bookmark = link.get(f"{{{W}}}anchor")
        references = [i.text or "" for i in link.iter(f"{{{W}}}instrText")]
        if bookmark and any(PAGEREF.match(r) for r in references):
            entries.append((bookmark, link[0].findtext(f"{{{W}}}t") or ""))
    return entries


def fill_page_numbers(document_xml: bytes, pages: dict[str, int]) -> bytes:
    """The document with each PAGEREF's cached result set to its bookmark's page."""
    root = etree.fromstring(document_xml)
    for instruction in root.iter(f"{{{W}}}instrText"):
        found = PAGEREF.match(instruction.text or "")
        if not found or found.group(1) not in pages:
            continue
        run = instruction.getparent()
        separate = run.getnext()
        result = separate.getnext() if separate is not None else None
        text = result.find(f"{{{W}}}t") if result is not None else None
        if text is not None:
            text.text = str(pages[found.group(1)])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
