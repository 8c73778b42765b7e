"""The contract described: every field has its description, the field reference and the JSON
Schemas come from them, and jsonschema (a real client) judges the example with the schemas."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO

from builder.cli import main
from builder.contract_doc import FILE_KINDS, fields_of, reference_markdown
from builder.schema import file_schema

FOLDERS = {"curriculum": None, "source": "sources", "scenario": "scenarios", "module": "modules",
           "delivery": "deliveries"}


def every_model():
    seen, pending = [], list(FILE_KINDS.values())
    while pending:
        model = pending.pop()
        if model not in seen:
            seen.append(model)
            pending += [doc.model for doc in fields_of(model) if doc.model is not None]
    return seen


def test_every_class_and_field_of_the_contract_has_a_description():
    models = every_model()
    assert len(models) >= 16
    for model in models:
        assert (model.__doc__ or "").strip(), f"{model.__name__} has no docstring"
        for doc in fields_of(model):
            assert doc.description, f"{model.__name__}.{doc.key} has no description"


CHECK_THEN_DESCRIBE = """
import json, sys
from builder.cli import main
from builder.model import Settings
main(["check", sys.argv[1]])
before = Settings.model_fields["title"].description
from builder.contract_doc import fields_of
after = next(doc.description for doc in fields_of(Settings) if doc.key == "title")
print(json.dumps([before, after]))
"""


def test_the_descriptions_are_read_when_the_contract_is_described_not_on_every_check():
    """Reading the docstrings means reading the model's source: `voces check` and every build
    would pay for it on each import of the model, though only schemas, scaffolds and the field
    reference say them."""
    done = subprocess.run([sys.executable, "-c", CHECK_THEN_DESCRIBE, str(REPO)],
                          capture_output=True, text=True, cwd=REPO, timeout=300, check=True)
    before, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert before is None
    assert after == "The curriculum's title, on covers and the index page."


def test_the_field_reference_is_in_step_with_the_model():
    written = (REPO / "docs" / "contract.md").read_text(encoding="utf-8")
    assert written == reference_markdown(), \
        "docs/contract.md is stale: run python -m builder.contract_doc > docs/contract.md"
    assert "| `grounding` | yes | Ids of the quotes the case rests on, at least one. | " \
        "`[pe-06-psychologist]` |" in written
    assert "(docs/contract.md)" in (REPO / "README.md").read_text(encoding="utf-8")


def _properties(schema):
    yield from schema.get("properties", {}).items()
    for definition in schema.get("$defs", {}).values():
        yield from definition.get("properties", {}).items()


@pytest.mark.parametrize("kind", list(FILE_KINDS))
def test_every_property_has_a_description_and_an_example(kind):
    schema = file_schema(kind, ["en", "es"])
    jsonschema.Draft7Validator.check_schema(schema)
    properties = list(_properties(schema))
    assert properties
    for name, prop in properties:
        assert prop["description"] and prop["examples"], name


def test_allowed_values_and_texts_in_the_curriculum_languages():
    schema = file_schema("scenario", ["en", "fr"])
    question = schema["$defs"]["Question"]["properties"]
    assert question["type"]["enum"] == ["single", "multiple", "true-false", "matching"]
    assert question["type"]["description"] == (
        "single, multiple, true-false or matching. Allowed: single, multiple, true-false, "
        "matching. Required.")
    title = schema["properties"]["title"]
    assert title["anyOf"][0] == {"type": "string", "minLength": 1}
    assert list(title["anyOf"][1]["properties"]) == ["en", "fr"]


def _example_files(kind):
    folder = FOLDERS[kind]
    if folder is None:
        return [REPO / "curriculum.yaml"]
    return sorted((REPO / folder).glob("*.yaml"))


@pytest.mark.parametrize("kind", [kind for kind in FILE_KINDS if kind != "delivery"])
def test_jsonschema_accepts_every_file_of_the_example(kind):
    validator = jsonschema.Draft7Validator(file_schema(kind, ["en", "es"]))
    files = _example_files(kind)
    assert files
    for file in files:
        problems = [e.message for e in validator.iter_errors(yaml.safe_load(file.read_text()))]
        assert problems == [], file


def _scenario():
    return yaml.safe_load((REPO / "scenarios/forensic-examination.yaml").read_text())


def _break(change):
    data = copy.deepcopy(_scenario())
    change(data)
    return data


BROKEN_SCENARIOS = {
    "unknown key": (lambda d: d.update(duraton=30), "Additional properties are not allowed"),
    "missing field": (lambda d: d.pop("situation"), "'situation' is a required property"),
    "text for a number": (lambda d: d.update(duration="30"), "'30' is not of type 'integer'"),
    "unknown question type": (lambda d: d["questions"][0].update(type="essay"),
                              "'essay' is not one of"),
    "number for a text": (lambda d: d.update(title=3), "3 is not valid under any of the given"),
    "empty grounding": (lambda d: d.update(grounding=[]), "[] should be non-empty"),
    "bad id": (lambda d: d.update(id="no spaces"), "does not match"),
}


@pytest.mark.parametrize("name", list(BROKEN_SCENARIOS))
def test_jsonschema_rejects_a_broken_scenario(name):
    change, expected = BROKEN_SCENARIOS[name]
    validator = jsonschema.Draft7Validator(file_schema("scenario", ["en", "es"]))
    messages = [e.message for e in validator.iter_errors(_break(change))]
    assert any(expected in m for m in messages), messages


def test_jsonschema_rejects_an_agenda_item_of_two_kinds():
    validator = jsonschema.Draft7Validator(file_schema("module", ["en", "es"]))
    module = yaml.safe_load((REPO / "modules/m1-revictimisation.yaml").read_text())
    module["agenda"][1] = {"scenario": "x", "break": 10}
    messages = [e.message for e in validator.iter_errors(module)]
    assert any("has too many properties" in m for m in messages), messages


def test_voces_schema_writes_one_schema_per_kind_and_refuses_to_overwrite(
        make_curriculum, tmp_path, capsys):
    root = make_curriculum()
    out = tmp_path / "schemas"
    assert main(["schema", str(root), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote 5 schemas in {out} (texts in en, es)\n"
    names = sorted(p.name for p in out.iterdir())
    assert names == ["curriculum.schema.json", "delivery.schema.json", "module.schema.json",
                     "scenario.schema.json", "source.schema.json"]
    scenario = out / "scenario.schema.json"
    assert json.loads(scenario.read_text()) == file_schema("scenario", ["en", "es"])
    scenario.write_text("mine", encoding="utf-8")
    assert main(["schema", str(root), "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"voces: {out / 'curriculum.schema.json'} already exists; give --force to overwrite it\n")
    assert scenario.read_text() == "mine"
    assert main(["schema", str(root), "--out", str(out), "--force"]) == 0
    assert scenario.read_text() != "mine"


def test_voces_schema_writes_into_the_curriculum_by_default(make_curriculum, capsys):
    root = make_curriculum()
    assert main(["schema", str(root / "scenarios")]) == 0
    assert (root / "schemas" / "module.schema.json").is_file()
    assert Path(capsys.readouterr().out.split(" in ")[1].split(" (")[0]) == root / "schemas"


@pytest.mark.parametrize("folder", ["sources", "scenarios/new", "images", "."])
def test_voces_schema_never_writes_into_the_curriculums_sources(make_curriculum, capsys, folder):
    root = make_curriculum()
    before = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
    assert main(["schema", str(root), "--out", str(root / folder)]) == 1
    assert capsys.readouterr().err == (
        f"voces: --out {root / folder} would write into the curriculum's sources; choose a "
        "folder of its own, such as schemas/\n")
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*")) == before
