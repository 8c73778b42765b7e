"""LibreOffice opens every guide, handout and notice: headings in order, no page without body
text. Printed handouts and quizzes keep a prompt with its writing space and a question's stem
with its options."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, libreoffice_to_pdf, need_tools
from guide_helpers import (
    W,
    build_documents,
    example_root,
    headings,
    load,
    paragraph_text,
    pdf_pages,
    squash,
)
from lxml import etree

from builder.context import BuildContext
from builder.formats.quiz_docx import HINTS
from builder.quiz import quiz_forms

pytestmark = pytest.mark.office  # every test here starts a real client

MIN_BODY_WORDS = 5


def running_texts(docx_file: Path) -> set[str]:
    """The running header's texts (the module title): printed on every page, not body."""
    texts = set()
    with zipfile.ZipFile(docx_file) as archive:
        for name in archive.namelist():
            if name.startswith("word/header") and name.endswith(".xml"):
                root = etree.fromstring(archive.read(name))
                texts |= {squash(paragraph_text(p)) for p in root.iter(f"{{{W}}}p")}
    return {text for text in texts if text}


def body_lines(page: str, running: set[str]) -> list[str]:
    """A page's lines without the running header and the page number, blank lines dropped."""
    return [squash(line) for line in page.splitlines()
            if squash(line) and squash(line) not in running and not squash(line).isdigit()]


def check_pdfs(root: Path, tmp_path: Path) -> int:
    out = tmp_path / "output"
    build_documents(root, out)
    files = sorted(out.glob("*/*/*-guide-*.docx")) + sorted(out.glob("*/*/*-handout-*.docx")) + \
        sorted(out.glob("*/*/*-notice-*.docx"))
    pdfs = list(libreoffice_to_pdf(files, tmp_path / "pdf").values())
    for docx_file, pdf in zip(files, pdfs, strict=True):
        pages = pdf_pages(pdf)
        running = running_texts(docx_file)
        for number, page in enumerate(pages, start=1):
            body = body_lines(page, running)
            words = len(" ".join(body).split())
            assert words >= MIN_BODY_WORDS, \
                f"{pdf.name}: page {number} holds only {words} body words: {body}"
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
    pdf = libreoffice_to_pdf([guide], tmp_path / "pdf")[guide]
    first_page = squash(pdf_pages(pdf)[0])
    position = first_page.index("Contents")
    for level, heading in headings(guide):
        if level == 1:
            position = first_page.index(heading, position)


def test_example_keeps_prompts_and_stems_with_what_follows(tmp_path: Path) -> None:
    """Page by page: a handout's stage prompt is followed on its page by "Your notes:", and a
    printable quiz's stem by its hint and its first option (or its matching table)."""
    need_tools("soffice", "pdftotext", "pdfinfo")
    root = example_root()
    curriculum = load(root)
    out = tmp_path / "output"
    build_documents(root, out, kinds=["handout", "quiz"])
    # (docx, [(text that must not end a page, text that must follow it on the same page)])
    checks: list[tuple[Path, list[tuple[str, str]]]] = []
    for lang in curriculum.languages:
        for module in curriculum.modules:
            context = BuildContext(curriculum, module, lang, out / lang / module.id)
            words = context.words
            pairs = [
                (context.text(stage.prompt), words("handout_your_notes"))
                for scenario in curriculum.scenarios_of(module) for stage in scenario.stages
            ]
            checks.append((out / lang / module.id / f"{module.id}-handout-{lang}.docx", pairs))
            for form, items in quiz_forms(context).items():
                pairs = []
                for item in items:
                    stem = f"{item.number}. {item.item.stem}"
                    pairs.append((stem, words(HINTS[item.type])))
                    first = (words("quiz_matching_left") if item.type == "matching" else
                             f"{item.options[0].letter}. {item.options[0].text}")
                    pairs.append((stem, " ".join(first.split()[:2])))
                checks.append(
                    (out / lang / module.id / f"{module.id}-quiz-{form}-{lang}.docx", pairs))
    files = [docx_file for docx_file, _ in checks]
    pdfs = list(libreoffice_to_pdf(files, tmp_path / "pdf").values())
    pages_checked = pairs_checked = 0
    for (docx_file, pairs), pdf in zip(checks, pdfs, strict=True):
        running = running_texts(docx_file)
        pages = [" ".join(body_lines(page, running)) for page in pdf_pages(pdf)]
        pages_checked += len(pages)
        for before, after in pairs:
            before, after = squash(before), squash(after)
            found = [(number, page.index(before)) for number, page in enumerate(pages, start=1)
                     if before in page]
            assert found, f"{pdf.name}: {before!r} is not printed on one page"
            number, position = found[0]
            rest = pages[number - 1][position + len(before):]
            assert after in rest, (
                f"{pdf.name}: {before!r} ends page {number}; {after!r} is not on that page")
            pairs_checked += 1
    assert len(pdfs) >= 12 and pages_checked >= 40 and pairs_checked >= 100, \
        (len(pdfs), pages_checked, pairs_checked)
