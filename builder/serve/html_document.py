"""A guide or handout as HTML, written by the same code that writes the docx.

The docx writers (formats/guide.py, handout.py) call a document's blocks: heading, paragraph,
table and the rest. HtmlDocument has the same blocks and writes HTML instead, so the preview
shows the very sections, texts and tables of the docx without a second copy of their logic.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from html import escape
from pathlib import Path
from types import ModuleType
from typing import Any

from ..context import BuildContext
from ..model import Image
from ..paragraphs import split_paragraphs


class HtmlDocument:
    """The blocks of office.docx.DocxDocument, as HTML."""

    def __init__(self, context: BuildContext, title: str) -> None:
        self.context = context
        self.title = title
        self.parts: list[str] = []
        self._headings: list[tuple[int, str]] = []

    def style(self, name: str, fallback: str = "Normal") -> str:
        return name

    def heading(self, text: str, level: int, *, new_page: bool = False) -> None:
        self._headings.append((level, text))
        tag = f"h{min(level + 1, 6)}"
        self.parts.append(f'<{tag} data-heading="{escape(text)}">{escape(text)}</{tag}>')

    def title_block(self, title: str, subtitle: str = "") -> None:
        self.parts.append(f"<h1>{escape(title)}</h1>")
        if subtitle:
            self.parts.append(f'<p class="subtitle">{escape(subtitle)}</p>')

    def paragraph(self, text: str, style: str | None = None, *, bold: bool = False,
                  italic: bool = False, keep_with_next: bool = False) -> None:
        for part in split_paragraphs(text) or [""]:
            self.parts.append(f"<p>{_emphasis(part, bold, italic)}</p>")

    def labelled(self, label: str, text: str, style: str | None = None) -> None:
        self.parts.append(f"<p><b>{escape(label)}</b>{escape(text)}</p>")

    def bullets(self, items: Sequence[str], style: str = "List Bullet") -> None:
        tag = "ol" if style == "List Number" else "ul"
        self.parts.append(f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items)
                          + f"</{tag}>")

    def checklist(self, items: Sequence[str]) -> None:
        self.parts.append("<ul>" + "".join(f"<li>☐ {escape(i)}</li>" for i in items) + "</ul>")

    def numbered(self, items: Sequence[str]) -> None:
        self.bullets(items, style="List Number")

    def labelled_bullets(self, items: Sequence[tuple[str, str]]) -> None:
        self.parts.append("<ul>" + "".join(f"<li><b>{escape(label)}</b>{escape(text)}</li>"
                                           for label, text in items) + "</ul>")

    def block(self, lines: Sequence[tuple[str, str]], style: str | None = None, *,
              keep_with_next: bool = False) -> None:
        self.parts.append("<p>" + "<br>".join(
            _emphasis(text, emphasis == "bold", emphasis == "italic")
            for text, emphasis in lines) + "</p>")

    def writing_lines(self, count: int, label: str = "") -> None:
        if label:
            self.parts.append(f"<p><i>{escape(label)}</i></p>")
        self.parts.append('<div class="writing"></div>' * count)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float] | None = None, *, keep_with_next: bool = False,
              keep_together: bool = False) -> None:
        head = "".join(f"<th>{escape(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
                       for row in rows)
        self.parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def picture(self, image: Image) -> None:
        """The picture's place, its alternative text and its credit: the preview shows texts
        (a picture's file is in the docx and the deck)."""
        alt, credit = escape(self.context.text(image.alt)), escape(image.credit)
        self.parts.append(f'<figure class="picture"><p class="alt">{alt}</p>'
                          f"<figcaption><i>{credit}</i></figcaption></figure>")

    def contents(self, title: str, levels: int = 1) -> None:
        self.parts.append(f"<h2>{escape(title)}</h2><!--contents-->")

    def save(self, part: str) -> Path:
        return Path(f"{part}.html")

    def html(self) -> str:
        contents = "<ul>" + "".join(f"<li>{escape(text)}</li>" for level, text in self._headings
                                    if level == 1) + "</ul>"
        return "\n".join(self.parts).replace("<!--contents-->", contents, 1)


def _emphasis(text: str, bold: bool, italic: bool) -> str:
    html = escape(text)
    if bold:
        html = f"<b>{html}</b>"
    if italic:
        html = f"<i>{html}</i>"
    return html


def _cell(value: str) -> str:
    return "".join(f"<p>{escape(part)}</p>" for part in split_paragraphs(value) or [""])


@contextmanager
def writing_html(writer: ModuleType) -> Iterator[list[HtmlDocument]]:
    """While inside, `writer.build(context)` writes HtmlDocuments (collected in the list)
    instead of docx files. Callers hold the preview's lock: one page is drawn at a time."""
    written: list[HtmlDocument] = []
    original = getattr(writer, "open_document")  # noqa: B009 (a module's global, swapped)

    def open_html(context: BuildContext, title: str, **_: Any) -> HtmlDocument:
        document = HtmlDocument(context, title)
        written.append(document)
        return document

    setattr(writer, "open_document", open_html)  # noqa: B010
    try:
        yield written
    finally:
        setattr(writer, "open_document", original)  # noqa: B010
