"""`--pdf` on several cores: shares of about the same cost, the guides' second rendering in the
same LibreOffice run, slide pictures drawn by whichever core is free, and the same files as on
one core."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, need_tools
from docx import Document
from guide_helpers import pdf_pages
from PIL import Image
from print_helpers import record_tool_starts, use_fake_office_formats

from builder.cli import main
from builder.pdf import _Pictures
from builder.pdf_tools import conversion_cost, convert_to_pdf, divide, render_slides, run_tool


def test_shares_take_the_costliest_files_first_and_keep_the_builds_order():
    costs = {"a": 5, "b": 1, "c": 1, "d": 3, "e": 2}
    paths = [Path(name) for name in costs]

    shares = divide(paths, 2, lambda path: costs[path.name])

    assert [[path.name for path in share] for share in shares] == [["a", "b"], ["c", "d", "e"]]
    assert [sum(costs[path.name] for path in share) for share in shares] == [6, 6]
    assert divide(paths, 1, lambda path: costs[path.name]) == [paths]
    assert len(divide(paths[:1], 4, lambda path: 1)) == 1, "no share without a file"


def test_a_decks_bytes_cost_more_and_a_guide_numbered_again_costs_twice(tmp_path):
    deck, document = tmp_path / "a.pptx", tmp_path / "a.docx"
    for path in (deck, document):
        path.write_bytes(b"x" * 50_000)

    assert conversion_cost(deck) > conversion_cost(document) > 0
    assert conversion_cost(document, twice=True) == 2 * conversion_cost(document)


def test_a_deck_is_drawn_by_whichever_core_asks_first_and_the_last_share_ends_the_queue():
    pictures = _Pictures(2)
    pictures.add(Path("deck.pptx"), None)  # type: ignore[arg-type]
    pictures.converted()  # the share that made it is done; the other still converts
    assert pictures.next() == (Path("deck.pptx"), None)

    taken: list[object] = []
    waiting = threading.Thread(target=lambda: taken.append(pictures.next()))
    waiting.start()
    time.sleep(0.2)
    assert waiting.is_alive(), "a free core waits while another share may still add a deck"
    pictures.converted()
    waiting.join(timeout=10)
    assert taken == [None]


def _documents(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for name in names:
        document = Document()
        document.add_heading(name, level=1)
        document.add_paragraph(f"The text of {name}.")
        document.save(str(folder / f"{name}.docx"))
        made.append(folder / f"{name}.docx")
    return made


@pytest.mark.office
def test_a_file_written_while_libreoffice_converts_is_converted_in_the_same_run(
        tmp_path, monkeypatch):
    """The guides' second rendering: the copy does not exist when LibreOffice starts; it is
    written once the first file's PDF is whole, and the same process renders it at the end."""
    need_tools("soffice")
    files = _documents(tmp_path / "in", ["first", "second", "third", "fourth"])
    copy = tmp_path / "later" / "first.again.docx"
    started = record_tool_starts(monkeypatch)
    made: list[tuple[str, bytes]] = []
    named: list[str] = []

    def whole(source: Path, pdf: Path) -> None:
        made.append((source.name, pdf.read_bytes()))
        if source == files[0]:
            copy.parent.mkdir()
            shutil.copyfile(source, copy)

    conversion = convert_to_pdf(files, tmp_path / "scratch", converting=lambda _, name:
                                named.append(name), made=whole, later=[copy])

    assert len(started) == 1, "one LibreOffice run"
    assert [name for name, _ in made] == [path.name for path in [*files, copy]]
    for name, pdf in made:
        assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF"), f"{name}: not whole"
    assert sorted(conversion.pdfs) == sorted([*files, copy]) and conversion.problem == ""
    assert named == [path.name for path in files], "progress names the files, not the copy"


@pytest.mark.office
def test_a_guide_among_other_files_is_numbered_without_a_second_libreoffice(
        tmp_path, monkeypatch):
    need_tools("soffice", "pdftotext", "pdfinfo")
    root = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    started = record_tool_starts(monkeypatch)

    assert main(["build", str(root), "--pdf", "--lang", "en", "--jobs", "1"]) == 0

    soffice_runs = [command for command in started if Path(command[0]).name == "soffice"]
    assert len(soffice_runs) == 1, "the guide's second rendering is in the same run"
    contents = pdf_pages(root / "output" / "en" / "mod-a" / "mod-a-guide-en.pdf")[0]
    numbered = re.findall(r"\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE)
    assert len(numbered) >= 3 and all(int(page) > 1 for page in numbered), contents


@pytest.mark.office
def test_a_later_file_not_written_in_time_is_left_out_without_a_problem(tmp_path):
    need_tools("soffice")
    files = _documents(tmp_path / "in", ["only"])

    conversion = convert_to_pdf(files, tmp_path / "scratch", later=[tmp_path / "never.docx"])

    assert list(conversion.pdfs) == files and conversion.problem == ""


def test_a_tool_whose_reader_fails_is_stopped_at_once():
    def fail(line: str) -> None:
        raise RuntimeError(line)

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="first"):
        run_tool(["sh", "-c", "echo first; sleep 30; echo second"], 60, fail)
    assert time.monotonic() - started < 10


def test_pictures_compressed_by_a_process_of_their_own_are_the_same_bytes(tmp_path):
    need_tools("pdftoppm")
    pages = [Image.new("RGB", (320, 180), colour) for colour in ("white", "navy", "orange")]
    for number, page in enumerate(pages):
        page.paste((200, 30 * number, 90), (20 + 40 * number, 30, 140, 120))
    pdf = tmp_path / "deck.pdf"
    pages[0].save(pdf, save_all=True, append_images=pages[1:])

    here, apart = tmp_path / "here", tmp_path / "apart"
    assert render_slides(pdf, here, tmp_path / "scratch-here") == ""
    assert render_slides(pdf, apart, tmp_path / "scratch-apart", separately=True) == ""

    names = sorted(path.name for path in here.iterdir())
    assert names == ["slide-01.png", "slide-02.png", "slide-03.png"]
    assert sorted(path.name for path in apart.iterdir()) == names
    for name in names:
        assert (here / name).read_bytes() == (apart / name).read_bytes(), name


@pytest.mark.office
def test_two_cores_make_the_files_one_core_makes(tmp_path, monkeypatch):
    """The same pictures' bytes and the same PDFs' text at --jobs 1 and --jobs 2."""
    need_tools("soffice", "pdftoppm", "pdftotext")
    use_fake_office_formats(monkeypatch)
    outputs = {}
    for jobs in (1, 2):
        root = tmp_path / f"jobs-{jobs}"
        shutil.copytree(FIXTURES / "minimal", root)
        assert main(["build", str(root), "--pdf", "--jobs", str(jobs)]) == 0
        outputs[jobs] = root / "output"

    def files(out: Path) -> dict[str, bytes]:
        found = {}
        for path in sorted(out.rglob("*")):
            if path.is_file() and not path.name.startswith(".voces-"):
                found[path.relative_to(out).as_posix()] = (
                    subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                   check=True).stdout if path.suffix == ".pdf"
                    else path.read_bytes())
        return found

    one, two = files(outputs[1]), files(outputs[2])
    assert sorted(one) == sorted(two)
    assert sum(name.endswith(".png") for name in one) >= 2
    assert [name for name in one if one[name] != two[name]] == []
