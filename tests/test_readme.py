"""The README is the contract with a new user: its commands, and every rule id explained."""

from __future__ import annotations

import ast
import re

import pytest
from conftest import REPO

from builder.findings import RULE_IDS, UnregisteredRule, error, warning
from builder.findings import Location as FileLocation


def readme_rules() -> dict[str, str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([a-z]+\.[a-z-]+)` \| (.+?) \|", text, re.MULTILINE))


def rule_ids_written_in_code() -> dict[str, str]:
    """Each rule id written out as the rule of an error() or warning() call in builder/, with
    where it is written (an id composed at run time, f"privacy.{kind}", is checked when made)."""
    found: dict[str, str] = {}
    for path in sorted((REPO / "builder").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if name not in ("error", "warning"):
                continue
            rules = [k.value for k in call.keywords if k.arg == "rule"] + call.args[2:3]
            for rule in rules:
                if isinstance(rule, ast.Constant) and isinstance(rule.value, str):
                    found[rule.value] = f"{path.relative_to(REPO)}:{call.lineno}"
    return found


def test_readme_explains_every_registered_rule_and_no_other():
    documented = readme_rules()
    assert len(RULE_IDS) >= 20
    assert sorted(RULE_IDS - set(documented)) == []
    assert sorted(set(documented) - RULE_IDS) == []
    assert all(len(meaning) > 15 for meaning in documented.values())


def test_every_rule_id_the_code_writes_is_registered():
    written = rule_ids_written_in_code()
    assert len(written) >= 40
    assert {rule: where for rule, where in written.items() if rule not in RULE_IDS} == {}


def test_a_finding_with_an_unregistered_rule_id_is_refused():
    here = FileLocation("modules/mod-a.yaml", 1, 1)
    assert error(here, "a message", "contract.value").rule == "contract.value"
    for make in (error, warning):
        with pytest.raises(UnregisteredRule, match="'newfamily.rule' is not in builder.findings"):
            make(here, "a message", "newfamily.rule")


def test_readme_gives_the_two_commands_ci_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install . && voces build" in readme
    assert "pip install -e '.[test]' && python -m pytest" in readme
    assert "pip install -e '.[test]' && python -m pytest" in (REPO / ".ci/run").read_text(encoding="utf-8")
