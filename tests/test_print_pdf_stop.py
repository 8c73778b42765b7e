"""`--pdf` stopping: when the build stops (Ctrl-C, a thread that failed), the tools it runs are
stopped at once and none starts, the earlier output stays as it was and nothing is left running
(LibreOffice used to convert its last file first: about 40 s on the example)."""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES, need_tools
from print_helpers import use_fake_office_formats

import builder.pdf
import builder.pdf_tools
from builder.cli import main
from builder.pdf_tools import ToolGroup, ToolsStopped, run_tool


def _tree(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()
            and path.name != ".voces-lock"}  # the lock names the build that last held it


def test_a_stopped_group_ends_its_running_tool_and_starts_no_other():
    group = ToolGroup()
    running = threading.Event()
    said: list[str] = []
    tool = threading.Thread(target=lambda: said.append(run_tool(
        ["sh", "-c", "echo started; sleep 30; echo done"], 60,
        lambda line: running.set(), group=group)))
    tool.start()
    assert running.wait(timeout=30), "the tool started"

    group.stop()

    tool.join(timeout=10)
    assert not tool.is_alive(), "the running tool was stopped"
    assert said == ["started"], "it said only what it said before it was stopped"
    with pytest.raises(ToolsStopped):
        run_tool(["sh", "-c", "echo never"], 60, group=group)


@pytest.mark.office
def test_a_failing_thread_stops_libreoffice_and_leaves_the_earlier_output(
        tmp_path, monkeypatch, capsys):
    need_tools("soffice", "pdftoppm")
    use_fake_office_formats(monkeypatch)
    root = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    assert main(["build", str(root)]) == 0
    before = _tree(root / "output")
    capsys.readouterr()
    started: list[tuple[list[str], subprocess.Popen[str]]] = []
    real_popen = subprocess.Popen

    def spy(command, *args, **kwargs):  # type: ignore[no-untyped-def]
        process = real_popen(command, *args, **kwargs)
        started.append((list(command), process))
        return process

    def broken_pictures(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the pictures broke")

    monkeypatch.setattr(builder.pdf_tools.subprocess, "Popen", spy)
    monkeypatch.setattr(builder.pdf, "render_slides", broken_pictures)

    assert main(["build", str(root), "--pdf", "--force", "--jobs", "2"]) == 3

    assert "RuntimeError: the pictures broke" in capsys.readouterr().err
    assert _tree(root / "output") == before
    assert not list((root / "output").glob(".voces-staging-*")), "staging and profiles removed"
    offices = [process for command, process in started if Path(command[0]).name == "soffice"]
    assert len(offices) == 2
    assert all(process.poll() is not None for _, process in started), "nothing left running"
    assert any(process.returncode == -signal.SIGKILL for process in offices), (
        "a LibreOffice still converting was stopped, not waited for")


FAKE_OFFICE = """#!/bin/sh
# Names each file as LibreOffice does, before writing its PDF; a file saying TRUNCATED gets a
# PDF cut short, as a LibreOffice stopped while writing leaves it.
while [ "$1" != "--outdir" ]; do shift; done
outdir=$2; shift 2
for file in "$@"; do
  if [ -f "$file" ]; then
    name=$(basename "$file")
    echo "convert $file -> $outdir/$name.pdf using filter : writer_pdf_Export"
    sleep 0.3
    if grep -q TRUNCATED "$file"; then printf '%%PDF-1.4 cut' > "$outdir/$name.pdf"
    else printf '%%PDF-1.4\\n%%%%EOF\\n' > "$outdir/$name.pdf"; fi
  else
    echo "Error: source file could not be loaded"
  fi
done
"""


def test_a_pdf_cut_short_is_not_taken_for_made(tmp_path):
    from builder.pdf_queue import FileQueue, Waiting, convert_from_queue

    office = tmp_path / "soffice"
    office.write_text(FAKE_OFFICE, encoding="utf-8")
    office.chmod(0o755)
    files = []
    for name, text in (("one", "whole"), ("two", "TRUNCATED"), ("three", "whole")):
        files.append(tmp_path / f"{name}.docx")
        files[-1].write_text(text, encoding="utf-8")
    made: list[tuple[str, bytes]] = []

    run = convert_from_queue(FileQueue([(path, 1.0) for path in files]), tmp_path / "scratch",
                             tmp_path / "profile", str(office),
                             lambda item, pdf: made.append((item.source.name, pdf.read_bytes())))

    assert [name for name, _ in made] == ["one.docx", "three.docx"]
    assert all(pdf.endswith(b"%%EOF\n") for _, pdf in made)
    assert run.converted == 2 and run.failed == [Waiting(files[1])]


def test_a_pdf_cut_short_is_not_taken_for_made_by_a_run_of_its_own(tmp_path):
    """The run for what the queue runs left (pdf_tools.convert_to_pdf) takes a PDF for made by
    the same test as a queue run: one cut short is a failed file, not a PDF for the output."""
    from builder.pdf_tools import convert_to_pdf

    office = tmp_path / "soffice"  # names its PDFs by the source's stem, as LibreOffice does
    office.write_text(FAKE_OFFICE.replace("$outdir/$name.pdf", '$outdir/${name%.*}.pdf'),
                      encoding="utf-8")
    office.chmod(0o755)
    files = []
    for name, text in (("one", "whole"), ("two", "TRUNCATED"), ("three", "whole")):
        files.append(tmp_path / f"{name}.docx")
        files[-1].write_text(text, encoding="utf-8")
    made: list[str] = []

    conversion = convert_to_pdf(files, tmp_path / "scratch", str(office),
                                made=lambda source, pdf: made.append(source.name))

    assert made == ["one.docx", "three.docx"]
    assert sorted(conversion.pdfs) == sorted([files[0], files[2]])
    assert conversion.problem  # not every file converted: the build says what the tool said
