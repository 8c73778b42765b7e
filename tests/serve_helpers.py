"""Help for the preview tests: a `voces serve` running in a thread, and raw HTTP requests."""

from __future__ import annotations

import hashlib
import http.client
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from builder.serve.server import serve


@contextmanager
def running_preview(root: Path) -> Iterator[Any]:
    """A preview server on a free port of 127.0.0.1; yields the server (stopped afterwards)."""
    started: list[Any] = []
    thread = threading.Thread(target=serve, args=(root, "127.0.0.1", 0, started.append),
                              daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not started:
        assert time.monotonic() < deadline, "the preview did not start"
        time.sleep(0.02)
    server = started[0]
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(10)


def get(server: Any, path: str, method: str = "GET") -> tuple[int, str]:
    """The status and body of a request for `path`, sent exactly as written (no normalising)."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def wait_for(condition: Any, seconds: float = 15.0) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def settled(server: Any) -> bool:
    """The preview has taken every save so far: its last snapshot is checked."""
    return bool(wait_for(lambda: server.preview.snapshot.checked))


def change(server: Any, action: Any, taken: Any = lambda: True) -> int:
    """Do `action` (a write, a delete) once the preview has settled, and wait until the preview
    has loaded and checked it, and `taken()`; returns the version before."""
    assert settled(server)
    before = server.preview.version
    action()
    assert wait_for(lambda: server.preview.version > before and server.preview.snapshot.checked
                    and taken())
    return int(before)


def save(server: Any, path: Path, text: str) -> int:
    """Write `path` and wait until the preview shows what was written. A new version is not
    enough: a late event of the save before can bring one that still holds the old text."""
    written = hashlib.sha256(text.encode("utf-8")).hexdigest()
    relative = path.relative_to(server.preview.root).as_posix()
    return change(server, lambda: path.write_text(text, encoding="utf-8"),
                  lambda: server.preview.snapshot.files.get(relative) == written)
