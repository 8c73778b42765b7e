"""A deck's slides as XML parts, made as python-pptx makes them, without its per-slide cost.

python-pptx's `add_slide` clones the layout's placeholders shape by shape, and every shape
property it sets runs XPath lookups: for a deck of 40 slides that was most of the time spent
writing it. A new slide of one layout is the same every time until something is written on
it, so python-pptx makes one blank slide per layout, once per theme file and process
(`blank_slides`), and each slide of the deck is a copy of it, added to the package as
`add_slide` adds it (the same part name, relationships and slide id). `save_presentation`
writes the package's parts straight into the reproducible zip, as python-pptx's `save` would
write them (the same part order, content types and relationships), without first writing a
zip that `normalise_zip` reads back. The deck's bytes do not change.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.oxml.ns import qn
from pptx.parts.slide import SlidePart

from .package import reproducible_zip

TEXT_BODY_TYPES = ("body", "obj", "subTitle")
"""The placeholder types the deck writes its body text into."""


@dataclass(frozen=True)
class BlankSlide:
    """A new slide of one layout, before anything is written on it (see `blank_slides`)."""

    element: Any
    """Its `p:sld` element, as python-pptx's `add_slide` makes it: copied, never changed."""
    title: int | None
    """Position in the shape tree of the title placeholder (python-pptx's `shapes.title`)."""
    body: int | None
    """Position of the first text placeholder after the title, by `idx` (the body)."""
    dropped: tuple[int, ...]
    """Positions of the other placeholders: a slide of the deck does not show them."""
    footers: dict[str, int]
    """The layout's placeholder `idx` by type (`ftr`, `sldNum`, ...), for the footer shapes."""


def blank_slides(theme: Path) -> dict[str, BlankSlide]:
    """Each layout's blank slide by layout name, made once per theme file and process."""
    resolved = theme.resolve()
    return _blank_slides(resolved, resolved.stat().st_mtime_ns)


@cache
def _blank_slides(theme: Path, _mtime: int) -> dict[str, BlankSlide]:
    scratch: Any = Presentation(str(theme))
    blanks: dict[str, BlankSlide] = {}  # of two layouts of one name, the last is used
    for layout in scratch.slide_layouts:
        slide = scratch.slides.add_slide(layout)
        tree = slide.shapes._spTree
        shapes = list(tree)
        title = slide.shapes.title
        body = next((shape for shape in slide.placeholders
                     if shape.placeholder_format.idx != 0 and _placeholder_type(shape._element)
                     in TEXT_BODY_TYPES), None)
        kept = [shape._element for shape in (title, body) if shape is not None]
        blanks[layout.name] = BlankSlide(
            element=deepcopy(slide._element),
            title=shapes.index(title._element) if title is not None else None,
            body=shapes.index(body._element) if body is not None else None,
            dropped=tuple(i for i, shape in enumerate(shapes)
                          if _placeholder_type(shape) and shape not in kept),
            footers={_placeholder_type(s._element): s.placeholder_format.idx
                     for s in layout.placeholders},
        )
    return blanks


def _placeholder_type(shape: etree._Element) -> str:
    """A shape's `p:ph` type (`obj` when unsaid), or '' for a shape that is no placeholder."""
    ph = shape.find(".//" + qn("p:ph"))
    return str(ph.get("type", "obj")) if ph is not None else ""


class SlideParts:
    """The slides of one presentation being written, added as `Slides.add_slide` adds them."""

    def __init__(self, presentation: Any) -> None:
        self._part = presentation.part
        self._slide_ids = presentation.slides._sldIdLst
        self._layouts = {layout.name: layout.part for layout in presentation.slide_layouts}

    def add(self, blank: BlankSlide, layout_name: str) -> tuple[SlidePart, etree._Element]:
        """A new slide part holding a copy of `blank`, and the copy's shape tree."""
        element = deepcopy(blank.element)
        name = PackURI(f"/ppt/slides/slide{len(self._slide_ids) + 1}.xml")
        part = SlidePart(name, CONTENT_TYPE.PML_SLIDE, self._part.package, element)
        part.relate_to(self._layouts[layout_name], RELATIONSHIP_TYPE.SLIDE_LAYOUT)
        self._slide_ids.add_sldId(self._part.relate_to(part, RELATIONSHIP_TYPE.SLIDE))
        return part, element.find(qn("p:cSld")).find(qn("p:spTree"))


def save_presentation(presentation: Any, path: Path) -> None:
    """Every part of the presentation, in the order python-pptx's `save` writes them, straight
    into a reproducible zip ([Content_Types].xml first, then the package relationships)."""
    package = presentation.part.package
    parts = list(package.iter_parts())
    entries = [("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts))),
               ("_rels/.rels", package._rels.xml)]
    for part in parts:
        entries.append((part.partname.membername, part.blob))
        if part._rels:
            entries.append((part.partname.rels_uri.membername, part.rels.xml))
    reproducible_zip(entries, path)
