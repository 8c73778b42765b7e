"""PDFs of every pptx and docx through headless LibreOffice; pictures of every deck's slides.

A finisher: it runs on the staged build, after the guards, only when the request asks for PDFs.
A missing tool is not a failed build: the build says so once and writes everything else.
The tools themselves (LibreOffice, pdftoppm) are run by builder/pdf_tools.py.
"""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from .formats import OutputFile
from .jobs import default_workers
from .locales import DEFAULT_LANGUAGE, Words
from .pdf_queue import FileQueue, Waiting, convert_from_queue
from .pdf_tools import (
    PictureCompressor,
    ToolGroup,
    conversion_cost,
    convert_to_pdf,
    render_slides,
)
from .staging import StagedBuild

SCRATCH = ".pdf-scratch"
"""LibreOffice's own profiles and its output land here, inside staging, removed with it."""


def make_pdfs(staged: StagedBuild) -> None:
    """The finisher: a PDF beside every file whose type has one, and pictures of the pages of
    those whose type has them (decks): for every file written this build, and for every kept
    file whose PDF or pictures are missing or were made from another version of it.

    Each core runs one LibreOffice (it converts one file at a time), which takes the files one
    by one from a queue all cores share (builder/pdf_queue.py), so the cores end together. A
    guide's contents get their page numbers from its first PDF, and the guide goes back in the
    queue to be rendered again by whichever run reaches it. With several cores a deck's slides
    are drawn as soon as its PDF is made, while LibreOffice converts the rest, and every core
    draws once its LibreOffice is done, so no core sits idle while another finishes."""
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
    numbered = _with_contents(staged, sources)
    workers = min(staged.request.jobs or default_workers(), len(paths))
    pdftoppm = shutil.which("pdftoppm")
    pictures = _Pictures(workers)
    cores = _Cores(staged, sources, soffice, pdftoppm, lock, converting, words, numbered,
                   pictures, FileQueue(_in_order(paths, numbered, workers), len(numbered)),
                   separately=workers > 1, running=workers)
    with ThreadPoolExecutor(workers + (workers > 1)) as pool:
        drawn = [pool.submit(cores.convert_then_draw, scratch / f"part-{n}")
                 for n in range(workers)]
        if workers > 1:  # the decks' pictures are drawn while LibreOffice converts the rest
            drawn.append(pool.submit(cores.draw, scratch / "part-pictures"))
        try:
            wait(drawn, return_when=FIRST_EXCEPTION)
            for future in sorted(drawn, key=lambda future: not future.done()):
                future.result()  # the first that failed raises
        except BaseException:  # Ctrl-C, a thread that failed: the others end now, not later
            cores.group.stop()
            raise
    missing = [path.name for path in paths if path not in cores.placed]
    if missing:
        staged.notices.append(words("pdf_failed", files=", ".join(missing),
                                    said=cores.problem or words("tool_said_nothing")))
    decks = sorted(pictures.drawn, key=lambda deck: paths.index(deck[0]))
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


def _with_contents(staged: StagedBuild, sources: dict[Path, OutputFile]) -> set[Path]:
    """The staged docx files with a contents field: their page numbers come from their PDF."""
    from .guide_pages import has_contents  # only with --pdf: python-docx

    return {path for path, output in sources.items()
            if path == staged.staging / output.relative and path.suffix == ".docx"
            and has_contents(path)}


class _Pictures:
    """The decks whose PDF is made, waiting for a core to draw their slides: whichever core is
    free first takes the next, so a core whose LibreOffice finished early draws the others'."""

    def __init__(self, converting: int) -> None:
        self._waiting: list[tuple[Path, OutputFile]] = []
        self._converting = converting
        self._changed = threading.Condition()
        self.drawn: list[tuple[Path, OutputFile, str]] = []
        """Each deck drawn (its source, its output, what went wrong or '')."""

    def add(self, source: Path, deck: OutputFile) -> None:
        with self._changed:
            self._waiting.append((source, deck))
            self._changed.notify()

    def converted(self) -> None:
        """One share's LibreOffice has finished: it adds no more decks."""
        with self._changed:
            self._converting -= 1
            self._changed.notify_all()

    def next(self) -> tuple[Path, OutputFile] | None:
        """The next deck to draw; None once every share has finished and none is left."""
        with self._changed:
            while not self._waiting and self._converting:
                self._changed.wait()
            return self._waiting.pop(0) if self._waiting else None

    def done(self, source: Path, deck: OutputFile, problem: str) -> None:
        with self._changed:
            self.drawn.append((source, deck, problem))


def _in_order(paths: list[Path], numbered: set[Path], workers: int
              ) -> list[tuple[Path, float]]:
    """The queue, each file with its guessed cost (a guide to number costs twice: it is
    rendered again). With several cores the costliest first (decks and guides, so the decks'
    pictures are drawn early), so that the files left when the queue runs dry are small ones
    and the cores end together. One core takes the guides first, then the build's order."""
    costs = {path: conversion_cost(path) * (2 if path in numbered else 1) for path in paths}
    if workers > 1:
        order = sorted(paths, key=costs.__getitem__, reverse=True)
    else:
        order = [path for path in paths if path in numbered]
        order += [path for path in paths if path not in numbered]
    return [(path, costs[path]) for path in order]


@dataclass
class _Cores:
    """What every core does: convert from the shared queue in a LibreOffice run of its own,
    then draw slide pictures until none is left."""

    staged: StagedBuild
    sources: dict[Path, OutputFile]
    soffice: str
    pdftoppm: str | None
    lock: threading.Lock
    converting: Callable[[int, str], None]
    words: Words
    numbered: set[Path]
    """The guides whose contents get their page numbers."""
    pictures: _Pictures
    queue: FileQueue
    separately: bool
    """Compress the slide pictures in a process of their own (several cores draw at once)."""
    running: int
    """The cores still converting: the last to finish tries again what the runs left."""
    placed: dict[Path, Path] = field(default_factory=dict)
    """Each source converted, with its PDF now in staging."""
    failed: list[Waiting] = field(default_factory=list)
    problem: str = ""
    """What LibreOffice said when some file did not convert."""
    group: ToolGroup = field(default_factory=ToolGroup)
    """Every tool the cores run, stopped together when the build stops."""

    def convert_then_draw(self, folder: Path) -> None:
        try:
            self._convert(folder)
        finally:
            self.pictures.converted()
        self.draw(folder)

    def draw(self, folder: Path) -> None:
        compressor = (PictureCompressor(self.group) if self.separately and sys.executable
                      else None)
        try:
            while (deck := self.pictures.next()) is not None:
                self.pictures.done(*deck, self._pictures(folder, deck[1], compressor))
        finally:
            if compressor is not None:
                compressor.close()

    def _convert(self, folder: Path) -> None:
        """Runs of this core's LibreOffice (one, unless it used up its slots) while the queue
        holds files; the last core to finish converts what is left in a run of its own: files
        a run could not convert, and a guide's numbered copy put back after every run ended."""
        profile = folder / "libreoffice-profile"
        number = 0
        while True:
            run = convert_from_queue(self.queue, folder / f"run-{number}", profile,
                                     self.soffice, self._made, self._begun, self.group)
            number += 1
            with self.lock:
                self.failed += run.failed
            if not run.converted or not self.queue.bound():
                break
        with self.lock:
            self.running -= 1
            if self.running:
                return
        for attempt in range(2):  # a guide converted now comes back once, numbered
            left = self.failed + self.queue.left()
            self.failed = []
            if left:
                self._convert_left(left, folder / f"left-{attempt}")

    def _convert_left(self, left: list[Waiting], scratch: Path) -> None:
        first = {item.source.name for item in left if not item.again}

        def converting(_: int, name: str) -> None:
            if name in first:
                self.converting(0, name)

        conversion = convert_to_pdf([item.source for item in left], scratch, self.soffice,
                                    converting, group=self.group)
        for item in left:
            if item.source in conversion.pdfs:
                self._made(item, conversion.pdfs[item.source])
        self.problem = self.problem or conversion.problem

    def _begun(self, item: Waiting) -> None:
        if not item.again:
            self.converting(0, item.source.name)

    def _made(self, item: Waiting, pdf: Path) -> None:
        """A PDF is whole: into staging beside its document; a guide's contents numbered from
        it and the guide put back in the queue; a deck's slides waiting to be drawn."""
        from .guide_pages import number_contents  # only with --pdf: python-docx

        source = item.source
        if item.again:
            pdf.replace(self.placed[source])
            return
        output = self.sources[source]
        assert output.pdf is not None
        target = self.staged.staging / output.pdf
        target.parent.mkdir(parents=True, exist_ok=True)
        pdf.replace(target)
        with self.lock:
            self.placed[source] = target
            self.staged.companions[output.pdf] = output
        if source in self.numbered:
            if number_contents(source, target):
                with self.lock:
                    self.staged.rewritten.add(output.relative)
                self.queue.put(Waiting(source, again=True), conversion_cost(source))
            else:
                self.queue.unpromise()
        if output.pictures is not None:
            self.pictures.add(source, output)

    def _pictures(self, folder: Path, deck: OutputFile,
                  compressor: PictureCompressor | None) -> str:
        """The deck's slide pictures; what pdftoppm said when it could not make them."""
        if self.pdftoppm is None:
            return ""
        assert deck.pdf is not None and deck.pictures is not None
        if self.staged.progress:
            with self.lock:
                self.staged.progress(self.words("progress_slides", file=deck.pdf.name))
        return render_slides(self.staged.staging / deck.pdf, self.staged.staging / deck.pictures,
                             folder / "pictures", self.pdftoppm, compressor, self.group)
