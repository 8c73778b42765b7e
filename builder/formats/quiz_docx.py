"""Printable quizzes and their answer keys, one pair per form of `quiz.forms`:
`<module>-quiz-<form>-<lang>.docx` (participants: no key, no feedback) and
`<module>-key-<form>-<lang>.docx` (facilitators: letters, rationale, feedback, objective).
"""

from __future__ import annotations

import math
from pathlib import Path

from ..context import BuildContext
from ..office.docx import DocxDocument, open_document
from ..quiz import FormItem, form_name, quiz_forms

HINTS = {
    "single": "quiz_hint_single",
    "multiple": "quiz_hint_multiple",
    "true-false": "quiz_hint_true_false",
    "matching": "quiz_hint_matching",
}


def build(context: BuildContext) -> list[Path]:
    written: list[Path] = []
    for form, items in quiz_forms(context).items():
        written.append(_printable(context, form, items))
        written.append(_key(context, form, items))
    return written


def _module_title(context: BuildContext) -> str:
    return context.text(context.module.title).strip()


# --- the printable form -----------------------------------------------------------------


def _printable(context: BuildContext, form: str, items: list[FormItem]) -> Path:
    words, name = context.words, form_name(context, form)
    title = words("quiz_title", module=_module_title(context), form=name)
    document = open_document(context, title)
    document.title_block(_module_title(context), name)
    document.paragraph(words("quiz_code_line"))  # pre and post pair by it; names are not kept
    document.paragraph(words("quiz_date_line"))
    document.paragraph(words("quiz_instructions", count=len(items)), italic=True)
    for item in items:
        _question(context, document, item)
    return document.save(f"quiz-{form}")


def _question(context: BuildContext, document: DocxDocument, item: FormItem) -> None:
    """Two blocks on one page: the stem with its hint (kept with the next block), then the
    options, or the matching table (rows never split, kept together)."""
    document.block([(f"{item.number}. {item.item.stem}", "bold"),
                    (context.words(HINTS[item.type]), "italic")], keep_with_next=True)
    if item.type == "matching":
        rows = [
            (f"____ {left.number}. {left.text}", f"{right.letter}. {right.text}")
            for left, right in zip(item.lefts, item.rights, strict=True)
        ]
        document.table([context.words("quiz_matching_left"), context.words("quiz_matching_right")],
                       rows, widths=[0.5, 0.5], keep_together=True)
        return
    document.block([(f"{option.letter}. {option.text}", "") for option in item.options])


# --- the answer key ---------------------------------------------------------------------


def _key(context: BuildContext, form: str, items: list[FormItem]) -> Path:
    words, name = context.words, form_name(context, form)
    title = words("quiz_key_title", module=_module_title(context), form=name)
    document = open_document(context, title)
    document.title_block(_module_title(context), words("quiz_key_subtitle", form=name))
    pass_mark = context.module.quiz.pass_mark
    needed = math.ceil(pass_mark * len(items) / 100)
    document.paragraph(words("quiz_scoring", pass_mark=pass_mark, needed=needed,
                             count=len(items)))
    document.heading(words("quiz_key_summary"), 1)
    document.table(
        [words("quiz_key_item"), words("quiz_key_answer"), words("quiz_key_objective")],
        [(str(item.number), item.key, item.objective_id) for item in items],
        widths=[0.12, 0.5, 0.38],
    )
    document.heading(words("quiz_key_details"), 1)
    for item in items:
        _explained(context, document, item)
    return document.save(f"key-{form}")


def _explained(context: BuildContext, document: DocxDocument, item: FormItem) -> None:
    words = context.words
    document.heading(f"{words('quiz_key_question')} {item.number}", 2)
    document.paragraph(item.item.stem, bold=True)
    document.paragraph(words("quiz_key_answer_line", answer=item.key))
    document.paragraph(words("quiz_key_objective_line", id=item.objective_id,
                             text=item.item.objective_text))
    document.paragraph(words("quiz_key_scenario_line",
                             title=context.text(item.scenario.title).strip()))
    if item.type == "matching":
        document.table(
            [words("quiz_matching_left"), words("quiz_matching_right")],
            [(f"{left.number}. {left.text}",
              f"{left.letter}. {_right_text(item, left.letter)}") for left in item.lefts],
            widths=[0.5, 0.5],
        )
    else:
        document.bullets([
            words("quiz_key_feedback", letter=option.letter, text=option.text,
                  status=words("quiz_key_correct" if option.correct else "quiz_key_incorrect"),
                  feedback=option.feedback)
            for option in item.options
        ])
    document.paragraph(words("quiz_key_rationale", text=item.item.feedback))


def _right_text(item: FormItem, letter: str) -> str:
    return next(right.text for right in item.rights if right.letter == letter)
