"""The guide's session plans: one per agenda item, with DO / SAY steps the builder writes from
the structure (which slides to show, the situation, each stage's prompt, the discussion), the
case itself with the facilitator's notes and what to listen for, a What? / So what? / Now what?
debrief, key messages and every grounding quote with its attribution."""

from __future__ import annotations

from collections.abc import Sequence

from ..agenda import schedule
from ..context import BuildContext
from ..fiction import says_fictional
from ..layout.slides import Slide, SlidePlan
from ..locales import Words
from ..model import Scenario
from ..module_view import module_view
from ..office.docx import DocxDocument
from ..office.quotes import write_quote

Step = tuple[str, str]


def slide_plan(context: BuildContext) -> SlidePlan:
    """The deck's own slide plan (computed once per module and language, shared with the deck),
    so every slide number the guide prints is the deck's."""
    from .deck_plan import plan_slides  # the deck's planner measures text: load it lazily

    return plan_slides(context)


def show_step(context: BuildContext, slides: Sequence[Slide]) -> list[Step]:
    """["DO: Show slide 7."], or nothing when no slide goes with this step."""
    if not slides:
        return []
    words = context.words
    numbers = SlidePlan.numbers(slides)
    key = "guide_slide_one" if len(slides) == 1 else "guide_slide_many"
    return [(words("guide_do"), words("guide_step_show", slides=words(key, numbers=numbers)))]


def write_session_plans(document: DocxDocument) -> None:
    context, words = document.context, document.context.words
    entries = schedule(context.curriculum, context.module)
    plan = slide_plan(context)
    document.heading(words("guide_session_plans"), 1, new_page=True)
    for position, entry in enumerate(entries):
        slides = plan.slides_for(entry.index)
        title = context.entry_title(entry)
        document.heading(
            words("guide_session_heading", clock=entry.clock_range, title=title), 2)
        document.labelled(
            words("guide_time_label"),
            f"{entry.clock_range} ({words('minutes_short', n=entry.minutes)})")
        if slides:
            document.labelled(words("guide_agenda_slides") + ": ", plan.numbers(slides))
        if entry.scenario is not None and entry.scenario.audiences:  # who the case is written for
            document.labelled(words("guide_written_for"),
                              audience_names(words, entry.scenario.audiences))
        steps: list[Step] = []
        if position == 0:
            steps += opening_steps(context, slides)
        if entry.kind == "activity" and entry.activity is not None:
            text = context.text(entry.activity.text)
            steps += joined(show_step(context, kinds(slides, "activity")), [
                (words("guide_do"), words("guide_step_activity_text", text=text)
                 if text else words("guide_step_activity_plain"))])
        elif entry.kind == "break":
            steps += joined(show_step(context, kinds(slides, "break")), [
                (words("guide_do"), words("guide_step_break")),
                (words("guide_say"), words("guide_say_break", minutes=entry.minutes))])
        elif entry.scenario is not None:
            steps += scenario_steps(context, entry.scenario, plan)
        if position == len(entries) - 1:
            steps += closing_steps(context, slides)
        document.heading(words("guide_steps"), 3)
        document.labelled_bullets(steps)
        if entry.scenario is not None:
            write_case(document, entry.scenario)


def kinds(slides: Sequence[Slide], *wanted: str) -> list[Slide]:
    return [slide for slide in slides if slide.kind in wanted]


Group = tuple[Sequence[Slide], list[Step]]
"""Steps that go with some slides: "Show slide N" is put before them."""


def in_deck_order(context: BuildContext, groups: Sequence[Group]) -> list[Step]:
    """The groups' steps in the order the deck shows their slides; a group without slides
    stays after the group before it."""
    keyed: list[tuple[int, int, list[Step]]] = []
    last = 0
    for position, (slides, steps) in enumerate(groups):
        if slides:
            last = min(slide.number for slide in slides)
        keyed.append((last, position, joined(show_step(context, slides), steps)))
    return [step for _, _, steps in sorted(keyed, key=lambda g: g[:2]) for step in steps]


def joined(show: list[Step], steps: list[Step]) -> list[Step]:
    """"Show slide 9." and the DO step after it make one step: "DO: Show slide 9. Read …"."""
    if show and steps and steps[0][0] == show[0][0]:
        return [(show[0][0], f"{show[0][1]} {steps[0][1]}"), *steps[1:]]
    return [*show, *steps]


def opening_steps(context: BuildContext, slides: Sequence[Slide]) -> list[Step]:
    words = context.words
    do, say = words("guide_do"), words("guide_say")
    return in_deck_order(context, [
        (kinds(slides, "title"),
         [(do, words("guide_step_open_welcome")), (say, words("guide_say_open"))]),
        (kinds(slides, "content-note"), [(do, words("guide_step_open_content_note"))]),
        (kinds(slides, "ground-rules"), [(do, words("guide_step_open_ground_rules"))]),
        (kinds(slides, "objectives", "agenda"), [(do, words("guide_step_open_objectives"))]),
    ])


def closing_steps(context: BuildContext, slides: Sequence[Slide]) -> list[Step]:
    words = context.words
    do, say = words("guide_do"), words("guide_say")
    return in_deck_order(context, [
        (kinds(slides, "closing-messages"), [(do, words("guide_step_close_messages"))]),
        (kinds(slides, "evaluation"), [(do, words("guide_step_close_evaluation"))]),
        (kinds(slides, "support"),
         [(do, words("guide_step_close_support")), (say, words("guide_say_close"))]),
        (kinds(slides, "sources"), [(do, words("guide_step_close_sources"))]),
    ])


def scenario_steps(context: BuildContext, scenario: Scenario, plan: SlidePlan) -> list[Step]:
    words = context.words
    do, say = words("guide_do"), words("guide_say")
    warning = lowercase_first(context.text(scenario.content_warning))
    groups: list[Group] = [
        (plan.of_kind("section", scenario.id), [
            (do, words("guide_step_scenario_intro", summary=context.text(scenario.summary))),
            (say, words("guide_say_scenario_content", warning=warning)),
        ]),
        (plan.of_kind("situation", scenario.id), [(do, words("guide_step_read_situation"))]),
    ]
    for number, stage in enumerate(scenario.stages, start=1):
        prompt = " ".join([
            words("guide_step_stage", number=number, title=context.text(stage.title)),
            context.text(stage.prompt),
        ])
        steps = [(do, prompt)]
        if number == len(scenario.stages):
            steps.append((do, words("guide_step_groups")))
        groups.append((plan.stage_slides(scenario.id, number - 1), steps))
    earlier = [s for s in plan.of_kind("quote") if s.quote_id in scenario.grounding
               and s.scenario_id != scenario.id]  # one slide per quote: point back to it
    quote_steps = [(do, words("guide_step_quotes"))]
    if earlier:
        key = "guide_slide_one" if len(earlier) == 1 else "guide_slide_many"
        quote_steps.append((do, words("guide_step_quotes_shown", slides=words(
            key, numbers=plan.numbers(earlier)))))
    groups += [
        (plan.of_kind("quote", scenario.id), quote_steps),
        (plan.of_kind("discussion", scenario.id), [(do, words("guide_step_discussion"))]),
        (plan.of_kind("key-messages", scenario.id), [(do, words("guide_step_debrief"))]),
    ]
    return in_deck_order(context, groups)


def audience_names(words: Words, audiences: list[str]) -> str:
    """The professions a case is written for, as the reader's language names them; an id the
    words do not know ("bailiff") as written, its hyphens as spaces."""
    names = words["guide_audience_names"]
    return ", ".join(str(names.get(audience, audience.replace("-", " ")))
                     for audience in audiences)


def lowercase_first(text: str) -> str:
    """"References to abuse." reads on inside a sentence as "references to abuse."."""
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def write_situation(document: DocxDocument, scenario: Scenario) -> None:
    """The situation as participants read it (guide and case sheet alike): the builder's
    "fictional" line only where the situation does not say so itself, then its picture."""
    context = document.context
    situation = context.text(scenario.situation)
    if not says_fictional(context, situation):
        document.paragraph(context.words("guide_fictional_case"), italic=True)
    document.paragraph(situation)
    if scenario.image is not None:
        document.picture(scenario.image)


def write_case(document: DocxDocument, scenario: Scenario) -> None:
    context, words = document.context, document.context.words
    document.heading(words("guide_situation"), 3)
    write_situation(document, scenario)
    if scenario.stages:
        document.heading(words("guide_stages"), 3)
        for number, stage in enumerate(scenario.stages, start=1):
            document.paragraph(
                words("guide_stage_heading", number=number, title=context.text(stage.title)),
                bold=True, keep_with_next=True)
            document.paragraph(context.text(stage.text))
            if stage.image is not None:
                document.picture(stage.image)
            document.labelled(words("guide_prompt"), context.text(stage.prompt))
            if stage.notes is not None:
                document.labelled(words("guide_notes"), context.text(stage.notes))
    document.heading(words("guide_discussion"), 3)
    for discussion in scenario.discussion:
        document.paragraph(context.text(discussion.question), bold=True, keep_with_next=True)
        if discussion.listen_for:
            listen = "; ".join(context.text(point) for point in discussion.listen_for)
            document.labelled(words("guide_listen_for"), listen)
    document.heading(words("guide_debrief"), 3)
    document.labelled_bullets([
        (words("guide_debrief_what"), words("guide_debrief_what_text")),
        (words("guide_debrief_so_what"), words("guide_debrief_so_what_text")),
        (words("guide_debrief_now_what"), words("guide_debrief_now_what_text")),
    ])
    document.heading(words("guide_key_messages"), 3)
    document.bullets(module_view(context).key_messages_of(scenario))
    document.heading(words("guide_grounding_quotes"), 3)
    for quote_id in scenario.grounding:
        write_quote(document, quote_id, facilitator=True)
