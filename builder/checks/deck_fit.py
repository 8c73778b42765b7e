"""Deck fit: every text that becomes a slide title fits its box at the theme's smallest title size.

Measured through the slide plan itself (its titles: `plan_titles`), so the titles checked are
exactly the titles the deck would carry (continuation numbers included), against the
curriculum's theme or the default one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..context import BuildContext
from ..curriculum import Curriculum
from ..findings import Finding, error, warning
from ..formats.deck_plan import plan_titles
from ..layout.pagination import title_excess
from ..model import Module, path_text
from ..positions import place, text_place
from ..themes.deck import SMALLEST_TITLE_SIZE, ThemeError, load_deck_theme
from ..themes.guide import DEFAULT_GUIDE_THEME, guide_theme_problem

TitleKey = tuple[str, tuple[str | int, ...], str]
"""Which text a title-fit finding is about: its file, its path there and the language."""


def check_title_fit(curriculum: Curriculum) -> Iterator[Finding]:
    if not curriculum.modules or not _theme_usable(curriculum):
        return
    yield from first_reports(title_fit_of(curriculum, module) for module in curriculum.modules)


def first_reports(per_module: Iterable[list[tuple[TitleKey, Finding]]]) -> Iterator[Finding]:
    """Each text's finding once, from the first module that shows it (a scenario on two
    agendas is one text to shorten). Apart from `title_fit_of` so that a build can take a
    module's list from the previous build (`check_reuse.py`) and still report the same."""
    reported: set[TitleKey] = set()
    for found in per_module:
        for key, finding in found:
            if key not in reported:
                reported.add(key)
                yield finding


def title_fit_of(curriculum: Curriculum, module: Module) -> list[tuple[TitleKey, Finding]]:
    """The titles of one module's decks that do not fit, in every language, each text once."""
    found: list[tuple[TitleKey, Finding]] = []
    reported: set[TitleKey] = set()
    for lang in curriculum.languages:
        context = BuildContext(curriculum, module, lang, Path())
        plan = plan_titles(context)
        for slide in plan.slides:
            origin = slide.title_origin
            if slide.title_fits or origin is None:
                continue
            key = (curriculum.file_of(origin.document), origin.path, lang)
            if key in reported:
                continue
            reported.add(key)
            cut = title_excess(slide.title, slide.layout, plan.theme)
            where = (text_place(origin.document, origin.path, lang)
                     if origin.path[-1] == lang else place(origin.document, origin.path))
            found.append((key, error(
                curriculum.locate(origin.document, *origin.path),
                f"{where}: the slide title '{slide.title}' does not fit its title box "
                f"even at {SMALLEST_TITLE_SIZE:g} pt; shorten the {lang} text by about "
                f"{cut} character{'s' * (cut != 1)}", "deck.title-fit",
                path_text(origin.path))))
    return found


def check_theme(curriculum: Curriculum) -> Iterator[Finding]:
    if not curriculum.modules:
        return
    context = BuildContext(curriculum, curriculum.modules[0], curriculum.languages[0], Path())
    location = curriculum.locate(curriculum.settings, "theme")
    try:
        theme = load_deck_theme(context.theme_file("deck.pptx"))
    except ThemeError as exc:
        yield error(location, f"theme: {exc}", "deck.theme")
        return
    for missing, used in theme.fallbacks:  # made here only; `voces build` prints the check
        yield warning(location, f"theme: {theme.path.name} has no layout named '{missing}'; "
                      f"those slides use '{used}'", "deck.layout")
    guide_theme = context.theme_file("guide.docx")
    problem = guide_theme_problem(guide_theme) if guide_theme != DEFAULT_GUIDE_THEME else None
    if problem:  # the docx writer would only fail the build on it
        yield error(location, f"theme: guide.docx is not a Word file voces can use ({problem})",
                    "deck.theme")


def _theme_usable(curriculum: Curriculum) -> bool:
    return not any(f.rule == "deck.theme" for f in check_theme(curriculum))


RULES = [check_title_fit, check_theme]
