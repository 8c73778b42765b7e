"""`voces build --pdf`: a PDF beside every pptx and docx through one LibreOffice, slide pictures,
and a clear message, once, when the tools are missing."""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES
from PIL import Image, ImageChops
from print_helpers import (
    FAKE_SLIDE_COUNT,
    assert_pdf_beside_every_office_file,
    fake_deck,
    fake_guide,
    office_files,
    record_tool_starts,
    use_fake_office_formats,
)

import builder.pdf
import builder.pdf_tools
from builder.cli import main
from builder.context import BuildContext
from builder.load import load_curriculum
from builder.locales import Words
from builder.pdf_tools import PICTURE_WIDTH, Conversion, convert_to_pdf

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdfinfo") is None or shutil.which("pdftoppm") is None,
    reason="Poppler's pdfinfo/pdftoppm are not installed")

NO_LIBREOFFICE = (
    "voces: LibreOffice was not found (no 'soffice' on PATH), so no PDFs or slide pictures were "
    "made; everything else was built. To make them, install LibreOffice (Debian/Ubuntu: sudo "
    "apt-get install libreoffice-impress libreoffice-writer; other systems: "
    "https://www.libreoffice.org/download/) and build again with --pdf.\n"
)
NO_PDFTOPPM = (
    "voces: pdftoppm was not found, so no slide pictures were made; the PDFs were. To make them, "
    "install Poppler's tools (Debian/Ubuntu: sudo apt-get install poppler-utils; other systems: "
    "https://poppler.freedesktop.org/) and build again with --pdf.\n"
)


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.mark.office
@needs_libreoffice
@needs_poppler
@pytest.mark.parametrize("jobs", [1, 2])
def test_pdf_beside_every_pptx_and_docx_from_one_libreoffice_per_job(
    minimal, monkeypatch, capsys, jobs, tmp_path
):
    use_fake_office_formats(monkeypatch)
    started = record_tool_starts(monkeypatch)
    out = minimal / "output"

    assert main(["build", str(minimal), "--pdf", "--jobs", str(jobs)]) == 0

    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out == f"built 12 files in {out}; open {out / 'index.html'} to see them\n"
    assert len(office_files(out)) == 4  # deck and guide, English and Spanish
    assert_pdf_beside_every_office_file(out)
    soffice_runs = [c for c in started if Path(c[0]).name in ("soffice", "libreoffice")]
    assert len(soffice_runs) == jobs, "one LibreOffice process per job converts its share"
    profiles = {run[1] for run in soffice_runs}
    assert len(profiles) == jobs, "each LibreOffice has a profile of its own"
    for profile in profiles:
        assert profile.startswith("-env:UserInstallation=file://")
        assert "/.voces-staging-" in profile, "LibreOffice's profile lives in the staging folder"
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [
        ".voces-lock", ".voces-manifest.json"]
    pictures = out / "en" / "mod-a" / "mod-a-deck-en-slides"
    assert len(list(pictures.iterdir())) == FAKE_SLIDE_COUNT
    picture = pictures / "slide-02.png"
    with Image.open(picture) as image:
        assert image.width <= PICTURE_WIDTH
        rgb = image.convert("RGB")
        assert len(rgb.getcolors(rgb.width * rgb.height)) > 2, "a slide picture is not blank"
    # The pixels are pdftoppm's own PNG's (voces compresses them faster, not differently).
    own = tmp_path / "own"
    subprocess.run(["pdftoppm", "-png", "-scale-to", str(PICTURE_WIDTH), "-f", "2", "-l", "2",
                    str(out / "en" / "mod-a" / "mod-a-deck-en.pdf"), str(own)], check=True)
    with Image.open(picture) as ours, Image.open(next(tmp_path.glob("own-*2.png"))) as theirs:
        assert ours.mode == theirs.mode and ours.size == theirs.size
        assert ImageChops.difference(ours.convert("RGB"), theirs.convert("RGB")).getbbox() is None


@pytest.mark.office
@needs_libreoffice
def test_pdf_true_in_curriculum_yaml_asks_for_pdfs_too(minimal, monkeypatch):
    use_fake_office_formats(monkeypatch)
    settings = minimal / "curriculum.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "pdf: true\n", encoding="utf-8")

    assert main(["build", str(minimal), "--lang", "en", "--only", "guide"]) == 0

    assert (minimal / "output" / "en" / "mod-a" / "mod-a-guide-en.pdf").is_file()


def test_without_pdf_no_libreoffice_runs(minimal, monkeypatch):
    use_fake_office_formats(monkeypatch)
    monkeypatch.setattr(builder.pdf, "convert_to_pdf", None)  # calling it would raise

    assert main(["build", str(minimal), "--lang", "en"]) == 0

    assert list((minimal / "output").rglob("*.pdf")) == []


def test_without_libreoffice_the_build_says_so_once_and_writes_the_rest(
    minimal, monkeypatch, capsys, tmp_path,
):
    use_fake_office_formats(monkeypatch)
    empty = tmp_path / "bin-without-libreoffice"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = minimal / "output"

    assert main(["build", str(minimal), "--pdf"]) == 0

    captured = capsys.readouterr()
    assert captured.err == NO_LIBREOFFICE
    assert captured.out == f"built 8 files in {out}; open {out / 'index.html'} to see them\n"
    assert len(office_files(out)) == 4
    assert (out / "index.html").is_file()
    assert list(out.rglob("*.pdf")) == [] and list(out.rglob("*.png")) == []


@pytest.mark.office
@needs_libreoffice
def test_without_pdftoppm_the_pdfs_are_made_and_the_build_says_so_once(
    minimal, monkeypatch, capsys,
):
    use_fake_office_formats(monkeypatch)
    real_which = shutil.which

    def which(name, *args, **kwargs):
        return None if name == "pdftoppm" else real_which(name, *args, **kwargs)

    monkeypatch.setattr(builder.pdf_tools.shutil, "which", which)
    out = minimal / "output"

    assert main(["build", str(minimal), "--pdf"]) == 0

    assert capsys.readouterr().err == NO_PDFTOPPM
    assert len(list(out.rglob("*.pdf"))) == 4
    assert list(out.rglob("*-slides")) == []


def test_the_messages_are_the_locale_words():
    english = Words("en")
    assert NO_LIBREOFFICE == f"voces: {english('pdf_no_libreoffice')}\n"
    assert NO_PDFTOPPM == f"voces: {english('pdf_no_pdftoppm')}\n"


@pytest.mark.office
@needs_libreoffice
def test_two_batches_at_once_do_not_collide_and_same_stems_both_convert(tmp_path):
    """Two builds at once each run LibreOffice with a profile of its own; a batch holding
    `a.pptx` and `a.docx` still converts both in one call."""
    batches = []
    for name in ("one", "two"):
        folder = tmp_path / name
        (folder / "deck").mkdir(parents=True)
        (folder / "guide").mkdir()
        context = _bare_context(folder)
        deck = fake_deck(context)[0].rename(folder / "deck" / "a.pptx")
        guide = fake_guide(context)[0].rename(folder / "guide" / "a.docx")
        batches.append(([deck, guide], folder / "scratch"))
    results: dict[int, Conversion] = {}

    def run(number: int) -> None:
        files, scratch = batches[number]
        results[number] = convert_to_pdf(files, scratch)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    for number, (files, _) in enumerate(batches):
        conversion = results[number]
        assert sorted(conversion.pdfs) == sorted(files), conversion.problem
        assert len({pdf.name for pdf in conversion.pdfs.values()}) == 2


def _bare_context(folder: Path) -> BuildContext:
    curriculum, findings = load_curriculum(FIXTURES / "minimal")
    assert curriculum is not None, findings
    return BuildContext(curriculum, curriculum.modules[0], "en", folder)


def test_a_tool_that_hangs_is_stopped_with_its_children():
    # The shell's child holds the output pipe: unless the whole group is stopped, this blocks.
    said = builder.pdf_tools.run_tool(["sh", "-c", "sleep 30; echo done"], 1)
    assert said == "sh did not finish within 1 s and was stopped"


def test_files_libreoffice_could_not_convert_are_named_once(minimal, monkeypatch, capsys, tmp_path):
    use_fake_office_formats(monkeypatch)
    tools = tmp_path / "bin"
    tools.mkdir()
    broken = tools / "soffice"
    broken.write_text("#!/bin/sh\necho 'Error: source file could not be loaded'\n",
                      encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))

    assert main(["build", str(minimal), "--pdf", "--lang", "en"]) == 0

    assert capsys.readouterr().err == (
        "voces: LibreOffice could not convert mod-a-deck-en.pptx, mod-a-guide-en.docx to PDF; "
        "everything else was built. It said: Error: source file could not be loaded\n")
    assert (minimal / "output" / "en" / "mod-a" / "mod-a-deck-en.pptx").is_file()
    assert list((minimal / "output").rglob("*.pdf")) == []
