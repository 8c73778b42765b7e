"""Page numbers in the guide's contents, for `--pdf`: LibreOffice's headless conversion does not
update fields, so the guide is rendered once, each heading's page is read from that PDF
(pdftotext), the numbers are written into the contents field's cached result, and the guide is
rendered again. The docx keeps the numbers too (Word and LibreOffice can still update them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from .office.docx_contents import contents_entries, fill_page_numbers

DOCUMENT = "word/document.xml"


def has_contents(docx: Path) -> bool:
    with zipfile.ZipFile(docx) as archive:
        return bool(contents_entries(archive.read(DOCUMENT)))


def heading_pages(pdf: Path, headings: list[tuple[str, str]], pdftotext: str) -> dict[str, int]:
    """{bookmark: page} of each heading, found in order after the contents list itself: a
    heading is a run of whole lines (it may wrap) equal to its text."""
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout
    pages = [[_squash(line) for line in page.splitlines() if line.strip()]
             for page in text.split("\f")]
    page, line = 0, 0
    for _, heading in headings:  # the contents list: each entry in order, whole or begun
        page, line = _find(pages, _squash(heading), page, line, prefix=True)
    found: dict[str, int] = {}
    for bookmark, heading in headings:
        page, line = _find(pages, _squash(heading), page, line + 1, prefix=False)
        if page >= len(pages):
            break
        found[bookmark] = page + 1
    return found


def _find(pages: list[list[str]], wanted: str, page: int, line: int, prefix: bool
          ) -> tuple[int, int]:
    while page < len(pages):
        lines = pages[page]
        for index in range(line, len(lines)):
            joined = ""
            for part in lines[index:index + 3]:
                joined = f"{joined} {part}".strip()
                if joined == wanted or (prefix and joined.startswith(wanted)):
                    return page, index
                if not wanted.startswith(joined):
                    break
        page, line = page + 1, 0
    return page, 0


def _squash(text: str) -> str:
    return " ".join(re.sub(r"\.{3,}\s*\d*$", "", text).split())


def number_contents(docx: Path, pdf: Path, pdftotext: str | None = None) -> bool:
    """Write the pages of `pdf` into the contents of `docx`; whether any number was written."""
    tool = pdftotext or shutil.which("pdftotext")
    if tool is None:
        return False
    with zipfile.ZipFile(docx) as archive:
        entries = contents_entries(archive.read(DOCUMENT))
    pages = heading_pages(pdf, entries, tool)
    if not pages:
        return False
    _rewrite(docx, lambda xml: fill_page_numbers(xml, pages))
    return True


def _rewrite(docx: Path, change: object) -> None:
    """Replace document.xml, keeping every other entry and each entry's date and order."""
    copy = docx.with_name(docx.name + ".tmp")
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(copy, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == DOCUMENT:
                data = change(data)  # type: ignore[operator]
            target.writestr(info, data, compress_type=info.compress_type)
    copy.replace(docx)
