"""The report as `<module>-results-<delivery>.docx` and `.html`, next to the delivery's files.

Each file is written beside its place and moved in (os.replace), so a report is never half
written. The HTML is one offline file with the plots inline (SVG)."""

from __future__ import annotations

import html
import os
from pathlib import Path

from ..delivery.context import DeliveryContext
from ..office.docx import open_document
from ..templates import render
from .report_content import Block

FIGURE_WIDTH_CM = 16


def write_reports(context: DeliveryContext, title: str, blocks: list[Block],
                  figures: dict[str, tuple[bytes, str]]) -> list[Path]:
    context.folder.mkdir(parents=True, exist_ok=True)
    return [_docx(context, title, blocks, figures), _html(context, title, blocks, figures)]


def _docx(context: DeliveryContext, title: str, blocks: list[Block],
          figures: dict[str, tuple[bytes, str]]) -> Path:
    from docx.shared import Cm

    document = open_document(context, title)
    for block in blocks:
        if block.kind == "heading":
            document.heading(block.text, block.level)
        elif block.kind == "paragraph":
            document.paragraph(block.text)
        elif block.kind == "bullets":
            document.bullets(list(block.items))
        elif block.kind == "table":
            document.table(block.header, block.rows)
        elif block.kind == "figure":
            document.paragraph(block.text, italic=True, keep_with_next=True)
            document.figure(figures[block.figure][0], width=Cm(FIGURE_WIDTH_CM))
    path = context.path("results", "docx")
    partial = path.with_name(f".{path.name}.partial")
    document.write_to(partial)
    os.replace(partial, path)
    return path


def _html(context: DeliveryContext, title: str, blocks: list[Block],
          figures: dict[str, tuple[bytes, str]]) -> Path:
    svgs = {name: svg for name, (_, svg) in figures.items()}
    text = render("results.html.j2", context, title=title, blocks=blocks, svgs=svgs,
                  tag=context.language_tag, escape=html.escape)
    path = context.path("results", "html")
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8", newline="\n")
    os.replace(partial, path)
    return path
