"""PDFs of every pptx and docx through headless LibreOffice; pictures of every deck's slides.

A finisher: it runs on the staged build, after the guards, only when the request asks for PDFs.
A missing tool is not a failed build: the build says so once and writes everything else.
The tools themselves (LibreOffice, pdftoppm) are run by builder/pdf_tools.py.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .formats import OutputFile
from .jobs import default_workers
from .locales import DEFAULT_LANGUAGE, Words
from .pdf_tools import conversion_cost, convert_to_pdf, divide, render_slides
from .staging import StagedBuild

SCRATCH = ".pdf-scratch"
"""LibreOffice's own profiles and its output land here, inside staging, removed with it."""


def make_pdfs(staged: StagedBuild) -> None:
    """The finisher: a PDF beside every file whose type has one, and pictures of the pages of
    those whose type has them (decks): for every file written this build, and for every kept
    file whose PDF or pictures are missing or were made from another version of it.

    Each core's LibreOffice converts its share of the files (LibreOffice converts one file at a
    time; the shares are of about the same cost) and gives its guides their contents' page
    numbers in the same run; each deck's slides are drawn by whichever core is free first, so
    no core sits idle while another finishes."""
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
    shares = divide(paths, staged.request.jobs or default_workers(),
                    lambda path: conversion_cost(path, twice=path in numbered))
    pdftoppm = shutil.which("pdftoppm")
    pictures = _Pictures(len(shares))
    core = _Share(staged, sources, soffice, pdftoppm, lock, converting, words, numbered, pictures,
                  separately=len(shares) > 1)
    with ThreadPoolExecutor(len(shares)) as pool:
        finished = list(pool.map(lambda share: core.finish(scratch / f"part-{share[0]}", share[1]),
                                 enumerate(shares)))
    converted = {path for part in finished for path in part.pdfs}
    missing = [path.name for path in paths if path not in converted]
    if missing:
        said = " ".join(dict.fromkeys(part.problem for part in finished if part.problem))
        staged.notices.append(words("pdf_failed", files=", ".join(missing),
                                    said=said or words("tool_said_nothing")))
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


@dataclass
class _Finished:
    pdfs: dict[Path, Path]
    """Each source converted, with its PDF now in staging."""
    problem: str


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
    numbered: set[Path]
    """The guides whose contents get their page numbers (of every share)."""
    pictures: _Pictures
    separately: bool
    """Compress the slide pictures in a process of their own (several cores draw at once)."""

    def finish(self, folder: Path, files: list[Path]) -> _Finished:
        try:
            placed, problem = self._convert(folder, files)
        finally:
            self.pictures.converted()
        while (deck := self.pictures.next()) is not None:
            self.pictures.done(*deck, self._pictures(folder, deck[1]))
        return _Finished(placed, problem)

    def _convert(self, folder: Path, files: list[Path]) -> tuple[dict[Path, Path], str]:
        """One LibreOffice run for the share. Its guides with contents go first: as soon as a
        guide's PDF is made, its pages are read and numbered into the docx, and a copy of it
        waits at the end of the same run, which renders it again after the other files (a
        second run would start LibreOffice again: about 2 s of a core). A copy not ready in
        time (a share of little else) is rendered by a second run."""
        from .guide_pages import number_contents  # only with --pdf: python-docx

        guides = [path for path in files if path in self.numbered]
        again = {folder / "again" / f"{path.stem}.again{n}{path.suffix}": path
                 for n, path in enumerate(guides)}
        copies = {guide: copy for copy, guide in again.items()}
        placed: dict[Path, Path] = {}
        numbered, renumbered = [], set()

        def made(source: Path, pdf: Path) -> None:
            if source in again:
                pdf.replace(placed[again[source]])
                renumbered.add(again[source])
                return
            output = self.sources[source]
            assert output.pdf is not None
            placed[source] = self.staged.staging / output.pdf
            placed[source].parent.mkdir(parents=True, exist_ok=True)
            pdf.replace(placed[source])
            with self.lock:
                self.staged.companions[output.pdf] = output
            if source in copies and number_contents(source, placed[source]):
                with self.lock:
                    self.staged.rewritten.add(output.relative)
                numbered.append(source)
                _copy_whole(source, copies[source])
            if output.pictures is not None:
                self.pictures.add(source, output)

        order = guides + [path for path in files if path not in self.numbered]
        conversion = convert_to_pdf(order, folder, self.soffice, self.converting, made,
                                    later=list(again))
        late = [guide for guide in numbered if guide not in renumbered]
        if late:
            for guide, pdf in convert_to_pdf(late, folder, self.soffice).pdfs.items():
                pdf.replace(placed[guide])
        return placed, conversion.problem

    def _pictures(self, folder: Path, deck: OutputFile) -> str:
        """The deck's slide pictures; what pdftoppm said when it could not make them."""
        if self.pdftoppm is None:
            return ""
        assert deck.pdf is not None and deck.pictures is not None
        if self.staged.progress:
            with self.lock:
                self.staged.progress(self.words("progress_slides", file=deck.pdf.name))
        return render_slides(self.staged.staging / deck.pdf, self.staged.staging / deck.pictures,
                             folder / "pictures", self.pdftoppm, separately=self.separately)


def _copy_whole(source: Path, target: Path) -> None:
    """Copy, then rename into place: LibreOffice reaching `target` finds it whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(source, partial)
    partial.replace(target)
