"""The one walk over text fields: every text rule uses it, and no rule reads a file again."""

from __future__ import annotations

import builtins
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, REPO

from builder.checks import all_rules, check_curriculum
from builder.findings import Finding
from builder.load import curriculum_files as curriculum_files_of
from builder.load import load_curriculum
from builder.text_fields import text_fields


def _opened_during_rules(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Finding],
                                                                               list[Path]]:
    """Run every rule on the loaded curriculum and record every file any of them opens."""
    curriculum, findings = load_curriculum(root)
    assert curriculum is not None
    rules = all_rules()  # their modules imported before the recording starts
    opened: list[Path] = []

    def recording(real: Callable[..., Any]) -> Callable[..., Any]:
        def open_and_record(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, os.PathLike)):
                opened.append(Path(os.fsdecode(file)).resolve())
            return real(file, *args, **kwargs)
        return open_and_record

    monkeypatch.setattr(builtins, "open", recording(builtins.open))
    monkeypatch.setattr(io, "open", recording(io.open))  # Path.read_text and Path.open use it
    monkeypatch.setattr(os, "open", recording(os.open))
    for rule in rules:
        findings.extend(rule(curriculum))
    monkeypatch.undo()
    return findings, opened


@pytest.mark.parametrize("root", [REPO, FIXTURES / "integrity-corpus",
                                  FIXTURES / "integrity-violations"], ids=lambda p: p.name)
def test_no_rule_opens_a_curriculum_file_after_loading(root: Path,
                                                       monkeypatch: pytest.MonkeyPatch):
    curriculum_files = {(root / file).resolve() for file in curriculum_files_of(root)}
    assert len(curriculum_files) > 3
    findings, opened = _opened_during_rules(root, monkeypatch)
    assert [p for p in opened if p in curriculum_files] == []
    if root != REPO:  # the broken fixtures do have findings located inside their texts
        assert any(f.rule.startswith(("quote.", "privacy.")) for f in findings)


def test_findings_inside_a_text_are_located_in_the_text_the_loader_kept(tmp_path: Path):
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "integrity-corpus", root)
    curriculum, findings = load_curriculum(root)
    assert curriculum is not None
    expected = {str(f) for f in check_curriculum(root)[1]}
    for file in root.rglob("*.yaml"):
        file.write_text("changed: after loading\n", encoding="utf-8")
    for rule in all_rules():
        findings.extend(rule(curriculum))
    found = sorted({str(f) for f in findings})
    assert found == sorted(expected)
    # One quotation inside a multi-line situation points at its own line, not the field's.
    assert ("scenarios/case-c.yaml:15:58: error: the 'en' situation: quoted words not found in any "
            "source: “I knew what to do”" in "\n".join(found))


def test_the_walk_yields_every_language_of_every_text_and_each_quote_in_its_language():
    curriculum, _ = load_curriculum(FIXTURES / "integrity-corpus")
    assert curriculum is not None
    source = next(s for s in curriculum.sources if s.id == "src-c")
    fields = list(text_fields(curriculum, [source]))
    quote = source.quotes[5]
    assert [(f.path, f.lang, f.value) for f in fields if f.path[:2] == ("quotes", 5)] == [
        (("quotes", 5, "text"), source.language, quote.text),
        (("quotes", 5, "translations", "es", "text"), "es", quote.translations["es"].text),
    ]
    scenario = curriculum.scenarios[0]
    walked = [(f.path, f.value) for f in text_fields(curriculum, [scenario])]
    title = scenario.title
    assert [(p, v) for p, v in walked if p[0] == "title"] == [
        (("title", lang), value) for lang, value in title.items()]
    assert len(walked) == len(set(p for p, _ in walked))


def test_messages_name_positions_and_json_keeps_the_yaml_path():
    _, findings = check_curriculum(FIXTURES / "integrity-corpus")
    by_path = {(f.path, f.rule): f.message for f in findings}
    assert by_path[("key_messages[0].en", "privacy.handle")].startswith(
        "the 'en' text of the 1st key message ('Call Línea 100 or Chat 100 at 09:00; gr…'): "
        "social-media handle 'facebook.com/ana.q'")
    assert by_path[("quotes[5].translations.es.text", "privacy.phone")].startswith(
        "the 'es' translation of the 6th quote ('qc-6'): phone number '987 654 321'")
    assert by_path[("quotes[3].speaker", "quote.speaker-code")].startswith(
        "the 4th quote ('qc-4'), speaker: 'Participant 3' is not a participant code")
    texts = [f for f in findings if f.rule.startswith(("quote.", "privacy.", "terminology."))]
    assert texts and all(f.path and "[" not in f.message.split(":")[0] for f in texts)
