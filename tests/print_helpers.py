"""Help for the print tests: stand-in deck and guide formats, and what a PDF build must hold.

The stand-ins write small but real pptx and docx files through the context, as a format does, so
the PDF and index machinery is tested on Office files whatever formats the registry holds.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

import builder.pdf_tools
from builder.context import BuildContext
from builder.formats import FORMATS
from builder.office.package import save_office

FAKE_SLIDE_COUNT = 3


def fake_slide_titles(context: BuildContext) -> list[str]:
    title = context.text(context.module.title)
    return [title, f"{title}: agenda", f"{title}: closing"][:FAKE_SLIDE_COUNT]


def fake_deck(context: BuildContext) -> list[Path]:
    presentation = Presentation()
    for title in fake_slide_titles(context):
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = context.text(context.module.overview)
    path = context.path("deck", "pptx")
    save_office(presentation, path)
    return [path]


def fake_guide(context: BuildContext) -> list[Path]:
    document = Document()
    document.add_heading(context.text(context.module.title), level=1)
    document.add_paragraph(context.text(context.module.overview))
    path = context.path("guide", "docx")
    save_office(document, path)
    return [path]


def use_fake_office_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry as agenda + the stand-in deck and guide, so builds are complete and quick."""
    deck, guide = FORMATS["deck"], FORMATS["guide"]
    for kind in list(FORMATS):
        if kind != "agenda":
            monkeypatch.delitem(FORMATS, kind)
    monkeypatch.setitem(FORMATS, "deck", replace(deck, writer=fake_deck))
    monkeypatch.setitem(FORMATS, "guide", replace(guide, writer=fake_guide))


def record_tool_starts(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every command the PDF tools start (soffice, pdftoppm), appended as it starts."""
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def spy(command, *args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(list(command))
        return real_popen(command, *args, **kwargs)

    monkeypatch.setattr(builder.pdf_tools.subprocess, "Popen", spy)
    return started


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert found, info.stdout
    return int(found.group(1))


def office_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.suffix in (".pptx", ".docx"))


def assert_pdf_beside_every_office_file(out: Path) -> None:
    for source in office_files(out):
        pdf = source.with_suffix(".pdf")
        assert pdf.is_file(), f"no PDF beside {source.relative_to(out)}"
        pages = pdf_pages(pdf)
        if source.suffix == ".pptx":
            slides = len(Presentation(str(source)).slides)
            assert pages == slides, f"{pdf.name}: {pages} pages for {slides} slides"
            pictures = sorted(p.name for p in (out / source.parent /
                                               f"{source.stem}-slides").iterdir())
            digits = max(2, len(str(slides)))
            assert pictures == [f"slide-{n:0{digits}d}.png" for n in range(1, slides + 1)]
        else:
            assert pages >= 1
