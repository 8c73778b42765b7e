"""`voces check` on broken curricula: one exact message each, exit 1, never a traceback."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
from broken_inputs import BROKEN
from conftest import REPO, edit, run_voces

from builder.checks import check_curriculum
from builder.cli import _parser, main


def run_check(root: Path, *options: str) -> tuple[int, list[str], str]:
    status, out, errors = run_voces("check", root, *options)
    return status, out.rstrip("\n").split("\n"), errors


def voces_process(*command: str | Path) -> tuple[int, list[str], str]:
    """A real process, for the two smoke tests of the entry points themselves."""
    process = subprocess.run([*map(str, command)], capture_output=True, text=True, cwd=REPO,
                             timeout=60)
    return process.returncode, process.stdout.rstrip("\n").split("\n"), process.stderr


def test_minimal_fixture_is_clean(make_curriculum):
    status, lines, errors = run_check(make_curriculum())
    assert (status, lines, errors) == (0, ["checked 4 files: no problems"], "")


def test_the_voces_console_script_checks_a_clean_curriculum(make_curriculum):
    """The `voces` command pip installs (its [project.scripts] entry), as a user runs it."""
    script = Path(sys.executable).parent / "voces"
    if not script.is_file():
        pytest.skip(f"the voces console script is not installed beside {sys.executable}")
    status, lines, errors = voces_process(script, "check", make_curriculum())
    assert (status, lines, errors) == (0, ["checked 4 files: no problems"], "")


def test_python_m_builder_reports_a_broken_input_with_exit_1(make_curriculum):
    """`python -m builder` (builder/__main__.py): the exit status reaches the shell, the
    message reaches stdout, and no traceback reaches stderr."""
    root = make_curriculum()
    mutate, expected = BROKEN["misspelt key"]
    mutate(root)
    status, lines, errors = voces_process(sys.executable, "-m", "builder", "check", root)
    assert (status, errors) == (1, "")
    assert lines == [*expected, "checked 4 files: 1 error, 0 warnings"]


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_input_gets_one_clear_message(make_curriculum, name):
    root = make_curriculum()
    mutate, expected = BROKEN[name]
    mutate(root)
    status, lines, errors = run_check(root)
    assert status == 1
    assert "Traceback" not in errors and errors == ""
    assert lines[:-1] == expected
    count = len(expected)
    assert lines[-1] == f"checked 4 files: {count} error{'s' * (count != 1)}, 0 warnings"


def test_there_are_forty_realistic_broken_inputs():
    assert len(BROKEN) >= 40


def test_long_stretch_without_break_is_a_warning_and_strict_fails(make_curriculum):
    root = make_curriculum()
    edit(root / "modules/mod-a.yaml", "duration: 60", "duration: 200")
    edit(root / "modules/mod-a.yaml", "  - break: 10\n",
         "  - activity: {title: {en: Long talk, es: Charla larga}, duration: 60}\n")
    expected = ("modules/mod-a.yaml:9:5: error: the 3rd agenda item ('Long talk'): 105 minutes "
                "without a break since the 1st agenda item ('Opening'); add a break at least "
                "every 90 minutes [time.no-break]")
    status, lines, _ = run_check(root)
    assert status == 0
    assert lines == [expected.replace(": error:", ": warning:"),
                     "checked 4 files: 0 errors, 1 warning"]
    status, _, _ = run_check(root, "--strict")
    assert status == 1


def test_json_output_lists_findings_and_summary(make_curriculum):
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml", "duration: 30", "duraton: 30")
    status, lines, _ = run_check(root, "--format", "json")
    report = json.loads("\n".join(lines))
    assert status == 1
    assert report == {
        "findings": [{
            "file": "scenarios/case-a.yaml", "line": 4, "col": 1, "severity": "error",
            "message": "unknown key 'duraton' (did you mean 'duration'?)",
            "rule": "contract.unknown-key", "path": "duraton",
        }],
        "summary": {"files": 4, "errors": 1, "warnings": 0, "ok": False},
    }


def test_no_curriculum_is_exit_2(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"voces: {tmp_path} holds no curriculum.yaml, and no folder above it does; run voces in "
        "a curriculum folder or name one\n")


def test_wrong_command_line_is_exit_2(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["check", "--format", "xml"])
    assert stopped.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_unknown_module_for_build_is_exit_2(make_curriculum, capsys):
    root = make_curriculum()
    assert main(["build", str(root), "--module", "nope"]) == 2
    assert capsys.readouterr().err == "voces: --module: no module 'nope'; choose from mod-a\n"


def test_control_character_in_block_scalar_has_its_own_line(make_curriculum):
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml",
         "situation: {en: Fictional composite case. A girl of 15 arrives.,",
         "situation_note: |\n  line one\n  line two \x0c here\nsituation: {en: Fictional composite case. A girl of 15 arrives.,")
    status, lines, _ = run_check(root)
    assert status == 1
    assert lines[0] == ("scenarios/case-a.yaml:12:12: error: control character U+000C in the file; "
                        "delete it (it breaks Word and PowerPoint files) [yaml.control-char]")


def test_unquoted_off_means_off(make_curriculum):
    root = make_curriculum()
    with (root / "curriculum.yaml").open("a", encoding="utf-8") as settings:
        settings.write("terminology: off\n")
    status, lines, _ = run_check(root)
    assert (status, lines) == (0, ["checked 4 files: no problems"])


def test_build_help_lists_every_kind_the_registry_has(capsys):
    from builder.formats import FORMATS

    with pytest.raises(SystemExit):
        _parser().parse_args(["build", "--help"])
    shown = " ".join(capsys.readouterr().out.split())  # the help wraps its lines
    listed = shown.split("only these kinds: ", 1)[1].split(" --out", 1)[0].split()
    assert sorted(listed) == sorted(FORMATS)
    assert f"--only KIND,... only these kinds: {' '.join(FORMATS)} --out DIR" in shown


def test_check_of_a_file_checks_its_curriculum_and_lists_that_file_first(make_curriculum, capsys):
    root = make_curriculum()
    edit(root / "modules/mod-a.yaml", "duration: 60", "duraton: 60")
    edit(root / "scenarios/case-a.yaml", "duration: 30", "duraton: 30")
    assert main(["check", str(root / "scenarios/case-a.yaml")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "scenarios/case-a.yaml", "modules/mod-a.yaml"]
    assert lines[-1] == "checked 4 files: 2 errors, 0 warnings"


@pytest.mark.parametrize("where", ["curriculum.yaml", "scenarios", "."])
def test_path_may_be_curriculum_yaml_or_any_folder_inside(make_curriculum, capsys, monkeypatch,
                                                          where):
    root = make_curriculum()
    monkeypatch.chdir(root / ("scenarios" if where == "." else ""))
    assert main(["check", where]) == 0
    assert capsys.readouterr().out == "checked 4 files: no problems\n"


def test_help_describes_path_and_every_option(capsys):
    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert {"check", "build", "schema"} <= set(commands.choices)
    for name, command in commands.choices.items():
        assert command.description or name not in ("check", "build", "schema", "new", "serve"), \
            name
        for action in command._actions:
            assert action.help, f"voces {name}: {action.dest} has no description"
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    words = " ".join(capsys.readouterr().out.split())
    assert "PATH the curriculum: its folder, its curriculum.yaml, or any file or folder inside it" \
        in words


def test_json_keeps_the_yaml_path_that_the_message_names(make_curriculum, capsys):
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml", 'prompt: {en: "What do you do?", es: "¿Qué hace usted?"}',
         'prompt: {en: "What do you do?"}')
    assert main(["check", str(root), "--format", "json"]) == 1
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert finding["message"].startswith("the 1st stage ('Arrival'): the 'es' prompt is missing")
    assert finding["path"] == "stages[0].prompt"


def test_a_language_key_written_wrongly_gets_did_you_mean(make_curriculum):
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml", "summary: {en: One sentence., es: Una frase.}",
         "summary: {en: One sentence., sp: Una frase.}")
    status, lines, _ = run_check(root)
    assert status == 1
    assert lines == [
        "scenarios/case-a.yaml:3:10: error: the 'es' summary is missing; write it as a map of "
        "every language, {en: One sentence., es: ...}, or set fallback: true in curriculum.yaml "
        "[contract.language]",
        "scenarios/case-a.yaml:3:30: warning: summary: text in 'sp', which curriculum.yaml does "
        "not list in languages (did you mean 'es'?); it is never built [contract.language]",
        "checked 4 files: 1 error, 1 warning"]


def test_the_summary_counts_one_file_as_one_file():
    from builder.cli import _summary

    assert _summary([], 1) == "checked 1 file: no problems"
    assert _summary([], 13) == "checked 13 files: no problems"


def test_a_yaml_name_that_is_no_file_is_said_not_skipped(make_curriculum):
    """A link to nothing, or a folder named like a YAML file, was skipped without a word."""
    root = make_curriculum()
    (root / "scenarios" / "x.yaml").symlink_to(root / "nowhere.yaml")
    (root / "modules" / "dir.yaml").mkdir()
    _, findings = check_curriculum(root)
    assert [str(f) for f in findings] == [
        "modules/dir.yaml:1:1: error: modules/dir.yaml is a folder, not a YAML file; make it one "
        "module's file, or remove it [contract.file-name]",
        "scenarios/x.yaml:1:1: error: scenarios/x.yaml is a link to nothing, not a YAML file; "
        "make it one scenario's file, or remove it [contract.file-name]"]
