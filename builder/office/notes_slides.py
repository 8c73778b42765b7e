"""Speaker-notes pages for a deck's slides, made as python-pptx makes them, without its cost.

python-pptx makes each notes page by walking every part of the package for a free part name and
cloning the notes master's placeholders shape by shape: for a deck of 40 slides that was a third
of the time spent writing it. Every new notes page is the same until its text is written, so the
first is made by python-pptx and the others are copies of it, named and related exactly as
python-pptx would name and relate them (the deck's bytes do not change).
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart

PART_NAME = "/ppt/notesSlides/notesSlide%d.xml"


class NotesPages:
    """The notes pages of one presentation being written (one per slide, made on request)."""

    def __init__(self, presentation: Any) -> None:
        self._package = presentation.part.package
        prefix = PART_NAME[:PART_NAME.index("%")]
        self._names = {part.partname for part in self._package.iter_parts()
                       if part.partname.startswith(prefix)}
        self._blank: Any = None
        """A new notes page's element as python-pptx made the first one, before its text."""
        self._body = 0
        """Position in the page's shape tree of its notes placeholder."""
        self._master: Any = None

    def notes_of(self, slide_part: Any) -> Any:
        """The text body (`p:txBody`) of the slide's notes placeholder, on a new blank page."""
        if self._blank is None:
            notes = slide_part.slide.notes_slide  # python-pptx's own way, once
            self._blank = deepcopy(notes.part._element)
            self._body = _body_position(self._blank)
            self._master = self._package.presentation_part.notes_master_part
            self._names.add(notes.part.partname)
            return _text_body(notes.part._element, self._body)
        element = deepcopy(self._blank)
        part = NotesSlidePart(self._next_name(), CONTENT_TYPE.PML_NOTES_SLIDE, self._package,
                              element)
        part.relate_to(self._master, RELATIONSHIP_TYPE.NOTES_MASTER)
        part.relate_to(slide_part, RELATIONSHIP_TYPE.SLIDE)
        slide_part.relate_to(part, RELATIONSHIP_TYPE.NOTES_SLIDE)
        return _text_body(element, self._body)

    def _next_name(self) -> PackURI:
        """`Package.next_partname`'s choice, from the names kept here instead of a walk."""
        for number in range(len(self._names) + 1, 0, -1):
            name = PART_NAME % number
            if name not in self._names:
                self._names.add(name)
                return PackURI(name)
        raise AssertionError("no free notes page name")  # unreachable: n + 1 names for n taken


def _body_position(notes: Any) -> int:
    """Where python-pptx's `notes_placeholder` is in the page's shape tree: of its placeholders
    in `idx` order, the first of type body."""
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


def _text_body(notes: Any, body: int) -> Any:
    return notes.find(qn("p:cSld")).find(qn("p:spTree"))[body].find(qn("p:txBody"))
