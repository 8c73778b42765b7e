"""The shipped example built with `--pdf`: a PDF beside every pptx and docx the formats write."""

from __future__ import annotations

import shutil

import pytest
from conftest import REPO
from print_helpers import assert_pdf_beside_every_office_file, office_files

from builder.cli import main
from builder.load import load_curriculum

pytestmark = pytest.mark.office  # every test here starts a real client


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="Poppler's pdfinfo is not installed")
def test_the_example_builds_with_a_pdf_beside_every_office_file(tmp_path, capsys):
    curriculum, _ = load_curriculum(REPO)
    assert curriculum is not None
    first_module = curriculum.modules[0].id  # one module and language keep LibreOffice's time short
    out = tmp_path / "output"

    status = main(["build", str(REPO), "--pdf", "--module", first_module, "--lang", "en",
                   "--out", str(out)])

    captured = capsys.readouterr()
    assert status == 0, captured.out + captured.err
    assert captured.err == ""
    built = office_files(out)
    # deck, guide, handout, notice, and a printable quiz and an answer key per form
    assert len(built) == 4 + 2 * len(curriculum.modules[0].quiz.forms)
    assert_pdf_beside_every_office_file(out)
    index = (out / "index.html").read_text(encoding="utf-8")
    for path in [*built, *out.rglob("*.pdf")]:
        assert f'href="{path.relative_to(out).as_posix()}"' in index
