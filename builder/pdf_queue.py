"""LibreOffice runs that take their files one at a time from a queue that every core shares.

A run's command line is fixed when it starts, so it names slots (`slot-0`, `slot-1`…), not
files. LibreOffice names each file as it begins it (after loading it, before writing its PDF);
when it begins slot k, the next file waiting in the queue is copied into slot k+1, whole before
LibreOffice reaches it. A slot left empty is skipped in a few milliseconds, and a run whose
next slot is empty ends. So each core's LibreOffice converts until the queue is empty and the
cores end within about one file of each other, whatever each file costs (fixed shares, guessed
from the files' sizes, ended up to 2 s apart on the example). A file put in the queue while the
runs go (a guide numbered from its first PDF) is converted by whichever run reaches it first.

LibreOffice finds a document's type from its content, so a slot needs no suffix; a PDF's title
is the document's own, not its file name.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .pdf_tools import SECONDS_PER_FILE, SECONDS_TO_START, ToolGroup, run_tool, whole_pdf

MOST_SLOTS = 1000
"""A run names at most this many slots (its command line stays short); a run that used them all
while files wait is followed by another."""


@dataclass(frozen=True)
class Waiting:
    """A file to convert; `again`: a guide rendered a second time, its contents now numbered."""

    source: Path
    again: bool = False


class FileQueue:
    """The files waiting for any core's LibreOffice, each with its guessed cost."""

    def __init__(self, files: list[tuple[Path, float]], promised: int = 0) -> None:
        self._waiting = [(cost, Waiting(path)) for path, cost in files]
        self._promised = promised
        self._lock = threading.Lock()

    def take(self) -> Waiting | None:
        with self._lock:
            return self._waiting.pop(0)[1] if self._waiting else None

    def put(self, item: Waiting, cost: float) -> None:
        """A promised file, ready now: before the first file that costs less, so that the
        files left when the queue runs dry are the smallest."""
        with self._lock:
            place = next((number for number, (other, _) in enumerate(self._waiting)
                          if other < cost), len(self._waiting))
            self._waiting.insert(place, (cost, item))
            self._promised = max(0, self._promised - 1)

    def unpromise(self) -> None:
        """A promised file will not come (its guide had no page to number)."""
        with self._lock:
            self._promised = max(0, self._promised - 1)

    def bound(self) -> int:
        """How many files may still come: those waiting and those promised."""
        with self._lock:
            return len(self._waiting) + self._promised

    def left(self) -> list[Waiting]:
        """Whatever no run took (put after every run had ended); the queue is empty after."""
        with self._lock:
            items = [item for _, item in self._waiting]
            self._waiting.clear()
            return items


@dataclass
class QueueRun:
    """What one LibreOffice run did."""

    converted: int = 0
    failed: list[Waiting] = field(default_factory=list)
    """Files it took and made no PDF of (LibreOffice failed on them, or reached the slot before
    the file was in it): they are tried once more after every run has ended."""


def convert_from_queue(
    queue: FileQueue, scratch: Path, profile: Path, soffice: str,
    made: Callable[[Waiting, Path], None], begun: Callable[[Waiting], None] | None = None,
    group: ToolGroup | None = None,
) -> QueueRun:
    """One LibreOffice run taking files from `queue` until it is empty (or the run's slots are
    used up). `made(item, pdf)` gets each PDF once it is whole (it may move it); it is called
    while LibreOffice converts the next file, after that file's successor is in its slot."""
    slots_folder, outdir = scratch / "slots", scratch / "pdf"
    slots_folder.mkdir(parents=True, exist_ok=True)
    outdir.mkdir(parents=True, exist_ok=True)
    slots = [slots_folder / f"slot-{number}" for number in range(min(MOST_SLOTS, queue.bound()))]
    filled: dict[int, Waiting] = {}
    run = QueueRun()
    if not slots or not _fill(queue, slots, filled, 0):
        return run
    number_of = {slot.name: number for number, slot in enumerate(slots)}
    finished = 0  # the slots before this one are done

    def finish_before(number: int) -> None:
        nonlocal finished
        for slot in range(finished, number):
            if slot not in filled:
                continue
            pdf = outdir / f"slot-{slot}.pdf"
            if whole_pdf(pdf):
                run.converted += 1
                made(filled[slot], pdf)
            else:
                run.failed.append(filled[slot])
            (slots_folder / f"slot-{slot}").unlink(missing_ok=True)
        finished = max(finished, number)

    def report(line: str) -> None:
        if not line.startswith("convert "):
            return
        number = number_of.get(Path(line.split(" -> ")[0].removeprefix("convert ")).name)
        if number is None:
            return
        ready = _fill(queue, slots, filled, number + 1)
        finish_before(number)
        if not ready:  # the file just made may have put its guide back in the queue
            _fill(queue, slots, filled, number + 1)
        if begun and number in filled:
            begun(filled[number])

    command = [
        soffice, f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless", "--norestore", "--nolockcheck",
        "--convert-to", "pdf", "--outdir", str(outdir), *[str(slot) for slot in slots],
    ]
    run_tool(command, SECONDS_TO_START + SECONDS_PER_FILE * len(slots), report, group=group)
    finish_before(len(slots))
    return run


def _fill(queue: FileQueue, slots: list[Path], filled: dict[int, Waiting], number: int) -> bool:
    """Copy the next waiting file into slot `number` (whole or not at all, by a rename)."""
    if number >= len(slots) or number in filled:
        return number in filled
    item = queue.take()
    if item is None:
        return False
    partial = slots[number].with_name(slots[number].name + ".partial")
    shutil.copyfile(item.source, partial)
    partial.replace(slots[number])
    filled[number] = item
    return True
