"""Where a notes page's notes placeholder is, found as python-pptx's `notes_placeholder` finds
it, once per theme: every page of a deck is a copy of one blank page (office/slide_parts.py)."""

from __future__ import annotations

from typing import Any

from .xml_names import qn


def notes_body_position(notes: Any) -> int:
    """The position in the page's shape tree of its notes placeholder: of its placeholders in
    `idx` order, the first of type body."""
    shapes = list(notes.find(qn("p:cSld")).find(qn("p:spTree")))
    placeholders = []
    for position, shape in enumerate(shapes):
        ph = shape.find(f"./*/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is not None:
            placeholders.append((int(ph.get("idx", "0")), position, ph.get("type", "obj")))
    for _, position, kind in sorted(placeholders):
        if kind == "body":
            return position
    raise ValueError("the theme's notes master has no notes placeholder")
