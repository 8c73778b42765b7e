"""A forked copy of this process that does one piece of work and ends.

`voces build`'s builder (early_build.py) and the check's helper (checks/__init__.py) are such
copies: each inherits the loaded curriculum instead of loading it again, and each reports only
through its pipe. What goes wrong in the copy (an exception, Ctrl-C, a broken pipe) is never
reported there: the copy ends with status 1, and its parent, seeing that or a closed pipe, does
the work itself, so a failure is reported as it would be in one process.
"""

from __future__ import annotations

import os
from collections.abc import Callable


def cores() -> int:
    """Every core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a forked copy can run beside this process: fork, and a second core."""
    return hasattr(os, "fork") and cores() >= 2


def run_forked(work: Callable[[], None]) -> int:
    """Fork; the copy runs `work` and ends at once, status 0 when it returned and 1 when it
    raised anything (nothing of this process's buffers or exit handlers runs there). Returns the
    copy's process id, here in the parent."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            work()
            status = 0
        except BaseException:  # the parent does the work itself, and reports what goes wrong
            pass
        finally:
            os._exit(status)
    return pid
