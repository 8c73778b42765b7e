"""The entry workbooks in LibreOffice Calc, the spreadsheet many facilitators have: every entry
workbook of the example's deliveries opens there with its header row and participant codes; its
letter validation, its key sheet and what `voces results` needs survive being saved again by
Calc; and a filled workbook saved by Calc gives the same results as the one openpyxl wrote."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import REPO, libreoffice_convert
from openpyxl import load_workbook

from builder.cli import main
from builder.load import load_curriculum

EXAMPLES = REPO / "examples" / "results"
UTF8_CSV = "csv:Text - txt - csv (StarCalc):44,34,76"
"""Comma-separated, double-quoted, UTF-8 (LibreOffice's filter options)."""


def calc(files: list[Path], target: str, out: Path) -> list[Path]:
    """Every file converted by LibreOffice Calc in one soffice call (a profile of its own)."""
    return libreoffice_convert(files, target, out)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> list[tuple[Path, int]]:
    """Every entry workbook of the example's deliveries, with its delivery's participants."""
    out = tmp_path_factory.mktemp("calc") / "output"
    assert main(["build", str(REPO), "--out", str(out), "--only", "delivery"]) == 0
    curriculum, _ = load_curriculum(REPO)
    assert curriculum is not None and curriculum.deliveries, "the example has a delivery"
    found = []
    for delivery in curriculum.deliveries:
        folder = out / delivery.language / delivery.module / "deliveries" / delivery.id
        entries = sorted(folder.glob(f"{delivery.module}-entry-*-{delivery.id}.xlsx"))
        assert entries, f"no entry workbook in {folder}"
        found += [(path, delivery.participants) for path in entries]
    return found


def validations(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Each sheet's data validations: type, list, cells, blanks allowed, error shown and said."""
    workbook = load_workbook(path)
    return {sheet.title: sorted(
        (rule.type, rule.formula1, str(rule.sqref), bool(rule.allow_blank),
         bool(rule.showErrorMessage), rule.error)
        for rule in sheet.data_validations.dataValidation) for sheet in workbook.worksheets}


def values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    workbook = load_workbook(path)
    return {sheet.title: [tuple("" if cell is None else str(cell) for cell in row)
                          for row in sheet.iter_rows(values_only=True)]
            for sheet in workbook.worksheets}


@pytest.mark.office
def test_calc_opens_every_entry_workbook_with_its_header_and_codes(workbooks, tmp_path):
    files = [path for path, _ in workbooks]
    for (path, participants), exported in zip(workbooks, calc(files, UTF8_CSV, tmp_path),
                                              strict=True):
        rows = list(csv.reader(exported.read_text(encoding="utf-8").splitlines()))
        written = load_workbook(path).worksheets[0]
        header = ["" if cell is None else str(cell) for cell in next(written.values)]
        assert rows[0] == header, path.name
        assert len(header) > 1 and header[0] in ("Participant", "Participante")
        codes = [row[0] for row in rows[1:] if row and row[0]]
        assert codes == [f"P{number:02d}" for number in range(1, participants + 1)], path.name


@pytest.mark.office
def test_validation_and_key_survive_a_save_in_calc(workbooks, tmp_path):
    files = [path for path, _ in workbooks]
    for path, saved in zip(files, calc(files, "xlsx", tmp_path), strict=True):
        before, after = validations(path), validations(saved)
        assert any(before.values()), f"{path.name} has no validation to lose"
        assert after == before, path.name
        assert values(saved) == values(path), path.name


@pytest.mark.office
def test_a_filled_workbook_saved_by_calc_gives_the_same_results(tmp_path, capsys):
    filled = [EXAMPLES / "lima-2027-03-pre.xlsx", EXAMPLES / "lima-2027-03-post.xlsx"]
    saved = calc(filled, "xlsx", tmp_path / "calc")

    def results(pre: Path, post: Path, out: Path) -> dict[str, object]:
        assert main(["results", "lima-2027-03", "--path", str(REPO), "--out", str(out),
                     "--pre", str(pre), "--post", str(post), "--format", "json"]) == 0
        data: dict[str, object] = json.loads(capsys.readouterr().out)
        return data

    from_openpyxl = results(*filled, tmp_path / "a")
    from_calc = results(*saved, tmp_path / "b")
    assert from_calc == from_openpyxl
    assert from_calc["participants"] == {"pre": 17, "post": 15, "paired": 15,
                                         "dropped_columns": 0, "pre_only": 2, "post_only": 0}
