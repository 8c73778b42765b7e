"""Regressions that fuzzing `voces check` (tests/test_fuzz_check.py) and probing by hand found:
each input once crashed the checker or the build, or said nothing useful; each now gives one
finding with its place, or builds.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, edit, run_voces

from builder.build import BuildRequest, build
from builder.checks import check_curriculum

SCENARIO, MODULE, SETTINGS = "scenarios/case-a.yaml", "modules/mod-a.yaml", "curriculum.yaml"


def _check(root: Path) -> list[str]:
    _, findings = check_curriculum(root)
    return [str(f) for f in findings]


def _build(root: Path, out: Path, kinds: list[str]) -> None:
    curriculum, findings = check_curriculum(root)
    assert curriculum is not None and not findings, [str(f) for f in findings]
    build(curriculum, BuildRequest(out=out, languages=curriculum.languages,
                                   modules=[m.id for m in curriculum.modules], kinds=kinds))


def test_paragraph_separators_in_a_title_are_measured_not_a_crash(make_curriculum, tmp_path):
    """Pillow's text layout raised `raqm_layout() failed` on U+2029 (raw), and on CR and NEL
    (the escapes \\r and \\N): `voces check` crashed in the deck-fit rule, `voces build` in the
    deck. measure.wrap now breaks lines at every paragraph separator."""
    root = make_curriculum()
    edit(root / SCENARIO, "title: {en: The examination,", 'title: {en: "The\\Pexamination",')
    edit(root / SCENARIO, "text: {en: She waits.,", 'text: {en: "She\\rwaits\\Nand\u2029waits\u2028.",')
    assert _check(root) == []
    _build(root, tmp_path / "out", ["deck"])


def test_long_organisation_builds_with_cut_core_properties(make_curriculum, tmp_path):
    """python-docx and python-pptx refuse core properties over 255 characters: a long
    organisation (the documents' author) crashed every docx and pptx."""
    root = make_curriculum()
    edit(root / SETTINGS, "organisation: Test organisation", "organisation: " + "Org " * 100)
    assert _check(root) == []
    _build(root, tmp_path / "out", ["deck", "notice"])


def test_guide_theme_that_is_not_a_word_file_is_a_finding(make_curriculum):
    """Only deck.pptx was checked: a broken guide.docx passed the check and crashed the build."""
    root = make_curriculum()
    (root / "mytheme").mkdir()
    (root / "mytheme" / "guide.docx").write_text("not a docx", encoding="utf-8")
    with (root / SETTINGS).open("a", encoding="utf-8") as settings:
        settings.write("theme: mytheme\n")
    assert _check(root) == [
        "curriculum.yaml:10:8: error: theme: guide.docx is not a Word file voces can use "
        "(BadZipFile: File is not a zip file) [deck.theme]"]


def test_unreadable_file_is_a_finding(make_curriculum, monkeypatch):
    """A file the checker may not read (chmod 000 for anyone but root) crashed the check."""
    root = make_curriculum()
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "case-a.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert _check(root) == [
        "scenarios/case-a.yaml:1:1: error: file cannot be read (Permission denied); make it "
        "readable [yaml.encoding]"]


def test_sources_as_a_file_is_one_finding(make_curriculum):
    """sources/ as a file was silently skipped; every grounding was then reported unknown."""
    root = make_curriculum()
    shutil.rmtree(root / "sources")
    (root / "sources").write_text("id: src-a\n", encoding="utf-8")
    status, out, err = run_voces("check", root)
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        "sources:1:1: error: sources is a file; sources/ must be a folder holding one YAML file "
        "per source [contract.file-name]",
        "checked 3 files: 1 error, 0 warnings"]


def test_scenario_file_named_dot_yaml_is_checked(make_curriculum):
    """`scenarios/.yaml` was skipped as a hidden file (its suffix is ''), so its scenario
    silently vanished; now it is read, and its name reported."""
    root = make_curriculum()
    (root / SCENARIO).rename(root / "scenarios/.yaml")
    status, out, err = run_voces("check", root)
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        "scenarios/.yaml:1:5: error: file .yaml holds id 'case-a'; name the file case-a.yaml or "
        "change the id [contract.file-name]",
        "checked 4 files: 1 error, 0 warnings"]


@pytest.mark.parametrize("how", ["folder", "symlink loop"])
def test_curriculum_yaml_that_is_no_file_is_exit_2(make_curriculum, how):
    root = make_curriculum()
    (root / SETTINGS).unlink()
    if how == "folder":
        (root / SETTINGS).mkdir()
        why = "curriculum.yaml is a folder"
    else:
        (root / SETTINGS).symlink_to(SETTINGS)
        why = "curriculum.yaml is a link to nothing"
    status, out, err = run_voces("check", root)
    assert (status, out) == (2, "")
    assert err == (f"voces: {root} holds no curriculum.yaml ({why}); run voces in a curriculum "
                   "folder or name one\n")


def test_empty_curriculum_yaml_is_one_finding(make_curriculum):
    root = make_curriculum()
    (root / SETTINGS).write_bytes(b"")
    status, out, err = run_voces("check", root)
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        "curriculum.yaml:1:1: error: file is empty; a curriculum file is a mapping of keys to "
        "values (key: value) [yaml.not-mapping]",
        "checked 4 files: 1 error, 0 warnings"]


def test_output_cut_short_by_a_closed_pipe_is_no_internal_error(make_curriculum):
    """`voces check | head -1` was an internal error (BrokenPipeError, exit 3)."""
    root = make_curriculum()
    edit(root / SCENARIO, "She waits.", "She\x07 waits." * 2000)
    process = subprocess.run(
        f"{shlex.quote(sys.executable)} -m builder check {shlex.quote(str(root))} | head -1",
        shell=True, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert process.stdout.startswith("scenarios/case-a.yaml:13:19: error: control character")
    assert process.stderr == ""


@pytest.mark.parametrize("where", ["file", "inside a file"])
def test_build_out_that_is_a_file_is_one_message(make_curriculum, where):
    """`--out` naming a file was an internal error (FileExistsError, exit 3)."""
    root = make_curriculum()
    (root / "taken").write_text("mine\n", encoding="utf-8")
    out = root / "taken" if where == "file" else root / "taken" / "sub"
    reason = "File exists" if where == "file" else "Not a directory"
    status, stdout, err = run_voces("build", root, "--out", out, "--only", "gift")
    assert status == 1 and "Traceback" not in err and stdout == ""
    assert err == (f"voces: build failed; the previous output is unchanged:\n--out {out}: "
                   f"cannot make the output folder ({reason}); choose a folder, such as "
                   "output/\n")
    assert (root / "taken").read_text(encoding="utf-8") == "mine\n"
