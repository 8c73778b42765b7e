"""`voces build`: check, write every output into a staging folder, verify, then replace.

A failed build (errors in the sources, a format that raises, a guard that finds a leak) leaves
the previous outputs exactly as they were. Nothing is written outside the output folder.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import guard, index, pdf, unchanged
from .curriculum import Curriculum
from .findings import Finding
from .formats import OutputFile
from .jobs import default_workers, run_tasks, tasks_of
from .load import writes_into_inputs
from .locales import DEFAULT_LANGUAGE, Words
from .lock import output_lock
from .manifest import (
    MANIFEST,
    JobRecord,
    Manifest,
    companions_complete,
    companions_valid,
    read_manifest,
    still_valid,
    write_manifest,
)
from .pictures import images_of
from .plan import BuildPlan, builder_digest, make_plan
from .replace import plan_replacement, updated_records
from .staging import STAGING_PREFIX, BuildFailed, BuildRequest, StagedBuild

Guard = Callable[[StagedBuild], list[str]]
"""Reads the staged files back; returns problems that must fail the build (the leak guard)."""

Finisher = Callable[[StagedBuild], None]
"""Adds to the staged build after the guards pass (PDFs, the index page)."""

GUARDS: list[Guard] = [guard.find_leaks]
"""The leak guard reads each job's files back in the job's worker; `find_leaks` gathers the
verdicts, and reads back the files of kept jobs that have none."""
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
    if writes_into_inputs(curriculum.root, out, curriculum.settings.theme):
        raise BuildFailed(
            f"--out {out} would overwrite the curriculum's sources; choose a folder of its own, "
            "such as output/")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, a read-only disk: the user's to fix
        raise BuildFailed(f"--out {out}: cannot make the output folder ({exc.strerror}); "
                          "choose a folder, such as output/") from exc
    with output_lock(out):
        return _build_locked(curriculum, request, progress)


def _build_locked(
    curriculum: Curriculum, request: BuildRequest, progress: Callable[[str], None] | None,
) -> StagedBuild:
    out = request.out
    _remove_stale_staging(out)
    plan = make_plan(curriculum, request.languages, request.modules, request.kinds)
    recorded = read_manifest(out)  # with --force too: what it made for what is gone, goes
    previous = Manifest() if request.force else recorded
    staging = out / f"{STAGING_PREFIX}{_unique()}"
    try:
        staging.mkdir()
    except OSError as exc:
        raise BuildFailed(f"--out {out}: cannot write into the output folder ({exc.strerror}); "
                          "choose a folder you may write to") from exc
    staged = StagedBuild(curriculum, request, staging, progress=progress)
    if previous.notice:
        staged.notices.append(previous.notice)
    try:
        _run_jobs(staged, plan, previous)
        problems = [problem for guard in GUARDS for problem in guard(staged)]
        if problems:
            raise BuildFailed("\n".join(problems))
        for finish in FINISHERS:
            finish(staged)
        replacement = plan_replacement(staged, recorded)
        records = updated_records(staged, previous, replacement)
        pages = index.write_index(staged, replacement, previous.index)
        replacement.execute(staged)
        write_manifest(staging / MANIFEST, records, _unchanged(staged, plan, records),
                       request.checked, pages)
        (staging / MANIFEST).replace(out / MANIFEST)  # last: it vouches for what is in place
        if replacement.gone:
            staged.notices.append(Words(DEFAULT_LANGUAGE)(
                "removed_gone_folders", n=len(replacement.gone),
                folders=", ".join(folder.as_posix() for folder in replacement.gone)))
        if replacement.outdated:
            staged.notices.append(Words(DEFAULT_LANGUAGE)(
                "pdf_removed_outdated" if len(replacement.outdated) != 1
                else "pdf_removed_outdated_one", n=len(replacement.outdated)))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return staged


def _unchanged(staged: StagedBuild, plan: BuildPlan, records: dict[str, JobRecord]
               ) -> dict[str, object] | None:
    """What the same command may say without building while nothing changes: what this build
    would say if run again, every job then kept (`unchanged.py`). None with `--pdf` while a
    document lacks its PDF or pictures: the next build would try again and say so."""
    request, curriculum = staged.request, staged.curriculum
    if not request.command or request.pdf and not all(
            companions_complete(records[job.key], job.outputs) for job in plan.jobs):
        return None
    warnings: list[Finding] = []
    for job in plan.jobs:
        warnings += [w for w in staged.records[job.key].warnings if w not in warnings]
    pictures = [image.file for scenario in curriculum.scenarios
                for _, image in images_of(scenario)]
    return unchanged.record(
        curriculum.root, curriculum.settings.theme, pictures, request.out, request.command,
        request.findings, warnings,
        len({o.relative for job in plan.jobs for o in job.outputs}) + len(staged.pages),
        skip=staged.staging.name, builder=builder_digest(),
        read=(curriculum.raw_texts, request.started))


def _unique() -> str:
    """The process id (so a later build knows whether this one still runs) and a random part."""
    return f"{os.getpid()}-{uuid.uuid4().hex[:8]}"


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


def _run_jobs(staged: StagedBuild, plan: BuildPlan, previous: Manifest) -> None:
    """Run the jobs whose inputs or files changed; keep the others' files as they are."""
    out = staged.request.out
    secrets = {lang: guard.secret_texts(staged.curriculum, lang)
               for lang in staged.request.languages}
    guarded = {lang: guard.secrets_digest(texts) for lang, texts in secrets.items()}
    to_run = []
    for job in plan.jobs:
        record = previous.jobs.get(job.key)
        if not job.outputs:
            # Nothing to write (the deliveries of a module that has none): done without a
            # worker importing its writer; recorded as running it would have recorded it.
            staged.records[job.key] = JobRecord(job.fingerprint, {}, [], guarded=guarded[job.lang])
        elif record is not None and still_valid(record, job.fingerprint, out):
            staged.kept.update({output.relative: output for output in job.outputs})
            for output in job.outputs:
                staged.kept_companions.update(
                    Path(c) for c in companions_valid(record, output.relative.as_posix(), out))
            if record.guarded == guarded[job.lang]:  # unchanged files, the same texts: clean
                staged.verdicts.update({output.relative: [] for output in job.outputs})
            # else find_leaks reads its files back against the texts of now; the build goes on
            # (and this record is written) only if they are clean.
            staged.records[job.key] = replace(record, guarded=guarded[job.lang])
            staged.warnings += [w for w in record.warnings if w not in staged.warnings]
        else:
            to_run.append(job)
    tasks = tasks_of(to_run, staged.staging, plan.date)
    workers = staged.request.jobs or default_workers()
    by_key = {job.key: job for job in to_run}
    for result in run_tasks(staged.curriculum, tasks, workers, secrets, staged.progress):
        for done in result.jobs:
            job = by_key[done.key]
            files = _declared(staged.staging, job.kind, done.written, list(job.outputs))
            staged.files.update(files)
            staged.verdicts.update(done.verdicts)
            staged.records[job.key] = JobRecord(
                job.fingerprint,
                {relative.as_posix(): done.digests[relative] for relative in files},
                done.warnings, guarded=guarded[job.lang])
            staged.warnings += [w for w in done.warnings if w not in staged.warnings]


def _declared(staging: Path, kind: str, wrote: list[Path], declared: list[OutputFile]
              ) -> dict[Path, OutputFile]:
    """The files a format wrote, each with its declaration; a file written but not declared,
    or declared but not written, is a bug in the format (the guard could not judge it)."""
    by_path = {output.relative: output for output in declared}
    undeclared = sorted(str(p) for p in wrote if p not in by_path)
    missing = sorted(str(p) for p in by_path if p not in wrote)
    if undeclared or missing:
        raise AssertionError(
            f"format '{kind}' wrote {', '.join(undeclared) or 'every declared file'} but "
            f"declares {', '.join(missing) or 'no such file'} in builder/formats/__init__.py")
    return {relative: by_path[relative] for relative in wrote}
