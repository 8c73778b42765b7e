"""Results-entry workbooks: `<module>-entry-<form>-<delivery>.xlsx`, one per quiz form, for the
facilitator who types in the paper answers (it holds the answer key: a facilitator file).

- Sheet `<form>`: one row per participant code (P01…), one column per item in the form's order
  (a matching item: one column per pair, `3.1`, `3.2`…); each cell accepts only that item's
  letters (data validation). Row 1 is the header; column A holds the codes.
- Sheet "Items and key": the form's items, options and key, as the printed form letters them.
- Hidden sheet `voces`: which delivery, module, form and items the workbook is for, so
  `voces results` refuses a workbook of another form or delivery.

Byte-reproducible: fixed document dates and zip entry times.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..office.package import reproducible_zip
from ..quiz import FormItem, form_name, quiz_forms
from .context import DeliveryContext

FORMAT = "voces-entry-1"
META_SHEET = "voces"
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
SPARE_ROWS = 20
"""Rows below the expected participants that still validate (more came than expected)."""
MAX_LIST = 255
"""Excel keeps a list validation's items to 255 characters."""


@dataclass(frozen=True, eq=False)  # known by identity: its item holds lists
class Column:
    label: str
    """As in row 1: "5" for item 5, "3.2" for pair 2 of matching item 3."""
    form_item: FormItem
    pair: int | None = None
    """The left side's number (matching), else None."""

    @property
    def letters(self) -> list[str]:
        if self.pair is not None:
            return [right.letter for right in self.form_item.rights]
        return [option.letter for option in self.form_item.options]


def columns(items: list[FormItem]) -> list[Column]:
    found: list[Column] = []
    for item in items:
        if item.type == "matching":
            found += [Column(f"{item.number}.{left.number}", item, left.number)
                      for left in item.lefts]
        else:
            found.append(Column(str(item.number), item))
    return found


def participant_code(number: int) -> str:
    return f"P{number:02d}"


def sheet_title(form: str) -> str:
    return form[:31]  # Excel's limit for a sheet name


def allowed_values(column: Column) -> list[str]:
    letters = column.letters
    if column.form_item.type != "multiple":
        return letters
    return ["".join(chosen) for size in range(1, len(letters) + 1)
            for chosen in combinations(letters, size)]


def build(context: DeliveryContext) -> list[Path]:
    return [_workbook(context, form, items) for form, items in quiz_forms(context).items()]


def _workbook(context: DeliveryContext, form: str, items: list[FormItem]) -> Path:
    words, delivery = context.words, context.the_delivery
    book = Workbook()
    answers = book.active
    assert answers is not None
    answers.title = sheet_title(form)
    cols = columns(items)
    answers.cell(1, 1, words("entry_participant")).font = Font(bold=True)
    last_row = delivery.participants + 1 + SPARE_ROWS
    for index, column in enumerate(cols, start=2):
        cell = answers.cell(1, index, column.label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
        letter = get_column_letter(index)
        answers.column_dimensions[letter].width = 6
        values = allowed_values(column)
        formula = '"' + ",".join(values) + '"'
        if len(formula) - 2 <= MAX_LIST:
            rule = DataValidation(type="list", formula1=formula, allow_blank=True,
                                  showErrorMessage=True, errorTitle=words("entry_error_title"),
                                  error=words("entry_error", letters=", ".join(column.letters)))
            rule.add(f"{letter}2:{letter}{last_row}")
            answers.add_data_validation(rule)
    for number in range(1, delivery.participants + 1):
        answers.cell(number + 1, 1, participant_code(number))
    answers.column_dimensions["A"].width = 14
    answers.freeze_panes = "B2"
    _key_sheet(context, book, form, items)
    _meta_sheet(context, book, form, items)
    book.properties.creator = context.curriculum.settings.organisation
    book.properties.lastModifiedBy = context.curriculum.settings.organisation
    book.properties.title = words("entry_title", module=context.text(context.module.title),
                                  form=form_name(context, form), delivery=delivery.id)
    book.properties.language = context.language_tag
    moment = context.date.replace(tzinfo=None)
    book.properties.created = moment
    book.properties.modified = moment
    buffer = io.BytesIO()
    book.save(buffer)
    path = context.path(f"entry-{form}", "xlsx")
    with zipfile.ZipFile(buffer) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    # openpyxl stamps `modified` with the clock on save; the build's date replaces it.
    entries = [(name, MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
                if name == "docProps/core.xml" else data) for name, data in entries]
    reproducible_zip(entries, path)
    return path


def _key_sheet(context: DeliveryContext, book: Workbook, form: str, items: list[FormItem]) -> None:
    words = context.words
    sheet = book.create_sheet(words("entry_key_sheet")[:31])
    header = [words("quiz_key_item"), words("entry_item_id"), words("quiz_key_question"),
              words("entry_options"), words("quiz_key_answer"), words("quiz_key_objective")]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in items:
        if item.type == "matching":
            options = "\n".join([f"{left.number}. {left.text}" for left in item.lefts]
                                + [f"{right.letter}. {right.text}" for right in item.rights])
        else:
            options = "\n".join(f"{option.letter}. {option.text}" for option in item.options)
        sheet.append([item.number, item.question_id, item.item.stem, options, item.key,
                      item.objective_id])
    for letter, width in zip("ABCDEF", (6, 16, 60, 60, 18, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _meta_sheet(context: DeliveryContext, book: Workbook, form: str, items: list[FormItem]) -> None:
    sheet = book.create_sheet(META_SHEET)
    for row in (("format", FORMAT), ("delivery", context.the_delivery.id),
                ("module", context.module.id), ("form", form), ("language", context.lang),
                ("items", ",".join(item.question_id for item in items))):
        sheet.append(list(row))
    sheet.sheet_state = "hidden"
