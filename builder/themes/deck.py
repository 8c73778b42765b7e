"""The deck theme as measurements: slide size, each layout's title and body boxes, the fonts.

Layouts are found by name; a missing one falls back (Quote, Title Slide and Section Header to
Title and Content; that one to the first layout with a title and a body) and is listed in
`DeckTheme.fallbacks` so the deck can warn. Sizes follow one fixed type scale, below.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from ..layout.measure import MIN_BOTTOM_INSET, Box, FontFiles, find_font, points

Role = str
"""What a layout is used for: 'title', 'content', 'section' or 'quote'."""

LAYOUT_NAMES: dict[Role, str] = {
    "title": "Title Slide",
    "content": "Title and Content",
    "section": "Section Header",
    "quote": "Quote",
}

# The type scale (points). Titles try each size, largest first; the last is the theme's smallest
# title size, below which a title is reported to the editor. Body text never goes below 18 pt.
TITLE_SIZES: dict[Role, tuple[float, ...]] = {
    "title": (44, 40, 36, 32, 28),
    "section": (40, 36, 32, 28),
    "content": (36, 32, 28),
    "quote": (36, 32, 28),
}
SMALLEST_TITLE_SIZE = 28.0
BODY_SIZES: dict[Role, tuple[float, ...]] = {
    "title": (24, 20),
    "section": (24, 20),
    "content": (24, 20),
    "quote": (28, 24),
}
GROW_SIZES: dict[Role, tuple[float, ...]] = {
    "title": (),
    "section": (),
    "content": (32, 28),
    "quote": (32,),
}
"""Larger steps of the scale, tried first when a slide's text fits one slide: a slide with
little text sets it at the largest size that fits its box (still below the title's size).
A draft that fits no size is paginated at the first of BODY_SIZES, as before."""
SMALL_BODY_SIZE = 20.0
"""Attributions and other secondary lines, at body sizes up to 24 pt; one step (4 pt) below a
larger body size."""
SMALL_STEP = 4.0
FOOTER_SIZE = 12.0
"""The footer line (agenda item and clock time) and the slide number: quiet, on every slide but
the title slide."""
FOOTER_HEIGHT = 28.8
"""Height (points) of the footer boxes put at the foot of a theme whose layout has none."""

DEFAULT_INSETS = (91440, 91440, 45720, 45720)  # left, right, top, bottom (EMU), as PowerPoint


class ThemeError(Exception):
    """The theme's deck.pptx cannot be used; the message says why."""


@dataclass(frozen=True)
class LayoutBoxes:
    name: str
    title: Box
    body: Box | None
    footer: Box | None = None
    """The layout's footer placeholder (where the slide sits in the day)."""
    number: Box | None = None
    """The layout's slide-number placeholder."""


@dataclass(frozen=True)
class DeckTheme:
    path: Path
    width: float
    height: float
    layouts: dict[Role, LayoutBoxes]
    title_font: FontFiles
    body_font: FontFiles
    fallbacks: list[tuple[str, str]] = field(default_factory=list)
    """(missing layout name, layout used instead)."""

    def layout(self, role: Role) -> LayoutBoxes:
        return self.layouts[role]


def load_deck_theme(path: Path) -> DeckTheme:
    resolved = path.resolve()
    return _load(resolved, resolved.stat().st_mtime_ns)


@cache
def _load(path: Path, _mtime: int) -> DeckTheme:
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # a broken or foreign file: say so instead of a traceback
        raise ThemeError(f"{path.name} is not a PowerPoint file python-pptx can open ({exc})")\
            from exc
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    usable = [layout for layout in prs.slide_layouts if _boxes(layout, "") is not None
              and _boxes(layout, "").body is not None]  # type: ignore[union-attr]
    content = by_name.get(LAYOUT_NAMES["content"])
    fallbacks: list[tuple[str, str]] = []
    content_boxes = _boxes(content, LAYOUT_NAMES["content"]) if content is not None else None
    if content_boxes is None or content_boxes.body is None:
        if not usable:
            raise ThemeError(f"{path.name} has no layout with a title and a body placeholder; "
                             "add a layout named Title and Content")
        content_boxes = _boxes(usable[0], usable[0].name)
        fallbacks.append((LAYOUT_NAMES["content"], usable[0].name))
    assert content_boxes is not None
    layouts: dict[Role, LayoutBoxes] = {"content": content_boxes}
    for role in ("title", "section", "quote"):
        found = by_name.get(LAYOUT_NAMES[role])
        boxes = _boxes(found, LAYOUT_NAMES[role]) if found is not None else None
        if boxes is None or boxes.body is None:
            fallbacks.append((LAYOUT_NAMES[role], content_boxes.name))
            boxes = content_boxes
        layouts[role] = boxes
    major, minor = _theme_fonts(prs)
    fonts_folder = path.parent / "fonts"
    width, height = points(prs.slide_width or 0), points(prs.slide_height or 0)
    return DeckTheme(
        path=path,
        width=width,
        height=height,
        layouts={role: _with_footer(boxes, width, height) for role, boxes in layouts.items()},
        title_font=find_font(major, fonts_folder),
        body_font=find_font(minor, fonts_folder),
        fallbacks=fallbacks,
    )


def _kind(shape: Any) -> str:
    return str(shape._element.find(".//" + qn("p:ph")).get("type", "obj"))


def _boxes(layout: object, name: str) -> LayoutBoxes | None:
    title = body = footer = number = None
    for shape in layout.placeholders:  # type: ignore[attr-defined]
        kind = _kind(shape)
        if kind in ("title", "ctrTitle") and title is None:
            title = _box(shape)
        elif kind in ("body", "obj", "subTitle") and body is None:
            body = _box(shape)
        elif kind == "ftr" and footer is None:
            footer = _box(shape)
        elif kind == "sldNum" and number is None:
            number = _box(shape)
    if title is None:
        return None
    return LayoutBoxes(name or str(layout.name), title, body,  # type: ignore[attr-defined]
                       footer, number)


def _with_footer(boxes: LayoutBoxes, width: float, height: float) -> LayoutBoxes:
    """A layout without footer or slide-number placeholders gets them at the slide's foot, in
    the title's margins: every slide after the first shows its number."""
    if boxes.footer is not None and boxes.number is not None:
        return boxes
    left = boxes.title.left
    right = boxes.title.left + boxes.title.width
    top = height - FOOTER_HEIGHT - 4
    number_width = min(150.0, (right - left) / 4)
    return replace(
        boxes,
        footer=boxes.footer or Box(left, top, right - left - number_width, FOOTER_HEIGHT),
        number=boxes.number or Box(right - number_width, top, number_width, FOOTER_HEIGHT),
    )


def _box(shape: Any) -> Box:
    insets = list(DEFAULT_INSETS)
    body_props = shape._element.find(".//" + qn("a:bodyPr"))
    if body_props is not None:
        for i, name in enumerate(("lIns", "rIns", "tIns", "bIns")):
            if body_props.get(name) is not None:
                insets[i] = int(body_props.get(name))
    return Box(
        left=points(shape.left), top=points(shape.top),  # type: ignore[attr-defined]
        width=points(shape.width), height=points(shape.height),  # type: ignore[attr-defined]
        inset_left=points(insets[0]), inset_right=points(insets[1]),
        inset_top=points(insets[2]), inset_bottom=max(points(insets[3]), MIN_BOTTOM_INSET),
    )


def _theme_fonts(prs: object) -> tuple[str, str]:
    """The theme's major (titles) and minor (body) latin typefaces."""
    master = prs.slide_master  # type: ignore[attr-defined]
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    major = theme.find(f".//{a}majorFont/{a}latin")
    minor = theme.find(f".//{a}minorFont/{a}latin")
    return (major.get("typeface") if major is not None else "Calibri",
            minor.get("typeface") if minor is not None else "Calibri")
