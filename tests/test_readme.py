"""The README is the contract with a new user: its commands, and every rule id explained."""

from __future__ import annotations

import re

from conftest import REPO

RULE_ID = re.compile(
    r"""["']((?:yaml|contract|time|quiz|quote|privacy|terminology|deck|build|scaffold|image)\.[a-z][a-z-]*)["']""")
FILE_NAMES = {"deck.pptx", "terminology.yaml"}


def rule_ids_in_code() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "builder").rglob("*.py"):
        found |= set(RULE_ID.findall(path.read_text(encoding="utf-8")))
    # privacy.py composes its ids from the kind of contact it found
    return (found - FILE_NAMES) | {f"privacy.{kind}" for kind in ("email", "phone", "handle")}


def readme_rules() -> dict[str, str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([a-z]+\.[a-z-]+)` \| (.+?) \|", text, re.MULTILINE))


def test_readme_explains_every_rule_the_code_reports():
    in_code, documented = rule_ids_in_code(), readme_rules()
    assert len(in_code) >= 20
    assert sorted(in_code - set(documented)) == []
    assert sorted(set(documented) - in_code) == []
    assert all(len(meaning) > 15 for meaning in documented.values())


def test_readme_gives_the_two_commands_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install . && voces build" in readme
    assert "pip install -e '.[test]' && python -m pytest" in readme
    assert "pip install -e '.[test]' && python -m pytest" in (REPO / ".ci/run").read_text(encoding="utf-8")
