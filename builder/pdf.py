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
    file whose PDF or pictures are missing or were made from another version of it.

    Each core's LibreOffice converts its share of the files (LibreOffice converts one file at a
    time) and then, without waiting for the others, gives its guides their contents' page
    numbers and draws its decks' slides, so no core sits idle while another finishes."""
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
    workers = staged.request.jobs or default_workers()
    shares = [paths[start::workers] for start in range(min(workers, len(paths)))]
    pdftoppm = shutil.which("pdftoppm")
    core = _Share(staged, sources, soffice, pdftoppm, lock, converting, words)
    with ThreadPoolExecutor(len(shares)) as pool:
        finished = list(pool.map(lambda numbered: core.finish(scratch / f"part-{numbered[0]}",
                                                              numbered[1]), enumerate(shares)))
    converted = {path for part in finished for path in part.pdfs}
    missing = [path.name for path in paths if path not in converted]
    if missing:
        said = " ".join(dict.fromkeys(part.problem for part in finished if part.problem))
        staged.notices.append(words("pdf_failed", files=", ".join(missing),
                                    said=said or words("tool_said_nothing")))
    decks = sorted((deck for part in finished for deck in part.decks),
                   key=lambda deck: paths.index(deck[0]))
    if decks and pdftoppm is None:
        staged.notices.append(words("pdf_no_pdftoppm"))
    for _, deck, problem in decks:
        assert deck.pdf is not None and deck.pictures is not None
        if problem:
            staged.notices.append(words("slides_failed", file=deck.pdf.name, said=problem))
        elif pdftoppm is not None:
            staged.companions[deck.pictures] = deck
    shutil.rmtree(scratch, ignore_errors=True)


def _needing_pdfs(staged: StagedBuild) -> dict[Path, OutputFile]:
    """Each document to convert, where it is now (staging, or the output folder for a kept one)."""
    found = {staged.staging / relative: output for relative, output in sorted(staged.files.items())
             if output.pdf is not None}
    for relative, output in sorted(staged.kept.items()):
        if output.pdf is not None and not set(output.companions) <= staged.kept_companions:
            found[staged.request.out / relative] = output
    return found


@dataclass
class _Finished:
    pdfs: dict[Path, Path]
    """Each source converted, with its PDF now in staging."""
    problem: str
    decks: list[tuple[Path, OutputFile, str]]
    """Each converted deck (its source, its output, what pdftoppm said or '')."""


@dataclass(frozen=True)
class _Share:
    """What one core does with its share of the files, in the scratch folder of its own."""

    staged: StagedBuild
    sources: dict[Path, OutputFile]
    soffice: str
    pdftoppm: str | None
    lock: threading.Lock
    converting: Callable[[int, str], None]
    words: Words

    def finish(self, folder: Path, files: list[Path]) -> _Finished:
        staged = self.staged
        conversion = convert_to_pdf(files, folder, self.soffice, self.converting)
        placed: dict[Path, Path] = {}
        for path in files:
            made, output = conversion.pdfs.get(path), self.sources[path]
            if made is None or output.pdf is None:
                continue
            placed[path] = staged.staging / output.pdf
            placed[path].parent.mkdir(parents=True, exist_ok=True)
            made.replace(placed[path])
            with self.lock:
                staged.companions[output.pdf] = output
        self._number_contents(folder, placed)
        decks = [(path, self.sources[path], self._pictures(folder, self.sources[path]))
                 for path in placed if self.sources[path].pictures is not None]
        return _Finished(placed, conversion.problem, decks)

    def _number_contents(self, folder: Path, placed: dict[Path, Path]) -> None:
        """For every staged docx of the share with a contents field: its page numbers, from the
        PDF just made, into the docx; then one more LibreOffice call renders those documents
        again, in the same folder (its profile is set up already: a fresh one costs seconds)."""
        from .guide_pages import has_contents, number_contents  # only with --pdf: python-docx

        staged, numbered = self.staged, {}
        for docx, pdf in placed.items():
            relative = self.sources[docx].relative
            if docx == staged.staging / relative and docx.suffix == ".docx" \
                    and has_contents(docx) and number_contents(docx, pdf):
                numbered[docx] = pdf
                with self.lock:
                    staged.rewritten.add(relative)
        if not numbered:
            return
        again = convert_to_pdf(list(numbered), folder, self.soffice)
        for docx, pdf in numbered.items():
            made = again.pdfs.get(docx)
            if made is not None:
                made.replace(pdf)

    def _pictures(self, folder: Path, deck: OutputFile) -> str:
        """The deck's slide pictures; what pdftoppm said when it could not make them."""
        if self.pdftoppm is None:
            return ""
        assert deck.pdf is not None and deck.pictures is not None
        if self.staged.progress:
            with self.lock:
                self.staged.progress(self.words("progress_slides", file=deck.pdf.name))
        return render_slides(self.staged.staging / deck.pdf, self.staged.staging / deck.pictures,
                             folder / "pictures", self.pdftoppm)


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
