"""The deck theme as measurements: slide size, each layout's title and body boxes, the fonts.

Layouts are found by name; a missing one falls back (Quote, Title Slide and Section Header to
Title and Content; that one to the first layout with a title and a body) and is listed in
`DeckTheme.fallbacks` so the deck can warn. Sizes follow one fixed type scale, below.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from ..layout.measure import MIN_BOTTOM_INSET, Box, FontFiles, find_font, points
from .office_package import OFFICE_RELATIONSHIPS, THEME, OfficePackage

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

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = f"{{{OFFICE_RELATIONSHIPS}}}"
PRESENTATION_TYPES = frozenset({
    f"application/vnd.openxmlformats-officedocument.presentationml.{kind}.main+xml"
    for kind in ("presentation", "template", "slideshow")
} | {"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"})
"""The main parts python-pptx opens (and so the deck writer can build on)."""
MASTER_TYPES = {"ctrTitle": "title", "subTitle": "body", "obj": "body", "chart": "body",
                "clipArt": "body", "dgm": "body", "media": "body", "pic": "body", "tbl": "body"}
"""The slide master's placeholder a layout placeholder takes a missing position from (as
PowerPoint and python-pptx do); other types take it from the master's of their own type."""


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


@dataclass(frozen=True)
class _Placeholder:
    kind: str
    """Its `p:ph` type: title, ctrTitle, body, obj, subTitle, ftr, sldNum, ..."""
    shape: ElementTree.Element


@dataclass(frozen=True)
class _Layout:
    name: str
    placeholders: tuple[_Placeholder, ...]


@dataclass(frozen=True)
class _Deck:
    """What the theme file says, as read from its XML parts."""

    width: int
    height: int
    layouts: tuple[_Layout, ...]
    master: tuple[_Placeholder, ...]
    fonts: tuple[str, str]


@cache
def _load(path: Path, _mtime: int) -> DeckTheme:
    try:
        deck = _read(path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError) as exc:
        raise ThemeError(f"{path.name} is not a PowerPoint file voces can read ({exc})") from exc
    by_name = {layout.name: layout for layout in deck.layouts}
    usable = [layout for layout in deck.layouts if _has_title_and_body(layout, deck)]
    content = by_name.get(LAYOUT_NAMES["content"])
    fallbacks: list[tuple[str, str]] = []
    content_boxes = _boxes(content, deck) if content is not None else None
    if content_boxes is None or content_boxes.body is None:
        if not usable:
            raise ThemeError(f"{path.name} has no layout with a title and a body placeholder; "
                             "add a layout named Title and Content")
        content_boxes = _boxes(usable[0], deck)
        fallbacks.append((LAYOUT_NAMES["content"], usable[0].name))
    assert content_boxes is not None
    layouts: dict[Role, LayoutBoxes] = {"content": content_boxes}
    for role in ("title", "section", "quote"):
        found = by_name.get(LAYOUT_NAMES[role])
        boxes = _boxes(found, deck) if found is not None else None
        if boxes is None or boxes.body is None:
            fallbacks.append((LAYOUT_NAMES[role], content_boxes.name))
            boxes = content_boxes
        layouts[role] = boxes
    major, minor = deck.fonts
    fonts_folder = path.parent / "fonts"
    width, height = points(deck.width), points(deck.height)
    return DeckTheme(
        path=path,
        width=width,
        height=height,
        layouts={role: _with_footer(boxes, width, height) for role, boxes in layouts.items()},
        title_font=find_font(major, fonts_folder),
        body_font=find_font(minor, fonts_folder),
        fallbacks=fallbacks,
    )


def _read(path: Path) -> _Deck:
    """The first slide master's layouts in its order, the slide size and the theme fonts."""
    with zipfile.ZipFile(path) as archive:
        package = OfficePackage(archive)
        main = package.main_part()
        content_type = package.content_type(main)
        if content_type not in PRESENTATION_TYPES:
            raise ValueError(f"its content type is '{content_type}'")
        presentation = package.xml(main)
        first = presentation.find(f"{P}sldMasterIdLst/{P}sldMasterId")
        if first is None:
            raise ValueError("it has no slide master")
        master_part = package.related(main, r_id=first.get(f"{R}id"))
        master = package.xml(master_part)
        layouts = []
        for entry in master.iterfind(f"{P}sldLayoutIdLst/{P}sldLayoutId"):
            layout = package.xml(package.related(master_part, r_id=entry.get(f"{R}id")))
            slide = layout.find(f"{P}cSld")
            layouts.append(_Layout(slide.get("name", "") if slide is not None else "",
                                   _placeholders(layout)))
        size = presentation.find(f"{P}sldSz")
        return _Deck(
            width=int(size.get("cx", 0)) if size is not None else 0,
            height=int(size.get("cy", 0)) if size is not None else 0,
            layouts=tuple(layouts), master=_placeholders(master),
            fonts=_theme_fonts(package.xml(package.related(master_part, kind=THEME))),
        )


def _placeholders(part: ElementTree.Element) -> tuple[_Placeholder, ...]:
    """The placeholder shapes of a layout or master, in document order (not inside groups)."""
    tree = part.find(f"{P}cSld/{P}spTree")
    found = []
    for shape in tree if tree is not None else ():
        placeholder = shape.find(f"./*/{P}nvPr/{P}ph")
        if placeholder is not None:
            found.append(_Placeholder(placeholder.get("type", "obj"), shape))
    return tuple(found)


def _has_title_and_body(layout: _Layout, deck: _Deck) -> bool:
    boxes = _boxes(layout, deck)
    return boxes is not None and boxes.body is not None


def _boxes(layout: _Layout, deck: _Deck) -> LayoutBoxes | None:
    title = body = footer = number = None
    for placeholder in layout.placeholders:
        kind = placeholder.kind
        if kind in ("title", "ctrTitle") and title is None:
            title = _box(placeholder, deck)
        elif kind in ("body", "obj", "subTitle") and body is None:
            body = _box(placeholder, deck)
        elif kind == "ftr" and footer is None:
            footer = _box(placeholder, deck)
        elif kind == "sldNum" and number is None:
            number = _box(placeholder, deck)
    if title is None:
        return None
    return LayoutBoxes(layout.name, title, body, footer, number)
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


def _box(placeholder: _Placeholder, deck: _Deck) -> Box:
    insets = list(DEFAULT_INSETS)
    body_props = placeholder.shape.find(f".//{A}bodyPr")
    if body_props is not None:
        for i, name in enumerate(("lIns", "rIns", "tIns", "bIns")):
            if body_props.get(name) is not None:
                insets[i] = int(body_props.get(name, 0))
    left, top, width, height = _position(placeholder, deck)
    return Box(
        left=points(left), top=points(top), width=points(width), height=points(height),
        inset_left=points(insets[0]), inset_right=points(insets[1]),
        inset_top=points(insets[2]), inset_bottom=max(points(insets[3]), MIN_BOTTOM_INSET),
    )


def _position(placeholder: _Placeholder, deck: _Deck) -> tuple[int, int, int, int]:
    """Left, top, width and height (EMU): the shape's own, else its master placeholder's."""
    own = _geometry(placeholder.shape)
    if None in own and placeholder.shape.tag == f"{P}sp":
        kind = MASTER_TYPES.get(placeholder.kind, placeholder.kind)
        base = next((p for p in deck.master if p.kind == kind), None)
        if base is not None:
            own = tuple(mine if mine is not None else inherited
                        for mine, inherited in zip(own, _geometry(base.shape), strict=True))
    if None in own:
        raise ThemeError(f"a '{placeholder.kind}' placeholder has no position")
    return own  # type: ignore[return-value]


def _geometry(shape: ElementTree.Element) -> tuple[int | None, ...]:
    transform = shape.find(f"{P}spPr/{A}xfrm")
    if transform is None:
        transform = shape.find(f"{P}xfrm")  # a graphic frame's
    offset = transform.find(f"{A}off") if transform is not None else None
    extent = transform.find(f"{A}ext") if transform is not None else None

    def value(element: ElementTree.Element | None, name: str) -> int | None:
        found = element.get(name) if element is not None else None
        return int(found) if found is not None else None

    return (value(offset, "x"), value(offset, "y"), value(extent, "cx"), value(extent, "cy"))


def _theme_fonts(theme: ElementTree.Element) -> tuple[str, str]:
    """The theme's major (titles) and minor (body) latin typefaces."""
    major = theme.find(f".//{A}majorFont/{A}latin")
    minor = theme.find(f".//{A}minorFont/{A}latin")
    return (major.get("typeface", "Calibri") if major is not None else "Calibri",
            minor.get("typeface", "Calibri") if minor is not None else "Calibri")
