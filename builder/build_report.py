"""What `voces build` says when it ends, whether this process built or the build's fork did
(early_build.py): the warnings, the notices and the last line of a build that succeeded, the
message of one that failed, and a bug's crash log. Apart from cli.py, which parses and decides;
imported only when a build ends, so `voces check` never loads it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .exit_codes import EXIT_BUG, EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from .curriculum import Curriculum
    from .early_build import Reply
    from .findings import Finding
    from .jobs import JobFailure
    from .staging import BuildRequest


def build_here(curriculum: Curriculum, request: BuildRequest) -> int:
    """Build in this process, and say how it went."""
    from .build import BuildFailed, build
    from .jobs import JobFailed
    from .progress import ProgressLine

    progress = (ProgressLine(request.languages, request.modules, sys.stderr)
                if sys.stderr.isatty() else None)
    try:
        staged = build(curriculum, request, progress)
    except BuildFailed as exc:
        return build_failed(str(exc))
    except JobFailed as exc:  # a bug in a format: named, the worker's trace in a file
        return job_failed(exc.failure)
    finally:
        if progress:
            progress.clear()
    return done(staged.warnings, staged.notices, staged.written, staged.kept_count, request.out)


def reported(reply: Reply, out: Path) -> int:
    """What the build's fork replied, said as this process says its own build's."""
    from .early_build import Built, Failed, Interrupted

    if isinstance(reply, Interrupted):
        raise KeyboardInterrupt
    if isinstance(reply, Failed):
        return build_failed(reply.message)
    if isinstance(reply, Built):
        return done(reply.warnings, reply.notices, reply.total, reply.kept, out)
    if reply.failure is not None:
        return job_failed(reply.failure)
    log = crash_log(reply.trace)
    print(f"voces: internal error ({reply.error}); this is a bug in voces. The full traceback "
          f"is in {log}", file=sys.stderr)
    return EXIT_BUG


def done(warnings: list[Finding], notices: list[str], total: int, kept: int, out: Path) -> int:
    for warning in warnings:
        print(warning)
    for notice in notices:
        print(f"voces: {notice}", file=sys.stderr)
    print(last_line(total, kept, out))
    return EXIT_OK


def build_failed(message: str) -> int:
    print(f"voces: build failed; the previous output is unchanged:\n{message}", file=sys.stderr)
    return EXIT_FINDINGS


def job_failed(failure: JobFailure) -> int:
    from .jobs import JobFailed

    log = crash_log(failure.trace)
    print(f"voces: internal error: {JobFailed(failure)}; this is a bug in voces, and the previous "
          f"output is unchanged. The full traceback is in {log}", file=sys.stderr)
    return EXIT_BUG


def crash_log(trace: str) -> str:
    """A file holding a bug's traceback, for the user to send; its name."""
    import tempfile

    with tempfile.NamedTemporaryFile(
        "w", prefix="voces-crash-", suffix=".txt", delete=False
    ) as log:
        log.write(trace)
    return log.name


def last_line(total: int, kept: int, out: Path) -> str:
    """The build's last line."""
    kept_files = f" ({kept} unchanged files kept)" if kept else ""
    return f"built {total} files in {out}{kept_files}; open {out / 'index.html'} to see them"
