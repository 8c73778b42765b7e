"""The tools behind `--pdf`: headless LibreOffice converting a batch of files to PDF, and
pdftoppm drawing a PDF's pages, each run in a session of its own with a time limit.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .locales import DEFAULT_LANGUAGE, Words
from .slide_png import pages_of, write_pictures

PICTURE_WIDTH = 960
"""Pixels across a slide picture: sharp on a web page, a few tens of kilobytes each."""

# LibreOffice needs a second or two per file and several seconds to set up a fresh profile;
# the limit only stops a hung process from hanging the build.
SECONDS_TO_START = 120
SECONDS_PER_FILE = 60

FILE_COST = 20_000
"""What LibreOffice spends on every file whatever its size (loading, setting up the PDF), in
the bytes of a document it would spend as long on."""
DECK_BYTE_COST = 2
"""A deck's byte costs about twice a document's: every slide is drawn."""


@dataclass(frozen=True)
class Conversion:
    pdfs: dict[Path, Path]
    """Each source converted, with its PDF (in the scratch folder)."""
    problem: str = ""
    """What LibreOffice said when some file did not convert."""


def convert_to_pdf(
    files: list[Path], scratch: Path, soffice: str = "soffice",
    converting: Callable[[int, str], None] | None = None,
    made: Callable[[Path, Path], None] | None = None, group: ToolGroup | None = None,
) -> Conversion:
    """Convert every file with ONE LibreOffice process and a profile of its own.

    `--outdir` takes one folder per call, so every PDF goes to `scratch/pdf/` and the caller moves
    it; two sources with the same stem (`a.pptx`, `a.docx`) would share a PDF name there, so the
    second is converted from a copy under another name.

    LibreOffice converts the files in order and names each as it begins it, so a file's PDF is
    whole once the next is named: `made(source, pdf)` gets it then (and may move it), while the
    rest convert. (`--pdf` gives most files to runs that take them from a queue,
    builder/pdf_queue.py; this converts what those runs left.)
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
    order = list(inputs)
    position = {given.name: number for number, given in enumerate(order)}
    command = [
        soffice, f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless", "--norestore", "--nolockcheck",
        "--convert-to", "pdf", "--outdir", str(outdir),
        *[str(given) for given in order],
    ]
    pdfs: dict[Path, Path] = {}
    finished = 0  # the files before this one are done
    done = 0

    def finish_before(number: int) -> None:
        nonlocal finished
        for given in order[finished:number]:
            pdf = outdir / f"{given.stem}.pdf"
            if whole_pdf(pdf):
                pdfs[inputs[given]] = pdf
                if made:
                    made(inputs[given], pdf)
        finished = max(finished, number)

    def report(line: str) -> None:
        nonlocal done
        if not line.startswith("convert "):
            return
        name = Path(line.split(" -> ")[0].removeprefix("convert ")).name
        if name in position:
            finish_before(position[name])
        if converting and position.get(name, 0) < len(files):
            done += 1
            converting(done, name)

    said = run_tool(command, SECONDS_TO_START + SECONDS_PER_FILE * len(order), report,
                    group=group)
    finish_before(len(order))
    converted = sum(source in pdfs for source in files)
    return Conversion(pdfs, "" if converted == len(files) else said)


def whole_pdf(pdf: Path) -> bool:
    """A PDF LibreOffice finished: it ends with `%%EOF` (one stopped while writing does not)."""
    try:
        with pdf.open("rb") as file:
            file.seek(max(0, pdf.stat().st_size - 1024))
            return b"%%EOF" in file.read()
    except OSError:
        return False


def render_slides(pdf: Path, folder: Path, scratch: Path, pdftoppm: str = "pdftoppm",
                  compressor: PictureCompressor | None = None,
                  group: ToolGroup | None = None) -> str:
    """PNG pictures of every page of `pdf` in `folder` (slide-01.png…); '' or what went wrong.
    With a `compressor` they are compressed by its process (builder/slide_png.py says why)."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    said = run_tool([pdftoppm, "-scale-to", str(PICTURE_WIDTH), str(pdf), str(scratch / "page")],
                    SECONDS_TO_START, group=group)
    if not pages_of(scratch):
        return said or Words(DEFAULT_LANGUAGE)("tool_said_nothing")
    if compressor is not None:
        return compressor.write(scratch, folder)
    return write_pictures(scratch, folder)


class PictureCompressor:
    """`python -m builder.slide_png` started once, then given one deck's pages after another;
    stopped when a deck takes longer than a tool may, started again for the next."""

    def __init__(self, group: ToolGroup | None = None) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._group = group or ToolGroup()

    def write(self, scratch: Path, folder: Path) -> str:
        if self._process is None:
            self._process = self._group.start(lambda: subprocess.Popen(
                [sys.executable, "-m", "builder.slide_png"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, text=True, errors="replace", start_new_session=True,
                env=_finding_the_builder()))
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            process.kill()

        timer = threading.Timer(SECONDS_TO_START, stop)
        timer.start()
        try:
            process.stdin.write(f"{scratch}\t{folder}\n")
            process.stdin.flush()
            answer = process.stdout.readline()
        except OSError:  # it was stopped, or ended on its own
            answer = ""
        finally:
            timer.cancel()
        if answer.endswith("\n"):
            return answer.strip()
        self.close()
        words = Words(DEFAULT_LANGUAGE)
        if stopped.is_set():
            return words("tool_timeout", tool="python", seconds=SECONDS_TO_START)
        return words("tool_said_nothing")

    def close(self) -> None:
        """Its input ends, so it ends; waited for, so that it is gone with the build."""
        if self._process is None:
            return
        process, self._process = self._process, None
        if process.stdin is not None:
            try:
                process.stdin.close()
            except OSError:
                pass
        try:
            process.wait(SECONDS_TO_START)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._group.ended(process)


def _finding_the_builder() -> dict[str, str]:
    """The environment, with this builder's folder first on Python's path for `-m`."""
    environment = dict(os.environ)
    home = str(Path(__file__).resolve().parent.parent)
    environment["PYTHONPATH"] = os.pathsep.join(
        [home, *filter(None, [environment.get("PYTHONPATH")])])
    return environment


class ToolsStopped(Exception):
    """The `--pdf` step is stopping (Ctrl-C, a failing thread): no tool starts any more."""


class ToolGroup:
    """The tools one `--pdf` step runs. When the build stops (Ctrl-C, a thread that failed),
    `stop` ends the running ones at once and no other starts, so the build ends in a moment
    rather than after LibreOffice's last file (about 40 s on the example)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: list[subprocess.Popen[str]] = []
        self._stopped = False

    def start(self, start: Callable[[], subprocess.Popen[str]]) -> subprocess.Popen[str]:
        """`start()` (it starts a process in a session of its own) unless stopping."""
        with self._lock:
            if self._stopped:
                raise ToolsStopped
            process = start()
            self._running.append(process)
            return process

    def ended(self, process: subprocess.Popen[str]) -> None:
        with self._lock:
            self._running = [other for other in self._running if other is not process]

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for process in self._running:
                if process.returncode is None:  # not waited for: its session is its own still
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)


def run_tool(command: list[str], seconds: int, on_line: Callable[[str], None] | None = None,
             environment: dict[str, str] | None = None, group: ToolGroup | None = None) -> str:
    """Run a tool in a session of its own (so a hung one is stopped whole); return what it said.

    Each line goes to `on_line` as it comes: LibreOffice names every file as it converts it.
    """
    group = group or ToolGroup()
    process = group.start(lambda: subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True, text=True, errors="replace", env=environment,
    ))
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
    except BaseException:  # on_line failed: the tool must not go on alone
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    finally:
        timer.cancel()
        group.ended(process)
    if stopped.is_set():
        return Words(DEFAULT_LANGUAGE)("tool_timeout", tool=Path(command[0]).name, seconds=seconds)
    return " ".join(lines[-3:])


def conversion_cost(path: Path) -> float:
    """LibreOffice's time for a file, guessed from its size (measured on the example: a small
    docx about 0.3 s, a guide 1 s, a deck 2 s): a fixed part for every file, and a deck's bytes
    cost twice a document's (each slide is drawn). It orders the queue, costliest first."""
    size = path.stat().st_size * (DECK_BYTE_COST if path.suffix == ".pptx" else 1)
    return FILE_COST + size
