"""Moodle's quiz "Responses" report, downloaded as CSV, → each participant's answers.

Columns read: "Question N" (the question's text as Moodle summarises it: the stem, then for
multiple choice ": option; option…", for matching " {…} -> {…}"), "Response N" (the option
text; "a; b" for several; "left -> right; …" for matching; True/False in Moodle's language) and
"Right answer N" (not needed: the curriculum's key scores). Questions are matched to the
module's items by their stems, options by their texts.

Names, e-mail addresses and ID numbers are dropped on reading. One of them (e-mail first) pairs
a person's pre- and post-test attempts in memory while both files are read; participants then
get codes P01… in order of first appearance, and the identifying values are forgotten.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..quiz import QuizItem
from .answers import Answer
from .findings import ResultsInputError, refuse
from .inputs import READ_HINT, FormAnswers
from .privacy import is_identifying

ENCODINGS_READ = "UTF-8 (with or without BOM), UTF-16 or Windows-1252 (what Excel writes)"
QUESTION = re.compile(r"^(?:question|pregunta)\s*(\d+)$", re.IGNORECASE)
RESPONSE = re.compile(r"^(?:response|respuesta)\s*(\d+)$", re.IGNORECASE)
PAIRING = ("email", "correo", "id number", "número de id", "username", "usuario")
UNFINISHED = {"in progress", "en curso", "never submitted", "nunca enviado", "overdue", "vencido"}
TRUE_WORDS = {"true", "verdadero", "cierto", "v"}
FALSE_WORDS = {"false", "falso", "f"}
MAX_MESSAGES = 20


@dataclass
class MoodleRows:
    """One export read: answers by pairing key (in memory only) in order of appearance."""

    form: str
    by_person: dict[str, dict[str, Answer]] = field(default_factory=dict)
    dropped_columns: int = 0


def decode(data: bytes, shown: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" in data:
        raise refuse(f"{shown}: not an xlsx workbook or a CSV file (it holds binary data); "
                     f"{READ_HINT}")
    else:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise refuse(f"{shown}: cannot be read as a CSV file; Moodle's Responses report is read in "
                 f"{ENCODINGS_READ}: save it in one of these")


def _normal(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split()).casefold()


def read_moodle(path: Path, shown: str, items: list[QuizItem], form: str,
                module_id: str) -> MoodleRows:
    text = decode(path.read_bytes(), shown)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise refuse(f"{shown}: the file is empty; give a filled entry workbook (.xlsx) or "
                     "Moodle's Responses report (.csv)")
    header = [cell.strip() for cell in rows[0]]
    questions = {int(m.group(1)): i for i, h in enumerate(header) if (m := QUESTION.match(h))}
    responses = {int(m.group(1)): i for i, h in enumerate(header) if (m := RESPONSE.match(h))}
    if not responses:
        raise refuse(f"{shown}: line 1: no 'Response 1' column; this is not Moodle's quiz "
                     "Responses report (download it with the question text and response "
                     "columns, as CSV)")
    if set(questions) != set(responses):
        raise refuse(f"{shown}: line 1: the export has no question text column for every "
                     "response; download the Responses report with 'Question text' ticked")
    result = MoodleRows(form)
    identifying = [i for i, h in enumerate(header) if is_identifying(h)]
    result.dropped_columns = len(identifying)
    pairing = _pairing_columns(header, identifying)
    state = next((i for i, h in enumerate(header) if h.casefold() in ("state", "estado")), None)
    mapping = _map_questions(rows, questions, items, shown, module_id)
    problems: list[str] = []
    for line, row in enumerate(rows[1:], start=2):
        if state is not None and state < len(row) and row[state].strip().casefold() in UNFINISHED:
            continue
        if not any(cell.strip() for cell in row):
            continue
        person = "\x1f".join(row[i].strip() for i in pairing if i < len(row)) if pairing \
            else f"line {line}"  # nothing pairs the attempts: each one a participant
        if not person.strip("\x1f") or person in result.by_person:
            continue  # the "overall average" line; a second attempt (the first one counts)
        answers: dict[str, Answer] = {item.id: None for item in items}
        for number, item in mapping.items():
            cell = responses[number]
            value = row[cell].strip() if cell < len(row) else ""
            try:
                answers[item.id] = _response(item, value)
            except ValueError:
                problems.append(f"{shown}: line {line}: response {number} ('{value[:40]}') is "
                                f"not an option of item {item.id}")
        result.by_person[person] = answers
    if problems:
        raise ResultsInputError(problems[:MAX_MESSAGES])
    if not result.by_person:
        raise refuse(f"{shown}: no finished attempt in the export; download the Responses "
                     "report after participants have submitted the quiz")
    return result


def _pairing_columns(header: list[str], identifying: list[int]) -> list[int]:
    for word in PAIRING:
        found = [i for i in identifying if word in header[i].casefold()]
        if found:
            return found[:1]
    return identifying


def _map_questions(rows: list[list[str]], questions: dict[int, int], items: list[QuizItem],
                   shown: str, module_id: str) -> dict[int, QuizItem]:
    stems = sorted(((_normal(item.stem), item) for item in items), key=lambda s: -len(s[0]))
    mapping: dict[int, QuizItem] = {}
    for number, column in sorted(questions.items()):
        line, text = next(((line, row[column]) for line, row in enumerate(rows[1:], start=2)
                           if column < len(row) and row[column].strip()), (1, ""))
        question = _normal(text)
        item = next((item for stem, item in stems if question == stem
                     or question.startswith((stem + ":", stem + " {"))), None)
        if item is None:
            raise refuse(f"{shown}: line {line}: question {number} (\"{_cut(text)}\") "
                         f"matches no item of module '{module_id}'; export the responses "
                         "of this module's quiz")
        mapping[number] = item
    unasked = [item for item in items if item not in mapping.values()]
    if unasked:
        raise refuse(f"{shown}: line 1: no question of the export is item {unasked[0].id} "
                     f"(\"{_cut(unasked[0].stem)}\"); export the responses of the module's whole "
                     "quiz")
    return mapping


def _cut(text: str, most: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[:most] + "…"


def _response(item: QuizItem, value: str) -> Answer:
    if not value or value == "-":
        return None
    if item.type == "true-false":
        word = value.casefold()
        if word in TRUE_WORDS:
            return frozenset({0})
        if word in FALSE_WORDS:
            return frozenset({1})
        raise ValueError(value)
    if item.type == "matching":
        lefts = [_normal(pair.left) for pair in item.pairs]
        rights = [_normal(pair.right) for pair in item.pairs]
        chosen: list[int | None] = [None] * len(lefts)
        for part in _parts(value, rights, lambda p: p.split(" -> ", 1)[-1]):
            left, _, right = part.partition(" -> ")
            if _normal(left) not in lefts or _normal(right) not in rights:
                raise ValueError(value)
            chosen[lefts.index(_normal(left))] = rights.index(_normal(right))
        return tuple(chosen)
    texts = [_normal(option.text) for option in item.options]
    picked = [_normal(part) for part in _parts(value, texts, lambda p: p)]
    if any(text not in texts for text in picked):
        raise ValueError(value)
    return frozenset(texts.index(text) for text in picked)


def _parts(value: str, known: list[str], tail: object) -> Iterator[str]:
    """Split Moodle's "a; b" where an option's own text may hold "; ": join pieces until the
    piece read so far ends in a known text."""
    assert callable(tail)
    pieces = value.split("; ")
    current: list[str] = []
    for piece in pieces:
        current.append(piece)
        joined = "; ".join(current)
        if _normal(tail(joined)) in known:
            yield joined
            current = []
    if current:
        yield "; ".join(current)


def assign_codes(exports: list[MoodleRows]) -> list[FormAnswers]:
    """Codes P01… in order of first appearance across the exports (pre first); the pairing keys
    go no further than this function."""
    codes: dict[str, str] = {}
    for export in exports:
        for person in export.by_person:
            codes.setdefault(person, f"P{len(codes) + 1:02d}")
    return [FormAnswers(export.form, {codes[p]: a for p, a in export.by_person.items()},
                        export.dropped_columns) for export in exports]
