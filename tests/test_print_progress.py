"""The progress line of `voces build`: modules done of total and what is being made, on a
terminal only."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest
from print_helpers import use_fake_office_formats

from builder.cli import main
from builder.progress import ProgressLine

MINIMAL = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "minimal"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_line_counts_modules_and_names_what_is_being_made():
    stream = io.StringIO()
    line = ProgressLine(["en", "es"], ["m1", "m2"], stream)

    line("en/m1: deck")
    line("en/m2: guide")
    line("es/m2: quiz")
    line("PDF: converting 12 files with LibreOffice")
    line.clear()

    assert stream.getvalue().split("\r") == [
        "",
        "[0/4 modules] en/m1: deck",
        "[1/4 modules] en/m2: guide",
        "[3/4 modules] es/m2: quiz ",  # one space wipes the end of the longer line before
        "[4/4 modules] PDF: converting 12 files with LibreOffice",
        " " * len("[4/4 modules] PDF: converting 12 files with LibreOffice"),
        "",
    ]


def test_a_shorter_line_wipes_the_longer_one_before_it():
    stream = io.StringIO()
    line = ProgressLine(["en"], ["a-long-module-name"], stream)
    line("en/a-long-module-name: handout")
    line("index page: index.html")
    last = stream.getvalue().split("\r")[-1]
    assert last == "[1/1 modules] index page: index.html".ljust(
        len("[0/1 modules] en/a-long-module-name: handout"))


def test_a_build_on_a_terminal_shows_progress_then_clears_it(tmp_path, monkeypatch, capsys):
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    assert main(["build", str(root), "--only", "agenda"]) == 0

    shown = terminal.getvalue()
    assert "\r[0/2 modules] en/mod-a: agenda" in shown
    assert "\r[1/2 modules] es/mod-a: agenda" in shown
    assert "\r[2/2 modules] index page: index-es.html" in shown
    assert shown.endswith("\r")


def test_a_build_not_on_a_terminal_is_quiet(tmp_path, capsys):
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    assert main(["build", str(root), "--only", "agenda"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == f"built 4 files in {root / 'output'}; open {root / 'output' / 'index.html'} to see them\n"


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_pdf_step_names_each_file_as_libreoffice_converts_it(tmp_path, monkeypatch):
    use_fake_office_formats(monkeypatch)
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)

    # One LibreOffice converts in order; several name their files as each finishes.
    assert main(["build", str(root), "--pdf", "--jobs", "1"]) == 0

    steps = [step.rstrip() for step in terminal.getvalue().split("\r") if "PDF" in step]
    assert steps == [
        "[2/2 modules] PDF: converting 4 files with LibreOffice",
        "[2/2 modules] PDF 1/4: mod-a-deck-en.pptx",
        "[2/2 modules] PDF 2/4: mod-a-guide-en.docx",
        "[2/2 modules] PDF 3/4: mod-a-deck-es.pptx",
        "[2/2 modules] PDF 4/4: mod-a-guide-es.docx",
    ]
