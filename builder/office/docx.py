"""Shared help for every Voces docx (guide, handout, notice, printable quiz, answer key).

    document = open_document(context, title="…")   # theme guide.docx, body cleared
    document.heading("Objectives", level=1)          # real Heading 1–3, kept with next
    document.paragraph("text", style=None)           # blank lines in text start new paragraphs
    document.labelled("Label: ", "text")             # a bold label then plain text
    document.bullets(["a", "b"]); document.numbered([...]); document.checklist([...])
    document.table(["Time", "Activity"], rows, widths=[0.2, 0.8])   # repeating header row
    document.table(header, rows, keep_with_next=True)  # its last row stays with what follows
    document.writing_lines(4, label="Your notes:")   # ruled lines to write on, one block
    document.block([("Q1", "bold"), ("Choose one.", "italic")], keep_with_next=True)
    document.contents(title)                         # visible contents list, filled at save
    document.save("guide")                           # -> <module>-guide-<lang>.docx, reproducible

The document is WordprocessingML built with lxml in document order (builder/office/docx_xml.py)
on a template made once per theme, language, paper and cover (docx_template.py), and saved by
docx_package.py; python-docx makes the template but no document.

`open_document` sets the paper size (`paper:` A4 or letter) and margins, a running header with
the module title, the page number in the footer (a PAGE field), and the document language
(`w:lang` in the style defaults and on every run). `save` sets the core properties (title,
author = organisation, language, version, date) and writes fixed zip times.

A style missing from a user's guide.docx is copied from the default theme, or else replaced by
Normal, with a warning in `context.warnings`; never a KeyError. Headings may not skip a level:
`heading(level=3)` right after a level-1 heading raises ValueError (a bug in the caller).

Keeping things together on a page: LibreOffice (7.x) honours keep-with-next (w:keepNext) only
between two neighbours: in a chain of three, the first stays behind when the last two move on.
So what must share a page is written as at most two blocks, the first kept with the next: a
`block` is one paragraph whose lines are separated by line breaks and which never splits
(w:keepLines); table rows never split (w:cantSplit).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TypeAlias

from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from ..context import BuildContext, theme_file
from ..curriculum import Curriculum
from ..findings import warning
from ..model import Image
from ..paragraphs import flatten, split_paragraphs
from ..pictures import picture_file
from . import docx_xml as xml
from .docx_contents import write_contents
from .docx_package import OwnParts, picture_inline, save_package
from .docx_styles import DocumentStyles
from .docx_template import Template, page_styles, template

MAX_PICTURE_WIDTH = Cm(15)
"""Wide enough to read a diagram's labels on paper, with room to write beside it."""
TABLE_STYLE = "Voces Table"
TABLE_STYLE_FALLBACK = "Table Grid"
WRITING_STYLE = "Writing Line"
WRITING_LINE_HEIGHT = Pt(28)
STYLE_RULE = "build.theme-style"
Paragraph: TypeAlias = etree._Element
"""A `w:p` element."""


class DocxDocument:
    """One docx being written for one module in one language."""

    def __init__(self, context: BuildContext, title: str, *, cover: bool = False) -> None:
        self.context = context
        self.title = title
        self._last_level = 0
        self._headings: list[tuple[int, str, str]] = []  # level, text, bookmark name
        self._contents: tuple[Paragraph, int] | None = None
        self._checked_styles: dict[str, str] = {}
        self._references: dict[str, str | None] = {}
        self.template: Template = template(
            context.theme_file("guide.docx"), context.language_tag,
            context.curriculum.settings.paper, cover)
        self.styles = DocumentStyles(self.template.book)
        page_styles(self.styles, self.style)  # the header's and footer's, warned about as before
        settings = context.curriculum.settings
        self.own = OwnParts(
            root=copy.deepcopy(self.template.document),
            header=context.text(context.module.title), tag=context.language_tag,
            core={"title": title, "author": settings.organisation,
                  "language": context.language_tag, "version": settings.version,
                  "date": context.date, "subject": context.text(context.module.title)},
            style_copies=self.styles.copies, pictures=[])
        self.body = self.own.root.find(xml.w("body"))
        self._section = self.body[-1]  # the page settings (all the template's body holds),
        # put back last at save
        self.body.remove(self._section)

    # --- styles --------------------------------------------------------------------------

    def style(self, name: str, fallback: str = "Normal") -> str:
        """`name` when the theme has it (or it could be copied from the default theme)."""
        if name in self._checked_styles:
            return self._checked_styles[name]
        found = name if self.styles.has(name) else None
        if found is None:
            copied = self.styles.copy_default(name)
            found = name if copied else fallback
            note = (
                "a copy of Voces's default style" if copied else f"the style '{fallback}' instead"
            )
            self._warn(
                f"the theme's guide.docx has no style '{name}'; {self.title} uses {note}"
            )
        self._checked_styles[name] = found
        return found

    def _warn(self, message: str) -> None:
        curriculum = self.context.curriculum
        location = curriculum.locate(curriculum.settings, "theme")
        finding = warning(location, message, STYLE_RULE)
        if finding not in self.context.warnings:
            self.context.warnings.append(finding)

    def _paragraph(self, style: str | None = None) -> Paragraph:
        """A new paragraph at the end of the body, in the paragraph style named `style`."""
        if style is None:
            return xml.new_paragraph(self.body)
        if style not in self._references:
            self._references[style] = self.styles.reference(style)
        return xml.new_paragraph(self.body, self._references[style], styled=True)

    # --- blocks --------------------------------------------------------------------------

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        if level > self._last_level + 1 or level < 1:
            raise ValueError(f"heading level {level} after level {self._last_level}: {text!r}")
        self._last_level = level
        if new_page:
            self._drop_trailing_spacer()
        paragraph = self._paragraph(self.style(f"Heading {level}"))
        self._add_text(paragraph, text)
        xml.keep_with_next(paragraph)
        if new_page:
            xml.page_break_before(paragraph)
        bookmark = f"_voces_{len(self._headings) + 1}"
        xml.add_bookmark(paragraph, bookmark, len(self._headings) + 1)
        self._headings.append((level, text, bookmark))
        return paragraph

    def title_block(self, title: str, subtitle: str = "") -> None:
        """The document's title (style Title) and an optional subtitle; not part of the outline."""
        self._add_text(self._paragraph(self.style("Title")), title)
        if subtitle:
            self._add_text(self._paragraph(self.style("Subtitle")), subtitle)

    def paragraph(
        self, text: str, style: str | None = None, *, bold: bool = False, italic: bool = False,
        keep_with_next: bool = False,
    ) -> Paragraph:
        """Text as one or more paragraphs: a blank line starts a new one, a single newline
        is a space (YAML block text wraps where its author pressed Enter)."""
        last: Paragraph | None = None
        for part in split_paragraphs(text) or [""]:
            last = self._paragraph(self.style(style) if style else None)
            self._add_text(last, part, bold=bold, italic=italic)
            if keep_with_next:
                xml.keep_with_next(last)
        assert last is not None
        return last

    def labelled(self, label: str, text: str, style: str | None = None) -> Paragraph:
        paragraph = self._paragraph(self.style(style) if style else None)
        self._add_text(paragraph, label, bold=True)
        self._add_text(paragraph, text)
        return paragraph

    def bullets(self, items: Sequence[str], style: str = "List Bullet") -> None:
        for item in items:
            self._add_text(self._paragraph(self.style(style)), flatten(item))

    def checklist(self, items: Sequence[str]) -> None:
        """Items with a box to tick, hanging from the box."""
        for item in items:
            paragraph = self._paragraph(self.style("Normal"))
            xml.space_after(paragraph, Pt(3))
            xml.indent(paragraph, Cm(0.6), hanging=Cm(0.6))
            self._add_text(paragraph, f"☐\t{flatten(item)}")

    def numbered(self, items: Sequence[str]) -> None:
        self.bullets(items, style="List Number")

    def labelled_bullets(self, items: Sequence[tuple[str, str]]) -> None:
        """Bullets that open with a bold label: [("DO", "Show slide 4."), ...]."""
        for label, text in items:
            paragraph = self._paragraph(self.style("List Bullet"))
            self._add_text(paragraph, label, bold=True)
            self._add_text(paragraph, flatten(text))

    def block(
        self, lines: Sequence[tuple[str, str]], style: str | None = None, *,
        keep_with_next: bool = False,
    ) -> Paragraph:
        """Lines, each (text, "" | "bold" | "italic"), as one paragraph with line breaks between
        them, which never splits across pages (a question's options, a stem and its hint)."""
        paragraph = self._paragraph(self.style(style) if style else None)
        for number, (text, emphasis) in enumerate(lines):
            if number:
                xml.add_line_break(paragraph)
            self._add_text(paragraph, flatten(text), bold=emphasis == "bold",
                           italic=emphasis == "italic")
        if keep_with_next:
            xml.keep_with_next(paragraph)
        xml.keep_together(paragraph)
        return paragraph

    def writing_lines(self, count: int, label: str = "") -> Paragraph:
        """Ruled lines for participants to write on, after an optional italic label ("Your
        notes:"): one paragraph that never splits, each line a tab with an underscore leader
        across the text width, a line break between lines."""
        paragraph = self._paragraph(self.style(WRITING_STYLE))
        xml.keep_together(paragraph)
        xml.tab_stop(paragraph, self.text_width, "right", "underscore")
        xml.space_after(paragraph, Pt(0))
        xml.exact_line_height(paragraph, WRITING_LINE_HEIGHT)
        if label:
            self._add_text(paragraph, label, italic=True)
        for number in range(count):
            if number or label:
                xml.add_line_break(paragraph)
            self._add_text(paragraph, "\t")
        return paragraph

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None, *, keep_with_next: bool = False,
        keep_together: bool = False,
    ) -> etree._Element:
        """A table whose header row repeats on every page and is read as a header. Rows never
        split across pages; with `keep_together` the whole table stays on one page (keep it
        short), and with `keep_with_next` its last row stays on the page of the paragraph that
        follows the table (a total line, say)."""
        style: str | None = self.style(TABLE_STYLE, fallback=TABLE_STYLE_FALLBACK)
        if style == TABLE_STYLE_FALLBACK and not self.styles.has(TABLE_STYLE_FALLBACK):
            style = None
        introduction = self._last_paragraph()
        if introduction is not None:  # the line that introduces a table stays on its page
            xml.keep_with_next(introduction)
        shares = widths or [1 / len(header)] * len(header)
        # LibreOffice lays columns out from the grid, Word from the cells: set both.
        columns = [int(self.text_width * share) for share in shares]
        table = xml.new_table(self.body, self.styles.reference(style) if style else None,
                              columns)
        for row_index, values in enumerate([list(header), *map(list, rows)]):
            if len(values) != len(columns):
                raise ValueError(f"a row of {len(values)} cells in a table of {len(columns)}")
            cells = xml.new_row(table, columns, header=row_index == 0)
            for paragraph, value in zip(cells, values, strict=True):
                cell = paragraph.getparent()
                for number, part in enumerate(split_paragraphs(value) or [""]):
                    if number:
                        paragraph = etree.SubElement(cell, xml.P)
                    self._add_text(paragraph, part, bold=row_index == 0)
        spacer = self._paragraph(self.style("Normal"))
        xml.space_after(spacer, Pt(2))
        rows_of_table = table.findall(xml.w("tr"))
        if keep_together:
            for row in rows_of_table[:-1]:
                xml.keep_row_with_next(row)
        if keep_with_next and rows:
            xml.keep_row_with_next(rows_of_table[-1])
            xml.keep_with_next(spacer)
        return table

    def _last_paragraph(self) -> Paragraph | None:
        for child in reversed(self.body):
            if child.tag == xml.P:
                return child
        return None

    def _drop_trailing_spacer(self) -> None:
        """The empty line after a table, when a new page follows it: at the foot of a full
        page it would be pushed alone onto a page of its own, printing an empty page."""
        if not len(self.body):
            return
        last = self.body[-1]
        if xml.is_blank(last) and last.getprevious() is not None and \
                last.getprevious().tag == xml.w("tbl"):
            self.body.remove(last)

    def contents(self, title: str, levels: int = 1) -> None:
        """A visible contents list (links to the headings), written now and filled at save:
        LibreOffice shows an un-updated TOC field as empty, so the list is plain text."""
        self._add_text(self._paragraph(self.style("TOC Heading", "Title")), title)
        self._contents = (xml.new_paragraph(self.body), levels)

    # --- text ----------------------------------------------------------------------------

    def _add_text(
        self, paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False
    ) -> None:
        xml.add_run(paragraph, text, self.context.language_tag, bold, italic)

    @property
    def text_width(self) -> int:
        """EMU between the margins."""
        return self.template.text_width

    # --- saving --------------------------------------------------------------------------

    def save(self, part: str) -> Path:
        path = self.context.path(part, "docx")
        self.write_to(path)
        return path

    def write_to(self, path: Path) -> None:
        """Write the docx to `path` (`save` names it; the results report writes a partial
        file first)."""
        self._fill_contents()
        if self._section.getparent() is None:
            self.body.append(self._section)
        save_package(self.template, self.own, path)

    def picture(self, image: Image) -> None:
        """A curriculum picture (the handout's case sheet, the guide): scaled to the text width
        without distortion, its alternative text in `wp:docPr descr` (what Word's accessibility
        checker reads), kept with its credit printed under it."""
        context = self.context
        paragraph = xml.new_paragraph(self.body)
        xml.align(paragraph, "center")
        xml.keep_with_next(paragraph)  # the credit goes with it
        run = etree.SubElement(paragraph, xml.R)
        xml.set_language(etree.SubElement(run, xml.RPR), context.language_tag)
        inline = picture_inline(self.template, self.own,
                                picture_file(context.curriculum.root, image),
                                width=min(self.text_width, MAX_PICTURE_WIDTH))
        etree.SubElement(run, xml.w("drawing")).append(inline)
        for described in inline.iter(qn("wp:docPr")):
            described.set("descr", context.text(image.alt))
            described.set("name", f"Picture {described.get('id')}")
        credit = self.paragraph(image.credit, italic=True)
        xml.align(credit, "center")

    def figure(self, picture: bytes, width: int) -> None:
        """A picture (a plot's PNG) in a paragraph of its own, `width` EMU wide: what
        python-docx's `Document.add_picture` writes."""
        run = etree.SubElement(xml.new_paragraph(self.body), xml.R)
        etree.SubElement(run, xml.w("drawing")).append(
            picture_inline(self.template, self.own, io.BytesIO(picture), width))

    def _fill_contents(self) -> None:
        if self._contents is None:
            return
        marker, levels = self._contents
        style = self.styles.reference(self.style("TOC 1")) if self.styles.has("TOC 1") else None
        write_contents(marker, [h for h in self._headings if h[0] <= levels], levels,
                       self.text_width, self.context.language_tag, style)
        self._contents = None


def prepare_templates(curriculum: Curriculum, languages: list[str]) -> list[tuple[str, bytes]]:
    """The templates of `languages` made (with and without a cover), before a build forks its
    workers; the (member name, bytes) of their parts that a document does not make itself."""
    theme = theme_file(curriculum, "guide.docx")
    parts: list[tuple[str, bytes]] = []
    for lang in languages:
        for cover in (False, True):
            made = template(theme, curriculum.settings.language_tag(lang),
                            curriculum.settings.paper, cover)
            own = {made.main_name, made.header_name, made.core_name}
            parts += [(name, data) for name, data in made.entries if name not in own]
    return parts


def open_document(context: BuildContext, title: str, *, cover: bool = False) -> DocxDocument:
    """The theme's guide.docx with its body cleared, laid out for this curriculum's paper.
    With `cover`, the first page has no running header (it is the cover)."""
    return DocxDocument(context, title, cover=cover)
