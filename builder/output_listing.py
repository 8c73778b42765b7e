"""What a module's output folder will hold once a staged build is in place.

The index page is written in staging, before the build replaces the previous output, yet it must
list what the output folder holds afterwards: a partial build (`--only`, `--module`, `--lang`)
keeps earlier files beside the new ones. This applies the replace rules of `build.py` on paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .pdf import OFFICE_SUFFIXES, SLIDES_SUFFIX

if TYPE_CHECKING:
    from .staging import StagedBuild


@dataclass(frozen=True)
class ListedEntry:
    relative: Path
    """Where it will be, relative to the output folder (what the index links to)."""
    current: Path
    """Where it is now (in staging or in the output folder), to read it."""

    @property
    def name(self) -> str:
        return self.relative.name


@dataclass(frozen=True)
class ModuleListing:
    files: list[ListedEntry]
    slide_folders: list[ListedEntry]


def list_module_outputs(staged: StagedBuild, lang: str, module_id: str) -> ModuleListing:
    """The files and slide-picture folders of `<lang>/<module>` after the replace, by name."""
    relative = Path(lang) / module_id
    on_disk = staged.request.out / relative
    in_staging = staged.staging / relative
    built = any(c.lang == lang and c.module.id == module_id for c in staged.contexts)
    entries: dict[str, Path] = {}
    kept: set[str] = set()
    # A complete build replaces the module folder whole; a partial one file by file.
    if on_disk.is_dir() and not (built and staged.request.complete):
        for path in on_disk.iterdir():
            if not path.name.startswith("."):
                entries[path.name] = path
                kept.add(path.name)
    if built and in_staging.is_dir():
        for path in in_staging.iterdir():
            if not path.name.startswith("."):
                entries[path.name] = path
                kept.discard(path.name)
    rebuilt_stems = {
        Path(name).stem for name in entries
        if name not in kept and Path(name).suffix in OFFICE_SUFFIXES
    }
    files, folders = [], []
    for name in sorted(entries):
        current = entries[name]
        stem = name[: -len(SLIDES_SUFFIX)] if current.is_dir() else Path(name).stem
        if name in kept and stem in rebuilt_stems and _is_companion(current):
            continue  # a PDF or pictures of the replaced source: the build removes them
        entry = ListedEntry(relative / name, current)
        if current.is_dir():
            if name.endswith(SLIDES_SUFFIX):
                folders.append(entry)
        elif current.is_file():
            files.append(entry)
    return ModuleListing(files, folders)


def _is_companion(path: Path) -> bool:
    """A file made from another one (a PDF, a slides folder), which can lag behind its source."""
    return path.is_dir() or path.suffix == ".pdf"
