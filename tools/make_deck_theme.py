"""Make the reference deck `builder/themes/default/deck.pptx`: python tools/make_deck_theme.py

Starts from python-pptx's default template, resizes it to 16:9, keeps and renames the layouts the
deck finds by name (Title Slide, Title and Content, Section Header, Quote), and sets the theme's
fonts and colours. Every text colour meets 4.5:1 against its background. `make_theme` also makes
test themes in other fonts and colours.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

from builder.context import FIXED_BUILD_DATE
from builder.office.package import save_office, set_core_properties

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
KEPT_LAYOUTS = {
    "Title Slide": "Title Slide",
    "Title and Content": "Title and Content",
    "Section Header": "Section Header",
    "Two Content": "Quote",
    "Title Only": "Title Only",
    "Blank": "Blank",
}


@dataclass(frozen=True)
class Palette:
    text: str = "1F2933"
    title: str = "0B4F5C"
    background: str = "FFFFFF"
    dark_background: str = "0B4F5C"
    on_dark: str = "FFFFFF"
    on_dark_soft: str = "E8F1F2"
    quote_background: str = "F7F3EA"
    accent: str = "0B4F5C"
    highlight: str = "F2B544"
    quiet: str = "56636D"
    """The footer (agenda item, clock time, slide number): quieter than the text, still 4.5:1."""


@dataclass(frozen=True)
class Fonts:
    title: str = "Calibri"
    body: str = "Calibri"


Geometry = tuple[float, float, float, float]
"""left, top, width, height in inches."""

MASTER_TITLE: Geometry = (0.6, 0.4, 12.133, 0.9)
MASTER_BODY: Geometry = (0.6, 1.55, 12.133, 5.35)
MASTER_FOOTER: Geometry = (0.6, 6.98, 9.6, 0.4)
MASTER_SLIDE_NUMBER: Geometry = (10.333, 6.98, 2.4, 0.4)
FOOTER_SIZE = 1200


def make_theme(path: Path, palette: Palette = Palette(), fonts: Fonts = Fonts()) -> None:
    prs = Presentation()
    old_width = prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    master = prs.slide_master
    _set_theme(master, palette, fonts)
    _set_text_styles(master, palette)
    for shape in master.placeholders:
        _scale_x(shape, SLIDE_WIDTH / old_width)
    _place(_placeholder(master, "title"), MASTER_TITLE)
    _place(_placeholder(master, "body"), MASTER_BODY)
    _background(master, palette.background)
    _design_footer(master, palette.quiet)
    _add_bar(master, (0.6, 1.33, 1.6, 0.06), palette.accent)

    for layout in list(prs.slide_layouts):
        if layout.name not in KEPT_LAYOUTS:
            prs.slide_layouts.remove(layout)
            continue
        layout.name = KEPT_LAYOUTS[layout.name]
        for shape in layout.placeholders:
            if shape._element.spPr.find(qn("a:xfrm")) is not None:
                _scale_x(shape, SLIDE_WIDTH / old_width)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for layout in prs.slide_layouts:
        _drop_date(layout)
        if layout.name in ("Title Slide", "Section Header"):  # text set in 0.3 in further
            _design_footer(layout, palette.on_dark_soft, indent=0.3)
        else:
            _design_footer(layout, palette.quiet)
    _design_title_slide(layouts["Title Slide"], palette)
    _design_section(layouts["Section Header"], palette)
    _design_content(layouts["Title and Content"])
    _design_quote(layouts["Quote"], palette)
    set_core_properties(prs.core_properties, title="Voces reference deck", author="Voces",
                        language="en-GB", version="1", date=FIXED_BUILD_DATE)
    save_office(prs, path)  # same bytes every run: the committed theme changes only on purpose


# --- theme part -------------------------------------------------------------------------


def _set_theme(master: object, palette: Palette, fonts: Fonts) -> None:
    part = master.part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    theme = etree.fromstring(part.blob)
    scheme = theme.find(f".//{{{A}}}clrScheme")
    colours = {
        "dk1": palette.text, "lt1": palette.background, "dk2": palette.dark_background,
        "lt2": palette.quote_background, "accent1": palette.accent, "accent2": palette.highlight,
        "hlink": palette.title, "folHlink": palette.title,
    }
    for name, value in colours.items():
        slot = scheme.find(f"{{{A}}}{name}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=value)
    theme.find(f".//{{{A}}}majorFont/{{{A}}}latin").set("typeface", fonts.title)
    theme.find(f".//{{{A}}}minorFont/{{{A}}}latin").set("typeface", fonts.body)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_text_styles(master: object, palette: Palette) -> None:
    styles = master._element.find(qn("p:txStyles"))  # type: ignore[attr-defined]
    title_level = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title_level.set("algn", "l")  # flush left, like the accent bar under it
    title = title_level.find(qn("a:defRPr"))
    title.set("sz", "3600")
    title.set("b", "1")
    _fill(title, palette.title)
    body = styles.find(qn("p:bodyStyle"))
    for level, size in zip(range(1, 10), (2400, *[2000] * 8), strict=True):
        props = body.find(qn(f"a:lvl{level}pPr")).find(qn("a:defRPr"))
        props.set("sz", str(size))
        _fill(props, palette.text)


def _fill(run_props: etree._Element, colour: str) -> None:
    for old in run_props.findall(qn("a:solidFill")):
        run_props.remove(old)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    run_props.insert(0, fill)


def _design_footer(owner: object, colour: str, indent: float = 0.0) -> None:
    """The footer (where the slide sits in the day) on the left and the slide number on the
    right, on one line below the body box, in the margins of the text above them."""
    left, top, width, height = MASTER_FOOTER
    footer = (left + indent, top, width - indent, height)
    left, top, width, height = MASTER_SLIDE_NUMBER
    number = (left - indent, top, width, height)
    for kind, geometry, align in (("ftr", footer, "l"), ("sldNum", number, "r")):
        shape = _placeholder(owner, kind)
        _place(shape, geometry)
        _text_style(shape, FOOTER_SIZE, colour, anchor="ctr", align=align)


def _drop_date(layout: object) -> None:
    """The deck prints no date placeholder: the build date is in the document properties."""
    for shape in list(layout.placeholders):  # type: ignore[attr-defined]
        if _kind(shape) == "dt":
            shape._element.getparent().remove(shape._element)


# --- layouts ----------------------------------------------------------------------------


def _design_title_slide(layout: object, palette: Palette) -> None:
    _own_background(layout, palette.dark_background)
    _place(_placeholder(layout, "ctrTitle"), (0.9, 1.3, 11.533, 2.6))
    _text_style(_placeholder(layout, "subTitle"), 2400, palette.on_dark_soft, anchor="t")
    _text_style(_placeholder(layout, "ctrTitle"), 4400, palette.on_dark, anchor="b", bold=True)
    _place(_placeholder(layout, "subTitle"), (0.9, 4.2, 11.533, 2.6))
    _add_bar(layout, (0.9, 4.0, 1.6, 0.07), palette.highlight)


def _design_section(layout: object, palette: Palette) -> None:
    _own_background(layout, palette.dark_background)
    _place(_placeholder(layout, "title"), (0.9, 1.3, 11.533, 2.6))
    _text_style(_placeholder(layout, "title"), 4000, palette.on_dark, anchor="b", bold=True)
    body = _placeholder(layout, "body")
    _place(body, (0.9, 4.2, 11.533, 2.6))
    _text_style(body, 2400, palette.on_dark_soft, anchor="t")
    _add_bar(layout, (0.9, 4.0, 1.6, 0.07), palette.highlight)


def _design_content(layout: object) -> None:
    _place(_placeholder(layout, "title"), MASTER_TITLE)
    _place(_placeholder(layout, "body"), MASTER_BODY)


def _design_quote(layout: object, palette: Palette) -> None:
    bodies = [s for s in layout.placeholders if s.placeholder_format.type is not None  # type: ignore[attr-defined]
              and _kind(s) in ("body", "obj")]
    for extra in bodies[1:]:
        extra._element.getparent().remove(extra._element)
    _background(layout, palette.quote_background)
    _place(_placeholder(layout, "title"), MASTER_TITLE)
    _place(bodies[0], (1.3, 1.7, 11.433, 5.2))
    _text_style(bodies[0], 2800, palette.text, anchor="ctr", italic=True)
    _add_bar(layout, (0.75, 1.8, 0.12, 4.4), palette.accent)


# --- helpers ----------------------------------------------------------------------------


def _kind(shape: object) -> str:
    ph = shape._element.find(".//" + qn("p:ph"))  # type: ignore[attr-defined]
    return ph.get("type", "obj") if ph is not None else ""


def _placeholder(owner: object, kind: str) -> object:
    for shape in owner.placeholders:  # type: ignore[attr-defined]
        if _kind(shape) == kind or (kind == "body" and _kind(shape) == "obj"):
            return shape
    raise KeyError(kind)


def _place(shape: object, geometry: Geometry) -> None:
    left, top, width, height = (Inches(v) for v in geometry)
    shape.left, shape.top, shape.width, shape.height = left, top, width, height  # type: ignore[attr-defined]


def _scale_x(shape: object, factor: float) -> None:
    shape.left = Emu(round(shape.left * factor))  # type: ignore[attr-defined]
    shape.width = Emu(round(shape.width * factor))  # type: ignore[attr-defined]


def _text_style(shape: object, size: int, colour: str, anchor: str, bold: bool = False,
                italic: bool = False, align: str = "l") -> None:
    body = shape._element.get_or_add_txBody()  # type: ignore[attr-defined]
    body.find(qn("a:bodyPr")).set("anchor", anchor)
    old = body.find(qn("a:lstStyle"))
    styles = etree.Element(qn("a:lstStyle"))
    if old is not None:
        old.addprevious(styles)
        body.remove(old)
    else:
        body.find(qn("a:bodyPr")).addnext(styles)
    level = etree.SubElement(styles, qn("a:lvl1pPr"), marL="0", indent="0", algn=align)
    etree.SubElement(level, qn("a:buNone"))
    props = etree.SubElement(level, qn("a:defRPr"), sz=str(size), b="1" if bold else "0",
                             i="1" if italic else "0")
    _fill(props, colour)


def _background(owner: object, colour: str) -> None:
    fill = owner.background.fill  # type: ignore[attr-defined]
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(colour)


def _own_background(layout: object, colour: str) -> None:
    layout._element.set("showMasterSp", "0")  # type: ignore[attr-defined]
    _background(layout, colour)


_BAR = (
    '<p:sp xmlns:p="{p}" xmlns:a="{a}"><p:nvSpPr><p:cNvPr id="{id}" name="Accent bar"/>'
    '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
    '<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    '<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
    "</p:sp>"
)


def _add_bar(owner: object, geometry: Geometry, colour: str) -> None:
    tree = owner.shapes._spTree  # type: ignore[attr-defined]
    ids = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
    x, y, cx, cy = (int(Inches(v)) for v in geometry)
    bar = etree.fromstring(_BAR.format(p=P, a=A, id=max(ids, default=1) + 1, x=x, y=y, cx=cx,
                                       cy=cy, colour=colour))
    tree.insert(2, bar)  # after the group's own properties: drawn behind the placeholders


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else (
        Path(__file__).resolve().parents[1] / "builder" / "themes" / "default" / "deck.pptx")
    make_theme(target)
    print(f"wrote {target}")
