"""One module in one language as every format shows it, computed once per (module, language).

The deck, the guide, the handout and the notice (and `voces serve`, which runs their code) read
the module's objectives with the quiz items that assess them, its key messages and content
warnings, and the quotes it cites from here instead of each walking the scenarios again, so
they cannot drift apart:

- `objectives`: each objective of each scenario on the agenda, in agenda order, with its text in
  this language and the quiz items that assess it (the guide's objectives and traceability
  tables, the handout's and the deck's objective lists);
- `key_messages`, `content_warnings` (and `key_messages_of(scenario)`): de-duplicated by one
  rule, `once_each`, in every format;
- `quote(id)`: a cited quote with its text in this language and what that text is (as
  published, or translated and by whom); `cited_quote_ids` is every quote the module cites,
  `public_quotes` those of its scenarios that participants may read.

The parts are computed when first asked for, so a format reads only the parts it shows: the
build plan (plan.py) fingerprints what a format declares it reads, and a view that read the
sources for a format that never shows a quote would make that format depend on more than it
declares.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from .context import BuildContext
from .model import Objective, Quote, Scenario, Source
from .paragraphs import flatten
from .quiz import QuizItem, quiz_items


def once_each(texts: Iterable[str]) -> tuple[str, ...]:
    """The one de-duplication rule of every format: each text as it is printed (white space
    folded, `paragraphs.flatten`), leaving out an empty one and one that reads the same as an
    earlier one; the first keeps its place."""
    return tuple(dict.fromkeys(text for text in map(flatten, texts) if text))


@dataclass(frozen=True)
class AssessedObjective:
    """An objective of a scenario on the agenda, and the quiz items that assess it."""

    objective: Objective
    scenario: Scenario
    text: str
    """In the build's language."""
    items: tuple[QuizItem, ...]

    @property
    def id(self) -> str:
        return self.objective.id

    @property
    def item_ids(self) -> list[str]:
        return [item.id for item in self.items]

    @property
    def quote_ids(self) -> list[str]:
        """The scenario's grounding quotes, then its items' own, once each."""
        return list(dict.fromkeys(
            [*self.scenario.grounding, *(q for item in self.items for q in item.grounding)]))


@dataclass(frozen=True)
class CitedQuote:
    """A quote the module cites, and its text in the build's language."""

    source: Source
    quote: Quote
    text: str
    """As published when the source is in the build's language or no translation into it is
    stored; else the stored translation."""
    in_language: bool
    """`text` reads in the build's language: published in it, or translated into it."""
    translator: str | None = None
    """Who translated `text` into the build's language; None when it stands as published."""

    @property
    def id(self) -> str:
        return self.quote.id

    @property
    def public(self) -> bool:
        """Participants may read it; a restricted quote is for facilitators only."""
        return self.source.access == "public"

    @property
    def translated(self) -> bool:
        """`text` is a translation of what was said: ours (`translator`), or the source's own,
        published in another language than the speakers' (`original_language`)."""
        original = self.source.original_language
        return self.translator is not None or original not in (None, self.source.language)


def cited_quote(source: Source, quote: Quote, lang: str) -> CitedQuote:
    """The quote's text in `lang`: as published when the source is in `lang`, else its stored
    translation, else as published (`in_language` False: the deck leaves it out unless
    `fallback:` is on; the documents print it with a note)."""
    if source.language == lang:
        return CitedQuote(source, quote, quote.text, in_language=True)
    translation = quote.translations.get(lang)
    if translation is not None:
        return CitedQuote(source, quote, translation.text, in_language=True,
                          translator=translation.translator)
    return CitedQuote(source, quote, quote.text, in_language=False)


class ModuleView:
    """What the formats show of `context.module` in `context.lang` (see the module's docstring);
    use `module_view(context)`, which makes one per build context."""

    def __init__(self, context: BuildContext) -> None:
        self._context = context
        self._quotes: dict[str, CitedQuote | None] = {}

    @cached_property
    def scenarios(self) -> tuple[Scenario, ...]:
        """The scenarios on the agenda, in agenda order."""
        context = self._context
        return tuple(context.curriculum.scenarios_of(context.module))

    @cached_property
    def objectives(self) -> tuple[AssessedObjective, ...]:
        context = self._context
        items = quiz_items(context)
        return tuple(
            AssessedObjective(objective, scenario, context.text(objective.text),
                              tuple(item for item in items if item.objective.id == objective.id))
            for scenario in self.scenarios for objective in scenario.objectives)

    @cached_property
    def key_messages(self) -> tuple[str, ...]:
        """Every scenario's key messages, once each: the module's messages of the day."""
        return once_each(self._context.text(message) for scenario in self.scenarios
                         for message in scenario.key_messages)

    def key_messages_of(self, scenario: Scenario) -> tuple[str, ...]:
        """One scenario's key messages, by the same rule."""
        return once_each(self._context.text(message) for message in scenario.key_messages)

    @cached_property
    def content_warnings(self) -> tuple[str, ...]:
        """Every scenario's content warning, once each."""
        return once_each(self._context.text(scenario.content_warning)
                         for scenario in self.scenarios)

    @cached_property
    def cited_quote_ids(self) -> tuple[str, ...]:
        """Every quote the scenarios and their questions cite, once each, in agenda order;
        restricted ones too (the guide's list of sources)."""
        cited: list[str] = []
        for scenario in self.scenarios:
            cited += scenario.grounding
            for question in scenario.questions:
                cited += question.grounding or []
        return tuple(dict.fromkeys(cited))

    @cached_property
    def public_quotes(self) -> tuple[CitedQuote, ...]:
        """The public quotes the scenarios ground on, once each, in agenda order: what
        participants may read (the deck's quote slides, the handout's voices)."""
        grounding = dict.fromkeys(quote_id for scenario in self.scenarios
                                  for quote_id in scenario.grounding)
        found = (self.quote(quote_id) for quote_id in grounding)
        return tuple(quote for quote in found if quote is not None and quote.public)

    def quote(self, quote_id: str) -> CitedQuote | None:
        """The cited quote in this language; None when no source holds it."""
        if quote_id not in self._quotes:
            context = self._context
            located = context.curriculum.quote(quote_id)
            self._quotes[quote_id] = (
                None if located is None else cited_quote(*located, context.lang))
        return self._quotes[quote_id]


def module_view(context: BuildContext) -> ModuleView:
    """The view of the context's module and language, made once and shared by its formats."""
    return context.remember("module_view", lambda: ModuleView(context))
