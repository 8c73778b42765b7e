"""The theme's guide.docx, opened once per process and kept as the package every docx of the
build starts from: the parts python-docx writes for an empty document on this curriculum's
paper, in this language, with or without a cover page (both made from one opening).

Opening a theme with python-docx parses 800 KB of styles for every document, and saving it
serialises and compresses them again: more than the document's own text costs. So a `Template`
is made once per (theme, language, paper, cover) by python-docx itself (page, running header
and footer, language defaults), saved once, and its parts are kept as bytes. A document then
makes only its own parts (builder/office/docx.py): the body, the running header with its
module's title, the core properties and, with pictures, their parts and relationships. Every
other part is the template's: byte for byte what python-docx wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm
from lxml import etree

from .docx_styles import DocumentStyles, StyleBook
from .docx_xml import page_field, set_document_language

CONTENT_TYPES = "[Content_Types].xml"
PAPER_SIZES = {"a4": (Mm(210), Mm(297)), "letter": (Emu(7772400), Emu(10058400))}
MARGIN = Cm(2.2)
HEADER_DISTANCE = Cm(1.0)


@dataclass(frozen=True)
class Template:
    entries: list[tuple[str, bytes]]
    """The package's parts in python-docx's order, as it wrote them."""
    document: etree._Element
    """word/document.xml: an empty body and the page settings."""
    header_name: str
    header: etree._Element
    """The running header: its paragraph styled and aligned, the module's title still to add."""
    core_name: str
    styles_name: str
    book: StyleBook
    text_width: int
    """EMU between the margins."""
    parts: list[tuple[PackURI, str]]
    """(part name, content type) of each part, for [Content_Types].xml."""
    main_name: str
    relationships: list[tuple[str, str, str, bool]]
    """The main part's relationships: (id, type, target, external)."""
    pictures_at: int
    """Where picture parts go among the entries: after the main part's own parts."""
    images: dict[str, str]
    """The theme's own pictures: sha1 -> part name."""

    def entry(self, name: str) -> bytes:
        return next(data for entry, data in self.entries if entry == name)


_TEMPLATES: dict[tuple[str, int, int, str, str, bool], Template] = {}
_BOOKS: dict[str, StyleBook] = {}
"""Each theme's styles by name (its templates' key holds its file's time and size)."""
def template(theme: Path, tag: str, paper: str, cover: bool) -> Template:
    """The template for these settings, made on first use."""
    status = theme.stat()
    key = (str(theme), status.st_mtime_ns, status.st_size, tag, paper, cover)
    if key not in _TEMPLATES:
        if not any(known[:3] == key[:3] for known in _TEMPLATES):
            _BOOKS.pop(str(theme), None)  # a theme changed since (voces serve rebuilds)
        plain, with_cover = _make(theme, tag, paper)
        _TEMPLATES[(*key[:5], False)], _TEMPLATES[(*key[:5], True)] = plain, with_cover
    return _TEMPLATES[key]


def page_styles(styles: DocumentStyles, resolve: Callable[[str], str]
                ) -> tuple[str | None, str | None]:
    """The ids the header's and the footer's paragraphs name, `resolve` being the document's
    `style(name)` (it copies or replaces a style the theme lacks)."""
    header = styles.reference(resolve("Header"))
    footer = styles.reference(resolve("Footer"))
    return header, footer


def _make(theme: Path, tag: str, paper: str) -> tuple[Template, Template]:
    """The templates without and with a cover, from one opening of the theme: the second is
    the first given a first page of its own, as python-docx makes it from the start."""
    document = docx.Document(str(theme))
    book = _BOOKS.get(str(theme))
    if book is None:  # names, ids and defaults: the same whatever the language or the cover
        book = _BOOKS[str(theme)] = StyleBook.of(document.styles.element)
    styles = DocumentStyles(book)

    def resolve(name: str) -> str:  # as the document resolves it, without its warnings
        return name if styles.has(name) or styles.copy_default(name) else "Normal"

    header_style, footer_style = page_styles(styles, resolve)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    header_name = _lay_out_page(document, paper, tag, header_style, footer_style)
    set_document_language(document, tag)
    document.core_properties  # noqa: B018 (python-docx makes the part when the theme has none)
    plain = _captured(document, book, header_name)
    section = document.sections[-1]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    _page_number(section.first_page_footer.paragraphs[0], footer_style, tag)
    return plain, _captured(document, book, header_name)


def _captured(document: Document, book: StyleBook, header_name: str) -> Template:
    """The template of `document` as it stands."""
    package = document.part.package
    entries = _written_parts(document)
    contents = dict(entries)
    main_name = document.part.partname.lstrip("/")
    section = document.sections[-1]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    assert width is not None and left is not None and right is not None
    return Template(
        entries=entries,
        document=etree.fromstring(contents[main_name]),
        header_name=header_name,
        header=etree.fromstring(contents[header_name]),
        core_name=package.part_related_by(RT.CORE_PROPERTIES).partname.lstrip("/"),
        styles_name=document.part._styles_part.partname.lstrip("/"),  # noqa: SLF001 (no API)
        book=book,
        text_width=int(width - left - right),
        parts=[(part.partname, part.content_type) for part in package.iter_parts()],
        main_name=main_name,
        relationships=[(rel.rId, rel.reltype, rel.target_ref, rel.is_external)
                       for rel in document.part.rels.values()],
        pictures_at=_after_main_part(document, [name for name, _ in entries]),
        images={part.sha1: part.partname for part in package.image_parts},
    )


def _written_parts(document: Document) -> list[tuple[str, bytes]]:
    """The zip entries `document.save` writes, in its order, without zipping them: the content
    types, the package's relationships, then each part and its relationships (python-docx's
    PackageWriter.write)."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    entries = [(CONTENT_TYPES, _ContentTypesItem.from_parts(parts).blob),
               (PACKAGE_URI.rels_uri.lstrip("/"), package.rels.xml)]
    for part in parts:
        entries.append((part.partname.lstrip("/"), part.blob))
        if len(part.rels):
            entries.append((part.partname.rels_uri.lstrip("/"), part.rels.xml))
    return entries


def _after_main_part(document: Document, names: list[str]) -> int:
    """The index after the last entry of the main part's own parts: python-docx writes parts
    depth first along the relationships, each part's relationships right after it."""
    reached: set[str] = {document.part.partname}
    sources = [document.part]
    while sources:
        source = sources.pop()
        for rel in source.rels.values():
            if not rel.is_external and rel.target_part.partname not in reached:
                reached.add(rel.target_part.partname)
                sources.append(rel.target_part)
    own = reached | {PackURI(name).rels_uri for name in reached}
    return 1 + max(index for index, name in enumerate(names) if "/" + name in own)


def _lay_out_page(document: Document, paper: str, tag: str, header_style: str | None,
                  footer_style: str | None) -> str:
    """Paper, margins, a running header (its text is the document's) and the page number in
    the footer. The header's part name."""
    section = document.sections[-1]
    width, height = PAPER_SIZES[paper]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header_distance = section.footer_distance = HEADER_DISTANCE
    section.different_first_page_header_footer = False
    header = section.header
    header.is_linked_to_previous = False
    header_paragraph = header.paragraphs[0]
    for run in list(header_paragraph.runs):
        run._r.getparent().remove(run._r)
    header_paragraph._p.style = header_style
    header_paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer
    footer.is_linked_to_previous = False
    _page_number(footer.paragraphs[0], footer_style, tag)
    return str(header.part.partname).lstrip("/")


def _page_number(paragraph: object, style: str | None, tag: str) -> None:
    paragraph._p.style = style  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]
    page_field(paragraph._p, tag)  # type: ignore[attr-defined]
