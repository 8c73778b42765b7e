"""The guide's contents: a real TOC field in the docx, and with `--pdf` page numbers that the
PDF read back (pdftotext) confirms: each heading is on the page its contents line names."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, need_tools
from guide_helpers import load, pdf_pages, squash

from builder.build import build
from builder.staging import BuildRequest

CURRICULA = {"minimal": FIXTURES / "minimal", "guide-restricted": FIXTURES / "guide-restricted"}
if (REPO / "curriculum.yaml").is_file() and (REPO / "modules").is_dir():
    CURRICULA["example"] = REPO
CONTENTS_LINE = re.compile(r"^(.*?)\s*\.{3,}\s*(\d+)$")
CONTENTS_TITLE = {"en": "Contents", "es": "Contenido"}


def build_guides(root: Path, out: Path, pdf: bool) -> list[Path]:
    curriculum = load(root)
    request = BuildRequest(out=out, languages=curriculum.languages,
                           modules=[m.id for m in curriculum.modules], kinds=["guide"], pdf=pdf)
    build(curriculum, request)
    return sorted(out.glob("*/*/*-guide-*.docx"))


def contents_lines(page: str) -> list[tuple[str, int]]:
    return [(squash(m.group(1)), int(m.group(2))) for line in page.splitlines()
            if (m := CONTENTS_LINE.match(squash(line)))]


def heading_on(page: str, heading: str) -> bool:
    """Whether a line of the page begins the heading (a long heading may wrap)."""
    lines = [squash(line) for line in page.splitlines() if line.strip()]
    return any(heading == line or (len(line) > 10 and heading.startswith(line)
                                   and squash(f"{line} {lines[i + 1] if i + 1 < len(lines) else ''}")
                                   .startswith(heading))
               for i, line in enumerate(lines))


def test_the_docx_holds_a_toc_field_linking_every_top_heading(tmp_path: Path) -> None:
    (guide, *_) = build_guides(FIXTURES / "minimal", tmp_path / "out", pdf=False)
    with zipfile.ZipFile(guide) as archive:
        xml = archive.read("word/document.xml").decode()
    assert re.search(r'<w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText>',
                     xml)
    references = re.findall(r"PAGEREF (_voces_\d+) \\h", xml)
    bookmarks = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="(_voces_\d+)"', xml)
    assert references and set(references) <= set(bookmarks)
    assert xml.count('w:fldCharType="begin"') == xml.count('w:fldCharType="end"')


@pytest.mark.office
@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_contents_page_numbers_in_the_pdf_match_the_headings_pages(
        tmp_path: Path, name: str) -> None:
    need_tools("soffice", "pdftotext", "pdfinfo")
    guides = build_guides(CURRICULA[name], tmp_path / "out", pdf=True)
    assert guides
    for guide in guides:
        lang = guide.stem.rsplit("-", 1)[1]
        pages = pdf_pages(guide.with_suffix(".pdf"))
        entries = contents_lines(pages[0])
        assert CONTENTS_TITLE[lang] in pages[0]
        assert len(entries) >= 10, (guide.name, entries)
        for heading, number in entries:
            assert 1 < number <= len(pages), (guide.name, heading, number)
            assert heading_on(pages[number - 1], heading), (guide.name, heading, number)
            earlier = [n for n in range(2, number) if heading_on(pages[n - 1], heading)]
            assert earlier == [], (guide.name, heading, number, earlier)
        assert [n for _, n in entries] == sorted(n for _, n in entries)
