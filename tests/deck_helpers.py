"""Helpers for the deck tests: build decks, render them through LibreOffice, read words and shapes."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from conftest import FIXTURES
from lxml import etree

from builder.build import BuildRequest, build
from builder.checks import check_curriculum
from builder.findings import Severity

EMU_PER_POINT = 12700
TOLERANCE = 1.5
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


def build_decks(root: Path, out: Path) -> list[Path]:
    """Check and build every deck of the curriculum at `root` into `out`."""
    curriculum, findings = check_curriculum(root)
    errors = [str(f) for f in findings if f.severity is Severity.ERROR]
    assert curriculum is not None and not errors, errors
    request = BuildRequest(out=out, languages=curriculum.languages,
                           modules=[m.id for m in curriculum.modules], kinds=["deck"])
    staged = build(curriculum, request)
    return sorted(out / path for path in staged.files if path.suffix == ".pptx")


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    right: float
    bottom: float

    def holds(self, other: Rect, tolerance: float = TOLERANCE) -> bool:
        return (other.left >= self.left - tolerance and other.top >= self.top - tolerance
                and other.right <= self.right + tolerance
                and other.bottom <= self.bottom + tolerance)


@dataclass(frozen=True)
class Word:
    text: str
    box: Rect


@dataclass(frozen=True)
class Page:
    box: Rect
    words: list[Word]


def pdf_pages(pdf: Path) -> list[Page]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html)
    tree = etree.fromstring(html.encode(), etree.HTMLParser(encoding="utf-8"))
    pages = []
    for page in tree.iter("page"):
        words = [Word(w.text or "", Rect(*(float(w.get(k)) for k in
                                           ("xmin", "ymin", "xmax", "ymax"))))
                 for w in page.iter("word")]
        pages.append(Page(Rect(0, 0, float(page.get("width")), float(page.get("height"))), words))
    return pages


@dataclass(frozen=True)
class TextShape:
    text: str
    box: Rect


def slide_parts(deck: Path) -> list[bytes]:
    """Each slide's XML, in presentation order."""
    with zipfile.ZipFile(deck) as archive:
        presentation = etree.fromstring(archive.read("ppt/presentation.xml"))
        rels = etree.fromstring(archive.read("ppt/_rels/presentation.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        ids = presentation.findall(".//p:sldIdLst/p:sldId", NS)
        return [archive.read("ppt/" + targets[i.get(f"{{{NS['r']}}}id")]) for i in ids]


def text_shapes(slide_xml: bytes) -> list[TextShape]:
    """Every shape with text on a slide, with its box in points (the deck writes every xfrm)."""
    tree = etree.fromstring(slide_xml)
    shapes = []
    for shape in tree.iter(f"{{{NS['p']}}}sp"):
        text = " ".join(t.text or "" for t in shape.iter(f"{{{NS['a']}}}t"))
        if not text.strip():
            continue
        offset = shape.find("p:spPr/a:xfrm/a:off", NS)
        extent = shape.find("p:spPr/a:xfrm/a:ext", NS)
        assert offset is not None and extent is not None, f"shape without a position: {text}"
        left, top = int(offset.get("x")) / EMU_PER_POINT, int(offset.get("y")) / EMU_PER_POINT
        width, height = int(extent.get("cx")) / EMU_PER_POINT, int(extent.get("cy")) / EMU_PER_POINT
        shapes.append(TextShape(text, Rect(left, top, left + width, top + height)))
    return shapes


def placeholder(slide_xml: bytes, kind: str) -> TextShape | None:
    """The slide's placeholder of one type ('sldNum', 'ftr'), with its text and box."""
    tree = etree.fromstring(slide_xml)
    for shape in tree.iter(f"{{{NS['p']}}}sp"):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type") == kind:
            return next(s for s in text_shapes(etree.tostring(_alone(shape))))
    return None


def _alone(shape: etree._Element) -> etree._Element:
    wrapper = etree.Element(f"{{{NS['p']}}}spTree", nsmap={"p": NS["p"], "a": NS["a"]})
    wrapper.append(etree.fromstring(etree.tostring(shape)))
    return wrapper


def slide_number_fields(slide_xml: bytes) -> list[str]:
    """The cached text of every slide-number field on a slide."""
    tree = etree.fromstring(slide_xml)
    return ["".join(f.itertext()) for f in tree.iter(f"{{{NS['a']}}}fld")
            if f.get("type") == "slidenum"]


def misplaced_words(deck: Path, pdf: Path) -> list[str]:
    """Every word drawn outside its page or outside the box of the shape it belongs to."""
    pages = pdf_pages(pdf)
    slides = slide_parts(deck)
    problems = []
    if len(pages) != len(slides):
        problems.append(f"{pdf.name}: {len(pages)} pages for {len(slides)} slides")
    for number, (page, slide) in enumerate(zip(pages, slides, strict=False), start=1):
        shapes = text_shapes(slide)
        for word in page.words:
            where = f"{deck.name} slide {number}: '{word.text}' at {word.box}"
            if not page.box.holds(word.box):
                problems.append(f"{where} is off the page")
                continue
            owners = [s for s in shapes if _squash(word.text) in _squash(s.text)] or shapes
            if not any(s.box.holds(word.box) for s in owners):
                problems.append(f"{where} is outside its shape {[s.box for s in owners]}")
    return problems


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def copy_fixture(name: str, target: Path) -> Path:
    shutil.copytree(FIXTURES / name, target)
    return target
