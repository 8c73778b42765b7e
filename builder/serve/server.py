"""The preview's web server: read-only, its pages only, on 127.0.0.1 unless told otherwise.

Pages follow saves through server-sent events: /events sends the snapshot's version whenever
it changes, and the page's script fetches itself again. A thread watches the curriculum folder
with watchfiles and takes each save (a snapshot once loaded, another once checked). Every
request is answered from the preview's own pages; no path reaches the file system, so
/../../etc/passwd, %2e%2e and absolute paths are 404 like any other unknown page, and there is
nothing that writes.
"""

from __future__ import annotations

import errno
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .preview import Preview

KEEP_ALIVE_SECONDS = 15.0
WATCH_DEBOUNCE_MS = 20
"""watchfiles groups changes this close together into one (an editor's save is several)."""
WATCH_TIMEOUT_MS = 200
"""How long watchfiles waits for a change before it yields an empty set (and checks again)."""
WATCH_START_SECONDS = 10.0
"""At most this long to wait for the watch to be in place before serving anyway."""


class PortInUse(Exception):
    """The port is taken by another program."""


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a second `voces serve` on the same port is an error, not a share

    def __init__(self, preview: Preview, host: str, port: int) -> None:
        self.preview = preview
        self.stopping = threading.Event()
        try:
            super().__init__((host, port), PreviewHandler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(f"port {port} is in use on {host}; give another with --port N")\
                    from exc
            raise


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the terminal is the editor's
        return

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _refuse(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
                   b"voces serve is read-only\n", extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse

    def _answer(self, body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/events" and body:
            return self._events()
        found = self.server.preview.page(path)
        if found is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8",
                       b"not found: voces serve shows only its previews\n", body=body)
            return
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", found[1].encode("utf-8"),
                   body=body)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool = True,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = None
        try:
            while not self.server.stopping.is_set():
                with preview.changed:
                    if preview.version == sent:
                        preview.changed.wait(KEEP_ALIVE_SECONDS)
                    version = preview.version
                if version != sent:
                    self.wfile.write(f"data: {version}\n\n".encode())
                    sent = version
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


def watch(preview: Preview, stopping: threading.Event, watching: threading.Event) -> None:
    """Refresh the preview after each change under the curriculum folder (not its output).
    `watching` is set once changes are seen; a save made before then is taken at that point."""
    from watchfiles import watch as watch_files

    root = preview.root.resolve()
    output = root / "output"

    def relevant(_: object, path: str) -> bool:
        target = Path(path)
        inside_output = target == output or output in target.parents
        hidden = any(part.startswith(".") for part in target.relative_to(root).parts)
        return not inside_output and not hidden

    try:
        # The first yield, changes or a timeout's empty set, comes once the watch is in place.
        for changes in watch_files(root, watch_filter=relevant, debounce=WATCH_DEBOUNCE_MS,
                                   step=10, stop_event=stopping, yield_on_timeout=True,
                                   rust_timeout=WATCH_TIMEOUT_MS):
            if not watching.is_set():
                watching.set()
                if not changes and preview.stale():
                    preview.refresh()
            if changes:
                preview.refresh()
    except Exception as exc:  # no file watching (a limit of the system): say so, keep serving
        print(f"voces: cannot watch {root} for saves ({type(exc).__name__}: {exc}); reload "
              "the page to see an edit", file=sys.stderr, flush=True)
    finally:
        watching.set()


def serve(root: Path, host: str, port: int, ready: Any = None) -> None:
    """Serve until interrupted. `ready(server)` is called once it listens and watches (for
    tests)."""
    preview = Preview(root)
    server = PreviewServer(preview, host, port)
    watching = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, server.stopping, watching),
                               daemon=True)
    watcher.start()
    watching.wait(WATCH_START_SECONDS)
    if ready is not None:
        ready(server)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.stopping.set()
        with preview.changed:
            preview.changed.notify_all()
        server.server_close()
