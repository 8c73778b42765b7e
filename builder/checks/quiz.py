"""Quiz items: option counts, keys, pairs, feedback, no "all/none of the above", every objective
assessed; negative stems and objectives without a measurable verb are warnings.

The item-writing rules follow Haladyna, Downing & Rodriguez (2002), as domain.md summarises them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..curriculum import Curriculum
from ..findings import Finding, error, warning
from ..model import Question, Scenario, Text, path_text
from ..positions import ordinal, place, text_place
from .measurable_verbs import AVOIDED_VERBS, MEASURABLE_VERBS

MIN_SINGLE_OPTIONS = 3
MIN_PAIRS = 3

# "All/none of the above" (and their kin) let a test-wise guess score; Spanish and English.
_CATCH_ALL = re.compile(
    r"\b(?:all|none|both|neither)(?: of)?(?: the| these)?(?: (?:options|answers|choices))? above\b"
    r"|\bboth [a-e] and [a-e]\b"
    r"|\b(?:todas|todos|ninguna|ninguno|ambas|ambos|las dos|los dos)(?: de)?(?: las| los)?"
    r"(?: (?:opciones|respuestas|alternativas))? (?:anteriores|de arriba)\b"
    # Without "above", only when they are the whole option: "Inform all of them" is an answer.
    r"|^\s*(?:all|none|both|neither) of (?:these|them|the options)\s*\.?\s*$"
    r"|^\s*(?:todas|ninguna|ambas) (?:de )?(?:estas|ellas|las opciones)\s*\.?\s*$",
    re.IGNORECASE,
)
# A negative in capitals is what test-takers misread; lower-case negatives are left alone.
_NEGATIVE = re.compile(r"(?<![\w])(NOT|EXCEPT|NEVER|NO|EXCEPTO|NUNCA|JAMÁS|SALVO)(?![\w])")
_FIRST_WORD = re.compile(r"\w+", re.UNICODE)


def _questions(curriculum: Curriculum) -> Iterator[tuple[Scenario, int, Question]]:
    for scenario in curriculum.scenarios:
        for q, question in enumerate(scenario.questions):
            yield scenario, q, question


def check_option_keys(curriculum: Curriculum) -> Iterator[Finding]:
    for scenario, q, question in _questions(curriculum):
        options = question.options
        if options is None or question.type not in ("single", "multiple"):
            continue
        location = curriculum.locate(scenario, "questions", q, "options")
        where = place(scenario, ("questions", q, "options"))
        yaml_path = f"questions[{q}].options"
        correct = sum(option.correct for option in options)
        if question.type == "single":
            if len(options) < MIN_SINGLE_OPTIONS:
                yield error(location, f"{where}: a single-answer question needs at least "
                            f"{MIN_SINGLE_OPTIONS} options, not {len(options)}; add plausible "
                            "distractors drawn from real mistakes", "quiz.options-count", yaml_path)
            if correct == 0:
                yield error(location, f"{where}: a single-answer question needs exactly one "
                            "correct option, and none is marked; add correct: true to the key",
                            "quiz.single-key", yaml_path)
            elif correct > 1:
                yield error(location, f"{where}: a single-answer question needs exactly one "
                            f"correct option, and {correct} are marked; keep correct: true on "
                            "one, or make it type: multiple", "quiz.single-key", yaml_path)
        elif correct == 0:
            yield error(location, f"{where}: a multiple-answer question needs at least one "
                        "correct option; add correct: true to each right answer",
                        "quiz.multiple-key", yaml_path)
        elif correct == len(options):
            yield error(location, f"{where}: a multiple-answer question needs at least one "
                        "option that is not correct; add a plausible distractor",
                        "quiz.multiple-key", yaml_path)


def check_pairs(curriculum: Curriculum) -> Iterator[Finding]:
    for scenario, q, question in _questions(curriculum):
        pairs = question.pairs
        if pairs is None or question.type != "matching":
            continue
        if len(pairs) < MIN_PAIRS:
            yield error(curriculum.locate(scenario, "questions", q, "pairs"),
                        f"{place(scenario, ('questions', q, 'pairs'))}: a matching question "
                        f"needs at least {MIN_PAIRS} pairs, not {len(pairs)}; add pairs",
                        "quiz.pairs", f"questions[{q}].pairs")
        for side in ("left", "right"):
            seen: dict[tuple[str, str], int] = {}
            for p, pair in enumerate(pairs):
                text: Text = getattr(pair, side)
                for lang, value in text.items():
                    first = seen.setdefault((lang, _normal(value)), p)
                    path = ("questions", q, "pairs", p, side, lang)
                    if first != p:
                        yield error(curriculum.locate(scenario, *path),
                                    f"{text_place(scenario, path, lang)}: the same text as the "
                                    f"{side} of the {ordinal(first + 1)} pair; every {side} "
                                    "entry must differ", "quiz.pairs", path_text(path))
                    if side == "left" and "->" in value:
                        yield error(curriculum.locate(scenario, *path),
                                    f"{text_place(scenario, path, lang)}: '->' cannot be written "
                                    "in a matching question of a GIFT file; reword it (for "
                                    "example with '→')", "quiz.pairs", path_text(path))


def check_feedback(curriculum: Curriculum) -> Iterator[Finding]:
    """One text given to every answer is general feedback: it cannot say why each one is right
    or wrong. (That every option has feedback at all, the contract already requires.)"""
    for scenario, q, question in _questions(curriculum):
        if question.type in ("single", "multiple") and question.options:
            for lang in question.options[0].feedback:
                texts = {_normal(option.feedback.get(lang, "")) for option in question.options}
                if len(texts) == 1:
                    yield warning(curriculum.locate(scenario, "questions", q, "options"),
                                  f"{place(scenario, ('questions', q, 'options'))}: every "
                                  f"option has the same {lang} feedback; say why each option "
                                  "is right or wrong", "quiz.feedback", f"questions[{q}].options")
        if question.type == "true-false" and question.feedback_true and question.feedback_false:
            for lang, value in question.feedback_false.items():
                if _normal(question.feedback_true.get(lang, "")) == _normal(value):
                    path = ("questions", q, "feedback_false", lang)
                    yield warning(curriculum.locate(scenario, *path),
                                  f"{text_place(scenario, path, lang)}: the same as the "
                                  "feedback_true; say why each answer is right or wrong",
                                  "quiz.feedback", path_text(path))


def check_catch_all_options(curriculum: Curriculum) -> Iterator[Finding]:
    for scenario, q, question in _questions(curriculum):
        for o, option in enumerate(question.options or []):
            for lang, value in option.text.items():
                found = _CATCH_ALL.search(value)
                if found:
                    path = ("questions", q, "options", o, "text", lang)
                    yield error(curriculum.locate(scenario, *path),
                                f"{text_place(scenario, path, lang)}: '{found.group(0)}' lets a "
                                "test-wise guess score; write a plausible distractor instead",
                                "quiz.all-none-of-the-above", path_text(path))


def check_objectives_assessed(curriculum: Curriculum) -> Iterator[Finding]:
    for scenario in curriculum.scenarios:
        assessed = {question.objective for question in scenario.questions}
        if assessed - {objective.id for objective in scenario.objectives}:
            continue  # a question names an unknown objective: one message (contract.reference)
        for i, objective in enumerate(scenario.objectives):
            if objective.id not in assessed:
                yield error(curriculum.locate(scenario, "objectives", i),
                            f"{place(scenario, ('objectives', i))}: assessed by no quiz item; "
                            f"add a question with objective: {objective.id}",
                            "quiz.objective-assessed", f"objectives[{i}]")


def check_negative_stems(curriculum: Curriculum) -> Iterator[Finding]:
    for scenario, q, question in _questions(curriculum):
        for lang, value in question.stem.items():
            found = _NEGATIVE.search(value)
            if found:
                path = ("questions", q, "stem", lang)
                yield warning(curriculum.locate(scenario, *path),
                              f"{text_place(scenario, path, lang)}: '{found.group(1)}' in "
                              "capitals makes a negative stem, which test-takers misread; ask "
                              "for the right action instead", "quiz.negative-stem",
                              path_text(path))


def check_measurable_verbs(curriculum: Curriculum) -> Iterator[Finding]:
    for scenario in curriculum.scenarios:
        for i, objective in enumerate(scenario.objectives):
            for lang, value in objective.text.items():
                verbs = MEASURABLE_VERBS.get(lang)
                first = _FIRST_WORD.search(value)
                if verbs is None or first is None:
                    continue
                word = first.group(0)
                if word.lower() in verbs:
                    continue
                examples = ", ".join(MEASURABLE_VERBS_SHOWN[lang])
                why = ("which cannot be observed or assessed"
                       if word.lower() in AVOIDED_VERBS.get(lang, ())
                       else "which is not a measurable verb")
                path = ("objectives", i, "text", lang)
                yield warning(curriculum.locate(scenario, *path),
                              f"{text_place(scenario, path, lang)}: it starts with "
                              f"'{word}', {why}; start with what participants will do "
                              f"({examples}…)", "quiz.measurable-verb", path_text(path))


MEASURABLE_VERBS_SHOWN = {
    "en": ("identify", "explain", "apply", "analyse", "evaluate", "describe", "compare"),
    "es": ("identificar", "explicar", "aplicar", "analizar", "evaluar", "describir", "comparar"),
}


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


RULES = [
    check_option_keys,
    check_pairs,
    check_feedback,
    check_catch_all_options,
    check_objectives_assessed,
    check_negative_stems,
    check_measurable_verbs,
]
