"""The slide plan of one module's deck in one language: what each slide says (deck_content),
paginated into the theme's boxes (layout.pagination), numbered, with its footer and notes.

Computed once per module and language, then shared by the deck, the guide, `voces check`'s
deck-fit rule and the preview; layout/slides.py describes what the plan holds.
"""

from __future__ import annotations

from dataclasses import replace

from ..agenda import schedule
from ..context import BuildContext
from ..layout.pagination import paginate, unique_titles
from ..layout.slides import Slide, SlidePlan
from ..themes.deck import load_deck_theme
from .deck_content import draft_slides, slide_notes


def plan_slides(context: BuildContext) -> SlidePlan:
    """The slide plan of this context's module and language (computed once, then shared)."""
    return context.remember("slide_plan", lambda: _plan(context))


def _plan(context: BuildContext) -> SlidePlan:
    theme = load_deck_theme(context.theme_file("deck.pptx"))
    slides: list[Slide] = []
    for draft in draft_slides(context):
        slides += paginate(draft, theme, context)
    slides = unique_titles(slides, context)
    return SlidePlan(tuple(_finish(slides, context)), theme)


def plan_titles(context: BuildContext) -> SlidePlan:
    """The slides of this context's deck with the titles the deck gives them and whether each
    fits, as `plan_slides` has them, but without their bodies' sizes, numbers, footers or notes
    (`voces check` measures titles only; a test holds both plans' titles equal)."""
    theme = load_deck_theme(context.theme_file("deck.pptx"))
    slides: list[Slide] = []
    for draft in draft_slides(context):
        slides += paginate(draft, theme, context, titles_only=True)
    return SlidePlan(tuple(unique_titles(slides, context)), theme)


def _finish(slides: list[Slide], context: BuildContext) -> list[Slide]:
    entries = schedule(context.curriculum, context.module)

    def footer(slide: Slide) -> str:
        if slide.kind == "title":
            return ""
        entry = entries[slide.agenda_index]
        return context.words("deck_footer", item=context.entry_title(entry),
                             clock=entry.clock_range)

    numbered = [replace(s, number=i, footer=footer(s)) for i, s in enumerate(slides, start=1)]
    return [replace(slide, notes=slide_notes(context, slide, numbered)) for slide in numbered]
