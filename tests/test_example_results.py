"""The example's delivery and its filled workbooks: `voces results` has something real to show,
and the workbooks are what tools/make_example_results.py makes from its seed."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import REPO
from openpyxl import load_workbook

from builder.cli import main

EXAMPLES = REPO / "examples" / "results"


def test_voces_results_on_the_example(tmp_path, capsys):
    status = main(["results", "lima-2027-03", "--path", str(REPO), "--out", str(tmp_path),
                   "--pre", str(EXAMPLES / "lima-2027-03-pre.xlsx"),
                   "--post", str(EXAMPLES / "lima-2027-03-post.xlsx"), "--format", "json"])
    assert status == 0
    data = json.loads(capsys.readouterr().out)
    assert data["participants"] == {"pre": 17, "post": 15, "paired": 15, "dropped_columns": 0,
                                    "pre_only": 2, "post_only": 0}
    assert data["scores"]["t"] is not None and data["scores"]["gain"] > 0
    report = tmp_path / "es/m1-revictimisation/deliveries/lima-2027-03"
    assert (report / "m1-revictimisation-results-lima-2027-03.html").is_file()


@pytest.mark.slow
def test_the_example_workbooks_come_from_the_stated_seed(tmp_path):
    spec = importlib.util.spec_from_file_location("make", REPO / "tools/make_example_results.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.main(tmp_path)
    for form in ("pre", "post"):
        made = load_workbook(tmp_path / f"lima-2027-03-{form}.xlsx")[form]
        shipped = load_workbook(EXAMPLES / f"lima-2027-03-{form}.xlsx")[form]
        assert list(made.values) == list(shipped.values)
