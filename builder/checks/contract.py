"""The contract across files: unique ids, file names, references, languages, question shapes."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath

from ..curriculum import Curriculum
from ..findings import Finding, error, warning
from ..model import Module, Question, Scenario, Source, iter_texts, path_text
from ..model_delivery import Delivery
from ..positions import name_items, ordinal, place, split_place
from .scaffold import is_placeholder


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_unique_ids(curriculum: Curriculum) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for document, path, kind, value in _all_ids(curriculum):
        location = curriculum.locate(document, *path)
        if value in seen:
            yield error(location, f"id '{value}' is already used by {seen[value]}; ids must be "
                        "unique across the whole curriculum", "contract.duplicate-id")
        else:
            seen[value] = f"the {kind} at {location}"


def _all_ids(curriculum: Curriculum) -> Iterator[tuple[object, tuple[str | int, ...], str, str]]:
    for source in curriculum.sources:
        yield source, ("id",), "source", source.id
        for i, quote in enumerate(source.quotes):
            yield source, ("quotes", i, "id"), "quote", quote.id
    for scenario in curriculum.scenarios:
        yield scenario, ("id",), "scenario", scenario.id
        for i, objective in enumerate(scenario.objectives):
            yield scenario, ("objectives", i, "id"), "objective", objective.id
        for i, question in enumerate(scenario.questions):
            yield scenario, ("questions", i, "id"), "question", question.id
    for module in curriculum.modules:
        yield module, ("id",), "module", module.id
    for delivery in curriculum.deliveries:
        yield delivery, ("id",), "delivery", delivery.id


def check_file_names(curriculum: Curriculum) -> Iterator[Finding]:
    documents: list[Source | Scenario | Module | Delivery] = [
        *curriculum.sources, *curriculum.scenarios, *curriculum.modules, *curriculum.deliveries]
    for document in documents:
        name = PurePosixPath(curriculum.file_of(document)).name
        suffix = ".yml" if name.endswith(".yml") else ".yaml"  # `.yaml` alone has no suffix
        if name[: -len(suffix)] != document.id:
            yield error(curriculum.locate(document, "id"),
                        f"file {name} holds id '{document.id}'; name the file "
                        f"{document.id}{suffix} or change the id", "contract.file-name")


def check_references(curriculum: Curriculum) -> Iterator[Finding]:
    quote_ids = [q.id for _, q in curriculum.quotes()]
    scenario_ids = [s.id for s in curriculum.scenarios]

    def unknown_quotes(document: Scenario, ids: list[str], *path: str | int) -> Iterator[Finding]:
        for i, quote_id in enumerate(ids):
            if quote_id not in quote_ids and not curriculum.is_broken(quote_id, "sources") \
                    and not is_placeholder(quote_id):
                spoken = [q.id for _, q in curriculum.quotes() if q.speaker == quote_id]
                hint = (f"; '{quote_id}' is a speaker's code, not a quote id: use one of that "
                        f"speaker's quotes, {', '.join(spoken)}" if spoken else
                        f"{_suggest(quote_id, quote_ids)}; use the id of a quote in sources/")
                yield error(curriculum.locate(document, *path, i),
                            f"{place(document, path)}, the {ordinal(i + 1)} id: no quote has id "
                            f"'{quote_id}'{hint}", "contract.reference", path_text((*path, i)))

    for scenario in curriculum.scenarios:
        yield from unknown_quotes(scenario, scenario.grounding, "grounding")
        objective_ids = [o.id for o in scenario.objectives]
        for q, question in enumerate(scenario.questions):
            if question.grounding:
                yield from unknown_quotes(scenario, question.grounding, "questions", q, "grounding")
            if question.objective not in objective_ids:
                yield error(curriculum.locate(scenario, "questions", q, "objective"),
                            f"{place(scenario, ('questions', q, 'objective'))}: "
                            f"'{question.objective}' is not an objective of this scenario"
                            f"{_suggest(question.objective, objective_ids)}; use one of "
                            f"{', '.join(objective_ids)}", "contract.reference",
                            f"questions[{q}].objective")
    for module in curriculum.modules:
        for i, item in enumerate(module.agenda):
            if item.scenario and item.scenario not in scenario_ids \
                    and not curriculum.is_broken(item.scenario, "scenarios") \
                    and not is_placeholder(item.scenario):
                yield error(curriculum.locate(module, "agenda", i, "scenario"),
                            f"{place(module, ('agenda', i, 'scenario'))}: no scenario has id "
                            f"'{item.scenario}'{_suggest(item.scenario, scenario_ids)}; use the "
                            "id of a file in scenarios/", "contract.reference",
                            f"agenda[{i}].scenario")
    theme = curriculum.settings.theme
    if theme != "default" and not (curriculum.root / theme).is_dir():
        yield error(curriculum.locate(curriculum.settings, "theme"),
                    f"theme: no folder '{theme}' next to curriculum.yaml; name a folder holding "
                    "deck.pptx and/or guide.docx, or write default", "contract.reference")


def check_languages(curriculum: Curriculum) -> Iterator[Finding]:
    languages = curriculum.languages
    fallback = curriculum.settings.fallback
    documents: list[object] = [
        curriculum.settings, *curriculum.scenarios, *curriculum.modules, *curriculum.deliveries]
    for document in documents:
        for path, text in iter_texts(document):
            missing = [lang for lang in languages if lang not in text and not fallback]
            foreign = [lang for lang in text if lang not in languages]
            if not missing and not foreign:
                continue  # named only when wrong: naming the position walks the document
            where, field = split_place(document, path)
            prefix = f"{where}: " if where else ""
            what = field or "text"
            for lang in missing:
                yield error(curriculum.locate(document, *path),
                            f"{prefix}the '{lang}' {what} is missing; write it as a map "
                            f"of every language, {_map_to_write(text, languages)}, or set "
                            "fallback: true in curriculum.yaml", "contract.language",
                            path_text(path))
            for lang in foreign:
                hint = _language_hint(lang, text, languages)
                yield warning(curriculum.locate_key(document, *path, lang),
                              f"{prefix}{what}: text in '{lang}', which curriculum.yaml "
                              f"does not list in languages{hint}; it is never built",
                              "contract.language", path_text((*path, lang)))
    for source in curriculum.sources:
        for i, quote in enumerate(source.quotes):
            for lang in languages:
                if lang != source.language and lang not in quote.translations and not fallback:
                    yield error(curriculum.locate(source, "quotes", i),
                                f"{name_items(source, ('quotes', i))}: no {lang} translation; "
                                f"add translations: {{{lang}: {{text: ..., translator: ...}}}}",
                                "contract.language", path_text(("quotes", i)))


_MISNAMED_LANGUAGES = {"sp": "es", "spa": "es", "esp": "es", "eng": "en", "uk": "en",
                       "fre": "fr", "fra": "fr", "ger": "de", "deu": "de", "por": "pt",
                       "br": "pt", "jp": "ja", "cn": "zh", "gr": "el"}


def _language_hint(lang: str, text: Mapping[str, str], languages: list[str]) -> str:
    """" (did you mean 'es'?)" for a language key written wrongly ('sp', 'ES', 'spa')."""
    missing = [known for known in languages if known not in text]
    guess = _MISNAMED_LANGUAGES.get(lang.lower(), lang.lower())
    if guess not in missing:
        close = difflib.get_close_matches(lang.lower(), missing, n=1, cutoff=0.5)
        guess = close[0] if close else ""
    return f" (did you mean '{guess}'?)" if guess in missing else ""


def _map_to_write(text: Mapping[str, str], languages: list[str]) -> str:
    """{en: The examination, es: ...}: the text's own words where it has them."""
    parts = []
    for lang in languages:
        words = " ".join(text.get(lang, "...").split())
        parts.append(f"{lang}: {words if len(words) <= 30 else words[:29] + '…'}")
    return "{" + ", ".join(parts) + "}"


_TYPE_FIELDS = {
    "single": ("options",),
    "multiple": ("options",),
    "true-false": ("answer", "feedback_true", "feedback_false"),
    "matching": ("pairs",),
}
_TYPED_FIELDS = ("options", "answer", "feedback_true", "feedback_false", "pairs")


def check_question_shapes(curriculum: Curriculum) -> Iterator[Finding]:
    for scenario in curriculum.scenarios:
        for q, question in enumerate(scenario.questions):
            yield from _question_shape(curriculum, scenario, q, question)


def _question_shape(
    curriculum: Curriculum, scenario: Scenario, q: int, question: Question
) -> Iterator[Finding]:
    needed = _TYPE_FIELDS[question.type]
    missing = [f"'{name}'" for name in needed if getattr(question, name) is None]
    if missing:
        listed = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1
                              else missing)
        yield error(curriculum.locate(scenario, "questions", q),
                    f"{place(scenario, ('questions', q))}: a {question.type} question needs "
                    f"{listed}", "contract.required", f"questions[{q}]")
    for name in _TYPED_FIELDS:
        if name not in needed and getattr(question, name) is not None:
            yield error(curriculum.locate_key(scenario, "questions", q, name),
                        f"{place(scenario, ('questions', q, name))}: a {question.type} "
                        f"question has no '{name}'; remove it or change the type",
                        "contract.value", f"questions[{q}].{name}")


def check_settings(curriculum: Curriculum) -> Iterator[Finding]:
    settings = curriculum.settings
    try:
        re.compile(settings.speaker_pattern)
    except re.error as exc:
        yield error(curriculum.locate(settings, "speaker_pattern"),
                    f"speaker_pattern: not a valid regular expression ({exc})", "contract.value")
    seen: set[str] = set()
    for i, lang in enumerate(settings.languages):
        if lang in seen:
            yield error(curriculum.locate(settings, "languages", i),
                        f"{place(settings, ('languages', i))}: '{lang}' is listed twice",
                        "contract.value", f"languages[{i}]")
        seen.add(lang)
    for module in curriculum.modules:
        forms = module.quiz.forms
        for i, form in enumerate(forms):
            if forms.index(form) != i:
                yield error(curriculum.locate(module, "quiz", "forms", i),
                            f"{place(module, ('quiz', 'forms', i))}: form '{form}' is listed "
                            "twice", "contract.value", f"quiz.forms[{i}]")


RULES = [
    check_unique_ids,
    check_file_names,
    check_references,
    check_languages,
    check_question_shapes,
    check_settings,
]
