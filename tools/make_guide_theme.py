"""Make builder/themes/default/guide.docx: the reference styles of every Voces docx.

Run `python tools/make_guide_theme.py` after changing a style here; commit the docx it writes.
It starts from python-docx's default template and sets the body font (Calibri, which
LibreOffice draws with the metric-compatible Carlito), the heading, title, list and quote
styles, and adds the "Voces Table" table style and the "Writing Line" paragraph style.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.office.package import save_office, set_core_properties  # noqa: E402

TARGET = ROOT / "builder" / "themes" / "default" / "guide.docx"
BODY_FONT = "Calibri"
INK = RGBColor(0x1F, 0x2A, 0x44)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
ACCENT_HEX = "1F4E79"
HEADER_FILL = "DCE6F0"

HEADINGS = {  # level: (size pt, space before pt, space after pt)
    1: (16, 18, 6),
    2: (13, 12, 4),
    3: (11.5, 10, 3),
}

TABLE_STYLE = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="VocesTable">
  <w:name w:val="Voces Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="8EA9C1"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>
      <w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:pPr><w:keepNext/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{INK}"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""


def make_theme() -> docx.document.Document:
    document = docx.Document()
    styles = document.styles
    _drop_thumbnail(document)

    normal = styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(11)
    normal.font.color.rgb = INK
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    _set_east_asian_font(normal, BODY_FONT)

    for level, (size, before, after) in HEADINGS.items():
        heading = styles[f"Heading {level}"]
        heading.font.name = BODY_FONT
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.italic = False
        heading.font.color.rgb = ACCENT
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(after)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.keep_together = True

    title = styles["Title"]
    title.font.name = BODY_FONT
    title.font.size = Pt(26)
    title.font.bold = True
    title.font.color.rgb = ACCENT
    title.paragraph_format.space_after = Pt(12)
    _remove_paragraph_border(title)

    subtitle = styles["Subtitle"]
    subtitle.font.name = BODY_FONT
    subtitle.font.size = Pt(14)
    subtitle.font.italic = False
    subtitle.font.color.rgb = INK

    for name in ("List Bullet", "List Number", "List Bullet 2"):
        styles[name].font.name = BODY_FONT
        styles[name].paragraph_format.space_after = Pt(3)

    quote = styles["Quote"]
    quote.font.name = BODY_FONT
    quote.font.italic = True
    quote.font.color.rgb = INK
    quote.paragraph_format.left_indent = Pt(18)
    quote.paragraph_format.space_after = Pt(2)

    caption = styles["Caption"]
    caption.font.name = BODY_FONT
    caption.font.size = Pt(9.5)
    caption.font.bold = False
    caption.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    caption.paragraph_format.left_indent = Pt(18)
    caption.paragraph_format.space_after = Pt(8)

    writing = styles.add_style("Writing Line", WD_STYLE_TYPE.PARAGRAPH)
    writing.base_style = normal
    writing.paragraph_format.space_before = Pt(14)
    writing.paragraph_format.space_after = Pt(0)

    styles.element.append(parse_xml(TABLE_STYLE))
    set_core_properties(
        document.core_properties, title="Voces guide theme", author="Voces",
        language="en-GB", version="1", date=datetime(2021, 1, 1, tzinfo=timezone.utc),
    )
    return document


def _set_east_asian_font(style: object, font: str) -> None:
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)


def _remove_paragraph_border(style: object) -> None:
    properties = style.element.pPr  # type: ignore[attr-defined]
    if properties is not None:
        for border in properties.findall(qn("w:pBdr")):
            properties.remove(border)


def _drop_thumbnail(document: docx.document.Document) -> None:
    """The template's thumbnail shows python-docx's own sample page; no user should see it."""
    package = document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype.endswith("/thumbnail"):
            del package.rels[key]


if __name__ == "__main__":
    theme = make_theme()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    save_office(theme, TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)}")
