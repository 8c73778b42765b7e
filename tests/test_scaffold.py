"""`voces new`: scaffolds with every field, their placeholders a finding until replaced."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml
from conftest import edit

from builder.cli import main
from builder.contract_doc import FILE_KINDS, fields_of
from builder.schema import file_schema

FOLDERS = {"source": "sources", "scenario": "scenarios", "module": "modules",
           "delivery": "deliveries"}


def _keys(model, seen=None):
    """Every key of a model and the models below it."""
    seen = set() if seen is None else seen
    keys = []
    for doc in fields_of(model):
        keys.append(doc.key)
        if doc.model is not None and doc.model not in seen:
            seen.add(doc.model)
            keys += _keys(doc.model, seen)
    return keys


@pytest.mark.parametrize("kind", list(FOLDERS))
def test_a_scaffold_has_every_field_its_schema_line_and_texts_in_the_curriculum_languages(
        make_curriculum, capsys, kind):
    root = make_curriculum()
    assert main(["new", kind, "new-one", "--in", str(root)]) == 0
    path = root / FOLDERS[kind] / "new-one.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
    assert (root / "schemas" / f"{kind}.schema.json").is_file()
    for key in _keys(FILE_KINDS[kind]):
        assert re.search(rf"^[ #-]*{key}:", text, re.M), key
    data = yaml.safe_load(text)
    assert data["id"] == "new-one"
    jsonschema.validate(data, file_schema(kind, ["en", "es"]))
    for doc in fields_of(FILE_KINDS[kind]):
        marked = re.search(rf"^{doc.key}:.*  # \(required\) ", text, re.M) is not None
        assert marked == doc.required, doc.key
    assert capsys.readouterr().out.startswith(f"wrote {path}\n")


def test_a_new_scenario_is_named_after_its_id_and_says_how_to_add_it(make_curriculum, capsys):
    root = make_curriculum()
    assert main(["new", "scenario", "night-call", "--in", str(root)]) == 0
    assert capsys.readouterr().out == (
        f"wrote {root / 'scenarios/night-call.yaml'}\n"
        f"wrote the JSON Schemas in {root / 'schemas'}\n"
        "it is in no agenda yet: add '- scenario: night-call' to the agenda of a module in "
        "modules/, then run voces check\n")
    assert "night-call" not in (root / "modules/mod-a.yaml").read_text(encoding="utf-8")
    scenario = yaml.safe_load((root / "scenarios/night-call.yaml").read_text(encoding="utf-8"))
    assert scenario["title"] == {"en": "TODO: the title in en", "es": "TODO: the title in es"}


def test_an_unfinished_scaffold_is_a_finding_and_cannot_be_built(make_curriculum, capsys):
    root = make_curriculum()
    assert main(["new", "scenario", "night-call", "--in", str(root)]) == 0
    capsys.readouterr()
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert ("scenarios/night-call.yaml:6:3: error: title: still the scaffold's text 'TODO: the "
            "title in en'; write your own (or delete the field where it is optional) "
            "[scaffold.placeholder]") in out
    assert ("scenarios/night-call.yaml:17:13: error: grounding[0]: still the scaffold's id "
            "'TODO-quote-id'; write your own (or delete the field where it is optional) "
            "[scaffold.placeholder]") in out
    assert not any("contract.reference" in line for line in out)
    assert main(["build", str(root), "--only", "agenda", "--out", str(root / "out")]) == 1
    assert capsys.readouterr().out.splitlines()[-1].endswith("; nothing was built")
    assert not (root / "out").exists()


def test_a_new_curriculum_takes_its_languages(tmp_path, capsys):
    folder = tmp_path / "course"
    assert main(["new", "curriculum", str(folder), "--languages", "en,fr"]) == 0
    settings = yaml.safe_load((folder / "curriculum.yaml").read_text(encoding="utf-8"))
    assert settings["languages"] == ["en", "fr"]
    assert settings["title"] == {"en": "TODO: the title in en", "fr": "TODO: the title in fr"}
    assert main(["new", "module", "m1", "--in", str(folder)]) == 0
    module = yaml.safe_load((folder / "modules/m1.yaml").read_text(encoding="utf-8"))
    assert set(module["overview"]) == {"en", "fr"}
    capsys.readouterr()
    assert main(["check", str(folder)]) == 1
    assert "[scaffold.placeholder]" in capsys.readouterr().out


REFUSED = {
    "existing file": (["new", "scenario", "case-a"],
                      "voces: {root}/scenarios/case-a.yaml already exists; voces new never "
                      "overwrites a file: choose another id or edit that file; nothing was "
                      "written\n"),
    "bad id": (["new", "scenario", "two words"],
               "voces: cannot use 'two words' as a scenario id: id 'two words' may hold only "
               "letters, digits, '-', '_' and '.', and must start with a letter or digit; "
               "nothing was written\n"),
    "path outside": (["new", "module", "../../elsewhere"],
                     "voces: '../../elsewhere' is a path; give only the module's id: the file "
                     "goes in modules/ inside the curriculum, named after the id; nothing was "
                     "written\n"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refusals_are_one_message_exit_1_and_nothing_written(make_curriculum, capsys, name):
    root = make_curriculum()
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    argv, message = REFUSED[name]
    assert main([*argv, "--in", str(root)]) == 1
    assert capsys.readouterr() == ("", message.format(root=root))
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_new_outside_a_curriculum_is_refused(tmp_path, capsys):
    assert main(["new", "scenario", "x", "--in", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"voces: {tmp_path} holds no curriculum.yaml, and no folder above it does; run voces "
        "new in a curriculum folder, name one with --in, or start one with voces new "
        "curriculum DIR; nothing was written\n")
    assert list(tmp_path.iterdir()) == []


def test_new_curriculum_refuses_an_existing_one(make_curriculum, capsys):
    root = make_curriculum()
    before = (root / "curriculum.yaml").read_bytes()
    assert main(["new", "curriculum", str(root)]) == 1
    assert capsys.readouterr().err == (
        f"voces: {root}/curriculum.yaml already exists; voces new never overwrites a file: "
        "choose another id or edit that file; nothing was written\n")
    assert (root / "curriculum.yaml").read_bytes() == before


def _findings(capsys, root):
    capsys.readouterr()
    main(["check", str(root), "--format", "json"])
    return json.loads(capsys.readouterr().out)["findings"]


@pytest.mark.parametrize("kind", ["curriculum", *FOLDERS])
def test_a_fresh_scaffold_of_every_kind_gives_only_its_placeholder_findings(
        make_curriculum, tmp_path, capsys, kind):
    if kind == "curriculum":
        root = tmp_path / "course"
        assert main(["new", "curriculum", str(root)]) == 0
        new_file = "curriculum.yaml"
    else:
        root = make_curriculum()
        assert _findings(capsys, root) == []  # the fixture alone is clean
        assert main(["new", kind, "new-one", "--in", str(root)]) == 0
        new_file = f"{FOLDERS[kind]}/new-one.yaml"
    findings = _findings(capsys, root)
    assert findings
    assert [(f["rule"], f["file"]) for f in findings if f["rule"] != "scaffold.placeholder"
            or f["file"] != new_file] == []


def test_a_new_curriculum_with_one_file_of_each_kind_gives_only_placeholder_findings(
        tmp_path, capsys):
    root = tmp_path / "course"
    assert main(["new", "curriculum", str(root)]) == 0
    for kind in FOLDERS:
        assert main(["new", kind, f"new-{kind}", "--in", str(root)]) == 0
    findings = _findings(capsys, root)
    assert {f["file"] for f in findings} == {"curriculum.yaml", *(
        f"{folder}/new-{kind}.yaml" for kind, folder in FOLDERS.items())}
    assert {f["rule"] for f in findings} == {"scaffold.placeholder"}


DELIVERY_PLACEHOLDERS = [("module", 5), ("date", 7), ("venue", 10), ("organiser.name", 13),
                         ("organiser.contact", 14)]


def test_a_delivery_scaffold_reports_every_placeholder_at_once(make_curriculum, capsys):
    """The date's placeholder cannot be a date, so the file fails validation: its other
    placeholders are still reported, and the date only as the scaffold's."""
    root = make_curriculum()
    assert main(["new", "delivery", "lima", "--in", str(root)]) == 0
    findings = _findings(capsys, root)
    assert [(f["path"], f["line"], f["rule"]) for f in findings] == [
        (path, line, "scaffold.placeholder") for path, line in DELIVERY_PLACEHOLDERS]
    date = next(f for f in findings if f["path"] == "date")
    assert date["message"] == ("date: still the scaffold's text 'TODO: date'; write your own "
                               "(or delete the field where it is optional)")
    edit(root / "deliveries/lima.yaml", 'date: "TODO: date"', "date: 2027-03-15")
    assert [f["path"] for f in _findings(capsys, root)] == [
        path for path, _ in DELIVERY_PLACEHOLDERS if path != "date"]


def test_a_real_mistake_beside_the_placeholders_is_still_reported(make_curriculum, capsys):
    root = make_curriculum()
    assert main(["new", "delivery", "lima", "--in", str(root)]) == 0
    edit(root / "deliveries/lima.yaml", "participants: 20", "participants: many")
    findings = _findings(capsys, root)
    assert [f["path"] for f in findings if f["rule"] == "scaffold.placeholder"] == [
        path for path, _ in DELIVERY_PLACEHOLDERS]
    wrong = [f for f in findings if f["rule"] != "scaffold.placeholder"]
    assert [(f["rule"], f["line"]) for f in wrong] == [("contract.type", 16)]


def test_a_filled_in_placeholder_is_checked_by_the_other_rules(make_curriculum, capsys):
    """Only a placeholder's own place is left to scaffold.placeholder: once written, the
    objective is checked for its verb again."""
    root = make_curriculum()
    assert main(["new", "scenario", "night-call", "--in", str(root)]) == 0
    scenario = root / "scenarios/night-call.yaml"
    edit(scenario, '"TODO: the text in en"', '"Knows the law"')
    verbs = [f for f in _findings(capsys, root) if f["rule"] == "quiz.measurable-verb"]
    assert [(f["file"], f["line"]) for f in verbs] == [("scenarios/night-call.yaml", 22)]
    assert "'Knows'" in verbs[0]["message"]  # the es text is still a placeholder: not checked
