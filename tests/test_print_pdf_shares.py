"""`--pdf` on several cores: every core's LibreOffice takes its files from one queue (the
costliest first), the guides' second rendering in the same runs, slide pictures drawn by
whichever core is free, and the same files as on one core."""

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
from builder.locales import Words
from builder.pdf import _in_order, _Pictures
from builder.pdf_queue import FileQueue, QueueRun, Waiting, convert_from_queue
from builder.pdf_tools import PictureCompressor, conversion_cost, render_slides, run_tool


def test_the_queue_gives_files_in_order_and_a_file_put_back_before_the_cheaper_ones():
    queue = FileQueue([(Path("deck"), 9.0), (Path("guide"), 6.0), (Path("notice"), 1.0)],
                      promised=1)
    assert queue.bound() == 4, "three waiting, one promised"
    assert queue.take() == Waiting(Path("deck"))

    queue.put(Waiting(Path("guide-numbered"), again=True), 3.0)

    assert queue.bound() == 3, "the promise is kept"
    assert [queue.take(), queue.take()] == [Waiting(Path("guide")),
                                            Waiting(Path("guide-numbered"), again=True)]
    assert queue.left() == [Waiting(Path("notice"))]
    assert queue.take() is None and queue.bound() == 0


def test_several_cores_queue_the_costliest_first_one_core_the_guides_then_the_builds_order(
        tmp_path):
    sizes = {"notice.docx": 1_000, "deck.pptx": 90_000, "guide.docx": 60_000,
             "handout.docx": 100_000}
    paths = []
    for name, size in sizes.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(b"x" * size)
    guide = tmp_path / "guide.docx"

    two = [path.name for path, _ in _in_order(paths, {guide}, 2)]
    one = [path.name for path, _ in _in_order(paths, {guide}, 1)]

    assert two == ["deck.pptx", "guide.docx", "handout.docx", "notice.docx"], (
        "a deck's bytes count twice, a guide rendered twice counts twice")
    assert one == ["guide.docx", "notice.docx", "deck.pptx", "handout.docx"]


def test_a_decks_bytes_cost_more(tmp_path):
    deck, document = tmp_path / "a.pptx", tmp_path / "a.docx"
    for path in (deck, document):
        path.write_bytes(b"x" * 50_000)

    assert conversion_cost(deck) > conversion_cost(document) > 0


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
def test_a_file_put_in_the_queue_while_libreoffice_converts_is_converted_in_the_same_run(
        tmp_path, monkeypatch):
    """The guides' second rendering: the file is put in the queue once the first file's PDF is
    whole, and the same process, started before, renders it; each PDF is whole when made."""
    need_tools("soffice")
    files = _documents(tmp_path / "in", ["first", "second", "third"])
    later = _documents(tmp_path / "later", ["later"])[0]
    queue = FileQueue([(path, 1.0) for path in files], promised=1)
    started = record_tool_starts(monkeypatch)
    made: list[tuple[str, bytes]] = []
    begun: list[str] = []

    def whole(item: Waiting, pdf: Path) -> None:
        made.append((item.source.name, pdf.read_bytes()))
        if item.source == files[0]:
            queue.put(Waiting(later, again=True), 2.0)

    run = convert_from_queue(queue, tmp_path / "scratch", tmp_path / "profile", "soffice",
                             whole, lambda item: begun.append(item.source.name))

    assert len(started) == 1, "one LibreOffice run"
    for name, pdf in made:
        assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF"), f"{name}: not whole"
    assert run.converted == 4 and run.failed == []
    assert begun == [name for name, _ in made] == [
        "first.docx", "second.docx", "third.docx", "later.docx"], (
        "the file put back goes after the one already in the next slot")
    assert queue.take() is None


@pytest.mark.office
def test_two_runs_sharing_a_queue_convert_every_file_once(tmp_path, monkeypatch):
    need_tools("soffice")
    files = _documents(tmp_path / "in", [f"file-{number}" for number in range(6)])
    queue = FileQueue([(path, 1.0) for path in files])
    started = record_tool_starts(monkeypatch)
    made: list[Path] = []
    runs: list[QueueRun] = []

    def convert(number: int) -> None:
        runs.append(convert_from_queue(queue, tmp_path / f"scratch-{number}",
                                       tmp_path / f"profile-{number}", "soffice",
                                       lambda item, _: made.append(item.source)))

    threads = [threading.Thread(target=convert, args=(number,)) for number in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(started) == 2 and len({command[1] for command in started}) == 2, (
        "two LibreOffice runs, each with a profile of its own")
    assert sorted(made) == sorted(files), "every file once"
    assert sorted(run.converted for run in runs)[0] >= 1, "both runs converted"


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
def test_a_file_put_after_the_run_reached_its_slot_is_left_for_another_run(tmp_path):
    """The run ends at the first empty slot: the file put in the queue once the only file's
    PDF is made stays in the queue (build's last core converts it), and nothing fails."""
    need_tools("soffice")
    files = _documents(tmp_path / "in", ["only"])
    later = _documents(tmp_path / "later", ["later"])[0]
    queue = FileQueue([(files[0], 1.0)], promised=1)

    run = convert_from_queue(queue, tmp_path / "scratch", tmp_path / "profile", "soffice",
                             lambda *_: queue.put(Waiting(later), 1.0))

    assert run.converted == 1 and run.failed == []
    assert queue.left() == [Waiting(later)]


def test_a_tool_whose_reader_fails_is_stopped_at_once():
    def fail(line: str) -> None:
        raise RuntimeError(line)

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="first"):
        run_tool(["sh", "-c", "echo first; sleep 30; echo second"], 60, fail)
    assert time.monotonic() - started < 10


def _small_deck_pdf(path: Path, colours: tuple[str, ...]) -> Path:
    pages = [Image.new("RGB", (320, 180), colour) for colour in colours]
    for number, page in enumerate(pages):
        page.paste((200, 30 * number, 90), (20 + 40 * number, 30, 140, 120))
    pages[0].save(path, save_all=True, append_images=pages[1:])
    return path


def test_pictures_compressed_by_one_process_of_their_own_are_the_same_bytes(
        tmp_path, monkeypatch):
    """One process compresses deck after deck, and writes what the build's process writes."""
    need_tools("pdftoppm")
    decks = [_small_deck_pdf(tmp_path / "deck.pdf", ("white", "navy", "orange")),
             _small_deck_pdf(tmp_path / "other.pdf", ("black", "teal"))]
    started = record_tool_starts(monkeypatch)
    compressor = PictureCompressor()
    try:
        for deck in decks:
            here, apart = tmp_path / f"{deck.stem}-here", tmp_path / f"{deck.stem}-apart"
            assert render_slides(deck, here, tmp_path / "scratch-here") == ""
            assert render_slides(deck, apart, tmp_path / "scratch-apart", compressor=compressor) == ""

            names = sorted(path.name for path in here.iterdir())
            assert names == [f"slide-0{n}.png" for n in range(1, len(names) + 1)]
            assert len(names) == (3 if deck.stem == "deck" else 2)
            assert sorted(path.name for path in apart.iterdir()) == names
            for name in names:
                assert (here / name).read_bytes() == (apart / name).read_bytes(), name
    finally:
        compressor.close()
    pythons = [command for command in started if "builder.slide_png" in command]
    assert len(pythons) == 1, "one process for both decks"


def test_a_compressor_that_dies_says_so_and_the_next_deck_starts_another(tmp_path, monkeypatch):
    need_tools("pdftoppm")
    deck = _small_deck_pdf(tmp_path / "deck.pdf", ("white", "navy"))
    compressor = PictureCompressor()
    try:
        assert render_slides(deck, tmp_path / "first", tmp_path / "scratch",
                             compressor=compressor) == ""
        process = compressor._process
        assert process is not None
        process.kill()
        process.wait()
        assert render_slides(deck, tmp_path / "second", tmp_path / "scratch",
                             compressor=compressor) == Words("en")("tool_said_nothing")
        assert render_slides(deck, tmp_path / "third", tmp_path / "scratch",
                             compressor=compressor) == ""
        assert sorted(path.name for path in (tmp_path / "third").iterdir()) == [
            "slide-01.png", "slide-02.png"]
    finally:
        compressor.close()
    assert compressor._process is None


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
