"""PDFs of every pptx and docx through one headless LibreOffice; pictures of every deck's slides.

A finisher: it runs on the staged build, after the guards, only when the request asks for PDFs.
A missing tool is not a failed build: the build says so once and writes everything else.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .formats import OutputFile
from .jobs import default_workers
from .locales import DEFAULT_LANGUAGE, Words
from .staging import StagedBuild

PICTURE_WIDTH = 960
"""Pixels across a slide picture: sharp on a web page, a few tens of kilobytes each."""

PNG_COMPRESSION = 6
"""zlib's usual level for the slide pictures. pdftoppm's own PNG writer uses level 9, nine tenths
of its time for files 3 % smaller (34 slides: 4.4 s against 0.8 s to draw them); so pdftoppm
writes the raw pixels (PPM) and Pillow compresses them, the same pixels."""

SCRATCH = ".pdf-scratch"
"""LibreOffice's own profile and its output land here, inside staging, removed with it."""

# LibreOffice needs a second or two per file and several seconds to set up a fresh profile;
# the limit only stops a hung process from hanging the build.
SECONDS_TO_START = 120
SECONDS_PER_FILE = 60


def picture_name(number: int, count: int) -> str:
    """`slide-01.png`…, with as many digits as the last slide needs (at least two)."""
    digits = max(2, len(str(count)))
    return f"slide-{number:0{digits}d}.png"


@dataclass(frozen=True)
class Conversion:
    pdfs: dict[Path, Path]
    """Each source converted, with its PDF (in the scratch folder)."""
    problem: str = ""
    """What LibreOffice said when some file did not convert."""


def make_pdfs(staged: StagedBuild) -> None:
    """The finisher: a PDF beside every file whose type has one, and pictures of the pages of
    those whose type has them (decks): for every file written this build, and for every kept
    file whose PDF or pictures are missing or were made from another version of it."""
    if not staged.request.pdf:
        return
    words = Words(DEFAULT_LANGUAGE)  # the command line speaks English, as its other messages do
    sources = _needing_pdfs(staged)
    if not sources:
        return
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        staged.notices.append(words("pdf_no_libreoffice"))
        return
    progress = staged.progress
    if progress:
        progress(words("progress_pdf", n=len(sources)))
    done = 0
    lock = threading.Lock()

    def converting(number: int, name: str) -> None:
        nonlocal done
        with lock:
            done += 1
            if progress:
                progress(words("progress_pdf_file", number=done, n=len(sources), file=name))

    scratch = staged.staging / SCRATCH
    paths = list(sources)
    conversion = convert_in_parallel(paths, scratch, soffice, staged.request.jobs or
                                     default_workers(), converting)
    decks: list[OutputFile] = []
    for path in paths:
        made = conversion.pdfs.get(path)
        output = sources[path]
        if made is None or output.pdf is None:
            continue
        (staged.staging / output.pdf).parent.mkdir(parents=True, exist_ok=True)
        made.replace(staged.staging / output.pdf)
        staged.companions[output.pdf] = output
        if output.pictures is not None:
            decks.append(output)
    missing = [path.name for path in paths if path not in conversion.pdfs]
    if missing:
        said = conversion.problem or words("tool_said_nothing")
        staged.notices.append(words("pdf_failed", files=", ".join(missing), said=said))
    number_staged_contents(staged, scratch, soffice)  # the guide's contents get page numbers
    _make_slide_pictures(staged, decks, scratch, words)
    shutil.rmtree(scratch, ignore_errors=True)


def _needing_pdfs(staged: StagedBuild) -> dict[Path, OutputFile]:
    """Each document to convert, where it is now (staging, or the output folder for a kept one)."""
    found = {staged.staging / relative: output for relative, output in sorted(staged.files.items())
             if output.pdf is not None}
    for relative, output in sorted(staged.kept.items()):
        if output.pdf is not None and not set(output.companions) <= staged.kept_companions:
            found[staged.request.out / relative] = output
    return found


def convert_in_parallel(
    files: list[Path], scratch: Path, soffice: str, workers: int,
    converting: Callable[[int, str], None] | None = None,
) -> Conversion:
    """`convert_to_pdf` on up to `workers` LibreOffice processes at once, each with its own
    profile and its share of the files (LibreOffice converts one file at a time)."""
    shares = [files[start::workers] for start in range(min(workers, len(files)))]
    if len(shares) <= 1:
        return convert_to_pdf(files, scratch, soffice, converting)
    with ThreadPoolExecutor(len(shares)) as pool:
        parts = list(pool.map(
            lambda numbered: convert_to_pdf(numbered[1], scratch / f"part-{numbered[0]}",
                                            soffice, converting),
            enumerate(shares)))
    pdfs = {source: pdf for part in parts for source, pdf in part.pdfs.items()}
    said = dict.fromkeys(part.problem for part in parts if part.problem)  # each once, in order
    return Conversion(pdfs, " ".join(said))


def number_staged_contents(staged: StagedBuild, scratch: Path, soffice: str) -> None:
    """For every staged docx with a contents field whose PDF was just made: its page numbers
    into the docx, then one more LibreOffice call renders those documents again."""
    from .guide_pages import has_contents, number_contents  # only with --pdf: python-docx

    numbered: dict[Path, Path] = {}
    for source, output in sorted(staged.files.items()):
        pdf = staged.staging / output.pdf if output.pdf is not None else None
        docx = staged.staging / source
        if source.suffix == ".docx" and pdf is not None and pdf.is_file() \
                and has_contents(docx) and number_contents(docx, pdf):
            numbered[docx] = pdf
            staged.rewritten.add(source)
    if not numbered:
        return
    # On as many LibreOffice processes as the first pass, in its folders: their profiles are
    # set up already (a fresh one costs seconds), and its PDFs have been moved out.
    again = convert_in_parallel(list(numbered), scratch, soffice,
                                staged.request.jobs or default_workers())
    for docx, pdf in numbered.items():
        made = again.pdfs.get(docx)
        if made is not None:
            made.replace(pdf)


def _make_slide_pictures(
    staged: StagedBuild, decks: list[OutputFile], scratch: Path, words: Words,
) -> None:
    if not decks:
        return
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        staged.notices.append(words("pdf_no_pdftoppm"))
        return

    def render(numbered: tuple[int, OutputFile]) -> str:
        number, deck = numbered
        assert deck.pdf is not None and deck.pictures is not None
        if staged.progress:
            with lock:
                staged.progress(words("progress_slides", file=deck.pdf.name))
        return render_slides(staged.staging / deck.pdf, staged.staging / deck.pictures,
                             scratch / "pictures" / str(number), pdftoppm)

    lock = threading.Lock()
    with ThreadPoolExecutor(staged.request.jobs or default_workers()) as pool:
        problems = list(pool.map(render, enumerate(decks)))  # each deck on a core of its own
    for deck, problem in zip(decks, problems, strict=True):
        assert deck.pdf is not None and deck.pictures is not None
        if problem:
            staged.notices.append(words("slides_failed", file=deck.pdf.name, said=problem))
        else:
            staged.companions[deck.pictures] = deck


def convert_to_pdf(
    files: list[Path], scratch: Path, soffice: str = "soffice",
    converting: Callable[[int, str], None] | None = None,
) -> Conversion:
    """Convert every file with ONE LibreOffice process and a profile of its own.

    `--outdir` takes one folder per call, so every PDF goes to `scratch/pdf/` and the caller moves
    it; two sources with the same stem (`a.pptx`, `a.docx`) would share a PDF name there, so the
    second is converted from a copy under another name.
    """
    profile = scratch / "libreoffice-profile"
    outdir = scratch / "pdf"
    aliases = scratch / "inputs"
    outdir.mkdir(parents=True, exist_ok=True)
    inputs: dict[Path, Path] = {}  # what LibreOffice is given -> the source it stands for
    stems: set[str] = set()
    for number, source in enumerate(files):
        given = source
        if source.stem in stems:
            aliases.mkdir(parents=True, exist_ok=True)
            given = aliases / f"{source.stem}.{number}{source.suffix}"
            shutil.copyfile(source, given)
        stems.add(given.stem)
        inputs[given] = source
    command = [
        soffice, f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless", "--norestore", "--nolockcheck",
        "--convert-to", "pdf", "--outdir", str(outdir),
        *[str(given) for given in inputs],
    ]
    done = 0

    def report(line: str) -> None:
        nonlocal done
        if converting and line.startswith("convert "):
            done += 1
            converting(done, Path(line.split(" -> ")[0].removeprefix("convert ")).name)

    said = _run(command, SECONDS_TO_START + SECONDS_PER_FILE * len(files), report)
    pdfs = {}
    for given, source in inputs.items():
        pdf = outdir / f"{given.stem}.pdf"
        if pdf.is_file() and pdf.stat().st_size > 0:
            pdfs[source] = pdf
    return Conversion(pdfs, "" if len(pdfs) == len(inputs) else said)


def render_slides(pdf: Path, folder: Path, scratch: Path, pdftoppm: str = "pdftoppm") -> str:
    """PNG pictures of every page of `pdf` in `folder` (slide-01.png…); '' or what went wrong."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    said = _run([pdftoppm, "-scale-to", str(PICTURE_WIDTH), str(pdf), str(scratch / "page")],
                SECONDS_TO_START)
    # pdftoppm numbers pages page-1.ppm or page-01.ppm depending on the page count.
    pages = sorted(scratch.glob("page-*.ppm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if not pages:
        return said or Words(DEFAULT_LANGUAGE)("tool_said_nothing")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    from PIL import Image  # only with --pdf

    for number, page in enumerate(pages, start=1):
        try:
            with Image.open(page) as pixels:
                pixels.save(folder / picture_name(number, len(pages)), "PNG",
                            compress_level=PNG_COMPRESSION)
        except (OSError, ValueError) as exc:  # a page pdftoppm left unfinished
            return f"{page.name}: {exc}"
        page.unlink()
    return ""


def _run(command: list[str], seconds: int, on_line: Callable[[str], None] | None = None) -> str:
    """Run a tool in a session of its own (so a hung one is stopped whole); return what it said.

    Each line goes to `on_line` as it comes: LibreOffice names every file as it converts it.
    """
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True, text=True, errors="replace",
    )
    stopped = threading.Event()

    def stop() -> None:
        stopped.set()
        os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(seconds, stop)
    timer.start()
    lines = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() and "javaldx" not in line:  # a harmless note on every start
                lines.append(line.strip())
                if on_line:
                    on_line(line.strip())
        process.wait()
    finally:
        timer.cancel()
    if stopped.is_set():
        return Words(DEFAULT_LANGUAGE)("tool_timeout", tool=Path(command[0]).name, seconds=seconds)
    return " ".join(lines[-3:])
