"""The guide's contents as a real TOC field: Word and LibreOffice update it (F9, Tools > Update),
and its cached result lists every heading with a link and a PAGEREF page number.

At build time the page numbers are unknown (only a renderer knows them), so each PAGEREF's
cached number is empty; `voces build --pdf` renders the guide once, reads each heading's page
from that PDF, writes the numbers into the cached result (`fill_page_numbers`) and renders the
guide again (builder/guide_pages.py), so the docx and its PDF print them.
"""

from __future__ import annotations

import re

from docx.shared import Cm, Pt
from lxml import etree

from . import docx_xml as xml

TOC_INSTRUCTION = ' TOC \\o "1-{levels}" \\h \\z \\u '
PAGEREF = re.compile(r"^\s*PAGEREF\s+(\S+)")
W = xml.W


def write_contents(marker: etree._Element, entries: list[tuple[int, str, str]], levels: int,
                   text_width: int, tag: str, style_id: str | None) -> None:
    """The TOC field's paragraphs before `marker` (which is then removed): one per heading
    (level, text, bookmark), its text a link to the heading, a dot leader and the page."""
    paragraphs = []
    for level, text, bookmark in entries:
        entry = etree.Element(xml.P, nsmap=xml.NAMESPACES)
        marker.addprevious(entry)
        properties = etree.SubElement(entry, xml.PPR)
        if style_id is not None:
            etree.SubElement(properties, xml.PSTYLE).set(xml.VAL, style_id)
        xml.tab_stop(entry, text_width, "right", "dot")
        xml.space_after(entry, Pt(2))
        xml.indent(entry, Cm(0.6 * (level - 1)))
        link = etree.SubElement(entry, xml.w("hyperlink"))
        link.set(xml.w("anchor"), bookmark)
        link.set(xml.w("history"), "1")
        link.append(_run(tag, text=text))
        link.append(_run(tag, tab=True))
        for run in _field(tag, f" PAGEREF {bookmark} \\h ", ""):
            link.append(run)
        paragraphs.append(entry)
    if not paragraphs:
        marker.getparent().remove(marker)
        return
    begin, instruction, separate = _field(tag, TOC_INSTRUCTION.format(levels=levels), None)
    first = paragraphs[0]
    properties = first.find(xml.PPR)  # the field begins right after the paragraph's
    for run in (separate, instruction, begin):  # properties, before the first link
        if properties is not None:
            properties.addnext(run)
        else:
            first.insert(0, run)
    paragraphs[-1].append(_field_character(tag, "end"))
    marker.getparent().remove(marker)


def _run(tag: str, text: str = "", tab: bool = False) -> etree._Element:
    run = etree.Element(xml.R, nsmap=xml.NAMESPACES)
    xml.set_language(etree.SubElement(run, xml.RPR), tag)
    if tab:
        etree.SubElement(run, xml.TAB)
    else:
        text_element = etree.SubElement(run, xml.T)
        text_element.set(xml.SPACE, "preserve")
        text_element.text = text
    return run


def _field_character(tag: str, kind: str) -> etree._Element:
    run = etree.Element(xml.R, nsmap=xml.NAMESPACES)
    xml.set_language(etree.SubElement(run, xml.RPR), tag)
    character = etree.SubElement(run, xml.w("fldChar"))
    character.set(xml.w("fldCharType"), kind)
    if kind == "begin":
        character.set(xml.w("dirty"), "true")  # Word refreshes a dirty field when it can
    return run


def _field(tag: str, instruction: str, cached: str | None) -> list[etree._Element]:
    """begin, instruction, separate (and, with `cached`, the result and end)."""
    code = etree.Element(xml.R, nsmap=xml.NAMESPACES)
    xml.set_language(etree.SubElement(code, xml.RPR), tag)
    instruction_element = etree.SubElement(code, xml.w("instrText"))
    instruction_element.set(xml.SPACE, "preserve")
    instruction_element.text = instruction
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
