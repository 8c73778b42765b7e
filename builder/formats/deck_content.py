"""What each slide says, in order (issue 3's sequence), before it is measured and paginated.

Opening slides (title, content note, ground rules, objectives, agenda) belong to the first agenda
item; then each item's own slides; closing slides (key messages of the day, support, evaluation,
sources) belong to the last. Facilitator-only text (stage notes, what to listen for) goes to the
speaker notes only; quiz answers and feedback, and restricted quotes, go nowhere.
"""

from __future__ import annotations

from typing import Any

from ..agenda import AgendaEntry, schedule
from ..context import BuildContext
from ..fiction import says_fictional
from ..layout.slides import Paragraph, Slide, SlideDraft, TitleOrigin
from ..model import Scenario, Source
from ..module_view import CitedQuote, ModuleView, module_view
from ..paragraphs import flatten, split_paragraphs


def draft_slides(context: BuildContext) -> list[SlideDraft]:
    entries = schedule(context.curriculum, context.module)
    drafts = _opening(context, entries)
    scenario_number = 0
    shown_quotes: set[str] = set()  # one slide per quote per deck
    for entry in entries:
        if entry.kind == "scenario" and entry.scenario is not None:
            scenario_number += 1
            drafts += _scenario(context, entry, entry.scenario, scenario_number, shown_quotes)
        elif entry.kind == "activity" and entry.activity is not None:
            drafts.append(_activity(context, entry))
        elif entry.kind == "break":
            drafts.append(_break(context, entry))
    drafts += _closing(context, len(entries) - 1)
    return drafts


def _plain(text: str, **style: Any) -> list[Paragraph]:
    return [Paragraph(part, **style) for part in split_paragraphs(text)]


def _bullets(texts: list[str]) -> list[Paragraph]:
    return [Paragraph(flatten(t), bullet=True) for t in texts if t.strip()]


def _script(context: BuildContext, key: str, **values: object) -> list[str]:
    return [line for line in context.words(key, **values).split("\n") if line.strip()]


# --- opening -----------------------------------------------------------------------------


def _opening(context: BuildContext, entries: list[AgendaEntry]) -> list[SlideDraft]:
    words, module, settings = context.words, context.module, context.curriculum.settings
    title = SlideDraft(
        "title", context.text(module.title), 0, layout="title",
        paragraphs=[
            Paragraph(context.text(module.audience)),
            Paragraph(words("deck_title_details", minutes=module.duration,
                            organisation=settings.organisation), small=True),
            Paragraph(words("deck_version", version=settings.version), small=True),
        ],
        notes=_script(context, "deck_notes_title"),
        title_origin=TitleOrigin(module, ("title", context.lang)),
    )
    view = module_view(context)
    warnings = list(view.content_warnings)
    support = "; ".join(words("deck_support_row", name=r.name, contact=r.contact)
                        for r in settings.support)
    content_note = SlideDraft(
        "content-note", words("deck_content_note_title"), 0,
        paragraphs=[
            Paragraph(words("deck_content_note_intro")),
            *_bullets(warnings or [words("deck_content_note_general")]),
            Paragraph(words("deck_content_note_step_out"), bold=True),
            Paragraph(words("deck_content_note_support", support=support)),
        ],
        notes=_script(context, "deck_notes_content_note"),
    )
    ground_rules = SlideDraft(
        "ground-rules", words("deck_ground_rules_title"), 0,
        paragraphs=_bullets([str(rule) for rule in words["ground_rules"]]),
        notes=_script(context, "deck_notes_ground_rules"),
    )
    objectives = [objective.text for objective in view.objectives]
    objectives_slide = SlideDraft(
        "objectives", words("deck_objectives_title"), 0,
        paragraphs=[Paragraph(words("deck_objectives_intro"))] + _bullets(objectives)
        if objectives else _plain(context.text(module.overview)),
        notes=_script(context, "deck_notes_objectives"),
    )
    agenda = SlideDraft(
        "agenda", words("agenda"), 0,
        paragraphs=[Paragraph(words("deck_agenda_row", clock=e.clock_range,
                                    title=context.entry_title(e), minutes=e.minutes),
                              marker="break" if e.kind == "break" else "item",
                              italic=e.kind == "break",
                              set_apart=e.kind == "break" or (
                                  i > 0 and entries[i - 1].kind == "break"))
                    for i, e in enumerate(entries)],
        notes=_script(context, "deck_notes_agenda"),
    )
    return [title, content_note, ground_rules, objectives_slide, agenda]


# --- agenda items ------------------------------------------------------------------------


def _scenario(context: BuildContext, entry: AgendaEntry, scenario: Scenario, number: int,
              shown_quotes: set[str]) -> list[SlideDraft]:
    words, index = context.words, entry.index
    name = context.text(scenario.title)
    origin = TitleOrigin(scenario, ("title", context.lang))

    def labelled(key: str) -> tuple[str, str]:
        return (words(f"deck_{key}_title", title=name),
                words(f"deck_{key}_short", number=number))

    drafts = [SlideDraft(
        "section", name, index, layout="section", scenario_id=scenario.id, title_origin=origin,
        paragraphs=[
            Paragraph(words("deck_section_details", number=number, clock=entry.clock_range,
                            minutes=entry.minutes), small=True),
            *_plain(context.text(scenario.summary)),
            Paragraph(words("deck_section_warning",
                            warning=context.text(scenario.content_warning)), small=True),
        ],
        notes=_script(context, "deck_notes_section"),
    )]
    title, short = labelled("situation")
    situation = context.text(scenario.situation)
    drafts.append(SlideDraft(
        "situation", title, index, short_title=short, scenario_id=scenario.id,
        title_origin=origin,
        lead=[] if says_fictional(context, situation) else [
            Paragraph(words("deck_fictional_case"), italic=True, small=True)],
        paragraphs=_plain(situation), image=scenario.image,
        notes=_script(context, "deck_notes_situation"),
    ))
    for k, stage in enumerate(scenario.stages):
        notes = _script(context, "deck_notes_stage")
        if stage.notes is not None and context.text(stage.notes):
            notes.append(words("deck_notes_facilitator", notes=context.text(stage.notes)))
        drafts.append(SlideDraft(
            "stage", context.text(stage.title), index, scenario_id=scenario.id, stage_index=k,
            title_origin=TitleOrigin(scenario, ("stages", k, "title", context.lang)),
            lead=[Paragraph(words("deck_stage_of", number=k + 1, stages=len(scenario.stages)),
                            small=True)],
            image=stage.image,
            paragraphs=[*_plain(context.text(stage.text)),
                        Paragraph(words("deck_stage_prompt", prompt=context.text(stage.prompt)),
                                  bold=True)],
            notes=notes,
        ))
    view = module_view(context)
    shown_before: list[str] = []  # on an earlier case's slide: the notes point back to it
    for quote_id in scenario.grounding:
        cited = view.quote(quote_id)
        if cited is not None and cited.public:
            if quote_id in shown_quotes:
                shown_before.append(quote_id)
            elif on_slide(context, cited):
                drafts.append(_quote(context, index, scenario, cited))
                shown_quotes.add(quote_id)
    title, short = labelled("discussion")
    drafts.append(SlideDraft(
        "discussion", title, index, short_title=short, scenario_id=scenario.id,
        title_origin=origin, quote_refs=tuple(shown_before),
        paragraphs=[
            Paragraph(words("deck_numbered", n=q + 1, text=context.text(item.question)),
                      note=_listen_for(context, q, item.listen_for))
            for q, item in enumerate(scenario.discussion)],
        notes=_script(context, "deck_notes_discussion"),
    ))
    title, short = labelled("key_messages")
    drafts.append(SlideDraft(
        "key-messages", title, index, short_title=short, scenario_id=scenario.id,
        title_origin=origin,
        paragraphs=_bullets(list(view.key_messages_of(scenario))),
        notes=_script(context, "deck_notes_key_messages"),
    ))
    return drafts


def _listen_for(context: BuildContext, q: int, points: list) -> str:  # type: ignore[type-arg]
    texts = [context.text(p) for p in points if context.text(p)]
    if not texts:
        return ""
    return context.words("deck_notes_listen_for", n=q + 1, points="; ".join(texts))


def on_slide(context: BuildContext, cited: CitedQuote) -> bool:
    """A public quote goes on a slide in the deck's language, or as published when `fallback:`
    lets a text stand in another language."""
    return cited.public and (cited.in_language or context.curriculum.settings.fallback)


def _quote(context: BuildContext, index: int, scenario: Scenario, cited: CitedQuote
           ) -> SlideDraft:
    words, source, quote = context.words, cited.source, cited.quote
    attribution = words(
        "deck_quote_attribution", speaker=quote.speaker, role=words(f"guide_role_{quote.role}"),
        assigned=words("deck_quote_assigned") if quote.assigned_code else "", short=source.short)
    if cited.translated:
        attribution = words("deck_quote_translated", attribution=attribution,
                            translation=words("deck_translation"))
    return SlideDraft(
        "quote", words("deck_quote_title", speaker=quote.speaker), index, layout="quote",
        scenario_id=scenario.id, quote_id=quote.id,
        paragraphs=[*_plain(words("deck_quote_marks", text=cited.text), italic=True),
                    Paragraph(attribution, small=True)],
        notes=_script(context, "deck_notes_quote", citation=source.citation),
    )


def _activity(context: BuildContext, entry: AgendaEntry) -> SlideDraft:
    activity = entry.activity
    assert activity is not None
    details = Paragraph(context.words("deck_item_details", clock=entry.clock_range,
                                      minutes=entry.minutes), small=True)
    index = entry.index
    return SlideDraft(
        "activity", context.text(activity.title), index,
        title_origin=TitleOrigin(context.module, ("agenda", index, "activity", "title",
                                                  context.lang)),
        paragraphs=[details, *_plain(context.text(activity.text))],
        notes=_script(context, "deck_notes_activity"),
    )


def _break(context: BuildContext, entry: AgendaEntry) -> SlideDraft:
    words = context.words
    end = entry.clock_range.split("–")[-1]
    return SlideDraft(
        "break", words("deck_break_title", end=end), entry.index, layout="section",
        paragraphs=[Paragraph(words("deck_break_text", minutes=entry.minutes, end=end)),
                    Paragraph(words("deck_break_wellbeing"), small=True)],
        notes=_script(context, "deck_notes_break", end=end),
    )


# --- closing -----------------------------------------------------------------------------


def _closing(context: BuildContext, last: int) -> list[SlideDraft]:
    words, settings = context.words, context.curriculum.settings
    view = module_view(context)
    messages = list(view.key_messages)
    support = []
    for resource in settings.support:
        line = words("deck_support_row", name=resource.name, contact=resource.contact)
        if resource.description is not None and context.text(resource.description):
            line = words("deck_support_row_described", row=line,
                         description=context.text(resource.description))
        support.append(line)
    evaluation = [Paragraph(str(line)) for line in words["deck_evaluation_lines"]]
    if "post" in context.module.quiz.forms:
        evaluation.append(Paragraph(words("deck_evaluation_post_test"), bold=True))
    cited = _cited_sources(context, view)
    sources = (_bullets([s.citation for s in cited]) + [
        Paragraph(words("deck_sources_ethics"), small=True)]) if cited else [
        Paragraph(words("deck_sources_none"))]
    return [
        SlideDraft("closing-messages", words("deck_closing_messages_title"), last,
                   paragraphs=_bullets(messages) or [Paragraph(context.text(
                       context.module.overview))],
                   notes=_script(context, "deck_notes_closing_messages")),
        SlideDraft("support", words("deck_support_title"), last,
                   paragraphs=[Paragraph(words("deck_support_intro")), *_bullets(support)],
                   notes=_script(context, "deck_notes_support")),
        SlideDraft("evaluation", words("deck_evaluation_title"), last, paragraphs=evaluation,
                   notes=_script(context, "deck_notes_evaluation")),
        SlideDraft("sources", words("deck_sources_title"), last, paragraphs=sources,
                   notes=_script(context, "deck_notes_sources")),
    ]


def _cited_sources(context: BuildContext, view: ModuleView) -> list[Source]:
    """Public sources with a quote on a slide of this deck, in order of first use."""
    cited: dict[str, Source] = {}
    for quote in view.public_quotes:
        if on_slide(context, quote):
            cited.setdefault(quote.source.id, quote.source)
    return list(cited.values())


# --- speaker notes -----------------------------------------------------------------------


def slide_notes(context: BuildContext, slide: Slide, slides: list[Slide]) -> str:
    """Timing, what to do and say, facilitator notes and cues, the quotes shown on an earlier
    case's slide, and the transition."""
    words = context.words
    following = slides[slide.number] if slide.number < len(slides) else None
    entries = schedule(context.curriculum, context.module)
    entry = entries[slide.agenda_index]
    lines = [words("deck_notes_timing", clock=entry.clock_range, minutes=entry.minutes,
                   item=context.entry_title(entry), number=slide.number)]
    if slide.part > 1:
        lines.append(words("deck_notes_continued", part=slide.part, parts=slide.parts))
    else:
        lines += slide.script
    lines += [p.note for p in slide.paragraphs if p.note]
    if slide.part == 1:
        for quote_id in slide.quote_refs:
            shown = next(s for s in slides if s.kind == "quote" and s.quote_id == quote_id)
            cited = module_view(context).quote(quote_id)
            speaker = cited.quote.speaker if cited is not None else quote_id
            lines.append(words("deck_notes_quote_shown", speaker=speaker, number=shown.number))
    if following is None:
        lines.append(words("deck_notes_end"))
    else:
        lines.append(words("deck_notes_next", title=following.title))
    return "\n".join(lines)
