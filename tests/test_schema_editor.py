"""The JSON Schemas in a real editor's client: the YAML language server (npm), driven over
stdio as VS Code drives it, completes a question's fields from `voces new`'s schema line."""

from __future__ import annotations

import pytest
from lsp_helpers import LanguageServer

from builder.cli import main

pytestmark = pytest.mark.office  # every test here starts a real client


def test_completion_inside_a_question_offers_its_fields(make_curriculum, yaml_language_server, capsys):
    root = make_curriculum()
    assert main(["new", "scenario", "draft", "--in", str(root)]) == 0
    capsys.readouterr()
    scaffold = (root / "scenarios/draft.yaml").read_text(encoding="utf-8")
    schema_line = scaffold.splitlines()[0]
    assert schema_line == "# yaml-language-server: $schema=../schemas/scenario.schema.json"
    path = root / "scenarios" / "typing.yaml"
    text = f"{schema_line}\nid: typing\nquestions:\n  - id: typing-q1\n    \n"
    server = LanguageServer(yaml_language_server, root)
    try:
        server.open(path, text)
        labels = server.complete(path, 4, 4)
    finally:
        server.close()
    assert {"objective", "stem", "options"} <= set(labels), labels
    assert "situation" not in labels  # a scenario's field, not a question's
