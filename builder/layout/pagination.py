"""Pagination: a slide draft as one or more slides, each paragraph measured with the theme
font's metrics in the box it is written into, and every title sized to fit its own box.

Nothing relies on a renderer's autofit: what does not fit is carried to a continuation slide,
split after a whole sentence where it can be (never leaving fewer than two lines on a side).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..context import BuildContext
from ..themes.deck import (
    BODY_SIZES,
    GROW_SIZES,
    TITLE_SIZES,
    DeckTheme,
    Role,
    load_deck_theme,
)
from .measure import Box, fits_lines, line_height, usable_height, wrap
from .slides import Paragraph, Slide, SlideDraft

OPTICAL_CENTRE = 0.4
"""Share of a content slide's free height put above its text: the block sits a little above
the middle of its box, where the eye takes the centre to be."""

def paragraph_lines(paragraph: Paragraph, box: Box, body_size: float, theme: DeckTheme
                    ) -> list[str]:
    font = theme.body_font.file(bold=paragraph.bold, italic=paragraph.italic)
    return wrap(paragraph.text, font, paragraph.size(body_size), box.text_width - paragraph.indent)


def paragraph_height(paragraph: Paragraph, box: Box, body_size: float, theme: DeckTheme,
                     first: bool) -> float:
    lines = len(paragraph_lines(paragraph, box, body_size, theme))
    space = 0.0 if first else paragraph.space_before(body_size)
    return space + lines * line_height(paragraph.size(body_size))


PICTURE_SHARE = 0.42
"""Share of the body box's width a picture takes, on the right of the text."""
PICTURE_GAP = 18.0
CREDIT_SIZE = 12.0
CREDIT_HEIGHT = 24.0
"""The credit line under a picture (points)."""


def beside_picture(box: Box) -> Box:
    """The text's part of a body box that shares the slide with a picture."""
    return replace(box, width=round(box.width * (1 - PICTURE_SHARE) - PICTURE_GAP / 2, 1))


def body_box(slide: Slide, theme: DeckTheme) -> Box | None:
    """The box the slide's text was measured in and is written into."""
    box = theme.layout(slide.layout).body
    return beside_picture(box) if box is not None and slide.image is not None else box


def picture_area(box: Box) -> Box:
    """Where a picture may go (it is scaled into it without distortion), above its credit."""
    left = box.left + box.width * (1 - PICTURE_SHARE) + PICTURE_GAP / 2
    top = box.top + box.inset_top
    return Box(left, top, box.left + box.width - box.inset_right - left,
               box.height - box.inset_top - box.inset_bottom - CREDIT_HEIGHT, 0, 0, 0, 0)


def paragraph_tops(slide: Slide, box: Box, theme: DeckTheme) -> list[float]:
    """Where each of the slide's paragraphs starts (points from the slide's top), as written:
    the agenda's timeline puts its dots there."""
    tops, top = [], box.top + box.inset_top + slide.body_offset
    for i, paragraph in enumerate(slide.paragraphs):
        space = 0.0 if i == 0 else paragraph.space_before(slide.body_size)
        tops.append(top + space)
        top += paragraph_height(paragraph, box, slide.body_size, theme, i == 0)
    return tops


def _total_height(paragraphs: list[Paragraph], box: Box, size: float, theme: DeckTheme) -> float:
    return sum(paragraph_height(p, box, size, theme, i == 0) for i, p in enumerate(paragraphs))


def paginate(draft: SlideDraft, theme: DeckTheme, context: BuildContext,
             titles_only: bool = False) -> list[Slide]:
    """The draft as one or more slides: the largest body size that fits one slide, else parts
    at the first body size, each filled with whole paragraphs or, failing that, whole lines.

    `titles_only` gives the same slides with the same titles (and their fit), but measures a
    draft that fits one slide at its smallest body size no further: its body size and offset
    are then not the deck's. That is all `voces check` asks of a plan, at a fraction of the
    measuring."""
    layout = theme.layout(draft.layout)
    box = beside_picture(layout.body) if draft.image is not None and layout.body else layout.body
    sizes = BODY_SIZES[draft.layout]
    parts: list[list[Paragraph]] = [draft.lead + draft.paragraphs]
    size = sizes[0]
    offset = 0.0
    content = draft.lead + draft.paragraphs
    if box is not None and titles_only and (
            _total_height(content, box, sizes[-1], theme) <= usable_height(box, sizes[-1])):
        box = None  # one slide: some size fits (this one at least), so the deck has one too
    if box is not None:
        # The first size that fits, measured size by size: the smaller ones are never needed.
        fitting = next((s for s in (*GROW_SIZES[draft.layout], *sizes)
                        if _total_height(content, box, s, theme) <= usable_height(box, s)), None)
        if fitting is not None:
            size = fitting
            if draft.layout == "content":
                room = usable_height(box, size) - _total_height(content, box, size, theme)
                offset = round(room * OPTICAL_CENTRE, 1)
        else:
            parts = _split(draft, box, size, theme)
    slides = []
    for number, content in enumerate(parts, start=1):
        slides.append(Slide(
            number=0, kind=draft.kind, title=draft.title, layout=draft.layout,
            paragraphs=tuple(content), notes="", agenda_index=draft.agenda_index,
            scenario_id=draft.scenario_id, stage_index=draft.stage_index,
            quote_id=draft.quote_id, part=number, parts=len(parts), body_size=size,
            body_offset=offset,
            title_origin=draft.title_origin, script=tuple(draft.notes),
            quote_refs=draft.quote_refs, image=draft.image,
        ))
    return [_fit_title(slide, draft, theme, context) for slide in slides]


def _split(draft: SlideDraft, box: Box, size: float, theme: DeckTheme) -> list[list[Paragraph]]:
    room = usable_height(box, size)
    lead_height = _total_height(draft.lead, box, size, theme)
    parts: list[list[Paragraph]] = []
    current: list[Paragraph] = list(draft.lead)
    used = lead_height
    queue = list(draft.paragraphs)
    while queue:
        paragraph = queue.pop(0)
        first = not current
        height = paragraph_height(paragraph, box, size, theme, first)
        if used + height <= room:
            current.append(paragraph)
            used += height
            continue
        pitch = line_height(paragraph.size(size))
        space = 0.0 if first else paragraph.space_before(size)
        free_lines = int((room - used - space) // pitch)
        has_content = len(current) > len(draft.lead)
        if has_content and free_lines < 2:
            parts.append(current)
            current, used = list(draft.lead), lead_height
            queue.insert(0, paragraph)
            continue
        head, tail = _cut(paragraph, free_lines, box, size, theme, force=not has_content)
        if head is None:  # not even one sentence fits here: start the next slide with it
            parts.append(current)
            current, used = list(draft.lead), lead_height
            queue.insert(0, paragraph)
            continue
        current.append(head)
        parts.append(current)
        current, used = list(draft.lead), lead_height
        queue.insert(0, tail)
    if len(current) > len(draft.lead) or not parts:
        parts.append(current)
    return parts


_SENTENCE_END = re.compile(r"(?<=[.!?…»”\"])\s+(?=[¿¡“«\"(\[]?[A-ZÁÉÍÓÚÑÜ0-9])")
MIN_LINES = 2
"""Fewest lines of a split paragraph left on either side (no widows or orphans)."""


def _cut(paragraph: Paragraph, free_lines: int, box: Box, size: float, theme: DeckTheme,
         force: bool) -> tuple[Paragraph | None, Paragraph]:
    """Split a paragraph to fill `free_lines`: after the last whole sentence that fits, else
    (a sentence taller than the free room) between lines, keeping two lines on each side.
    (None, paragraph) when nothing should go in this room, unless `force` (an empty slide)."""
    sentences = _SENTENCE_END.split(paragraph.text)
    taken = 0
    for count in range(1, len(sentences)):
        head_text = " ".join(sentences[:count])
        lines = len(paragraph_lines(replace(paragraph, text=head_text), box, size, theme))
        if lines > free_lines:
            break
        taken = count
    if taken:
        head_text, tail_text = " ".join(sentences[:taken]), " ".join(sentences[taken:])
    else:
        lines_of = paragraph_lines(paragraph, box, size, theme)
        take = min(free_lines, len(lines_of) - MIN_LINES)
        if take < MIN_LINES:
            if not force:
                return None, paragraph
            take = max(1, free_lines)
        head_text, tail_text = " ".join(lines_of[:take]), " ".join(lines_of[take:])
    head = replace(paragraph, text=head_text)
    tail = replace(paragraph, text=tail_text, bullet=False,
                   continued=paragraph.bullet or paragraph.continued, note="")
    return head, tail


# --- titles ------------------------------------------------------------------------------


def title_size(text: str, role: Role, theme: DeckTheme) -> tuple[float, bool]:
    """The largest title size at which `text` fits its box, and whether it fits at all."""
    box = theme.layout(role).title
    font = theme.title_font.file(bold=True)  # titles are measured bold: the wider case
    for size in TITLE_SIZES[role]:
        if fits_lines(len(wrap(text, font, size, box.text_width)), size, box):
            return size, True
    return TITLE_SIZES[role][-1], False


def title_excess(text: str, role: Role, theme: DeckTheme) -> int:
    """How many characters `text` must lose to fit its title box at the smallest title size."""
    if title_size(text, role, theme)[1]:
        return 0
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        if title_size(text[:middle], role, theme)[1]:
            low = middle
        else:
            high = middle - 1
    return len(text) - low


def _fit_title(slide: Slide, draft: SlideDraft, theme: DeckTheme, context: BuildContext) -> Slide:
    def titled(base: str) -> str:
        if slide.parts == 1:
            return base
        return context.words("deck_continued", title=base, part=slide.part, parts=slide.parts)

    title = titled(draft.title)
    size, fits = title_size(title, draft.layout, theme)
    if not fits and draft.short_title:
        short = titled(draft.short_title)
        short_size, short_fits = title_size(short, draft.layout, theme)
        if short_fits:
            title, size, fits = short, short_size, True
    return replace(slide, title=title, title_size=size, title_fits=fits)


def unique_titles(slides: list[Slide], context: BuildContext) -> list[Slide]:
    """A title seen before gets a number, so every title is unique (an accessibility rule)."""
    seen: dict[str, int] = {}
    result = []
    taken = {s.title for s in slides}
    for slide in slides:
        count = seen.get(slide.title, 0) + 1
        seen[slide.title] = count
        if count > 1:
            title = slide.title
            while title in taken:
                title = context.words("deck_repeated", title=slide.title, n=count)
                count += 1
            taken.add(title)
            size, fits = title_size(title, slide.layout, load_deck_theme(
                context.theme_file("deck.pptx")))
            slide = replace(slide, title=title, title_size=size, title_fits=fits)
        result.append(slide)
    return result
