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
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..context import BuildContext
from ..findings import warning
from ..paragraphs import flatten, split_paragraphs
from ..themes.guide import DEFAULT_GUIDE_THEME
from .docx_contents import write_contents
from .docx_xml import (
    StyledParagraphs,
    add_bookmark,
    add_text_run,
    has_style,
    has_style_id,
    keep_row_with_next,
    no_split,
    page_field,
    repeat_header,
    set_document_language,
    table_look,
)
from .package import save_office, set_core_properties

PAPER_SIZES = {"a4": (Mm(210), Mm(297)), "letter": (Emu(7772400), Emu(10058400))}
MARGIN = Cm(2.2)
HEADER_DISTANCE = Cm(1.0)
TABLE_STYLE = "Voces Table"
TABLE_STYLE_FALLBACK = "Table Grid"
WRITING_STYLE = "Writing Line"
WRITING_LINE_HEIGHT = Pt(28)
STYLE_RULE = "build.theme-style"


class DocxDocument:
    """One docx being written for one module in one language."""

    def __init__(self, context: BuildContext, document: Document, title: str) -> None:
        self.context = context
        self.document = document
        self.title = title
        self._last_level = 0
        self._headings: list[tuple[int, str, str]] = []  # level, text, bookmark name
        self._contents: tuple[Paragraph, int] | None = None
        self._default_styles: Document | None = None
        self._checked_styles: dict[str, str] = {}
        self._paragraphs = StyledParagraphs(document)  # add(style) in place of add_paragraph

    # --- styles --------------------------------------------------------------------------

    def style(self, name: str, fallback: str = "Normal") -> str:
        """`name` when the theme has it (or it could be copied from the default theme)."""
        if name in self._checked_styles:
            return self._checked_styles[name]
        found = name if has_style(self.document, name) else None
        if found is None:
            copied = self._copy_default_style(name)
            found = name if copied else fallback
            note = (
                "a copy of Voces's default style" if copied else f"the style '{fallback}' instead"
            )
            self._warn(
                f"the theme's guide.docx has no style '{name}'; {self.title} uses {note}"
            )
        self._checked_styles[name] = found
        return found

    def _copy_default_style(self, name: str) -> bool:
        if self._default_styles is None:
            self._default_styles = docx.Document(str(DEFAULT_GUIDE_THEME))
        if not has_style(self._default_styles, name):
            return False
        element = copy.deepcopy(self._default_styles.styles[name].element)
        for link in element.findall(qn("w:link")):
            element.remove(link)
        for based_on in element.findall(qn("w:basedOn")):
            if not has_style_id(self.document, based_on.get(qn("w:val"))):
                element.remove(based_on)
        self.document.styles.element.append(element)
        return True

    def _warn(self, message: str) -> None:
        curriculum = self.context.curriculum
        location = curriculum.locate(curriculum.settings, "theme")
        finding = warning(location, message, STYLE_RULE)
        if finding not in self.context.warnings:
            self.context.warnings.append(finding)

    # --- blocks --------------------------------------------------------------------------

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        if level > self._last_level + 1 or level < 1:
            raise ValueError(f"heading level {level} after level {self._last_level}: {text!r}")
        self._last_level = level
        if new_page:
            self._drop_trailing_spacer()
        paragraph = self._paragraphs.add(self.style(f"Heading {level}"))
        self._add_text(paragraph, text)
        paragraph.paragraph_format.keep_with_next = True
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        bookmark = f"_voces_{len(self._headings) + 1}"
        add_bookmark(paragraph, bookmark, len(self._headings) + 1)
        self._headings.append((level, text, bookmark))
        return paragraph

    def title_block(self, title: str, subtitle: str = "") -> None:
        """The document's title (style Title) and an optional subtitle; not part of the outline."""
        self._add_text(self._paragraphs.add(self.style("Title")), title)
        if subtitle:
            self._add_text(self._paragraphs.add(self.style("Subtitle")), subtitle)

    def paragraph(
        self, text: str, style: str | None = None, *, bold: bool = False, italic: bool = False,
        keep_with_next: bool = False,
    ) -> Paragraph:
        """Text as one or more paragraphs: a blank line starts a new one, a single newline
        is a space (YAML block text wraps where its author pressed Enter)."""
        last: Paragraph | None = None
        for part in split_paragraphs(text) or [""]:
            last = self._paragraphs.add(self.style(style) if style else None)
            self._add_text(last, part, bold=bold, italic=italic)
            if keep_with_next:
                last.paragraph_format.keep_with_next = True
        assert last is not None
        return last

    def labelled(self, label: str, text: str, style: str | None = None) -> Paragraph:
        paragraph = self._paragraphs.add(self.style(style) if style else None)
        self._add_text(paragraph, label, bold=True)
        self._add_text(paragraph, text)
        return paragraph

    def bullets(self, items: Sequence[str], style: str = "List Bullet") -> None:
        for item in items:
            self._add_text(self._paragraphs.add(self.style(style)), flatten(item))

    def checklist(self, items: Sequence[str]) -> None:
        """Items with a box to tick, hanging from the box."""
        for item in items:
            paragraph = self._paragraphs.add(self.style("Normal"))
            paragraph.paragraph_format.left_indent = Cm(0.6)
            paragraph.paragraph_format.first_line_indent = Cm(-0.6)
            paragraph.paragraph_format.space_after = Pt(3)
            self._add_text(paragraph, f"☐\t{flatten(item)}")

    def numbered(self, items: Sequence[str]) -> None:
        self.bullets(items, style="List Number")

    def labelled_bullets(self, items: Sequence[tuple[str, str]]) -> None:
        """Bullets that open with a bold label: [("DO", "Show slide 4."), ...]."""
        for label, text in items:
            paragraph = self._paragraphs.add(self.style("List Bullet"))
            self._add_text(paragraph, label, bold=True)
            self._add_text(paragraph, flatten(text))

    def block(
        self, lines: Sequence[tuple[str, str]], style: str | None = None, *,
        keep_with_next: bool = False,
    ) -> Paragraph:
        """Lines, each (text, "" | "bold" | "italic"), as one paragraph with line breaks between
        them, which never splits across pages (a question's options, a stem and its hint)."""
        paragraph = self._paragraphs.add(self.style(style) if style else None)
        for number, (text, emphasis) in enumerate(lines):
            if number:
                paragraph.add_run().add_break()
            self._add_text(paragraph, flatten(text), bold=emphasis == "bold",
                           italic=emphasis == "italic")
        paragraph.paragraph_format.keep_together = True
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def writing_lines(self, count: int, label: str = "") -> Paragraph:
        """Ruled lines for participants to write on, after an optional italic label ("Your
        notes:"): one paragraph that never splits, each line a tab with an underscore leader
        across the text width, a line break between lines."""
        paragraph = self._paragraphs.add(self.style(WRITING_STYLE))
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Emu(self._text_width()), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = WRITING_LINE_HEIGHT
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.keep_together = True
        if label:
            self._add_text(paragraph, label, italic=True)
        for number in range(count):
            if number or label:
                paragraph.add_run().add_break()
            self._add_text(paragraph, "\t")
        return paragraph

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None, *, keep_with_next: bool = False,
        keep_together: bool = False,
    ) -> Table:
        """A table whose header row repeats on every page and is read as a header. Rows never
        split across pages; with `keep_together` the whole table stays on one page (keep it
        short), and with `keep_with_next` its last row stays on the page of the paragraph that
        follows the table (a total line, say)."""
        style = self.style(TABLE_STYLE, fallback=TABLE_STYLE_FALLBACK)
        if style == TABLE_STYLE_FALLBACK and not has_style(self.document, style):
            style = None  # type: ignore[assignment]
        paragraphs = self.document.paragraphs
        if paragraphs:  # the line that introduces a table stays on the table's page
            paragraphs[-1].paragraph_format.keep_with_next = True
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        if style:
            table.style = style
        table_look(table)
        text_width = self._text_width()
        shares = widths or [1 / len(header)] * len(header)
        table.autofit = False
        # LibreOffice lays columns out from the grid, Word from the cells: set both.
        for column, share in zip(table._tbl.tblGrid.gridCol_lst, shares, strict=True):
            column.w = Emu(int(text_width * share))
        for row_index, values in enumerate([list(header), *map(list, rows)]):
            row = table.rows[row_index]
            no_split(row)
            if row_index == 0:
                repeat_header(row)
            for cell, value, share in zip(row.cells, values, shares, strict=True):
                cell.width = Emu(int(text_width * share))
                paragraph = cell.paragraphs[0]
                for number, part in enumerate(split_paragraphs(value) or [""]):
                    if number:
                        paragraph = cell.add_paragraph()
                    self._add_text(paragraph, part, bold=row_index == 0)
        spacer = self._paragraphs.add(self.style("Normal"))
        spacer.paragraph_format.space_after = Pt(2)
        if keep_together:
            for row in table.rows[:-1]:
                keep_row_with_next(row)
        if keep_with_next and rows:
            keep_row_with_next(table.rows[-1])
            spacer.paragraph_format.keep_with_next = True
        return table

    def _drop_trailing_spacer(self) -> None:
        """The empty line after a table, when a new page follows it: at the foot of a full
        page it would be pushed alone onto a page of its own, printing an empty page."""
        body = self.document.element.body
        last = body[-2] if len(body) > 1 and body[-1].tag == qn("w:sectPr") else body[-1]
        if last.tag == qn("w:p") and not "".join(last.itertext()).strip() and \
                last.getprevious() is not None and last.getprevious().tag == qn("w:tbl"):
            body.remove(last)

    def contents(self, title: str, levels: int = 1) -> None:
        """A visible contents list (links to the headings), written now and filled at save:
        LibreOffice shows an un-updated TOC field as empty, so the list is plain text."""
        self._add_text(self._paragraphs.add(self.style("TOC Heading", "Title")), title)
        marker = self.document.add_paragraph()
        self._contents = (marker, levels)

    # --- text ----------------------------------------------------------------------------

    def _add_text(
        self, paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False
    ) -> None:
        add_text_run(paragraph, text, self.context.language_tag, bold, italic)

    def _text_width(self) -> int:
        section = self.document.sections[-1]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        assert width is not None and left is not None and right is not None  # set on opening
        return int(width - left - right)

    # --- saving --------------------------------------------------------------------------

    def save(self, part: str) -> Path:
        self._fill_contents()
        context = self.context
        settings = context.curriculum.settings
        set_core_properties(
            self.document.core_properties, title=self.title, author=settings.organisation,
            language=context.language_tag, version=settings.version, date=context.date,
            subject=context.text(context.module.title),
        )
        path = context.path(part, "docx")
        save_office(self.document, path)
        return path

    def _fill_contents(self) -> None:
        if self._contents is None:
            return
        marker, levels = self._contents
        style = self.style("TOC 1") if has_style(self.document, "TOC 1") else None
        write_contents(marker, [h for h in self._headings if h[0] <= levels], levels,
                       self._text_width(), self.context.language_tag, style)
        self._contents = None

def open_document(context: BuildContext, title: str, *, cover: bool = False) -> DocxDocument:
    """The theme's guide.docx with its body cleared, laid out for this curriculum's paper.
    With `cover`, the first page has no running header (it is the cover)."""
    document = docx.Document(str(context.theme_file("guide.docx")))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    writer = DocxDocument(context, document, title)
    _lay_out_page(writer, cover)
    set_document_language(document, context.language_tag)
    return writer


def _lay_out_page(writer: DocxDocument, cover: bool) -> None:
    document, context = writer.document, writer.context
    section = document.sections[-1]
    width, height = PAPER_SIZES[context.curriculum.settings.paper]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header_distance = section.footer_distance = HEADER_DISTANCE
    section.different_first_page_header_footer = cover
    header = section.header
    header.is_linked_to_previous = False
    header_paragraph = header.paragraphs[0]
    for run in list(header_paragraph.runs):
        run._r.getparent().remove(run._r)
    header_paragraph.style = writer.style("Header")
    header_paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    writer._add_text(header_paragraph, context.text(context.module.title))
    footer = section.footer
    footer.is_linked_to_previous = False
    footer_paragraph = footer.paragraphs[0]
    footer_paragraph.style = writer.style("Footer")
    footer_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(footer_paragraph, context.language_tag)
    if cover:
        first_header = section.first_page_header
        first_header.is_linked_to_previous = False
        first_footer = section.first_page_footer.paragraphs[0]
        first_footer.style = writer.style("Footer")
        first_footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        page_field(first_footer, context.language_tag)

