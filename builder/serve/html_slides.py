"""A deck as HTML: each slide of the slide plan drawn in its theme boxes, at its sizes.

The plan (formats/deck_plan.py) has already measured and paginated every slide, so the preview shows
the same slides, titles, continuations and numbers as the pptx; the boxes and font sizes are
the theme's, as fractions of the slide, so the picture scales with the window.
"""

from __future__ import annotations

from html import escape

from ..findings import Finding
from ..layout.measure import Box
from ..layout.slides import Paragraph, Slide, SlidePlan
from .html_page import finding_list


def slides_html(plan: SlidePlan, beside: dict[int, list[Finding]], words_slide: str) -> str:
    """Every slide, with the findings that concern it beside it."""
    parts = []
    for slide in plan.slides:
        parts.append(_slide(slide, plan, beside.get(slide.number, []), words_slide))
    return "\n".join(parts)


def _box_style(box: Box, plan: SlidePlan) -> str:
    width, height = plan.theme.width, plan.theme.height
    return (f"left:{box.left / width:.4%};top:{box.top / height:.4%};"
            f"width:{box.width / width:.4%};height:{box.height / height:.4%};"
            f"padding:{box.inset_top / width * 100:.3f}cqw {box.inset_right / width * 100:.3f}cqw "
            f"{box.inset_bottom / width * 100:.3f}cqw {box.inset_left / width * 100:.3f}cqw")


def _size(points: float, plan: SlidePlan) -> str:
    return f"font-size:{points / plan.theme.width * 100:.3f}cqw"


def _slide(slide: Slide, plan: SlidePlan, findings: list[Finding], words_slide: str) -> str:
    layout = plan.theme.layout(slide.layout)
    body = ""
    if layout.body is not None and slide.paragraphs:
        paragraphs = "".join(_paragraph(p, slide.body_size, plan, i == 0)
                             for i, p in enumerate(slide.paragraphs))
        body = f'<div class="box body" style="{_box_style(layout.body, plan)}">{paragraphs}</div>'
    footer = ""
    if layout.footer is not None and slide.footer:
        footer = (f'<div class="box footer" style="{_box_style(layout.footer, plan)};'
                  f'{_size(12, plan)}">{escape(slide.footer)}</div>')
    number = ""
    if layout.number is not None and slide.number > 1:
        number = (f'<div class="box number" style="{_box_style(layout.number, plan)};'
                  f'{_size(12, plan)}">{slide.number}</div>')
    notes = escape(slide.notes).replace("\n", "<br>")
    found = finding_list(findings) if findings else ""
    return (
        f'<section class="slide-row" id="slide-{slide.number}">'
        f'<div class="slide-label">{escape(words_slide)} {slide.number}</div>'
        f'<div class="slide kind-{slide.kind}" data-number="{slide.number}">'
        f'<div class="box title" style="{_box_style(layout.title, plan)};'
        f'{_size(slide.title_size, plan)}"><h2>{escape(slide.title)}</h2></div>'
        f"{body}{footer}{number}</div>"
        f"{found}"
        f'<details class="notes"><summary>notes</summary><p>{notes}</p></details>'
        "</section>")


def _paragraph(paragraph: Paragraph, body_size: float, plan: SlidePlan, first: bool) -> str:
    classes = [c for c, on in (("bullet", paragraph.bullet), ("bold", paragraph.bold),
                               ("italic", paragraph.italic), ("small", paragraph.small),
                               ("continued", paragraph.continued)) if on]
    size = paragraph.size(body_size)
    space = 0 if first else paragraph.space_before(body_size)
    indent = paragraph.indent / plan.theme.width * 100
    style = (f"{_size(size, plan)};margin:{space / plan.theme.width * 100:.3f}cqw 0 0 "
             f"{indent:.3f}cqw")
    return (f'<p class="{" ".join(classes)}" style="{style}">'
            f"{escape(paragraph.text)}</p>")
