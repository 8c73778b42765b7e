"""Help for driving the YAML language server (the npm package editors use) over stdio, the way
an editor drives it: LSP JSON-RPC messages with Content-Length headers."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from conftest import npm_install

PACKAGE_JSON = '{"private": true, "dependencies": {"yaml-language-server": "1"}}\n'
ENTRY = "node_modules/yaml-language-server/bin/yaml-language-server"
SETTINGS = {"yaml": {"validate": True, "completion": True, "hover": True, "schemas": {},
                     "schemaStore": {"enable": False}, "format": {"enable": False}}}


def install_yaml_language_server(folder: Path) -> Path:
    """The server's entry point, installed once with npm into `folder`."""
    npm_install(folder, {"package.json": PACKAGE_JSON}, ENTRY, "yaml-language-server")
    return folder / ENTRY


class LanguageServer:
    """One yaml-language-server process; answers its requests as a plain editor would."""

    def __init__(self, entry: Path, root: Path) -> None:
        self.process = subprocess.Popen(["node", str(entry), "--stdio"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(),
            "capabilities": {"workspace": {"configuration": True},
                             "textDocument": {"completion": {"completionItem": {}}}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.process.stdin.flush()

    def _receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the YAML language server stopped")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        return message

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        mine = self.next_id
        self._send({"id": mine, "method": method, "params": params})
        while True:
            message = self._receive()
            if message.get("id") == mine and "method" not in message:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result")
            if "method" in message and "id" in message:  # the server asks the editor
                answer: Any = None
                if message["method"] == "workspace/configuration":
                    answer = [SETTINGS.get(item.get("section", ""), SETTINGS["yaml"]) if
                              item.get("section") != "yaml" else SETTINGS["yaml"]
                              for item in message["params"]["items"]]
                self._send({"id": message["id"], "result": answer})

    def open(self, path: Path, text: str) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": text}})

    def complete(self, path: Path, line: int, character: int) -> list[str]:
        result = self.request("textDocument/completion", {
            "textDocument": {"uri": path.as_uri()},
            "position": {"line": line, "character": character}})
        items = result.get("items", []) if isinstance(result, dict) else (result or [])
        return [item["label"] for item in items]

    def close(self) -> None:
        self.process.kill()
        self.process.wait(10)
