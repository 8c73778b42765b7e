"""Running a build plan's jobs: in this process (`--jobs 1`) or on several cores.

Jobs of one module in one language run together in one task, sharing one `BuildContext` (the
slide plan the deck and the guide both need is computed once). Tasks are independent and write
only into their own `<lang>/<module>/` folder of the staging folder, so they run in worker
processes in any order; their results are taken in the plan's order, so the staged build is the
same whatever the number of workers. A worker holds one module's documents at a time and returns
only file names, warnings and the leak guard's verdicts, so memory stays flat as the curriculum
grows. Each job's files are read back by the leak guard in the worker that wrote them, right
after writing: the guard runs on every core too, and finds the files still in the page cache.

A job that raises stops the build: the tasks not yet started are cancelled, and the error names
the module, the language and the kind. Ctrl-C stops it the same way; the output folder is not
touched either way, as nothing has been moved out of staging yet.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .context import BuildContext
from .curriculum import Curriculum
from .findings import Finding
from .forked import cores
from .formats import FORMATS
from .guard import SecretText, guard_files, reads_back, remember_parts
from .manifest import Manifest, file_digest, read_manifest
from .plan import Job, make_plan
from .staging import BuildFailed


@dataclass(frozen=True)
class Task:
    lang: str
    module: str
    kinds: tuple[str, ...]
    staging: Path
    date: datetime


@dataclass
class JobResult:
    key: str
    written: list[Path]
    """Relative to the staging folder."""
    warnings: list[Finding]
    verdicts: dict[Path, list[str]] = field(default_factory=dict)
    """The leak guard's verdict on each declared file written (relative to staging)."""
    digests: dict[Path, str] = field(default_factory=dict)
    """Each file's digest for the manifest, taken here, on every core."""


@dataclass
class TaskResult:
    jobs: list[JobResult] = field(default_factory=list)
    failure: JobFailure | None = None


@dataclass(frozen=True)
class JobFailure:
    lang: str
    module: str
    kind: str
    error: str
    """`Type: message` of what the format raised."""
    trace: str
    mistake: str | None = None
    """Set when the curriculum is at fault, not voces (its own template does not render): the
    message for the user, with file and line."""


class JobFailed(Exception):
    """A format raised: a bug in voces, named by module, language and kind."""

    def __init__(self, failure: JobFailure) -> None:
        super().__init__(f"the {failure.kind} of module {failure.module} in {failure.lang} "
                         f"failed ({failure.error})")
        self.failure = failure


_CURRICULUM: Curriculum | None = None
"""The curriculum a worker process builds from (inherited from the parent, never pickled)."""
_SECRETS: dict[str, list[SecretText]] = {}
"""Each language's facilitator-only texts, which the guard looks for (inherited too)."""


def tasks_of(jobs: list[Job], staging: Path, date: datetime) -> list[Task]:
    """One task per (language, module), its kinds in the plan's order."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for job in jobs:
        grouped.setdefault((job.lang, job.module), []).append(job.kind)
    return [Task(lang, module, tuple(kinds), staging, date)
            for (lang, module), kinds in grouped.items()]


def preload_writers(curriculum: Curriculum, *, languages: list[str] | None,
                    modules: list[str] | None, kinds: list[str] | None, out: Path,
                    force: bool) -> None:
    """Import, in this process, the writers of the jobs a build is about to run: the workers
    forked from it then start writing at once instead of each importing them (python-pptx,
    python-docx, lxml: about 0.4 s of each worker's first task; openpyxl and numpy 0.3 s more).
    `voces build` calls it while the check's second process still measures.

    Only a guess, made before the check and outside the output lock: a job will run unless
    the previous manifest has its fingerprint (the build decides under the lock, and imports
    what it needs as it runs). `languages`, `modules` and `kinds` as asked (None: all); a
    name the curriculum does not have, or a curriculum the plan cannot be made of, is for the
    CLI and the check to report, once they are done."""
    try:
        plan = make_plan(curriculum, _asked(languages, curriculum.languages),
                         _asked(modules, [module.id for module in curriculum.modules]),
                         _asked(kinds, list(FORMATS)), keep=True)
        previous = Manifest() if force else read_manifest(out)
    except Exception:  # the check will say what is wrong; nothing is built
        return
    running: dict[str, list[str]] = {}
    guarded: set[str] = set()
    for job in plan.jobs:
        if job.outputs and ((record := previous.jobs.get(job.key)) is None
                            or record.fingerprint != job.fingerprint):
            if job.lang not in running.setdefault(job.kind, []):
                running[job.kind].append(job.lang)
            if any(reads_back(output) for output in job.outputs):
                guarded.add(job.kind)
    for kind, form in FORMATS.items():
        if kind in running:
            _prepare(form.load(), curriculum, running[kind], kind in guarded)


def _prepare(writer: Any, curriculum: Curriculum, languages: list[str], guarded: bool) -> None:
    """What every file of a kind starts from, made once here rather than in each worker (a
    deck's skeleton, a docx's template in each language): the theme's parts compressed, and
    (for files the leak guard reads back) their text read, ready for every worker."""
    prepare = getattr(writer, "prepare", None)
    if prepare is None or not curriculum.modules:
        return
    from .office.package import keep_compressed

    try:
        parts: list[tuple[str, bytes]] = prepare(curriculum, languages)
    except Exception:  # a theme that cannot be used: the check says so, the job reports it
        return
    keep_compressed([data for _, data in parts])
    if guarded:
        remember_parts([data for name, data in parts if name.endswith(".xml")])


def _asked(asked: list[str] | None, known: list[str]) -> list[str]:
    wanted = {name.strip() for name in asked} if asked else set(known)
    return [name for name in known if name in wanted]


def default_workers() -> int:
    """`--jobs`'s default: every core this process may use."""
    return cores()


def run_tasks(curriculum: Curriculum, tasks: list[Task], workers: int,
              secrets: dict[str, list[SecretText]],
              progress: Callable[[str], None] | None = None) -> list[TaskResult]:
    """Every task's result, in the order of `tasks`; raises JobFailed on the first failure.
    `secrets`: the facilitator-only texts of each task's language, for the leak guard."""
    results = list(_results(curriculum, tasks, workers, secrets, progress))
    for result in results:
        if result.failure is not None and result.failure.mistake is not None:
            raise BuildFailed(result.failure.mistake)
        if result.failure is not None:
            raise JobFailed(result.failure)
    return results


def _results(curriculum: Curriculum, tasks: list[Task], workers: int,
             secrets: dict[str, list[SecretText]],
             progress: Callable[[str], None] | None) -> Iterator[TaskResult]:
    if workers <= 1 or len(tasks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for task in tasks:
            if progress:
                progress(f"{task.lang}/{task.module}: {', '.join(task.kinds)}")
            result = run_task(task, curriculum, secrets)
            yield result
            if result.failure is not None:
                return
        return
    global _CURRICULUM, _SECRETS
    _CURRICULUM, _SECRETS = curriculum, secrets  # the forked workers see them as they are now
    executor = ProcessPoolExecutor(min(workers, len(tasks)),
                                   mp_context=multiprocessing.get_context("fork"),
                                   initializer=_quiet_worker)
    try:
        # The largest tasks start first, so that small ones are left to fill the cores at the
        # end; the results are still taken in the order of `tasks`. The workers are forked at
        # the first submit, with every object this process holds frozen for the collector:
        # a worker's collections then pass over its own objects only, not over the modules
        # and the curriculum it inherited (which they copied, page by page, a fifth of a
        # worker's time).
        gc.freeze()
        try:
            futures: dict[int, Future[TaskResult]] = {
                index: executor.submit(run_task, tasks[index])
                for index in sorted(range(len(tasks)), key=lambda i: -_size(curriculum, tasks[i]))}
        finally:
            gc.unfreeze()  # this process collects as before (`voces serve` builds again)
        for index, task in enumerate(tasks):
            if progress:
                progress(f"{task.lang}/{task.module}: {', '.join(task.kinds)}")
            result = futures[index].result()
            yield result
            if result.failure is not None:
                return
    finally:
        # Tasks not started are dropped; those running finish into staging, which goes.
        executor.shutdown(wait=True, cancel_futures=True)
        _CURRICULUM, _SECRETS = None, {}


def _size(curriculum: Curriculum, task: Task) -> int:
    """About how much a task writes: its kinds times its module's agenda."""
    module = curriculum.module(task.module)
    return len(task.kinds) * (1 + (len(module.agenda) if module is not None else 0))


def _quiet_worker() -> None:
    """Ctrl-C reaches the whole process group: the parent stops the build, workers ignore it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_task(task: Task, curriculum: Curriculum | None = None,
             secrets: dict[str, list[SecretText]] | None = None) -> TaskResult:
    """Write one module in one language, kind by kind, into staging; read each kind's files
    back for leaks."""
    curriculum = curriculum or _CURRICULUM
    secrets = _SECRETS if secrets is None else secrets
    assert curriculum is not None
    module = curriculum.module(task.module)
    assert module is not None
    folder = task.staging / task.lang / module.id
    folder.mkdir(parents=True, exist_ok=True)
    context = BuildContext(curriculum, module, task.lang, folder, date=task.date)
    result = TaskResult()
    for kind in task.kinds:
        before = len(context.warnings)
        try:
            written = [path.relative_to(task.staging) for path in FORMATS[kind].write(context)]
            declared = {output.relative: output for output in FORMATS[kind].outputs(
                module, task.lang, curriculum.deliveries)}
            verdicts = guard_files(task.staging, {
                relative: declared[relative] for relative in written if relative in declared},
                secrets[task.lang])
            digests = {relative: file_digest(task.staging / relative) for relative in written}
        except Exception as exc:  # a bug in a format: named, with its traceback, not hidden
            result.failure = JobFailure(
                task.lang, module.id, kind, f"{type(exc).__name__}: {exc}",
                traceback.format_exc(), mistake=str(exc) if isinstance(exc, BuildFailed) else None)
            return result
        result.jobs.append(JobResult(f"{task.lang}/{module.id}/{kind}", written,
                                     [w for w in context.warnings[before:]], verdicts, digests))
    return result
