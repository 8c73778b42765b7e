"""Every bad input of issue 14 gets its exact message, exit 1, and nothing is stored."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from conftest import edit
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from results_helpers import forms_of, moodle_rows
from test_results_command import (
    POST,
    answers_of,
    build_workbooks,
    filled,
    results,
)

from builder.checks import check_curriculum
from builder.delivery.context import delivery_context
from builder.quiz import quiz_items
from builder.results import store
from builder.results.command import Inputs, run_delivery

HINT = "give a filled entry workbook (.xlsx) or Moodle's Responses report (.csv)"


@pytest.fixture
def delivery(make_curriculum) -> Path:
    return make_curriculum("results")


def dump(root: Path) -> list[str]:
    with sqlite3.connect(root / "output" / store.DATABASE) as connection:
        return list(connection.iterdump())


def imported(delivery: Path, tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A good import first, so each bad one can be shown to leave it as it was."""
    pre, post = filled(delivery, tmp_path)
    status, _, err = results(delivery, "lima-1", "--pre", str(pre), "--post", str(post))
    assert (status, err) == (0, "")
    return pre, post, dump(delivery)


def refused(delivery: Path, before: list[str], *options: str) -> list[str]:
    status, out, err = results(delivery, "lima-1", *options)
    assert status == 1 and out == "" and "Traceback" not in err
    assert dump(delivery) == before
    lines = err.rstrip("\n").split("\n")
    assert lines[-1] == "voces: nothing was stored"
    return lines[:-1]


def cell_of(root: Path, form: str, item_id: str, row: int) -> str:
    items = forms_of(root, "lima-1")[form]
    labels = [str(i.number) if i.type != "matching" else f"{i.number}.{left.number}"
              for i in items for left in (i.lefts or [None])]
    number = next(i.number for i in items if i.question_id == item_id)
    return f"{get_column_letter(2 + labels.index(str(number)))}{row}", number


def test_a_letter_that_is_not_an_option(delivery, tmp_path):
    pre, post, before = imported(delivery, tmp_path)
    cell, number = cell_of(delivery, "pre", "r-single", 5)
    book = load_workbook(pre)
    book.worksheets[0][cell] = "E"
    book.save(pre)
    assert refused(delivery, before, "--pre", str(pre), "--post", str(post)) == [
        f"{pre}: Sheet 'pre'!{cell}: 'E' is not an option of item {number} (A–D)"]


def test_a_participant_code_twice(delivery, tmp_path):
    pre, post, before = imported(delivery, tmp_path)
    book = load_workbook(post)
    book.worksheets[0]["A6"] = "P03"
    book.save(post)
    assert refused(delivery, before, "--pre", str(pre), "--post", str(post)) == [
        f"{post}: Sheet 'post'!A6: participant code 'P03' appears twice (first at A4); give "
        "each participant one row"]


def test_a_name_in_the_code_column_is_refused_without_repeating_it(delivery, tmp_path):
    pre, post, before = imported(delivery, tmp_path)
    book = load_workbook(post)
    book.worksheets[0]["A3"] = "Ana Secreta"
    book.save(post)
    assert refused(delivery, before, "--pre", str(pre), "--post", str(post)) == [
        f"{post}: Sheet 'post'!A3: not a participant code like P01; write the code from the "
        "participant's form, never a name"]


def test_a_workbook_of_another_form(delivery, tmp_path):
    pre, post, before = imported(delivery, tmp_path)
    assert refused(delivery, before, "--pre", str(post), "--post", str(post)) == [
        f"{post}: the entry workbook of form 'post', given as --pre; give --pre the workbook "
        "of form 'pre'"]


def test_a_workbook_of_another_delivery(delivery, tmp_path):
    pre, post, before = imported(delivery, tmp_path)
    other = (delivery / "deliveries/lima-1.yaml").read_text(encoding="utf-8")
    (delivery / "deliveries/cusco-1.yaml").write_text(other.replace("id: lima-1", "id: cusco-1"),
                                                     encoding="utf-8")
    folder = build_workbooks(delivery, "cusco-1")
    wrong = folder / "mod-a-entry-pre-cusco-1.xlsx"
    assert refused(delivery, before, "--pre", str(wrong), "--post", str(post)) == [
        f"{wrong}: the entry workbook of delivery 'cusco-1', not of 'lima-1'; give the "
        "workbooks built for lima-1"]


def moodle_export(delivery: Path, path: Path, change: tuple[str, str] | None = None) -> None:
    curriculum, _ = check_curriculum(delivery)
    assert curriculum is not None
    items = quiz_items(delivery_context(curriculum, curriculum.delivery("lima-1"),  # type: ignore[arg-type]
                                        path.parent))
    people = {n: (f"Secreta{n}", f"p{n}@correo.example", answers_of(p))
              for n, p in enumerate(POST)}
    rows = moodle_rows(items, people)
    if change:
        rows = [[cell.replace(*change) for cell in row] for row in rows]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_a_moodle_export_of_other_questions(delivery, tmp_path):
    pre, _, before = imported(delivery, tmp_path)
    export = tmp_path / "post.csv"
    moodle_export(delivery, export, ("¿Quién puede estar presente?", "¿Quién firma el acta?"))
    assert refused(delivery, before, "--pre", str(pre), "--post", str(export)) == [
        f"{export}: line 2: question 5 (\"¿Quién firma el acta?: Una persona de su confianza; "
        "Cualquie…\") matches no item of module 'mod-a'; export the responses of this "
        "module's quiz"]


def test_a_moodle_response_that_is_no_option(delivery, tmp_path):
    pre, _, before = imported(delivery, tmp_path)
    export = tmp_path / "post.csv"
    moodle_export(delivery, export)
    text = export.read_text(encoding="utf-8").replace(",El policía,", ",Nadie,", 1)
    export.write_text(text, encoding="utf-8")
    lines = refused(delivery, before, "--pre", str(pre), "--post", str(export))
    assert lines[0].startswith(f"{export}: line ")
    assert lines[0].endswith(": response 1 ('Nadie') is not an option of item r-single")


def test_an_empty_file(delivery, tmp_path):
    pre, _, before = imported(delivery, tmp_path)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert refused(delivery, before, "--pre", str(pre), "--post", str(empty)) == [
        f"{empty}: the file is empty; {HINT}"]


@pytest.mark.parametrize("name,data", [
    ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("fake.xlsx", b"PK\x03\x04 not really a workbook"),
])
def test_a_file_that_is_not_xlsx_or_csv(delivery, tmp_path, name, data):
    pre, _, before = imported(delivery, tmp_path)
    bad = tmp_path / name
    bad.write_bytes(data)
    message = refused(delivery, before, "--pre", str(pre), "--post", str(bad))
    assert message == [f"{bad}: not an xlsx workbook or a CSV file; {HINT}"] or message == [
        f"{bad}: not an xlsx workbook or a CSV file (it holds binary data); {HINT}"]


def test_a_csv_in_an_encoding_not_read(delivery, tmp_path):
    pre, _, before = imported(delivery, tmp_path)
    bad = tmp_path / "post.csv"
    bad.write_bytes(b"Pregunta 1,Respuesta 1\n\x81\x8d\x8f,\x90\x9d\n")
    assert refused(delivery, before, "--pre", str(pre), "--post", str(bad)) == [
        f"{bad}: cannot be read as a CSV file; Moodle's Responses report is read in UTF-8 "
        "(with or without BOM), UTF-16 or Windows-1252 (what Excel writes): save it in one of "
        "these"]


def test_blanks_and_post_only_participants_are_counted_not_failed(delivery, tmp_path):
    pre, post, _ = imported(delivery, tmp_path)
    status, out, _ = results(delivery, "lima-1", "--format", "json")
    assert status == 0
    assert '"post_only": 1' in out and '"blanks_post": 1' in out


def test_a_database_of_a_newer_voces_is_refused(delivery, tmp_path):
    pre, post, before = imported(delivery, tmp_path)
    with sqlite3.connect(delivery / "output" / store.DATABASE) as connection:
        connection.execute("PRAGMA user_version = 2")
    status, out, err = results(delivery, "lima-1", "--pre", str(pre), "--post", str(post))
    assert status == 1
    assert err.split("\n")[0] == (
        f"{delivery / 'output' / store.DATABASE}: written by a newer voces (results schema 2; "
        "this voces reads 1); upgrade voces, or use another --out")


def test_an_import_that_fails_halfway_leaves_the_earlier_data(delivery, tmp_path, monkeypatch):
    pre, post, before = imported(delivery, tmp_path)
    calls = []
    real = store.insert_answers

    def fail_on_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "insert_answers", fail_on_the_third)
    curriculum, _ = check_curriculum(delivery)
    record = curriculum.delivery("lima-1")  # type: ignore[union-attr]
    with pytest.raises(OSError):
        run_delivery(curriculum, record, Inputs(pre, post), delivery / "output", "text")  # type: ignore[arg-type]
    assert len(calls) == 3
    assert dump(delivery) == before


def test_summary_compares_the_module_deliveries(delivery, tmp_path):
    imported(delivery, tmp_path)
    status, out, err = results(delivery, "--summary", "mod-a")
    assert (status, err) == (0, "")
    lines = out.rstrip("\n").split("\n")
    assert lines[0] == "delivery\tdate\tvenue\tn\tpre %\tpost %\tgain\tpass rate"
    assert lines[1].startswith("lima-1\t2027-03-15\tSala de capacitación 2, Lima\t11\t")
    assert len(lines) == 2



def test_a_multiple_item_too_long_for_a_list_is_still_checked(delivery, tmp_path):
    """Excel keeps a list validation to 255 characters: a multiple item of seven options (127
    letter sets) gets no list in its cells, the others keep theirs, and `voces results` still
    refuses a letter that is not an option."""
    more = "".join(f"      - {{text: {{en: Wrong {n}, es: Incorrecta {n}}}, feedback: "
                   f"{{en: No., es: No.}}}}\n" for n in (5, 6, 7))
    edit(delivery / "scenarios/case-a.yaml",
         "      - {text: {en: Hurrying it, es: Apurarlo}, feedback: {en: No., es: No.}}\n",
         "      - {text: {en: Hurrying it, es: Apurarlo}, feedback: {en: No., es: No.}}\n" + more)
    pre, post = filled(delivery, tmp_path)
    cell, number = cell_of(delivery, "pre", "r-multiple", 5)
    workbook = delivery / "output/es/mod-a/deliveries/lima-1/mod-a-entry-pre-lima-1.xlsx"
    checked = {str(rule.sqref)[0] for rule in
               load_workbook(workbook).worksheets[0].data_validations.dataValidation}
    cells = sum(len(item.lefts or [None]) for item in forms_of(delivery, "lima-1")["pre"])
    assert cell[0] not in checked and len(checked) == cells - 1, checked
    book = load_workbook(pre)
    book.worksheets[0][cell] = "AH"
    book.save(pre)
    status, out, err = results(delivery, "lima-1", "--pre", str(pre), "--post", str(post))
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        f"{pre}: Sheet 'pre'!{cell}: 'AH' is not an option of item {number} (A–G)",
        "voces: nothing was stored"]


def test_an_output_folder_that_cannot_be_made_is_one_message(delivery, tmp_path):
    """`--out` naming a file: one line naming the folder and what to do, exit 1."""
    pre, post = filled(delivery, tmp_path)
    taken = tmp_path / "a-file"
    taken.write_text("not a folder", encoding="utf-8")
    status, out, err = results(delivery, "lima-1", "--pre", str(pre), "--post", str(post),
                               "--out", str(taken / "results"))
    assert (status, out) == (1, "")
    assert err.startswith(f"--out {taken / 'results'}: cannot make the output folder (")
    assert "choose a folder" in err and "Traceback" not in err and "internal" not in err
    assert taken.read_text(encoding="utf-8") == "not a folder"
