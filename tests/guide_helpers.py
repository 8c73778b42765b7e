"""Shared help for the guide, handout and notice tests: build, read docx XML, convert to PDF."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from conftest import REPO, need_tools
from lxml import etree

from builder.build import BuildRequest, StagedBuild, build
from builder.curriculum import Curriculum
from builder.load import load_curriculum

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
GUIDE_KINDS = ["guide", "handout", "notice"]


def load(root: Path) -> Curriculum:
    curriculum, findings = load_curriculum(root)
    assert curriculum is not None, [str(f) for f in findings]
    return curriculum


def build_documents(root: Path, out: Path, kinds: list[str] | None = None) -> StagedBuild:
    curriculum = load(root)
    request = BuildRequest(
        out=out, languages=curriculum.languages, modules=[m.id for m in curriculum.modules],
        kinds=kinds or GUIDE_KINDS,
    )
    return build(curriculum, request)


def example_root() -> Path:
    """The repository root: the shipped example curriculum, which must load."""
    curriculum, findings = load_curriculum(REPO)
    assert curriculum is not None and curriculum.modules, [str(f) for f in findings]
    return REPO


def docx_part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def style_names(path: Path) -> dict[str, str]:
    styles = docx_part(path, "word/styles.xml")
    return {
        style.get(f"{{{W}}}styleId"): style.find("w:name", NS).get(f"{{{W}}}val")
        for style in styles.findall("w:style", NS)
    }


def paragraph_text(paragraph: etree._Element) -> str:
    """What the paragraph shows: its text without field codes (a TOC's or PAGE's instruction)."""
    return "".join(element.text or "" for element in paragraph.iter()
                   if element.tag != f"{{{W}}}instrText" and isinstance(element.tag, str)
                   and element.tag in (f"{{{W}}}t", f"{{{W}}}delText"))


def headings(path: Path) -> list[tuple[int, str]]:
    """(level, text) of every paragraph in a "Heading N" style, in document order."""
    names = style_names(path)
    body = docx_part(path, "word/document.xml")
    found = []
    for paragraph in body.iter(f"{{{W}}}p"):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        name = names.get(style.get(f"{{{W}}}val"), "") if style is not None else ""
        if name.lower().startswith("heading "):  # built-in names are "heading 1" in XML
            found.append((int(name.split()[1]), paragraph_text(paragraph)))
    return found


def all_text(path: Path) -> str:
    """Every text of the document body, header and footers, one paragraph a line."""
    lines = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml") and (
                name == "word/document.xml" or "header" in name or "footer" in name
            ):
                root = etree.fromstring(archive.read(name))
                lines += [paragraph_text(p) for p in root.iter(f"{{{W}}}p")]
    return "\n".join(lines)


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext, one call per page)."""
    need_tools("pdftotext", "pdfinfo")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    count = next(int(line.split()[-1]) for line in info.stdout.splitlines()
                 if line.startswith("Pages:"))
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            check=True, capture_output=True, text=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def squash(text: str) -> str:
    return " ".join(text.split())
