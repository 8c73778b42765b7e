"""The WordprocessingML a Voces docx is made of, built with lxml in document order: paragraphs,
runs, bookmarks, fields, tables. Used by builder/office/docx*.py only.

Each element is exactly what python-docx writes for the same calls (`add_paragraph`,
`add_run(text)`, `run.bold`, `paragraph_format.keep_with_next`, `add_table`, ...; the build is
byte-identical to the one python-docx made), but made in one step: python-docx finds each new
child's place by scanning its schema's list of successors, looks a style up by scanning every
style, and was most of a docx's time.
"""

from __future__ import annotations

from typing import Any

from docx.shared import Emu, Length
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


P, PPR, PSTYLE, R, RPR, T = w("p"), w("pPr"), w("pStyle"), w("r"), w("rPr"), w("t")
BOLD, ITALIC, LANG, TAB, BREAK = w("b"), w("i"), w("lang"), w("tab"), w("br")
KEEP_NEXT, KEEP_LINES, PAGE_BREAK, JC = w("keepNext"), w("keepLines"), w("pageBreakBefore"), \
    w("jc")
TABS, SPACING, IND = w("tabs"), w("spacing"), w("ind")
VAL, EAST_ASIA = w("val"), w("eastAsia")
SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PARAGRAPH_ORDER = {w(tag): rank for rank, tag in enumerate((
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
    "cnfStyle", "rPr", "sectPr", "pPrChange"))}
"""The order of w:pPr's children in the schema (CT_PPr), which Word insists on."""


def twips(length: int) -> str:
    """A length in EMU as the twentieths of a point Word's attributes hold."""
    return str(Emu(length).twips)


# --- paragraphs -------------------------------------------------------------------------


def new_paragraph(parent: etree._Element, style_id: str | None = None, *,
                  styled: bool = False) -> etree._Element:
    """A paragraph at the end of `parent`; `styled` gives it properties naming `style_id`
    (none for the default paragraph style), as python-docx's `add_paragraph(style=...)`."""
    paragraph = etree.SubElement(parent, P)
    if styled:
        properties = etree.SubElement(paragraph, PPR)
        if style_id is not None:
            etree.SubElement(properties, PSTYLE).set(VAL, style_id)
    return paragraph


def paragraph_properties(paragraph: etree._Element) -> etree._Element:
    properties = paragraph.find(PPR)
    if properties is None:
        properties = etree.Element(PPR, nsmap=NAMESPACES)
        paragraph.insert(0, properties)
    return properties


def paragraph_property(paragraph: etree._Element, tag: str) -> etree._Element:
    """The paragraph's property `tag`, added in the schema's order when missing."""
    properties = paragraph_properties(paragraph)
    found = properties.find(tag)
    if found is not None:
        return found
    rank = PARAGRAPH_ORDER[tag]
    element = etree.Element(tag, nsmap=NAMESPACES)
    for index, child in enumerate(properties):
        if PARAGRAPH_ORDER.get(child.tag, len(PARAGRAPH_ORDER)) > rank:
            properties.insert(index, element)
            return element
    properties.append(element)
    return element


def keep_with_next(paragraph: etree._Element) -> None:
    paragraph_property(paragraph, KEEP_NEXT)


def keep_together(paragraph: etree._Element) -> None:
    paragraph_property(paragraph, KEEP_LINES)


def page_break_before(paragraph: etree._Element) -> None:
    paragraph_property(paragraph, PAGE_BREAK)


def align(paragraph: etree._Element, alignment: str) -> None:
    """`left`, `center`, `right` or `both`."""
    paragraph_property(paragraph, JC).set(VAL, alignment)


def space_after(paragraph: etree._Element, length: Length) -> None:
    paragraph_property(paragraph, SPACING).set(w("after"), twips(length))


def exact_line_height(paragraph: etree._Element, length: Length) -> None:
    spacing = paragraph_property(paragraph, SPACING)
    spacing.set(w("line"), twips(length))
    spacing.set(w("lineRule"), "exact")


def indent(paragraph: etree._Element, left: Length, hanging: Length | None = None) -> None:
    element = paragraph_property(paragraph, IND)
    element.set(w("left"), twips(left))
    if hanging is not None:
        element.set(w("hanging"), twips(hanging))


def tab_stop(paragraph: etree._Element, position: int, alignment: str, leader: str) -> None:
    """A tab stop (python-docx keeps them in order of position; Voces sets one)."""
    tab = etree.SubElement(paragraph_property(paragraph, TABS), TAB)
    tab.set(w("pos"), twips(position))
    tab.set(VAL, alignment)
    tab.set(w("leader"), leader)


def is_blank(element: etree._Element) -> bool:
    return element.tag == P and not "".join(element.itertext()).strip()


# --- runs -------------------------------------------------------------------------------


def add_run(paragraph: etree._Element, text: str, tag: str, bold: bool = False,
            italic: bool = False) -> etree._Element:
    """A run of `text` in language `tag`, bold and italic as asked: a tab in the text is a
    `w:tab`, a line end a `w:br`, the rest `w:t` (keeping its spaces), as python-docx's
    `run.text` makes it."""
    run = etree.SubElement(paragraph, R)
    properties = etree.SubElement(run, RPR)
    if bold:
        etree.SubElement(properties, BOLD)
    if italic:
        etree.SubElement(properties, ITALIC)
    language = etree.SubElement(properties, LANG)
    language.set(VAL, tag)
    language.set(EAST_ASIA, tag)
    if "\t" in text or "\n" in text or "\r" in text:
        words: list[str] = []
        for char in text:
            if char in "\t\r\n":
                _add_words(run, "".join(words))
                words.clear()
                etree.SubElement(run, TAB if char == "\t" else BREAK)
            else:
                words.append(char)
        _add_words(run, "".join(words))
    else:
        _add_words(run, text)
    return run


def _add_words(run: etree._Element, text: str) -> None:
    if text:
        words = etree.SubElement(run, T)
        if len(text.strip()) < len(text):
            words.set(SPACE, "preserve")
        words.text = text


def add_line_break(paragraph: etree._Element) -> None:
    """A run holding only a line break (`add_run().add_break()`)."""
    etree.SubElement(etree.SubElement(paragraph, R), BREAK)


def set_language(properties: Any, tag: str) -> None:
    language = properties.find(LANG)
    if language is None:
        language = etree.SubElement(properties, LANG)
    language.set(VAL, tag)
    language.set(EAST_ASIA, tag)


def add_bookmark(paragraph: etree._Element, name: str, number: int) -> None:
    start = etree.Element(w("bookmarkStart"), nsmap=NAMESPACES)
    start.set(w("id"), str(number))
    start.set(w("name"), name)
    paragraph.insert(1 if paragraph.find(PPR) is not None else 0, start)
    etree.SubElement(paragraph, w("bookmarkEnd")).set(w("id"), str(number))


def page_field(paragraph: etree._Element, tag: str) -> None:
    """A PAGE field with a cached "1", so a viewer that does not update fields shows a number."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = etree.SubElement(paragraph, R)
        set_language(etree.SubElement(run, RPR), tag)
        if kind:
            etree.SubElement(run, w("fldChar")).set(w("fldCharType"), kind)
        elif text == " PAGE ":
            instruction = etree.SubElement(run, w("instrText"))
            instruction.set(SPACE, "preserve")
            instruction.text = text
        else:
            _add_words(run, text or "")


def set_document_language(document: Any, tag: str) -> None:
    """The language of the styles' defaults and of the theme's fonts (a python-docx Document:
    this is done once per template, builder/office/docx_template.py)."""
    styles = document.styles.element
    defaults = styles.find(w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("docDefaults"), nsmap=NAMESPACES)
        styles.insert(0, defaults)
    run_defaults = defaults.find(w("rPrDefault"))
    if run_defaults is None:
        run_defaults = etree.Element(w("rPrDefault"), nsmap=NAMESPACES)
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(RPR)
    if properties is None:
        properties = etree.SubElement(run_defaults, RPR)
    set_language(properties, tag)
    theme_language = document.settings.element.find(w("themeFontLang"))
    if theme_language is not None:
        theme_language.set(VAL, tag)


# --- tables -----------------------------------------------------------------------------


def new_table(parent: etree._Element, style_id: str | None, widths: list[int]
              ) -> etree._Element:
    """A table (python-docx's `add_table`, then `style`, `autofit = False` and the look Voces
    sets) with a grid of `widths` (EMU) and no rows yet."""
    table = etree.SubElement(parent, w("tbl"))
    properties = etree.SubElement(table, w("tblPr"))
    if style_id is not None:
        etree.SubElement(properties, w("tblStyle")).set(VAL, style_id)
    width = etree.SubElement(properties, w("tblW"))
    width.set(w("type"), "auto")
    width.set(w("w"), "0")
    etree.SubElement(properties, w("tblLayout")).set(w("type"), "fixed")
    look = etree.SubElement(properties, w("tblLook"))
    for name, value in (("firstColumn", "0"), ("firstRow", "1"), ("lastColumn", "0"),
                        ("lastRow", "0"), ("noHBand", "1"), ("noVBand", "1"), ("val", "04A0")):
        look.set(w(name), value)
    grid = etree.SubElement(table, w("tblGrid"))
    for column in widths:
        etree.SubElement(grid, w("gridCol")).set(w("w"), twips(column))
    return table


def new_row(table: etree._Element, widths: list[int], *, header: bool) -> list[etree._Element]:
    """A row that never splits across pages (and repeats on each page, as a `header`): the
    first paragraph of each of its cells."""
    row = etree.SubElement(table, w("tr"))
    properties = etree.SubElement(row, w("trPr"))
    etree.SubElement(properties, w("cantSplit")).set(VAL, "1")
    if header:
        etree.SubElement(properties, w("tblHeader")).set(VAL, "1")
    paragraphs = []
    for width in widths:
        cell = etree.SubElement(row, w("tc"))
        cell_width = etree.SubElement(etree.SubElement(cell, w("tcPr")), w("tcW"))
        cell_width.set(w("type"), "dxa")
        cell_width.set(w("w"), twips(width))
        paragraphs.append(etree.SubElement(cell, P))
    return paragraphs


def keep_row_with_next(row: etree._Element) -> None:
    """Word's and LibreOffice's "keep the table with the next paragraph": keep-with-next on
    every paragraph of the row."""
    for paragraph in row.iter(P):
        keep_with_next(paragraph)
