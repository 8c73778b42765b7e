"""`voces build` writes each delivery's files into deliveries/<id>/, declared in the registry:
the entry workbook is the facilitators' (it holds the key), the rest participants'."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXTURES
from openpyxl import load_workbook

from builder.checks import check_curriculum
from builder.cli import main
from builder.dates import long_date
from builder.delivery.context import delivery_context
from builder.formats import Audience, module_outputs
from builder.locales import Words
from builder.quiz import quiz_forms

FOLDER = "output/es/mod-a/deliveries/lima-1"
FILES = ["mod-a-agenda-lima-1.txt", "mod-a-certificate-lima-1.docx",
         "mod-a-entry-post-lima-1.xlsx", "mod-a-entry-pre-lima-1.xlsx",
         "mod-a-notice-lima-1.docx", "mod-a-sign-in-lima-1.docx"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("deliveries") / "curriculum"
    shutil.copytree(FIXTURES / "results", root)
    assert main(["build", str(root), "--only", "delivery,notice"]) == 0
    return root


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_each_delivery_gets_its_files_in_its_language_only(built):
    assert sorted(p.name for p in (built / FOLDER).iterdir()) == FILES
    assert not (built / "output/en/mod-a/deliveries").exists()


def test_without_deliveries_nothing_more_is_built(make_curriculum):
    root = make_curriculum()
    assert main(["build", str(root)]) == 0
    assert not list((root / "output").rglob("deliveries"))


def test_the_registry_declares_who_sees_each_file(built):
    curriculum, _ = check_curriculum(built)
    module = curriculum.module("mod-a")  # type: ignore[union-attr]
    audiences = {o.name: o.audience for o in module_outputs(
        module, "es", ["delivery"], curriculum.deliveries)}  # type: ignore[union-attr]
    assert audiences == {
        "mod-a-notice-lima-1.docx": Audience.PARTICIPANT,
        "mod-a-agenda-lima-1.txt": Audience.PARTICIPANT,
        "mod-a-sign-in-lima-1.docx": Audience.PARTICIPANT,
        "mod-a-certificate-lima-1.docx": Audience.PARTICIPANT,
        "mod-a-entry-pre-lima-1.xlsx": Audience.FACILITATOR,
        "mod-a-entry-post-lima-1.xlsx": Audience.FACILITATOR,
    }


def test_the_notice_and_agenda_carry_date_venue_organiser_and_start(built):
    notice = docx_text(built / FOLDER / "mod-a-notice-lima-1.docx")
    for expected in ("lunes 15 de marzo de 2027", "Sala de capacitación 2, Lima",
                     "capacitacion@example.org",
                     "Training office", "10:00", "Facilitator One, Facilitator Two"):
        assert expected in notice
    agenda = (built / FOLDER / "mod-a-agenda-lima-1.txt").read_text(encoding="utf-8")
    assert "Fecha: lunes 15 de marzo de 2027\nLugar: Sala de capacitación 2, Lima\n" in agenda
    assert "10:00–10:15   15 min  Apertura" in agenda
    module_notice = docx_text(built / "output/es/mod-a/mod-a-notice-es.docx")
    assert "capacitacion@example.org" not in module_notice
    assert "2027-03-15" not in notice + agenda


def test_sign_in_sheet_and_certificate(built):
    sign_in = docx_text(built / FOLDER / "mod-a-sign-in-lima-1.docx")
    assert "P01" in sign_in and "P14" in sign_in and "P15" not in sign_in
    assert "lunes 15 de marzo de 2027" in sign_in  # as participants read a date
    certificate = docx_text(built / FOLDER / "mod-a-certificate-lima-1.docx")
    assert "Certificado de asistencia" in certificate
    assert ("el lunes 15 de marzo de 2027 en Sala de capacitación 2, Lima: 1 h (60 minutos)."
            in certificate)


def test_entry_workbook_rows_columns_validation_and_key(built):
    curriculum, _ = check_curriculum(built)
    delivery = curriculum.delivery("lima-1")  # type: ignore[union-attr]
    forms = quiz_forms(delivery_context(curriculum, delivery, built))  # type: ignore[arg-type]
    book = load_workbook(built / FOLDER / "mod-a-entry-post-lima-1.xlsx")
    assert book.sheetnames == ["post", "Preguntas y clave", "voces"]
    assert book["voces"].sheet_state == "hidden"
    sheet = book["post"]
    labels = []
    for item in forms["post"]:
        labels += ([f"{item.number}.{left.number}" for left in item.lefts]
                   if item.type == "matching" else [str(item.number)])
    assert [c.value for c in sheet[1]] == ["Participante", *labels]
    assert [sheet.cell(r, 1).value for r in range(2, 16)] == [f"P{n:02d}" for n in range(1, 15)]
    rules = {str(rule.sqref).split(":")[0][:-1]: rule.formula1
             for rule in sheet.data_validations.dataValidation}
    for column, item in zip("BCDEFGHI", [i for i in forms["post"] for _ in (i.lefts or [0])],
                            strict=False):
        if item.type == "single":
            assert rules[column] == '"' + ",".join(o.letter for o in item.options) + '"'
        if item.type == "true-false":
            assert rules[column] == '"A,B"'
    key = book["Preguntas y clave"]
    assert [row[4] for row in key.iter_rows(min_row=2, values_only=True)] == [
        item.key for item in forms["post"]]


def test_delivery_files_are_byte_reproducible(built, tmp_path):
    again = tmp_path / "again"
    shutil.copytree(built, again, ignore=shutil.ignore_patterns("output"))
    assert main(["build", str(again), "--only", "delivery,notice"]) == 0
    for name in FILES:
        assert (again / FOLDER / name).read_bytes() == (built / FOLDER / name).read_bytes(), name


def test_a_rebuild_keeps_the_results_report(built, tmp_path):
    report = built / FOLDER / "mod-a-results-lima-1.html"
    report.write_text("<p>report</p>", encoding="utf-8")
    assert main(["build", str(built)]) == 0
    assert report.read_text(encoding="utf-8") == "<p>report</p>"


@pytest.mark.parametrize(("lang", "day", "expected"), [
    ("en", date(2027, 3, 15), "Monday 15 March 2027"),
    ("es", date(2027, 3, 15), "lunes 15 de marzo de 2027"),
    ("es", date(2028, 2, 29), "martes 29 de febrero de 2028"),
    ("en", date(2026, 12, 27), "Sunday 27 December 2026"),
])
def test_a_date_reads_as_its_language_writes_it(lang, day, expected):
    assert long_date(Words(lang), day) == expected
