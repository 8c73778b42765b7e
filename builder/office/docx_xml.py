"""The docx XML that python-docx has no API for: language tags, fields, bookmarks and links,
table header rows and looks. Used by builder/office/docx.py only."""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree


def has_style(document: Document, name: str) -> bool:
    return any(style.name == name for style in document.styles)


def has_style_id(document: Document, style_id: str | None) -> bool:
    return any(style.style_id == style_id for style in document.styles)


def set_language(properties: BaseOxmlElement, tag: str) -> None:
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), tag)
    language.set(qn("w:eastAsia"), tag)


def set_document_language(document: Document, tag: str) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    set_language(properties, tag)
    settings = document.settings.element
    theme_language = settings.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), tag)


def page_field(paragraph: Paragraph, tag: str) -> None:
    """A PAGE field with a cached "1", so a viewer that does not update fields shows a number."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = paragraph.add_run()
        set_language(run.element.get_or_add_rPr(), tag)
        if kind:
            character = OxmlElement("w:fldChar")
            character.set(qn("w:fldCharType"), kind)
            run._r.append(character)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text or ""


def add_bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def hyperlink(paragraph: Paragraph, bookmark: str, text: str, tag: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    set_language(properties, tag)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def table_look(table: Table) -> None:
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.append(look)
    for name, value in (("w:val", "04A0"), ("w:firstRow", "1"), ("w:lastRow", "0"),
                        ("w:firstColumn", "0"), ("w:lastColumn", "0"), ("w:noHBand", "1"),
                        ("w:noVBand", "1")):
        look.set(qn(name), value)


def row_properties(row: object) -> BaseOxmlElement:
    return row._tr.get_or_add_trPr()  # type: ignore[attr-defined, no-any-return]


def repeat_header(row: object) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "1")
    row_properties(row).append(marker)


def no_split(row: object) -> None:
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "1")
    row_properties(row).append(marker)


def keep_row_with_next(row: object) -> None:
    """Word's and LibreOffice's "keep the table with the next paragraph": keep-with-next on
    every paragraph of the row."""
    for cell in row.cells:  # type: ignore[attr-defined]
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True

def add_text_run(paragraph: Paragraph, text: str, tag: str, bold: bool, italic: bool) -> None:
    """A run of `text` (bold and italic as asked) tagged with language `tag`: the XML python-
    docx writes for `add_run(text)`, `run.bold`, `run.italic` and `set_language`, made here in
    one step (python-docx looked up each child's place in the schema one by one, a quarter of
    a guide's time). A text with a tab or line break, or none, goes through python-docx."""
    if not text or any(char in text for char in "\t\r\n"):
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        set_language(run.element.get_or_add_rPr(), tag)
        return
    element = etree.SubElement(paragraph._p, qn("w:r"))
    properties = etree.SubElement(element, qn("w:rPr"))
    if bold:
        etree.SubElement(properties, qn("w:b"))
    if italic:
        etree.SubElement(properties, qn("w:i"))
    language = etree.SubElement(properties, qn("w:lang"))
    language.set(qn("w:val"), tag)
    language.set(qn("w:eastAsia"), tag)
    words = etree.SubElement(element, qn("w:t"))
    if len(text.strip()) < len(text):
        words.set(qn("xml:space"), "preserve")
    words.text = text


class StyledParagraphs:
    """New paragraphs in a named style, as `document.add_paragraph(style=name)` makes them, with
    each style's id looked up once: python-docx finds a style by name by scanning every style,
    for every paragraph, which took a third of a build's time."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._ids: dict[str, str | None] = {}

    def add(self, style: str | None) -> Paragraph:
        paragraph = self.document.add_paragraph()
        if style is not None:
            if style not in self._ids:
                self._ids[style] = paragraph_style_id(self.document, style)
            paragraph._p.style = self._ids[style]
        return paragraph


def paragraph_style_id(document: Document, name: str) -> str | None:
    """The id python-docx sets in `w:pStyle` for the paragraph style `name`: none for the
    default paragraph style."""
    styles = document.styles
    style = styles[name]
    default = styles.default(WD_STYLE_TYPE.PARAGRAPH)
    return None if default is not None and style.element is default.element else style.style_id
