"""`voces build`: check, write every output into a staging folder, verify, then replace.

A failed build (errors in the sources, a format that raises, a guard that finds a leak) leaves
the previous outputs exactly as they were. Nothing is written outside the output folder.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from . import guard, index, pdf
from .context import BuildContext, build_date
from .curriculum import Curriculum
from .formats import FORMATS
from .staging import STAGING_PREFIX, BuildFailed, BuildRequest, StagedBuild

Guard = Callable[[StagedBuild], list[str]]
"""Reads the staged files back; returns problems that must fail the build (the leak guard)."""

Finisher = Callable[[StagedBuild], None]
"""Adds to the staged build after the guards pass (PDFs, the index page)."""

GUARDS: list[Guard] = [guard.find_leaks]
FINISHERS: list[Finisher] = [pdf.make_pdfs, index.write_index]
"""PDFs first, then the index page, which lists them."""

__all__ = ["BuildFailed", "BuildRequest", "StagedBuild", "build", "GUARDS", "FINISHERS"]


def build(
    curriculum: Curriculum, request: BuildRequest,
    progress: Callable[[str], None] | None = None,
) -> StagedBuild:
    """Build what `request` asks for; return the staged build once it is in place."""
    out = request.out
    _refuse_sources(curriculum.root, out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, a read-only disk: the user's to fix
        raise BuildFailed(f"--out {out}: cannot make the output folder ({exc.strerror}); "
                          "choose a folder, such as output/") from exc
    _remove_stale_staging(out)
    staging = out / f"{STAGING_PREFIX}{_unique()}"
    staging.mkdir()
    staged = StagedBuild(curriculum, request, staging, progress=progress)
    try:
        _write_all(staged, progress)
        problems = [problem for guard in GUARDS for problem in guard(staged)]
        if problems:
            raise BuildFailed("\n".join(problems))
        for finish in FINISHERS:
            finish(staged)
        _replace_outputs(staged)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return staged


def _unique() -> str:
    """The process id (so a later build knows whether this one still runs) and a random part."""
    return f"{os.getpid()}-{uuid.uuid4().hex[:8]}"


def _refuse_sources(root: Path, out: Path) -> None:
    root, target = root.resolve(), out.resolve()
    sources = [root / name for name in (
        "sources", "scenarios", "modules", "deliveries", "curriculum.yaml")]
    if target == root or target in root.parents or any(
        target == s or s in target.parents for s in sources
    ):
        raise BuildFailed(
            f"--out {out} would overwrite the curriculum's sources; choose a folder of its own, "
            "such as output/")


def _remove_stale_staging(out: Path) -> None:
    """Staging left by a build that was killed; a build still running keeps its own."""
    for old in out.glob(f"{STAGING_PREFIX}*"):
        if not _running(old.name[len(STAGING_PREFIX):].split("-")[0]):
            shutil.rmtree(old, ignore_errors=True)


def _running(pid: str) -> bool:
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_all(staged: StagedBuild, progress: Callable[[str], None] | None) -> None:
    curriculum, request = staged.curriculum, staged.request
    date = build_date()
    for lang in request.languages:
        for module_id in request.modules:
            module = curriculum.module(module_id)
            assert module is not None
            folder = staged.staging / lang / module.id
            folder.mkdir(parents=True)
            context = BuildContext(curriculum, module, lang, folder, date=date)
            staged.contexts.append(context)
            for kind in request.kinds:
                if progress:
                    progress(f"{lang}/{module.id}: {kind}")
                for path in FORMATS[kind](context):
                    staged.files[path.relative_to(staged.staging)] = context
            staged.warnings += [w for w in context.warnings if w not in staged.warnings]


def _replace_outputs(staged: StagedBuild) -> None:
    """Move staged files into place: module folders whole for a complete build, else file by
    file."""
    out, staging = staged.request.out, staged.staging
    folders = sorted({Path(c.lang) / c.module.id for c in staged.contexts})
    if staged.request.complete:
        for folder in folders:
            target = out / folder
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            (staging / folder).replace(target)
    else:
        moving = [*staged.files, *_pdf_companions(staged)]
        for relative in moving:
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                shutil.rmtree(target)
            (staging / relative).replace(target)
        _drop_outdated_companions(out, staged.files, set(moving))
    for relative in staged.extra_files:
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        (staging / relative).replace(target)


def _drop_outdated_companions(out: Path, rebuilt: Iterable[Path], moved: set[Path]) -> None:
    """A PDF or slide pictures of an earlier build would no longer match a rebuilt deck or
    document; remove them unless this build made new ones."""
    for relative in rebuilt:
        if relative.suffix not in pdf.OFFICE_SUFFIXES:
            continue
        for companion in (relative.with_suffix(".pdf"),
                          relative.with_name(relative.stem + pdf.SLIDES_SUFFIX)):
            target = out / companion
            if companion in moved or not target.exists():
                continue
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()


def _pdf_companions(staged: StagedBuild) -> list[Path]:
    """Files a finisher added beside the formats' files (PDFs, slide pictures)."""
    known = set(staged.files) | set(staged.extra_files)
    found = []
    for context in staged.contexts:
        folder = context.folder
        for path in sorted(folder.iterdir()):
            relative = path.relative_to(staged.staging)
            if relative not in known:
                found.append(relative)
    return found
