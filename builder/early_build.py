"""`voces build` as a program: the process that builds imports its writers while the check runs.

A build's own process must import the writers (python-pptx, python-docx, lxml: about 0.3 s)
before it forks the workers, and the check must be done before anything is written. In one
process that is one after the other, and one core idles while the writers load (the check's
second process is done with its share by then). So once the curriculum is loaded, `voces build`
forks: this process (the command) checks, as before, while the fork (the builder) imports the
writers the build will need (`jobs.preload_writers`) and waits. Once the check has passed, the
command sends it the build request; the builder builds exactly as the command would have (the
same `build()` of the same loaded curriculum, under the output lock) and sends back what the
command prints. A check that fails ends the builder before it writes anything, and when the
builder is gone the command builds itself, as without this module. The builder prints nothing
but the progress line: the command prints everything, in the same order, with the same exit
status. Only for voces run as a program (a caller of `main()` in its own process keeps one
process), with fork and a second core, and not with `--jobs 1` (one process throughout).
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .forked import can_fork, run_forked

if TYPE_CHECKING:
    from .curriculum import Curriculum
    from .findings import Finding
    from .jobs import JobFailure
    from .staging import BuildRequest


@dataclass(frozen=True)
class Built:
    """A build that succeeded: what the command prints after it."""

    warnings: list[Finding]
    notices: list[str]
    total: int
    kept: int


@dataclass(frozen=True)
class Failed:
    """`BuildFailed`: the message, the previous output unchanged."""

    message: str


@dataclass(frozen=True)
class Crashed:
    """A bug: a format that raised (`failure`), or the build itself (`error`, `trace`)."""

    failure: JobFailure | None = None
    error: str = ""
    trace: str = ""


@dataclass(frozen=True)
class Interrupted:
    """Ctrl-C reached the builder: the build stopped, the previous output as it was."""


Reply = Built | Failed | Crashed | Interrupted


class EarlyBuild:
    """The builder process, seen from the command."""

    def __init__(self, pid: int, inbox: int, outbox: int) -> None:
        self.pid, self._inbox, self._outbox = pid, inbox, outbox

    @classmethod
    def start(cls, curriculum: Curriculum, preload: Callable[[Curriculum], None]
              ) -> EarlyBuild | None:
        if not can_fork():
            return None
        sys.stdout.flush()
        sys.stderr.flush()
        builder_reads, to_builder = os.pipe()
        command_reads, to_command = os.pipe()

        def builder() -> None:  # Ctrl-C, a broken pipe: the command reports, never this
            os.close(to_builder)
            os.close(command_reads)
            _builder(curriculum, preload, builder_reads, to_command)

        pid = run_forked(builder)
        os.close(builder_reads)
        os.close(to_command)
        return cls(pid, to_builder, command_reads)

    def build(self, request: BuildRequest) -> Reply | None:
        """The builder's reply once it has built `request`; None when it is gone (the command
        then builds itself)."""
        try:
            _send(self._inbox, request)
            reply = _receive(self._outbox)
        except OSError:
            reply = None
        self._end()
        return reply if isinstance(reply, Built | Failed | Crashed | Interrupted) else None

    def stop(self) -> None:
        """The check failed, or the command stops (Ctrl-C, an error): the builder ends without
        building or, if it builds, stops as Ctrl-C stops a build (the output as it was)."""
        if self._inbox != -1:
            self._end(interrupt=True)

    def _end(self, interrupt: bool = False) -> None:
        for fd in (self._inbox, self._outbox):
            try:
                os.close(fd)
            except OSError:
                pass
        self._inbox = self._outbox = -1
        if interrupt:  # a signal sent to the command alone must not leave its build running
            try:
                os.kill(self.pid, signal.SIGINT)
            except ProcessLookupError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _builder(curriculum: Curriculum, preload: Callable[[Curriculum], None], inbox: int,
             outbox: int) -> None:
    gc.disable()  # what the imports make lasts, as in the command (cli._lasting_imports)
    try:
        from .build import BuildFailed, build
        from .jobs import JobFailed
        from .progress import ProgressLine

        preload(curriculum)
    finally:
        gc.freeze()
        gc.enable()
    request = _receive(inbox)
    if request is None:  # the check failed, or the command stopped: nothing to build
        return
    progress = (ProgressLine(request.languages, request.modules, sys.stderr)
                if sys.stderr.isatty() else None)
    reply: Reply
    try:
        staged = build(curriculum, request, progress)
        reply = Built(staged.warnings, staged.notices, staged.written, staged.kept_count)
    except BuildFailed as exc:
        reply = Failed(str(exc))
    except JobFailed as exc:
        reply = Crashed(failure=exc.failure)
    except KeyboardInterrupt:
        reply = Interrupted()
    except Exception as exc:  # a bug: the command reports it as one of its own
        reply = Crashed(error=f"{type(exc).__name__}: {exc}", trace=traceback.format_exc())
    finally:
        if progress:
            progress.clear()
    _send(outbox, reply)


def _send(fd: int, value: Any) -> None:
    data = pickle.dumps(value)
    view = memoryview(len(data).to_bytes(8, "big") + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int) -> Any:
    """What the other process sent (pickled by our own fork); None at end of file."""
    head = _read(fd, 8)
    if head is None:
        return None
    data = _read(fd, int.from_bytes(head, "big"))
    return None if data is None else pickle.loads(data)


def _read(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)

