"""A filled results-entry workbook → each participant's answers, through the form's own order.

The workbook's hidden `voces` sheet says which delivery, module and form it was built for; the
curriculum's seeded form (builder/quiz.py) says which item each column is and which option each
letter names. Every cell is checked against its item's letters.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..delivery.entry_workbook import FORMAT, META_SHEET, Column, columns, sheet_title
from ..quiz import FormItem, QuizItem
from .answers import Answer, Matches
from .delivery_forms import DeliveryQuiz
from .findings import ResultsInputError, refuse
from .inputs import READ_HINT, FormAnswers
from .privacy import as_code, is_identifying

MAX_MESSAGES = 20
SEPARATORS = str.maketrans("", "", " ,;/")


def read_workbook(path: Path, shown: str, quiz: DeliveryQuiz, form: str, flag: str) -> FormAnswers:
    try:
        book = load_workbook(path, read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise refuse(f"{shown}: not an xlsx workbook or a CSV file; {READ_HINT}") from exc
    meta = _meta(book, shown)
    delivery = quiz.delivery
    if meta.get("delivery") != delivery.id:
        raise refuse(f"{shown}: the entry workbook of delivery '{meta.get('delivery')}', not of "
                     f"'{delivery.id}'; give the workbooks built for {delivery.id}")
    if meta.get("form") != form:
        raise refuse(f"{shown}: the entry workbook of form '{meta.get('form')}', given as "
                     f"{flag}; give {flag} the workbook of form '{form}'")
    items = quiz.forms[form]
    if meta.get("items") != ",".join(item.question_id for item in items):
        raise refuse(f"{shown}: built from another version of module '{delivery.module}''s quiz "
                     "(its items or their order differ); run voces build and enter the answers "
                     "in the new workbook")
    title = sheet_title(form)
    sheet = book[title] if title in book.sheetnames else book.worksheets[0]
    return _answers(sheet, shown, items, form)


def _meta(book: Any, shown: str) -> dict[str, str]:
    if META_SHEET not in book.sheetnames:
        raise refuse(f"{shown}: not a Voces entry workbook (it has no '{META_SHEET}' sheet); "
                     f"{READ_HINT}")
    rows = book[META_SHEET].iter_rows(values_only=True)
    meta = {str(row[0]): str(row[1]) for row in rows if row and row[0] is not None
            and len(row) > 1 and row[1] is not None}
    if meta.get("format") != FORMAT:
        raise refuse(f"{shown}: an entry workbook of another format ({meta.get('format')}); "
                     "run voces build and use the new workbook")
    return meta


def _answers(sheet: Worksheet, shown: str, items: list[FormItem], form: str) -> FormAnswers:
    where = f"{shown}: Sheet '{sheet.title}'!"
    result = FormAnswers(form)
    by_label = {column.label: column for column in columns(items)}
    found: dict[int, Column] = {}
    for cell in sheet[1][1:]:
        header = "" if cell.value is None else str(cell.value).strip()
        if header in by_label:
            found[cell.column] = by_label[header]
        elif header and is_identifying(header):
            result.dropped_columns += 1
    missing = [label for label in by_label if label not in {c.label for c in found.values()}]
    if missing:
        raise refuse(f"{where}1: no column '{missing[0]}' in the header row; keep the header "
                     "row as the workbook was built")
    problems: list[str] = []
    first_row: dict[str, str] = {}
    for row in sheet.iter_rows(min_row=2):
        code_cell = row[0]
        values = {index: _value(row[index - 1].value) for index in found if index <= len(row)}
        answered = {index: value for index, value in values.items() if value}
        if code_cell.value is None or str(code_cell.value).strip() == "":
            if answered:
                problems.append(f"{where}{code_cell.coordinate}: answers without a participant "
                                "code; write the participant's code (P01, P02…) in column A")
            continue
        code = as_code(code_cell.value)
        if code is None:
            problems.append(f"{where}{code_cell.coordinate}: not a participant code like P01; "
                            "write the code from the participant's form, never a name")
            continue
        if code in first_row:
            problems.append(f"{where}{code_cell.coordinate}: participant code '{code}' appears "
                            f"twice (first at {first_row[code]}); give each participant one row")
            continue
        first_row[code] = code_cell.coordinate
        if not answered:
            continue  # an expected participant who did not come
        cells: dict[int, str] = {}
        for index, value in answered.items():
            column = found[index]
            if _letters(column, value) is None:
                coordinate = row[index - 1].coordinate
                problems.append(f"{where}{coordinate}: '{value[:12]}' is not an option of item "
                                f"{column.label} ({column.letters[0]}–{column.letters[-1]})")
            else:
                cells[index] = value
        result.participants[code] = _participant(items, found, cells)
    if problems:
        raise ResultsInputError(problems[:MAX_MESSAGES])
    if not result.participants:
        raise refuse(f"{where}A2: no participant has an answer; enter the answers, then import "
                     "the workbook")
    return result


def _value(value: object) -> str:
    return "" if value is None else str(value).strip().upper()


def _letters(column: Column, value: str) -> list[str] | None:
    """The letters a cell holds, when every one is an option of its item (multiple: any set)."""
    allowed = column.letters
    if column.form_item.type == "multiple":
        letters = list(value.translate(SEPARATORS))
        if letters and len(set(letters)) == len(letters) and set(letters) <= set(allowed):
            return letters
        return None
    return [value] if value in allowed else None


def _participant(items: list[FormItem], found: dict[int, Column],
                 cells: dict[int, str]) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for form_item in items:
        own = {found[index]: value for index, value in cells.items()
               if found[index].form_item is form_item}
        answers[form_item.question_id] = _answer(form_item, own)
    return answers


def _answer(form_item: FormItem, cells: dict[Column, str]) -> Answer:
    item = form_item.item
    if not cells:
        return None
    if item.type == "matching":
        return _matches(form_item, item, cells)
    chosen = {letter for value in cells.values() for letter in value.translate(SEPARATORS)}
    if item.type == "true-false":
        return frozenset(i for i, option in enumerate(form_item.options) if option.letter in chosen)
    return frozenset(_option_index(item, option.text, option.feedback)
                     for option in form_item.options if option.letter in chosen)


def _option_index(item: QuizItem, text: str, feedback: str) -> int:
    return next(i for i, option in enumerate(item.options)
                if option.text == text and option.feedback == feedback)


def _matches(form_item: FormItem, item: QuizItem, cells: dict[Column, str]) -> Matches:
    lefts = [pair.left for pair in item.pairs]
    rights = [pair.right for pair in item.pairs]
    right_text = {right.letter: right.text for right in form_item.rights}
    left_text = {left.number: left.text for left in form_item.lefts}
    chosen: list[int | None] = [None] * len(item.pairs)
    for column, value in cells.items():
        assert column.pair is not None
        chosen[lefts.index(left_text[column.pair])] = rights.index(right_text[value])
    return tuple(chosen)
