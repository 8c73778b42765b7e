"""The one quiz model every quiz format and the facilitator guide read.

API (stable; the guide's answer key and traceability table code against it):

- `quiz_items(context) -> list[QuizItem]`: the module's questions once each, in agenda order
  (scenario by scenario, questions in file order), every text resolved to `context.lang`
  (fallback applied) and stripped. A `QuizItem` carries `id`, `type` ('single' | 'multiple' |
  'true-false' | 'matching'), `scenario` (the `Scenario`), `objective` (the `Objective`),
  `objective_text`, `stem`, `feedback` (the general rationale), `themes`, `grounding` (quote ids),
  and by type: `options` (`QuizOption` text/correct/feedback/letter, lettered A, B, C… in file
  order), `answer` with `feedback_true` / `feedback_false`, or `pairs` (`QuizPair` left/right).
  `key_letters` gives the correct letters in file order.
- `quiz_forms(context) -> dict[str, list[FormItem]]`: one printable form per `module.quiz.forms`
  entry, in that order. Items and options are shuffled reproducibly from `module.quiz.seed` and the
  form name (two forms get different item orders whenever the items allow it). A `FormItem` has
  `number` (from 1), `item` (its `QuizItem`), `question_id`, `objective_id`, `scenario`, `type`,
  `options` (`FormOption` letter/text/correct/feedback: shuffled for single and multiple; for
  true-false the locale's True then False), `key_letters`, `key_word` (true-false: the locale's
  True or False), for matching `lefts` (`FormLeft` number/text/letter: shuffled, numbered 1, 2…,
  `letter` being the matching right-hand entry), `rights` (`FormRight` letter/text: shuffled,
  lettered A, B…) and `key_pairs` ((number, letter), …), and `key`: the answer as printed in a key
  ("B", "A, C", "True", "1 → C, 2 → A"). Computed once per module and language
  (`context.remember("quiz_forms", ...)`).
- For LMS files: `lms_category(context)` (Moodle's `$course$/top/<module title>`),
  `lms_tags(context, item)` (objective, scenario, themes), `option_credits(item)` (percent per
  option, only grades Moodle accepts) and `credit_split(n)`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from string import ascii_uppercase
from typing import TypeVar

from .agenda import schedule
from .context import BuildContext
from .model import Objective, Question, QuestionType, Scenario

T = TypeVar("T")

# Enough redraws that two forms of two or more items practically never share an order.
MAX_REDRAWS = 50


def letter(index: int) -> str:
    """A, B, … Z, AA, AB, … for a 0-based index."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = ascii_uppercase[rest] + name
    return name


@dataclass(frozen=True)
class QuizOption:
    letter: str
    text: str
    correct: bool
    feedback: str


FormOption = QuizOption
"""An option as a form prints it: the same fields, lettered in the form's own order."""


@dataclass(frozen=True)
class QuizPair:
    left: str
    right: str


@dataclass(frozen=True)
class QuizItem:
    id: str
    type: QuestionType
    scenario: Scenario
    objective: Objective
    objective_text: str
    stem: str
    feedback: str
    themes: tuple[str, ...]
    grounding: tuple[str, ...]
    options: tuple[QuizOption, ...] = ()
    answer: bool | None = None
    feedback_true: str = ""
    feedback_false: str = ""
    pairs: tuple[QuizPair, ...] = ()

    @property
    def key_letters(self) -> tuple[str, ...]:
        return tuple(option.letter for option in self.options if option.correct)


@dataclass(frozen=True)
class FormLeft:
    number: int
    text: str
    letter: str
    """The letter of the right-hand entry it matches (the key)."""


@dataclass(frozen=True)
class FormRight:
    letter: str
    text: str


@dataclass(frozen=True)
class FormItem:
    number: int
    item: QuizItem
    options: tuple[FormOption, ...]
    key_letters: tuple[str, ...]
    key_word: str
    lefts: tuple[FormLeft, ...]
    rights: tuple[FormRight, ...]
    key: str

    @property
    def question_id(self) -> str:
        return self.item.id

    @property
    def objective_id(self) -> str:
        return self.item.objective.id

    @property
    def scenario(self) -> Scenario:
        return self.item.scenario

    @property
    def type(self) -> QuestionType:
        return self.item.type

    @property
    def key_pairs(self) -> tuple[tuple[int, str], ...]:
        return tuple((left.number, left.letter) for left in self.lefts)


# --- the items, once each ---------------------------------------------------------------


def quiz_items(context: BuildContext) -> list[QuizItem]:
    """The module's questions in agenda order, texts in the context's language."""
    return context.remember("quiz_items", lambda: _collect_items(context))


def _collect_items(context: BuildContext) -> list[QuizItem]:
    items: list[QuizItem] = []
    seen: set[str] = set()
    for entry in schedule(context.curriculum, context.module):
        scenario = entry.scenario
        if scenario is None or scenario.id in seen:
            continue
        seen.add(scenario.id)
        objectives = {objective.id: objective for objective in scenario.objectives}
        for question in scenario.questions:
            objective = objectives.get(question.objective)
            if objective is not None:
                items.append(_item(context, scenario, objective, question))
    return items


def _item(
    context: BuildContext, scenario: Scenario, objective: Objective, question: Question
) -> QuizItem:
    def text(value: object) -> str:
        return context.text(value).strip()  # type: ignore[arg-type]

    options = tuple(
        QuizOption(letter(i), text(option.text), option.correct, text(option.feedback))
        for i, option in enumerate(question.options or [])
    )
    pairs = tuple(QuizPair(text(pair.left), text(pair.right)) for pair in question.pairs or [])
    return QuizItem(
        id=question.id,
        type=question.type,
        scenario=scenario,
        objective=objective,
        objective_text=text(objective.text),
        stem=text(question.stem),
        feedback=text(question.feedback),
        themes=tuple(scenario.themes),
        grounding=tuple(question.grounding or scenario.grounding),
        options=options,
        answer=question.answer,
        feedback_true=text(question.feedback_true),
        feedback_false=text(question.feedback_false),
        pairs=pairs,
    )


# --- the printable forms ----------------------------------------------------------------


def quiz_forms(context: BuildContext) -> dict[str, list[FormItem]]:
    """Each form of `module.quiz.forms`: the same items, shuffled reproducibly per form."""
    return context.remember("quiz_forms", lambda: _build_forms(context))


def _build_forms(context: BuildContext) -> dict[str, list[FormItem]]:
    items = quiz_items(context)
    settings = context.module.quiz
    forms: dict[str, list[FormItem]] = {}
    orders: list[list[str]] = []
    for form in settings.forms:
        randomness = random.Random(f"{settings.seed}:{form}")
        order = _fresh_order(items, orders, randomness)
        orders.append([item.id for item in order])
        forms[form] = [
            _form_item(context, number, item, random.Random(f"{settings.seed}:{form}:{item.id}"))
            for number, item in enumerate(order, start=1)
        ]
    return forms


def _fresh_order(
    items: list[QuizItem], earlier: list[list[str]], randomness: random.Random
) -> list[QuizItem]:
    """A shuffle unlike every earlier form's order, when enough orders exist."""
    possible = math.factorial(min(len(items), 12))  # 12! orders: more than forms printed
    order = list(items)
    for _ in range(MAX_REDRAWS):
        randomness.shuffle(order)
        if [item.id for item in order] not in earlier or possible <= len(earlier):
            break
    return order


def _shuffled(values: tuple[T, ...], randomness: random.Random) -> list[T]:
    result = list(values)
    randomness.shuffle(result)
    return result


def _form_item(
    context: BuildContext, number: int, item: QuizItem, randomness: random.Random
) -> FormItem:
    words = context.words
    options: tuple[FormOption, ...] = ()
    lefts: tuple[FormLeft, ...] = ()
    rights: tuple[FormRight, ...] = ()
    key_word = ""
    if item.type in ("single", "multiple"):
        options = tuple(
            FormOption(letter(i), option.text, option.correct, option.feedback)
            for i, option in enumerate(_shuffled(item.options, randomness))
        )
        key = ", ".join(option.letter for option in options if option.correct)
    elif item.type == "true-false":
        options = (
            FormOption(letter(0), words("quiz_true"), item.answer is True, item.feedback_true),
            FormOption(letter(1), words("quiz_false"), item.answer is False, item.feedback_false),
        )
        key_word = words("quiz_true") if item.answer else words("quiz_false")
        key = key_word
    else:
        right_order = _shuffled(item.pairs, randomness)
        rights = tuple(FormRight(letter(i), pair.right) for i, pair in enumerate(right_order))
        letter_of = {id(pair): letter(i) for i, pair in enumerate(right_order)}
        lefts = tuple(
            FormLeft(n, pair.left, letter_of[id(pair)])
            for n, pair in enumerate(_shuffled(item.pairs, randomness), start=1)
        )
        key = ", ".join(
            words("quiz_key_pair", number=left.number, letter=left.letter) for left in lefts)
    return FormItem(
        number=number,
        item=item,
        options=options,
        key_letters=tuple(option.letter for option in options if option.correct),
        key_word=key_word,
        lefts=lefts,
        rights=rights,
        key=key,
    )


# --- for LMS files ----------------------------------------------------------------------


def lms_category(context: BuildContext) -> str:
    """Moodle's category path for the module; a slash inside a name is written twice."""
    title = " ".join(context.text(context.module.title).split())  # one line in GIFT
    name = context.words("quiz_category", module=title).replace("/", "//")
    return f"$course$/top/{name}"


def lms_tags(context: BuildContext, item: QuizItem) -> list[str]:
    """Objective, scenario and themes as LMS tags (GIFT, Moodle XML and QTI carry the same)."""
    tags = [
        context.words("quiz_tag_objective", id=item.objective.id),
        context.words("quiz_tag_scenario", id=item.scenario.id),
        *item.themes,
    ]
    return list(dict.fromkeys(tags))


# --- credit for LMS files ---------------------------------------------------------------

# Moodle refuses any other grade on import (outputs.md, "Quiz formats"); 1/n for n = 1…10.
EVEN_SPLITS = {
    1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571",
    8: "12.5", 9: "11.11111", 10: "10",
}
ALLOWED_GRADES = frozenset(
    {"100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30",
     "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0"})


def credit_split(count: int) -> list[str]:
    """`count` allowed percentages (as Moodle writes them) that add up to 100."""
    if count in EVEN_SPLITS:
        return [EVEN_SPLITS[count]] * count
    # Past ten, no single allowed grade divides 100: mix tens and fives (and zeros past twenty).
    tens = max(0, 20 - count)
    fives = min(count - tens, 20 - 2 * tens)
    return ["10"] * tens + ["5"] * fives + ["0"] * (count - tens - fives)


def option_credits(item: QuizItem) -> list[str]:
    """Percent credit per option of a single or multiple item, in file order.

    Single: 100 for the key, 0 otherwise. Multiple: the keys share 100, the other options share
    -100, so ticking everything scores nothing.
    """
    if item.type == "single":
        return ["100" if option.correct else "0" for option in item.options]
    right = iter(credit_split(sum(option.correct for option in item.options)))
    wrong = iter(credit_split(sum(not option.correct for option in item.options)))
    return [next(right) if option.correct else _negative(next(wrong)) for option in item.options]


def _negative(grade: str) -> str:
    return grade if grade == "0" else f"-{grade}"


def form_name(context: BuildContext, form: str) -> str:
    """"Pre-test" for pre, "Post-test" for post, else "Form <name>", in the build's language."""
    key = f"quiz_form_{form}"
    if key in context.words:
        return context.words(key)
    return context.words("quiz_form_other", form=form)
