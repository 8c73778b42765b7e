"""What a slide plan is made of: slides, their paragraphs, drafts before pagination, the plan.

The plan holds every slide of one module's deck in one language, measured and paginated. It is
computed once per module and language by `formats.deck_plan.plan_slides` (from the drafts of
`formats.deck_content`, paginated by `layout.pagination`) and shared by the deck writer and the
facilitator guide::

    plan = plan_slides(context)            # cached in context.remember("slide_plan", ...)
    plan.slides                            # tuple[Slide, ...], numbered from 1 in deck order
    plan.slides_for(i)                     # the slides of agenda item i (opening slides belong
                                           # to item 0, closing slides to the last item)
    plan.first_slide(i)                    # the first of them (None when the item has none)
    plan.numbers(slides)                   # "5", "5-7" or "5, 8": for printing references
    plan.of_kind("discussion", scenario_id="x")        # slides of one kind (all parts)
    plan.stage_slides("x", k)              # the slides of scenario x's stage k (0-based)
    plan.scenario_slides("x")              # every slide of scenario x, in order

A `Slide` has `number`, `kind` (title, content-note, ground-rules, objectives, agenda, section,
situation, stage, quote, discussion, key-messages, break, activity, closing-messages, support,
evaluation, sources), `title` (continuations end "(2/3)"), `paragraphs` (what the slide shows:
`Paragraph.text`, `bullet`, `level`, `bold`, `italic`, `small`), `notes` (speaker notes text,
lines separated by "\n"), `agenda_index`, `scenario_id`, `stage_index`, `quote_id`, `part` and
`parts`, and the sizes the writer uses (`title_size`, `body_size`). Nothing on a slide relies on
autofit: each paragraph is measured with the theme font's metrics and what does not fit is carried
to a continuation slide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ..model import Image
from ..themes.deck import SMALL_BODY_SIZE, SMALL_STEP, DeckTheme, Role

SlideKind = Literal[
    "title", "content-note", "ground-rules", "objectives", "agenda", "section", "situation",
    "stage", "quote", "discussion", "key-messages", "break", "activity", "closing-messages",
    "support", "evaluation", "sources",
]

BULLET_INDENT = 27.0
"""Points from the box's text edge to a bullet paragraph's text, per level."""
TIMELINE_INDENT = 36.0
"""Points from the box's text edge to an agenda row's text: room for the timeline and dots."""
SET_APART = 1.0
"""Space before a paragraph set apart (a break in the agenda), as a share of its size."""
SPACE_BEFORE = 0.35
"""Space before a paragraph (not the first on a slide), as a share of its size."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    bullet: bool = False
    level: int = 0
    bold: bool = False
    italic: bool = False
    small: bool = False
    """A secondary line (label, attribution, clock time) at the small body size."""
    continued: bool = False
    """The rest of a paragraph split across slides: indented like it, without a bullet."""
    note: str = ""
    """Speaker-notes text that goes with this paragraph (never shown on the slide)."""
    marker: str = ""
    """A row of the agenda's timeline: "item" or "break" (a dot on the line is drawn beside
    it; a break is set apart by more space around it)."""
    set_apart: bool = False
    """More space before this paragraph: a break, and the row after one, stand apart."""

    @property
    def indent(self) -> float:
        if self.marker:
            return TIMELINE_INDENT
        return BULLET_INDENT * (self.level + 1) if (self.bullet or self.continued) else 0.0

    def size(self, body_size: float) -> float:
        if not self.small:
            return body_size
        return max(min(body_size, SMALL_BODY_SIZE), body_size - SMALL_STEP)

    def space_before(self, body_size: float) -> float:
        share = SET_APART if self.set_apart else SPACE_BEFORE
        return round(self.size(body_size) * share, 1)


@dataclass(frozen=True)
class TitleOrigin:
    """Where a slide's title text is written in the curriculum (for `voces check`)."""

    document: object
    path: tuple[str | int, ...]


@dataclass(frozen=True)
class Slide:
    number: int
    kind: SlideKind
    title: str
    layout: Role
    paragraphs: tuple[Paragraph, ...]
    notes: str
    agenda_index: int
    scenario_id: str | None = None
    stage_index: int | None = None
    quote_id: str | None = None
    part: int = 1
    parts: int = 1
    title_size: float = 36.0
    body_size: float = 24.0
    body_offset: float = 0.0
    """Points the body text is set down from the top of its box: a slide whose text leaves room
    places it at the box's optical centre (a little above the middle), not in its top third."""
    title_fits: bool = True
    title_origin: TitleOrigin | None = None
    script: tuple[str, ...] = ()
    """What to do and say on this slide (the speaker notes' core, before timing and cues)."""
    quote_refs: tuple[str, ...] = ()
    """Quotes of this case already on an earlier case's slide: the notes point to that slide."""
    image: Image | None = None
    """A picture beside the text (a situation's or a stage's): the text keeps the left part."""
    footer: str = ""
    """Where the slide sits in the day ("Pre-test · 09:15–09:25"); empty on the title slide."""


@dataclass
class SlideDraft:
    """A slide before pagination: its content may need several slides."""

    kind: SlideKind
    title: str
    agenda_index: int
    paragraphs: list[Paragraph]
    layout: Role = "content"
    lead: list[Paragraph] = field(default_factory=list)
    """Paragraphs repeated at the top of every continuation (e.g. the fictional-case label)."""
    notes: list[str] = field(default_factory=list)
    short_title: str = ""
    """Used when `title` does not fit at the smallest title size."""
    scenario_id: str | None = None
    stage_index: int | None = None
    quote_id: str | None = None
    title_origin: TitleOrigin | None = None
    quote_refs: tuple[str, ...] = ()
    image: Image | None = None


@dataclass(frozen=True)
class SlidePlan:
    slides: tuple[Slide, ...]
    theme: DeckTheme

    def slides_for(self, agenda_index: int) -> list[Slide]:
        return [s for s in self.slides if s.agenda_index == agenda_index]

    def first_slide(self, agenda_index: int) -> Slide | None:
        found = self.slides_for(agenda_index)
        return found[0] if found else None

    def of_kind(self, kind: SlideKind, scenario_id: str | None = None) -> list[Slide]:
        return [s for s in self.slides
                if s.kind == kind and (scenario_id is None or s.scenario_id == scenario_id)]

    def scenario_slides(self, scenario_id: str) -> list[Slide]:
        return [s for s in self.slides if s.scenario_id == scenario_id]

    def stage_slides(self, scenario_id: str, stage_index: int) -> list[Slide]:
        return [s for s in self.of_kind("stage", scenario_id) if s.stage_index == stage_index]

    @staticmethod
    def numbers(slides: Iterable[Slide]) -> str:
        """Slide numbers for print: '5', '5-7' for a run, '5, 8' otherwise."""
        found = sorted({s.number for s in slides})
        if not found:
            return ""
        if found == list(range(found[0], found[-1] + 1)) and len(found) > 1:
            return f"{found[0]}-{found[-1]}"
        return ", ".join(str(n) for n in found)
