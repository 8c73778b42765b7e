"""Filling results-entry workbooks as a facilitator would: reading each printed form's letters
and typing them in with openpyxl."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from builder.checks import check_curriculum
from builder.delivery.context import delivery_context
from builder.quiz import FormItem, quiz_forms

Canonical = dict[str, object]
"""item id → the answer in the curriculum's own terms: a set of option indices (file order;
true-false: {0} True, {1} False), a tuple of right indices per left (matching), or None."""


def forms_of(root: Path, delivery_id: str) -> dict[str, list[FormItem]]:
    curriculum, _ = check_curriculum(root)
    assert curriculum is not None
    delivery = curriculum.delivery(delivery_id)
    assert delivery is not None
    return quiz_forms(delivery_context(curriculum, delivery, root / "unused"))


def cells_for(form_item: FormItem, answer: object) -> dict[str, str]:
    """Row-1 label → what the facilitator types, for one item of one printed form."""
    item = form_item.item
    label = str(form_item.number)
    if answer is None:
        return {}
    if item.type == "matching":
        typed = {}
        for left in form_item.lefts:
            canonical_left = [p.left for p in item.pairs].index(left.text)
            chosen = answer[canonical_left]  # type: ignore[index]
            if chosen is None:
                continue
            right_text = item.pairs[chosen].right
            letter = next(r.letter for r in form_item.rights if r.text == right_text)
            typed[f"{label}.{left.number}"] = letter
        return typed
    if item.type == "true-false":
        return {label: "".join(form_item.options[i].letter for i in sorted(answer))}  # type: ignore[arg-type]
    texts = [item.options[i].text for i in sorted(answer)]  # type: ignore[arg-type]
    letters = sorted(o.letter for o in form_item.options if o.text in texts)
    return {label: "".join(letters)}


def fill(workbook: Path, target: Path, items: list[FormItem],
         participants: dict[str, Canonical], extra: dict[str, str] | None = None) -> None:
    """Type each participant's answers into the row of their code; `extra` adds columns
    (a header → one value for every row), as a facilitator might add a name column."""
    book = load_workbook(workbook)
    sheet = book.worksheets[0]
    header = {str(cell.value): cell.column for cell in sheet[1] if cell.value is not None}
    rows = {str(sheet.cell(r, 1).value): r for r in range(2, sheet.max_row + 1)}
    next_column = sheet.max_column + 1
    for name, value in (extra or {}).items():
        sheet.cell(1, next_column, name)
        for row in rows.values():
            sheet.cell(row, next_column, f"{value} {row}")
        next_column += 1
    by_id = {form_item.question_id: form_item for form_item in items}
    for code, answers in participants.items():
        row = rows[code]
        for item_id, answer in answers.items():
            for label, typed in cells_for(by_id[item_id], answer).items():
                sheet.cell(row, header[label], typed)
    book.save(target)


def moodle_rows(items: list, people: dict[str, tuple[str, str, Canonical]],
                true_word: str = "Verdadero", false_word: str = "Falso") -> list[list[str]]:
    """Moodle's Responses report as rows: names and e-mail, state, then per question its
    summary text, the response and the right answer. `items` are QuizItems in any order."""
    header = ["Apellido(s)", "Nombre", "Dirección de correo", "Estado", "Calificación/5,00"]
    for number in range(1, len(items) + 1):
        header += [f"Pregunta {number}", f"Respuesta {number}", f"Respuesta correcta {number}"]
    rows = [header]
    for surname, email, answers in people.values():
        row = [surname, "Nombre", email, "Finalizado", "3,00"]
        for item in items:
            row += [_summary(item), _response(item, answers.get(item.id), true_word, false_word),
                    ""]
        rows.append(row)
    rows.append(["Promedio general", "", "", "", "3,00"] + [""] * (3 * len(items)))
    return rows


def _summary(item) -> str:
    if item.type in ("single", "multiple"):
        return f"{item.stem}: " + "; ".join(option.text for option in item.options)
    if item.type == "matching":
        return (f"{item.stem} {{" + "; ".join(p.left for p in item.pairs) + "} -> {"
                + "; ".join(p.right for p in item.pairs) + "}")
    return item.stem


def _response(item, answer, true_word: str, false_word: str) -> str:
    if answer is None:
        return "-"
    if item.type == "true-false":
        return true_word if 0 in answer else false_word
    if item.type == "matching":
        return "; ".join(f"{item.pairs[i].left} -> {item.pairs[r].right}"
                         for i, r in enumerate(answer) if r is not None)
    return "; ".join(item.options[i].text for i in sorted(answer))
