"""A deck's package written directly: the theme's parts read by python-pptx once per theme file
and process, each slide and notes page a copy of a blank one, the zip written in one pass.

python-pptx's `add_slide` clones the layout's placeholders shape by shape, every shape property
it sets runs XPath lookups, and its package model (relationships, part names, the part walk of
`save`) costs more than the slides' own XML. So python-pptx opens the theme once
(`DeckSkeleton`): its parts are kept as bytes, and one blank slide per layout and one blank
notes page are made as python-pptx makes them. `DeckPackage` then adds each slide, notes page
and picture with the part names, relationship ids and slide ids python-pptx would give them,
and `save` writes the parts in the order of python-pptx's `save` (a depth-first walk of the
relationships), with its content types and relationship files. The deck's bytes do not change.
"""

from __future__ import annotations

import hashlib
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import PackURI
from pptx.opc.spec import default_content_types
from pptx.parts.image import Image as PptxImage

from .notes_slides import notes_body_position
from .package import reproducible_zip
from .xml_names import qn

TEXT_BODY_TYPES = ("body", "obj", "subTitle")
"""The placeholder types the deck writes its body text into."""
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
DEFAULT_CONTENT_TYPES = frozenset(default_content_types)
"""(extension, content type) pairs python-pptx lists as a `Default`, not an `Override`."""
NOTES_NAME = "/ppt/notesSlides/notesSlide%d.xml"
IMAGE_PREFIX = "/ppt/media/image"
SLD = qn("p:cSld")
SP_TREE = qn("p:spTree")
SLIDE_ID = qn("p:sldId")
RELATIONSHIP_ID = qn("r:id")
MIN_SLIDE_ID, MAX_SLIDE_ID = 256, 2147483647


@dataclass(eq=False)
class Node:
    """One part of the package: its name, content type, bytes (or the element they are
    serialised from) and its relationships by id, in the order they were made."""

    partname: PackURI
    content_type: str
    blob: bytes | None = None
    element: Any = None
    rels: dict[str, Rel] = field(default_factory=dict)
    rels_xml: bytes | None = None
    """A theme part's relationship file, made once."""

    def bytes(self) -> bytes:
        return self.blob if self.blob is not None else serialize_part_xml(self.element)


@dataclass(frozen=True)
class Rel:
    rid: str
    reltype: str
    target_ref: str
    external: bool
    target: Node | None


@dataclass(frozen=True)
class BlankSlide:
    """A new slide of one layout, before anything is written on it."""

    element: Any
    """Its `p:sld` element, as python-pptx's `add_slide` makes it: copied, never changed."""
    layout: Node
    title: int | None
    """Position in the shape tree of the title placeholder (python-pptx's `shapes.title`)."""
    body: int | None
    """Position of the first text placeholder after the title, by `idx` (the body)."""
    dropped: tuple[int, ...]
    """Positions of the other placeholders: a slide of the deck does not show them."""
    footers: dict[str, int]
    """The layout's placeholder `idx` by type (`ftr`, `sldNum`, ...), for the footer shapes."""


@dataclass(frozen=True)
class DeckSkeleton:
    """What every deck on one theme starts from (see the module's docstring)."""

    package_rels: dict[str, Rel]
    presentation: Node
    """The theme's presentation part, its slides dropped (its element is copied per deck)."""
    core: Node
    blanks: dict[str, BlankSlide]
    notes: Any
    """A blank notes page's element, as python-pptx makes the first one."""
    notes_body: int
    notes_master: Node
    notes_master_made: bool
    """The theme had no notes master: python-pptx's default one is related at the first page."""
    notes_names: frozenset[str]
    images: tuple[Node, ...]
    """The theme's parts that image relationships target (python-pptx's `ImageParts`)."""
    image_numbers: tuple[int, ...]
    """The numbers of the theme's `/ppt/media/image<n>` parts."""


def deck_skeleton(theme: Path) -> DeckSkeleton:
    resolved = theme.resolve()
    return _skeleton(resolved, resolved.stat().st_mtime_ns)


@cache
def _skeleton(theme: Path, _mtime: int) -> DeckSkeleton:
    scratch: Any = Presentation(str(theme))
    slide_ids = scratch.slides._sldIdLst
    for slide_id in list(slide_ids):  # a user's theme may hold example slides
        scratch.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    package = scratch.part.package
    core_part = package.core_properties  # python-pptx adds a default part when there is none
    nodes: dict[str, Node] = {}
    package_rels = _rels_of(package._rels, nodes)
    presentation = nodes[scratch.part.partname]
    presentation.element = deepcopy(scratch.part._element)
    core = nodes[core_part.partname]
    core.element = deepcopy(core_part._element)
    notes_names = frozenset(name for name in nodes if name.startswith(NOTES_NAME[:-6]))
    images = tuple(_image_nodes(package_rels))
    image_numbers = tuple(PackURI(name).idx or 0 for name in nodes
                          if name.startswith(IMAGE_PREFIX) and PackURI(name).idx)
    had_notes_master = any(rel.reltype == RELATIONSHIP_TYPE.NOTES_MASTER
                           for rel in scratch.part.rels.values())
    blanks: dict[str, BlankSlide] = {}  # of two layouts of one name, the last is used
    notes: Any = None
    for layout in scratch.slide_layouts:
        slide = scratch.slides.add_slide(layout)
        if notes is None:
            notes = deepcopy(slide.notes_slide.part._element)  # python-pptx's own way, once
        blanks[layout.name] = _blank(slide, layout, nodes[layout.part.partname])
    master_part = scratch.part.notes_master_part
    notes_master = nodes.get(master_part.partname) or _node(master_part, nodes)
    return DeckSkeleton(package_rels, presentation, core, blanks, notes,
                        notes_body_position(notes), notes_master, not had_notes_master,
                        notes_names, images, image_numbers)


def _node(part: Any, nodes: dict[str, Node]) -> Node:
    """The theme part as a Node, with every part it relates to (each made once)."""
    if part.partname in nodes:
        return nodes[part.partname]
    node = Node(part.partname, part.content_type, part.blob)
    nodes[part.partname] = node
    node.rels = _rels_of(part.rels, nodes)
    return node


def _rels_of(rels: Any, nodes: dict[str, Node]) -> dict[str, Rel]:
    return {rid: Rel(rid, rel.reltype, rel.target_ref, rel.is_external,
                     None if rel.is_external else _node(rel.target_part, nodes))
            for rid, rel in rels.items()}


def _image_nodes(package_rels: dict[str, Rel]) -> list[Node]:
    """The parts python-pptx's `ImageParts` finds: targets of image relationships."""
    return [rel.target for rel in _walk_rels(package_rels)
            if rel.reltype == RELATIONSHIP_TYPE.IMAGE and rel.target is not None]


def _walk_rels(package_rels: dict[str, Rel]) -> list[Rel]:
    """Every relationship once per source, depth first (python-pptx's `iter_rels`)."""
    found: list[Rel] = []
    visited: set[int] = set()

    def walk(rels: dict[str, Rel]) -> None:
        for rel in rels.values():
            found.append(rel)
            if rel.target is None or id(rel.target) in visited:
                continue
            visited.add(id(rel.target))
            walk(rel.target.rels)

    walk(package_rels)
    return found


def _blank(slide: Any, layout: Any, layout_node: Node) -> BlankSlide:
    shapes = list(slide.shapes._spTree)
    title = slide.shapes.title
    body = next((shape for shape in slide.placeholders
                 if shape.placeholder_format.idx != 0
                 and _placeholder_type(shape._element) in TEXT_BODY_TYPES), None)
    kept = [shape._element for shape in (title, body) if shape is not None]
    return BlankSlide(
        element=deepcopy(slide._element), layout=layout_node,
        title=shapes.index(title._element) if title is not None else None,
        body=shapes.index(body._element) if body is not None else None,
        dropped=tuple(i for i, shape in enumerate(shapes)
                      if _placeholder_type(shape) and shape not in kept),
        footers={_placeholder_type(s._element): s.placeholder_format.idx
                 for s in layout.placeholders},
    )


def _placeholder_type(shape: etree._Element) -> str:
    """A shape's `p:ph` type (`obj` when unsaid), or '' for a shape that is no placeholder."""
    ph = shape.find(".//" + qn("p:ph"))
    return str(ph.get("type", "obj")) if ph is not None else ""


class DeckPackage:
    """One deck being written on a theme's skeleton."""

    def __init__(self, skeleton: DeckSkeleton) -> None:
        self._skeleton = skeleton
        self.presentation = _copy(skeleton.presentation)
        self.core = _copy(skeleton.core)
        self._own = {skeleton.presentation.partname: self.presentation,
                     skeleton.core.partname: self.core}
        self._slide_ids = self.presentation.element.get_or_add_sldIdLst()
        self._last_slide_id = max([MIN_SLIDE_ID - 1] + [int(value) for value in
                                                         self._slide_ids.xpath("./p:sldId/@id")])
        self._notes_names = set(skeleton.notes_names)
        self._images = list(skeleton.images)
        self._image_numbers = list(skeleton.image_numbers)
        self._notes_started = False

    def add_slide(self, blank: BlankSlide) -> tuple[Node, etree._Element]:
        """A new slide holding a copy of `blank` (as `Slides.add_slide`), and its shape tree."""
        element = deepcopy(blank.element)
        slide = Node(PackURI(f"/ppt/slides/slide{len(self._slide_ids) + 1}.xml"),
                     CONTENT_TYPE.PML_SLIDE, element=element)
        _relate(slide, blank.layout, RELATIONSHIP_TYPE.SLIDE_LAYOUT)
        self._add_slide_id(_relate(self.presentation, slide, RELATIONSHIP_TYPE.SLIDE))
        return slide, element.find(SLD).find(SP_TREE)

    def _add_slide_id(self, rid: str) -> None:
        """`CT_SlideIdList.add_sldId`: one past the largest id (the theme's slides are gone)."""
        self._last_slide_id += 1
        if self._last_slide_id > MAX_SLIDE_ID:
            raise ValueError("a deck holds at most 2147483391 slides")
        slide_id = etree.SubElement(self._slide_ids, SLIDE_ID, id=str(self._last_slide_id))
        slide_id.set(RELATIONSHIP_ID, rid)

    def add_notes(self, slide: Node) -> etree._Element:
        """A new blank notes page for `slide` (as `Slide.notes_slide`); its notes text body."""
        skeleton = self._skeleton
        if not self._notes_started and skeleton.notes_master_made:
            _relate(self.presentation, skeleton.notes_master, RELATIONSHIP_TYPE.NOTES_MASTER)
        self._notes_started = True
        element = deepcopy(skeleton.notes)
        notes = Node(self._next_notes_name(), CONTENT_TYPE.PML_NOTES_SLIDE, element=element)
        _relate(notes, skeleton.notes_master, RELATIONSHIP_TYPE.NOTES_MASTER)
        _relate(notes, slide, RELATIONSHIP_TYPE.SLIDE)
        _relate(slide, notes, RELATIONSHIP_TYPE.NOTES_SLIDE)
        tree = element.find(SLD).find(SP_TREE)
        return tree[skeleton.notes_body].find(qn("p:txBody"))

    def add_image(self, slide: Node, file: Path) -> str:
        """The relationship id of `file`'s image part from `slide` (one part per distinct
        image, as python-pptx's `get_or_add_image_part`)."""
        image = PptxImage.from_file(str(file))
        found = next((node for node in self._images
                      if hashlib.sha1(node.bytes()).hexdigest() == image.sha1), None)  # noqa: S324
        if found is None:
            found = Node(self._next_image_name(image.ext), image.content_type, image.blob)
            self._image_numbers.append(found.partname.idx or 0)
            self._images.append(found)
        return _relate(slide, found, RELATIONSHIP_TYPE.IMAGE)

    def _next_notes_name(self) -> PackURI:
        """`Package.next_partname`'s choice for a notes page."""
        for number in range(len(self._notes_names) + 1, 0, -1):
            name = NOTES_NAME % number
            if name not in self._notes_names:
                self._notes_names.add(name)
                return PackURI(name)
        raise AssertionError("no free notes page name")  # unreachable: n + 1 names for n taken

    def _next_image_name(self, ext: str) -> PackURI:
        """`Package.next_image_partname`'s choice: the first free number."""
        taken = sorted(self._image_numbers)
        number = next((i for i, used in enumerate(taken, start=1) if i < used), len(taken) + 1)
        return PackURI(f"{IMAGE_PREFIX}{number}.{ext}")

    def save(self, path: Path) -> None:
        """Every part in the order of python-pptx's `save`, into a reproducible zip."""
        parts = self._parts()
        entries = [("[Content_Types].xml", _content_types_xml(parts)),
                   ("_rels/.rels", _rels_xml(self._skeleton.package_rels))]
        for node in parts:
            entries.append((node.partname.membername, node.bytes()))
            if node.rels:
                xml = node.rels_xml or _rels_xml(node.rels)
                if node.element is None:  # a theme part: the same in every deck
                    node.rels_xml = xml
                entries.append((node.partname.rels_uri.membername, xml))
        reproducible_zip(entries, path)

    def _parts(self) -> list[Node]:
        """Each part once, depth first from the package's relationships (`iter_parts`)."""
        found: list[Node] = []
        visited: set[int] = set()

        def walk(rels: dict[str, Rel]) -> None:
            for rel in rels.values():
                if rel.target is None:
                    continue
                node = self._own.get(rel.target.partname, rel.target)
                if id(node) in visited:
                    continue
                visited.add(id(node))
                found.append(node)
                walk(node.rels)

        walk(self._skeleton.package_rels)
        return found


def _copy(node: Node) -> Node:
    return Node(node.partname, node.content_type, element=deepcopy(node.element),
                rels=dict(node.rels))


def _relate(source: Node, target: Node, reltype: str) -> str:
    """`relate_to`: the id of an equal relationship, else of a new one (python-pptx's
    `_next_rId`: counting down from one past the number of relationships)."""
    for rel in source.rels.values():
        if rel.reltype == reltype and rel.target is target and not rel.external:
            return rel.rid
    rid = next(f"rId{n}" for n in range(len(source.rels) + 1, 0, -1)
               if f"rId{n}" not in source.rels)
    source.rels[rid] = Rel(rid, reltype, _relative_ref(target.partname, source.partname.baseURI),
                           False, target)
    return rid


@cache
def _relative_ref(partname: PackURI, base: str) -> str:
    """`PackURI.relative_ref`, remembered: every slide points at the same few parts."""
    return partname.relative_ref(base)


def _rels_xml(rels: dict[str, Rel]) -> bytes:
    """A relationship file as python-pptx writes it: in numerical order of the ids."""
    return _relationships_file(tuple((rid, rel.reltype, rel.target_ref, rel.external)
                                     for rid, rel in rels.items()))


@lru_cache(maxsize=1024)
def _relationships_file(rels: tuple[tuple[str, str, str, bool], ...]) -> bytes:
    """Remembered: slide n of a layout, and its notes page, relate to the same parts in every
    deck of a build."""
    root = etree.Element(f"{{{RELATIONSHIPS}}}Relationships", nsmap={None: RELATIONSHIPS})
    for _, rid, reltype, target, external in sorted(
            (int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid, reltype,
             target, external) for rid, reltype, target, external in rels):
        element = etree.SubElement(root, f"{{{RELATIONSHIPS}}}Relationship", Id=rid,
                                   Type=reltype, Target=target)
        if external:
            element.set("TargetMode", "External")
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def _content_types_xml(parts: list[Node]) -> bytes:
    """[Content_Types].xml as python-pptx's `_ContentTypesItem` makes it: a Default for each
    extension its table lists with that content type, an Override for every other part, each
    group sorted."""
    defaults = {"rels": CONTENT_TYPE.OPC_RELATIONSHIPS, "xml": CONTENT_TYPE.XML}
    overrides: dict[str, str] = {}
    for node in parts:
        extension = node.partname.ext.lower()
        if (extension, node.content_type) in DEFAULT_CONTENT_TYPES:
            defaults[extension] = node.content_type
        else:
            overrides[node.partname] = node.content_type
    root = etree.Element(f"{{{CONTENT_TYPES}}}Types", nsmap={None: CONTENT_TYPES})
    for extension, content_type in sorted(defaults.items()):
        etree.SubElement(root, f"{{{CONTENT_TYPES}}}Default", Extension=extension,
                         ContentType=content_type)
    for name, content_type in sorted(overrides.items()):
        etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override", PartName=name,
                         ContentType=content_type)
    return etree.tostring(root, encoding="UTF-8", standalone=True)
