"""LibreOffice opens every guide, handout and notice: headings in order, no empty page."""

from __future__ import annotations

from pathlib import Path

from guide_helpers import (
    FIXTURES,
    build_documents,
    convert_to_pdf,
    example_root,
    headings,
    need_tools,
    pdf_pages,
    squash,
)


def check_pdfs(root: Path, tmp_path: Path) -> int:
    out = tmp_path / "output"
    build_documents(root, out)
    files = sorted(out.glob("*/*/*-guide-*.docx")) + sorted(out.glob("*/*/*-handout-*.docx")) + \
        sorted(out.glob("*/*/*-notice-*.docx"))
    pdfs = convert_to_pdf(files, tmp_path / "pdf", tmp_path / "profile")
    for docx_file, pdf in zip(files, pdfs, strict=True):
        pages = pdf_pages(pdf)
        for number, page in enumerate(pages, start=1):
            assert page.strip(), f"{pdf.name}: page {number} is empty"
        # The guide's first page lists the contents: look for the headings after it.
        body = squash(" ".join(pages[1:] if "-guide-" in pdf.name else pages))
        position = 0
        for level, heading in headings(docx_file):
            found = body.find(squash(heading), position)
            assert found >= 0, f"{pdf.name}: heading {heading!r} (level {level}) not in order"
            position = found + len(squash(heading))
        if "-notice-" in pdf.name:
            assert len(pages) <= 2, f"{pdf.name} has {len(pages)} pages"
    return len(pdfs)


def test_fixture_documents_convert_with_headings_in_order(tmp_path: Path) -> None:
    need_tools("soffice", "pdftotext", "pdfinfo")
    assert check_pdfs(FIXTURES / "guide-restricted", tmp_path) == 6


def test_example_documents_convert_with_headings_in_order(tmp_path: Path) -> None:
    need_tools("soffice", "pdftotext", "pdfinfo")
    root = example_root()
    assert check_pdfs(root, tmp_path) >= 6


def test_guide_contents_page_lists_every_section(tmp_path: Path) -> None:
    need_tools("soffice", "pdftotext", "pdfinfo")
    out = tmp_path / "output"
    build_documents(FIXTURES / "minimal", out, kinds=["guide"])
    guide = out / "en/mod-a/mod-a-guide-en.docx"
    (pdf,) = convert_to_pdf([guide], tmp_path / "pdf", tmp_path / "profile")
    first_page = squash(pdf_pages(pdf)[0])
    position = first_page.index("Contents")
    for level, heading in headings(guide):
        if level == 1:
            position = first_page.index(heading, position)
