"""Saving a Voces docx: the template's parts (builder/office/docx_template.py) with the
document's own, in the order and bytes python-docx writes them, zipped reproducibly.

A document's own parts are its body, its running header (the module's title), its core
properties, the styles when it needed a copy of a default style, and, with pictures, the
picture parts, the main part's relationships and the content types.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import CT_Relationships, serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml.parser import parse_xml
from docx.oxml.shape import CT_Inline
from lxml import etree

from . import docx_xml as xml
from .docx_template import Template
from .package import reproducible_zip, set_core_properties

CONTENT_TYPES = "[Content_Types].xml"


@dataclass(frozen=True)
class Picture:
    """A picture part the document adds (`blob` None: the theme's own part, newly related)."""

    partname: str
    content_type: str
    blob: bytes | None
    sha1: str
    rel_id: str


@dataclass
class OwnParts:
    """What a document writes of its own (the rest is its template's)."""

    root: etree._Element
    """word/document.xml."""
    header: str
    """The running header's text: the module's title."""
    tag: str
    """The language tag of its text."""
    core: dict[str, Any]
    """set_core_properties's values."""
    style_copies: list[etree._Element]
    pictures: list[Picture]


class _Part(NamedTuple):
    """What python-docx's content types writer reads of a part."""

    partname: PackURI
    content_type: str


def picture_inline(template: Template, own: OwnParts, picture: Path | BinaryIO, width: int
                   ) -> etree._Element:
    """The `wp:inline` python-docx's `run.add_picture(path, width=width)` makes: the picture
    scaled to `width`, its part added (or shared with an equal picture) and related."""
    image = Image.from_file(str(picture) if isinstance(picture, Path) else picture)
    known = next((p for p in own.pictures if p.sha1 == image.sha1), None)
    if known is None:
        used = {rel[0] for rel in template.relationships} | {p.rel_id for p in own.pictures}
        rel_id = next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)
        partname = template.images.get(image.sha1)
        if partname is not None:
            target = PackURI(partname).relative_ref("/word")
            related = [rel for rel in template.relationships
                       if rel[1] == RT.IMAGE and rel[2] == target]
            rel_id = related[0][0] if related else rel_id
            known = Picture(partname, image.content_type, None, image.sha1, rel_id)
        else:
            taken = {*template.images.values(), *(p.partname for p in own.pictures)}
            partname = next(f"/word/media/image{n}.{image.ext}" for n in range(1, len(taken) + 2)
                            if not any(_number(name) == n for name in taken))
            known = Picture(partname, image.content_type, image.blob, image.sha1, rel_id)
        own.pictures.append(known)
    cx, cy = image.scaled_dimensions(width, None)
    ids = [int(value) for value in own.root.xpath("//@id") if value.isdigit()]
    return CT_Inline.new_pic_inline(max(ids, default=0) + 1, known.rel_id, image.filename,
                                    cx, cy)


def _number(partname: str) -> int | None:
    """3 for /word/media/image3.png, as python-docx numbers its picture parts."""
    return PackURI(partname).idx


def save_package(template: Template, own: OwnParts, path: Path) -> None:
    parts = {
        template.main_name: serialize_part_xml(own.root),
        template.header_name: _header(template, own),
        template.core_name: _core(template, own),
    }
    if own.style_copies:
        styles = etree.fromstring(template.entry(template.styles_name))
        for element in own.style_copies:
            styles.append(copy.deepcopy(element))
        parts[template.styles_name] = serialize_part_xml(styles)
    related = [p for p in own.pictures
               if not any(rel[0] == p.rel_id for rel in template.relationships)]
    if related:
        relationships = CT_Relationships.new()
        for rel_id, kind, target, external in template.relationships:
            relationships.add_rel(rel_id, kind, target, external)
        for picture in related:
            relationships.add_rel(picture.rel_id, RT.IMAGE,
                                  PackURI(picture.partname).relative_ref("/word"), False)
        parts[PackURI("/" + template.main_name).rels_uri.lstrip("/")] = relationships.xml
    added = [p for p in own.pictures if p.blob is not None]
    if added:
        listed = [_Part(name, kind) for name, kind in template.parts]
        listed += [_Part(PackURI(p.partname), p.content_type) for p in added]
        parts[CONTENT_TYPES] = _ContentTypesItem.from_parts(listed).blob
    entries = [(name, parts.get(name, data)) for name, data in template.entries]
    at = template.pictures_at
    entries[at:at] = [(p.partname.lstrip("/"), p.blob) for p in added if p.blob is not None]
    reproducible_zip(entries, path)


def _header(template: Template, own: OwnParts) -> bytes:
    header = copy.deepcopy(template.header)
    xml.add_run(header.find(xml.P), own.header, own.tag)
    return serialize_part_xml(header)


def _core(template: Template, own: OwnParts) -> bytes:
    """The core properties from the curriculum (set_core_properties sets every one)."""
    element = parse_xml(template.entry(template.core_name))
    set_core_properties(CoreProperties(element), **own.core)
    return serialize_part_xml(element)
