"""The title of every slide of a pptx, read back from the file, for the slide pictures' alt text.

Read from the deck itself rather than the slide plan, so pictures kept from an earlier build are
described by the deck they were made from. The parts are read with zipfile and lxml, as
python-pptx reads them (slides in `p:sldIdLst` order, the title being the placeholder of index
0), without importing python-pptx: the index page is written by the build's own process, which
otherwise never needs it, so a rebuild with nothing to do does not pay for loading it.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_NS = {"p": _P, "a": _A, "r": _R, "rel": _RELS}
_PRESENTATION = "ppt/presentation.xml"



class _NotADeck(Exception):
    pass


def slide_titles(deck: Path) -> list[str]:
    """One title per slide, in order ('' for a slide without one); [] when the file is no deck."""
    try:
        with zipfile.ZipFile(deck) as package:
            return [_title(_xml(package, part)) for part in _slide_parts(package)]
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, _NotADeck):
        return []


def _slide_parts(package: zipfile.ZipFile) -> list[str]:
    presentation = _xml(package, _PRESENTATION)
    rels = _xml(package, "ppt/_rels/presentation.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iterfind("rel:Relationship", _NS)}
    parts = []
    for slide_id in presentation.iterfind("p:sldIdLst/p:sldId", _NS):
        target = targets.get(slide_id.get(f"{{{_R}}}id"))
        if target is None:
            raise _NotADeck
        parts.append(posixpath.normpath(posixpath.join("ppt", target)).lstrip("/"))
    return parts


def _xml(package: zipfile.ZipFile, part: str) -> etree._Element:
    root: etree._Element = etree.fromstring(package.read(part))
    return root


def _title(slide: etree._Element) -> str:
    """The text of the first placeholder of index 0 (a placeholder without `idx` has index 0),
    its paragraphs and line breaks as spaces, white space folded."""
    for shape in slide.iterfind("p:cSld/p:spTree/*", _NS):
        placeholder = shape.find("*/p:nvPr/p:ph", _NS)
        if placeholder is None or int(placeholder.get("idx", "0")) != 0:
            continue
        body = shape.find("p:txBody", _NS)
        if body is None:
            return ""
        paragraphs = [
            "".join(" " if piece.tag == f"{{{_A}}}br" else (piece.findtext("a:t", "", _NS))
                    for piece in paragraph if piece.tag in _TEXT_PIECES)
            for paragraph in body.iterfind("a:p", _NS)]
        return " ".join(" ".join(paragraphs).split())
    return ""


_TEXT_PIECES = {f"{{{_A}}}r", f"{{{_A}}}br", f"{{{_A}}}fld"}
