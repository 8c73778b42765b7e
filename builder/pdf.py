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
from dataclasses import dataclass
from pathlib import Path

from .formats import OutputFile
from .locales import DEFAULT_LANGUAGE, Words
from .staging import StagedBuild

PICTURE_WIDTH = 960
"""Pixels across a slide picture: sharp on a web page, a few tens of kilobytes each."""

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
    """The finisher: a PDF beside every staged file whose type has one, and pictures of the
    pages of those whose type has them (decks)."""
    if not staged.request.pdf:
        return
    words = Words(DEFAULT_LANGUAGE)  # the command line speaks English, as its other messages do
    sources = sorted(path for path, output in staged.files.items() if output.pdf is not None)
    if not sources:
        return
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        staged.notices.append(words("pdf_no_libreoffice"))
        return
    progress = staged.progress
    if progress:
        progress(words("progress_pdf", n=len(sources)))

    def converting(number: int, name: str) -> None:
        if progress:
            progress(words("progress_pdf_file", number=number, n=len(sources), file=name))

    scratch = staged.staging / SCRATCH
    conversion = convert_to_pdf([staged.staging / s for s in sources], scratch, soffice,
                                converting)
    decks: list[OutputFile] = []
    for source in sources:
        made = conversion.pdfs.get(staged.staging / source)
        output = staged.files[source]
        if made is None or output.pdf is None:
            continue
        made.replace(staged.staging / output.pdf)
        staged.companions[output.pdf] = output
        if output.pictures is not None:
            decks.append(output)
    missing = [s.name for s in sources if staged.staging / s not in conversion.pdfs]
    if missing:
        said = conversion.problem or words("tool_said_nothing")
        staged.notices.append(words("pdf_failed", files=", ".join(missing), said=said))
    _make_slide_pictures(staged, decks, scratch, words)
    shutil.rmtree(scratch, ignore_errors=True)


def _make_slide_pictures(
    staged: StagedBuild, decks: list[OutputFile], scratch: Path, words: Words,
) -> None:
    if not decks:
        return
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        staged.notices.append(words("pdf_no_pdftoppm"))
        return
    for deck in decks:
        assert deck.pdf is not None and deck.pictures is not None
        if staged.progress:
            staged.progress(words("progress_slides", file=deck.pdf.name))
        problem = render_slides(staged.staging / deck.pdf, staged.staging / deck.pictures,
                                scratch / "pictures", pdftoppm)
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
    said = _run([pdftoppm, "-png", "-scale-to", str(PICTURE_WIDTH), str(pdf),
                 str(scratch / "page")], SECONDS_TO_START)
    # pdftoppm numbers pages page-1.png or page-01.png depending on the page count.
    pages = sorted(scratch.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if not pages:
        return said or Words(DEFAULT_LANGUAGE)("tool_said_nothing")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for number, page in enumerate(pages, start=1):
        page.replace(folder / picture_name(number, len(pages)))
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
