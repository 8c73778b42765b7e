"""`voces build`: check, write every output into a staging folder, verify, then replace.

A failed build (errors in the sources, a format that raises, a guard that finds a leak) leaves
the previous outputs exactly as they were. Nothing is written outside the output folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .context import BuildContext, build_date
from .curriculum import Curriculum
from .findings import Finding
from .formats import FORMATS

STAGING_PREFIX = ".voces-staging-"


@dataclass(frozen=True)
class BuildRequest:
    out: Path
    languages: list[str]
    modules: list[str]
    kinds: list[str]
    pdf: bool = False
    findings: tuple[Finding, ...] = ()
    """What `voces check` found before this build; the index page shows them."""

    @property
    def complete(self) -> bool:
        """Every kind: the module folders are replaced whole, dropping stale files."""
        return set(self.kinds) == set(FORMATS)


@dataclass
class StagedBuild:
    """What a build wrote into staging, before it replaces the previous output."""

    curriculum: Curriculum
    request: BuildRequest
    staging: Path
    contexts: list[BuildContext] = field(default_factory=list)
    files: dict[Path, BuildContext] = field(default_factory=dict)
    """Every file written, relative to the staging folder, with the context that wrote it."""
    extra_files: list[Path] = field(default_factory=list)
    """Files not tied to one module and language (index.html), relative to staging."""
    warnings: list[Finding] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """Plain messages about the machine, not the sources (LibreOffice missing); said once each."""
    progress: Callable[[str], None] | None = None
    """Where finishers report what they are doing (the CLI's progress line)."""


class BuildFailed(Exception):
    """The build stopped; the message says why and what to do. Earlier outputs are untouched."""


Guard = Callable[[StagedBuild], list[str]]
"""Reads the staged files back; returns problems that must fail the build (the leak guard)."""

Finisher = Callable[[StagedBuild], None]
"""Adds to the staged build after the guards pass (PDFs, the index page)."""

GUARDS: list[Guard] = []
FINISHERS: list[Finisher] = []


def build(
    curriculum: Curriculum, request: BuildRequest,
    progress: Callable[[str], None] | None = None,
) -> StagedBuild:
    """Build what `request` asks for; return the staged build once it is in place."""
    out = request.out
    _refuse_sources(curriculum.root, out)
    out.mkdir(parents=True, exist_ok=True)
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
    import os

    return str(os.getpid())


def _refuse_sources(root: Path, out: Path) -> None:
    root, target = root.resolve(), out.resolve()
    sources = [root / name for name in ("sources", "scenarios", "modules", "curriculum.yaml")]
    if target == root or target in root.parents or any(
        target == s or s in target.parents for s in sources
    ):
        raise BuildFailed(
            f"--out {out} would overwrite the curriculum's sources; choose a folder of its own, "
            "such as output/")


def _remove_stale_staging(out: Path) -> None:
    for old in out.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(old, ignore_errors=True)


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
        for relative in [*staged.files, *_pdf_companions(staged)]:
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                shutil.rmtree(target)
            (staging / relative).replace(target)
    for relative in staged.extra_files:
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        (staging / relative).replace(target)


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


# The leak guard registers itself in GUARDS; imported here, after GUARDS exists, so that every
# build is guarded however voces is called (issue 6).
from . import guard as _leak_guard  # noqa: E402,F401

# The PDF and index finishers register themselves in FINISHERS (issue 7): PDFs first, then the
# index page, which lists them. Every build writes index.html, however voces is called.
from . import index as _pdf_and_index  # noqa: E402,F401
