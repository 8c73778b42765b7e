"""`voces build`: check, write every output into a staging folder, verify, then replace.

A failed build (errors in the sources, a format that raises, a guard that finds a leak) leaves
the previous outputs exactly as they were. Nothing is written outside the output folder.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from . import guard, index, pdf
from .context import BuildContext, build_date
from .curriculum import Curriculum
from .formats import FORMATS, OutputFile
from .locales import DEFAULT_LANGUAGE, Words
from .replace import plan_replacement
from .staging import STAGING_PREFIX, BuildFailed, BuildRequest, StagedBuild

Guard = Callable[[StagedBuild], list[str]]
"""Reads the staged files back; returns problems that must fail the build (the leak guard)."""

Finisher = Callable[[StagedBuild], None]
"""Adds to the staged build after the guards pass (PDFs, the index page)."""

GUARDS: list[Guard] = [guard.find_leaks]
FINISHERS: list[Finisher] = [pdf.make_pdfs]
"""Run before the replace plan is made (PDFs, slide pictures); the index page comes after it,
as it lists the folder as the plan leaves it."""

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
        replacement = plan_replacement(staged)
        index.write_index(staged, replacement)
        replacement.execute(staged)
        if replacement.outdated:
            staged.notices.append(Words(DEFAULT_LANGUAGE)(
                "pdf_removed_outdated" if len(replacement.outdated) != 1
                else "pdf_removed_outdated_one", n=len(replacement.outdated)))
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
                written = FORMATS[kind].write(context)
                staged.files.update(_declared(staged.staging, kind, written,
                                              FORMATS[kind].outputs(module, lang)))
            staged.warnings += [w for w in context.warnings if w not in staged.warnings]


def _declared(staging: Path, kind: str, written: list[Path], declared: list[OutputFile]
              ) -> dict[Path, OutputFile]:
    """The files a format wrote, each with its declaration; a file written but not declared,
    or declared but not written, is a bug in the format (the guard could not judge it)."""
    by_path = {output.relative: output for output in declared}
    wrote = [path.relative_to(staging) for path in written]
    undeclared = sorted(str(p) for p in wrote if p not in by_path)
    missing = sorted(str(p) for p in by_path if p not in wrote)
    if undeclared or missing:
        raise AssertionError(
            f"format '{kind}' wrote {', '.join(undeclared) or 'every declared file'} but "
            f"declares {', '.join(missing) or 'no such file'} in builder/formats/__init__.py")
    return {relative: by_path[relative] for relative in wrote}
