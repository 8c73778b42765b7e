"""One build at a time per output folder: `<output>/.voces-lock`, held while a build runs.

A second build on the same folder refuses at once, with a message naming the first one's process,
rather than mixing its files with the first build's. The lock is an advisory `flock` on the file:
the system drops it when the process ends, however it ends, so a killed build never leaves the
folder locked.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK = ".voces-lock"


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    from .staging import BuildFailed  # not at the top: a rebuild that does nothing needs none

    try:
        with held_lock(out) as holder:
            if holder:
                raise BuildFailed(
                    f"--out {out}: another voces build (process {holder}) is writing into this "
                    "folder; wait for it to finish, or build into another folder with --out")
            yield
    except OSError as exc:
        raise BuildFailed(f"--out {out}: cannot write into the output folder ({exc.strerror}); "
                          "choose a folder you may write to") from exc


@contextmanager
def held_lock(out: Path) -> Iterator[str]:
    """Hold the lock: '' while this process holds it, or the process id of the build holding
    it ('unknown' if it has not written its id yet). OSError: the lock cannot be made."""
    handle = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "unknown"
            return
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode("ascii"), 0)
        yield ""
    finally:
        os.close(handle)
