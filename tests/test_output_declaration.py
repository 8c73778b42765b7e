"""Outputs describe themselves: a format registered with its declaration alone is built, guarded,
listed on the index page and replaced, with no other file of the builder changed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import edit

from builder.cli import main
from builder.context import BuildContext
from builder.formats import FORMATS, TEXT, XLSX, Audience, FileSpec, Format

NOTES = "Listen for whether they offer a choice before the examination."
FEEDBACK = "Choice helps her take part and speak openly about what happened."
SHEET_XML = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             "<sheetData><row><c t=\"inlineStr\"><is><t>{}</t></is></c></row></sheetData>"
             "</worksheet>")


def rounds(module) -> list[dict[str, str]]:
    """One copy per quiz form, as a per-delivery output has one per delivery."""
    return [{"round": form} for form in module.quiz.forms]


def extra_format(sheet_text: str = "Name", card_text: str = "Welcome") -> Format:
    """A trainer's workbook per round in a subfolder, and a participant's card."""

    def write(context: BuildContext) -> list[Path]:
        written = []
        for values in rounds(context.module):
            folder = context.folder / "rounds" / values["round"]
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / context.file_name(f"sheet-{values['round']}", "xlsx")
            with zipfile.ZipFile(path, "w") as archive:
                archive.writestr("xl/worksheets/sheet1.xml", SHEET_XML.format(sheet_text))
            written.append(path)
        card = context.path("card", "txt")
        card.write_text(f"{card_text} to {context.text(context.module.title)}\n",
                        encoding="utf-8")
        return [*written, card]

    return Format("card", write, (
        FileSpec("sheet-{round}", XLSX, Audience.TRAINER, role="sheet",
                 folder="rounds/{round}", each=rounds),
        FileSpec("card", TEXT, Audience.PARTICIPANT, role="card"),
    ))


@pytest.fixture
def root(make_curriculum) -> Path:
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml", "notes: {en: Listen for choice.,",
         f"notes: {{en: {NOTES},")
    edit(root / "scenarios/case-a.yaml", "feedback: {en: Choice helps.,",
         f"feedback: {{en: {FEEDBACK},")
    return root


def test_a_registered_format_is_built_listed_and_replaced(root, monkeypatch):
    monkeypatch.setitem(FORMATS, "card", extra_format(sheet_text=NOTES))
    assert main(["build", str(root), "--only", "agenda,card"]) == 0
    out = root / "output"
    sheet = out / "en/mod-a/rounds/post/mod-a-sheet-post-en.xlsx"
    card = out / "es/mod-a/mod-a-card-es.txt"
    assert sheet.is_file() and card.read_text(encoding="utf-8") == "Welcome to Módulo A\n"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="en/mod-a/rounds/pre/mod-a-sheet-pre-en.xlsx"' in index
    assert "<td>Spreadsheet (Excel)</td>" in index  # a role without words: its file type's
    assert 'href="es/mod-a/mod-a-card-es.txt"' in index

    # A writer from outside the package is not in the builder's fingerprint: --force.
    monkeypatch.setitem(FORMATS, "card", extra_format(card_text="Hello"))
    assert main(["build", str(root), "--only", "card", "--lang", "es", "--force"]) == 0
    assert card.read_text(encoding="utf-8") == "Hello to Módulo A\n"
    assert (out / "en/mod-a/mod-a-card-en.txt").read_text(encoding="utf-8") == \
        "Welcome to Module A\n"

    edit(root / "modules/mod-a.yaml", "forms: [pre, post]", "forms: [pre]")
    assert main(["build", str(root)]) == 0
    assert not (out / "en/mod-a/rounds/post").exists(), "a complete build drops what it no " \
        "longer declares"
    assert (out / "en/mod-a/rounds/pre/mod-a-sheet-pre-en.xlsx").is_file()


@pytest.mark.parametrize(("sheet_text", "card_text", "leak"), [
    (FEEDBACK, "Welcome", "en/mod-a/rounds/post/mod-a-sheet-post-en.xlsx "
                          "(xl/worksheets/sheet1.xml): holds a facilitator-only text (feedback)"),
    ("Name", NOTES, "en/mod-a/mod-a-card-en.txt: holds a facilitator-only text (stage notes)"),
])
def test_a_registered_format_is_guarded_by_its_declared_audience(
    root, monkeypatch, capsys, sheet_text, card_text, leak
):
    monkeypatch.setitem(FORMATS, "card", extra_format(sheet_text, card_text))
    assert main(["build", str(root), "--only", "card", "--lang", "en"]) == 1
    assert leak in capsys.readouterr().err
    assert not (root / "output/en").exists()


def test_a_file_written_but_not_declared_fails_the_build(root, monkeypatch, capsys):
    declared = extra_format()
    monkeypatch.setitem(FORMATS, "card", Format("card", declared.writer, declared.files[1:]))
    assert main(["build", str(root), "--only", "card"]) == 3
    assert ("format 'card' wrote en/mod-a/rounds/post/mod-a-sheet-post-en.xlsx, "
            "en/mod-a/rounds/pre/mod-a-sheet-pre-en.xlsx but declares no such file"
            ) in capsys.readouterr().err
