"""A document's findings point into the file it came from: found by its kind and id, so a copy
of a model object (`model_copy()`, as a rule or a format may make) still finds its file."""

from __future__ import annotations

import shutil

from builder.curriculum import SETTINGS_FILE
from builder.load import load_curriculum


def test_a_copied_scenario_finds_its_file_and_line(make_curriculum) -> None:
    curriculum, _ = load_curriculum(make_curriculum())
    assert curriculum is not None
    scenario = curriculum.scenarios[0]
    copy = scenario.model_copy()
    assert copy is not scenario
    found = curriculum.locate(copy, "title", "en")
    assert (found.file, found.line) == ("scenarios/case-a.yaml", 2)
    assert found == curriculum.locate(scenario, "title", "en")


def test_a_deep_copy_of_a_module_finds_its_file(make_curriculum) -> None:
    curriculum, _ = load_curriculum(make_curriculum())
    assert curriculum is not None
    module = curriculum.modules[0]
    assert curriculum.file_of(module.model_copy(deep=True)) == "modules/mod-a.yaml"
    assert curriculum.file_of(curriculum.sources[0].model_copy()) == "sources/src-a.yaml"


def test_the_same_id_in_two_files_each_document_finds_its_own(make_curriculum) -> None:
    root = make_curriculum()
    shutil.copyfile(root / "scenarios" / "case-a.yaml", root / "scenarios" / "case-b.yaml")
    second = root / "scenarios" / "case-b.yaml"
    second.write_text(second.read_text(encoding="utf-8").replace(
        "title: {en: The examination,", "title: {en: The second examination,"), encoding="utf-8")
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    first, other = curriculum.scenarios
    assert first.id == other.id == "case-a"
    assert [curriculum.file_of(s) for s in (first, other)] == [
        "scenarios/case-a.yaml", "scenarios/case-b.yaml"]
    assert curriculum.file_of(other.model_copy()) == "scenarios/case-b.yaml"


def test_what_is_no_document_is_found_in_the_settings_file(make_curriculum) -> None:
    curriculum, _ = load_curriculum(make_curriculum())
    assert curriculum is not None
    assert curriculum.file_of(curriculum.settings) == SETTINGS_FILE
    assert curriculum.file_of(object()) == SETTINGS_FILE
