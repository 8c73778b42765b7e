"""The replace plan: what a staged build moves into the output folder, what it removes, and what
the folder holds afterwards. Computed once from the formats' declaration and the staged build,
then read by the index page (which must list the folder as it will be) and executed once.

The rules:
- every staged file and every PDF or slide-picture folder made this build moves into place;
- a build of every kind replaces a built module's folder whole: anything else in it goes;
- a PDF or slide pictures of an earlier build whose document is rebuilt no longer match it; they
  go, unless this build made new ones, and the build says how many went.

`updated_records` gives the next build manifest from the same plan: each job with the companions
the folder will hold for its documents.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from .curriculum import Curriculum
from .formats import FORMATS, OutputFile, module_outputs
from .manifest import JobRecord, Manifest, file_digest
from .staging import StagedBuild


@dataclass(frozen=True)
class Listed:
    """A declared file as the output folder will hold it, with what was made from it."""

    output: OutputFile
    current: Path
    """Where it is now (in staging or in the output folder), to read it."""
    pdf: Path | None = None
    """Where its PDF is now, when the folder will hold one."""
    pictures: Path | None = None
    """Where the pictures of its pages are now, when the folder will hold them."""

    @property
    def relative(self) -> Path:
        return self.output.relative


@dataclass
class Replacement:
    moves: list[Path] = field(default_factory=list)
    """Relative paths moved from staging to the output folder (files and picture folders)."""
    removals: list[Path] = field(default_factory=list)
    """Relative paths removed from the output folder."""
    outdated: list[Path] = field(default_factory=list)
    """Documents whose earlier PDF or pictures are among the removals (the build says so)."""
    gone: list[Path] = field(default_factory=list)
    """(language, module) folders and index pages of an earlier build for a module or a
    language the curriculum no longer has, among the removals (the build says so)."""
    listing: dict[tuple[str, str], list[Listed]] = field(default_factory=dict)
    """What each (language, module) folder holds afterwards, declared file by file."""

    def find(self, relative: Path) -> Listed | None:
        """The listed file at `relative`, if the folder will hold it."""
        if len(relative.parts) < 2:
            return None
        key = (relative.parts[0], relative.parts[1])
        return next((item for item in self.listing.get(key, []) if item.relative == relative),
                    None)

    def execute(self, staged: StagedBuild) -> None:
        out, staging = staged.request.out, staged.staging
        for relative in self.removals:
            _remove(out / relative)
        for folder in {relative.parent for relative in self.gone} - {Path(".")}:
            if (out / folder).is_dir() and not any((out / folder).iterdir()):
                (out / folder).rmdir()  # a language gone: its folder, once empty
        for relative in [*self.moves, *staged.extra_files]:
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            _remove(target)
            (staging / relative).replace(target)


def plan_replacement(staged: StagedBuild, previous: Manifest | None = None) -> Replacement:
    """The replace plan of `staged`, before the index page is written; `previous`: the
    manifest of the build before, whose folders of modules and languages no longer in the
    curriculum go."""
    out = staged.request.out
    plan = Replacement(moves=sorted([*staged.files, *staged.companions]))
    plan.gone = _gone(out, staged, previous or Manifest())
    plan.removals += plan.gone
    moving = set(plan.moves)
    keep = moving | set(staged.kept) | staged.kept_companions
    built_folders = sorted({Path(*relative.parts[:2]) for relative in [*staged.files,
                                                                        *staged.kept]})
    if staged.request.complete:
        keep |= _results_reports(out, staged)
        for folder in built_folders:
            plan.removals += _not_kept(out, folder, keep)
    removed = set(plan.removals)
    for output in staged.files.values():  # a rebuilt document's old PDF no longer matches it
        plan.removals += [c for c in output.companions
                          if c not in keep and c not in removed and (out / c).exists()]
    removed = set(plan.removals)
    documents = sorted({**staged.files, **staged.kept}.items())
    plan.outdated = [relative for relative, output in documents
                     if any(c in removed for c in output.companions)]
    curriculum = staged.curriculum
    for lang in curriculum.languages:
        for module in curriculum.modules:
            plan.listing[(lang, module.id)] = [
                listed for output in module_outputs(
                    module, lang, deliveries=curriculum.deliveries)
                if (listed := _listed(staged, output, moving, removed)) is not None]
    return plan


def _listed(staged: StagedBuild, output: OutputFile, moving: set[Path], removed: set[Path]
            ) -> Listed | None:
    current = _after(staged, output.relative, moving, removed)
    if current is None or not current.is_file():
        return None
    pdf = _after(staged, output.pdf, moving, removed) if output.pdf else None
    pictures = _after(staged, output.pictures, moving, removed) if output.pictures else None
    return Listed(output, current, pdf if pdf and pdf.is_file() else None,
                  pictures if pictures and pictures.is_dir() else None)


def _after(staged: StagedBuild, relative: Path, moving: set[Path], removed: set[Path]
           ) -> Path | None:
    """Where the file that will be at `relative` is now; None if there will be none."""
    if relative in moving:
        return staged.staging / relative
    on_disk = staged.request.out / relative
    if relative in removed or not on_disk.exists():
        return None
    return on_disk


def page_file(curriculum: Curriculum, lang: str) -> str:
    """The index page of a language: `index.html` for the first, `index-<lang>.html`."""
    return "index.html" if lang == curriculum.languages[0] else f"index-{lang}.html"


def _gone(out: Path, staged: StagedBuild, previous: Manifest) -> list[Path]:
    """The (language, module) folders the previous build's jobs wrote, and the index pages it
    wrote, for a module or a language the curriculum no longer has: only what the manifest
    vouches voces made."""
    curriculum = staged.curriculum
    current = {(lang, module.id) for lang in curriculum.languages for module in curriculum.modules}
    recorded = {tuple(key.split("/")[:2]) for key in previous.jobs if key.count("/") == 2}
    folders = sorted(Path(lang, module) for lang, module in recorded
                     if (lang, module) not in current and (out / lang / module).is_dir()
                     and not (out / lang / module).is_symlink())
    pages = {page_file(curriculum, lang) for lang in curriculum.languages}
    return folders + sorted(Path(name) for name in previous.index
                            if name not in pages and (out / name).is_file())


def _results_reports(out: Path, staged: StagedBuild) -> set[Path]:
    """`voces results` writes its reports into a delivery's folder; a build of a delivery that
    is still in the curriculum keeps them (they come from the results database, not the build)."""
    found = set()
    for delivery in staged.curriculum.deliveries:
        folder = Path(delivery.language) / delivery.module / "deliveries" / delivery.id
        for extension in ("docx", "html"):
            report = folder / f"{delivery.module}-results-{delivery.id}.{extension}"
            if (out / report).is_file():
                found.add(report)
    return found


def _not_kept(out: Path, folder: Path, keep: set[Path]) -> list[Path]:
    """Everything in `out/folder` that is not in `keep` nor holds something in it, relative to
    `out` (a folder as one entry when nothing in it stays)."""
    if not (out / folder).is_dir():
        return []
    found = []
    for path in sorted((out / folder).iterdir()):
        relative = path.relative_to(out)
        if relative in keep:
            continue
        if path.is_dir() and any(relative in kept.parents for kept in keep):
            found += _not_kept(out, relative, keep)
        else:
            found.append(relative)
    return found


def _remove(target: Path) -> None:
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif target.exists() or target.is_symlink():
        target.unlink()


def updated_records(staged: StagedBuild, previous: Manifest, replacement: Replacement
                    ) -> dict[str, JobRecord]:
    """The next manifest: this build's jobs, with the companions the output folder will hold
    for each document, and the previous build's other jobs whose files stay."""
    curriculum = staged.curriculum
    known = {f"{lang}/{module.id}/{kind}" for lang in curriculum.languages
             for module in curriculum.modules for kind in FORMATS}
    records = {key: record for key, record in previous.jobs.items()
               if key in known and key not in staged.records}
    for key, record in staged.records.items():
        if any(Path(relative) in staged.rewritten for relative in record.files):
            # Digests of the files as they move into place: a finisher changed one (the
            # guide's contents get page numbers from its PDF).
            record = replace(record, files={
                relative: file_digest(staged.staging / relative)
                if Path(relative) in staged.rewritten else digest
                for relative, digest in record.files.items()})
        companions = {}
        for relative in record.files:
            listed = replacement.find(Path(relative))
            if listed is None:
                continue
            made = {path.as_posix(): file_digest(current) for path, current in (
                (listed.output.pdf, listed.pdf), (listed.output.pictures, listed.pictures))
                if path is not None and current is not None}
            if made:
                companions[relative] = {"made_from": record.files[relative], **made}
        records[key] = replace(record, companions=companions)
    return records
