"""A curriculum's own template that does not parse, or does not render, is a finding of
`voces check`, with its line, and stops the build before any job runs (it used to fail a job
as a bug in voces). The index page's template renders only in a build: it fails the build with
the same finding, and the previous output stays."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import run_voces

from builder.checks import check_curriculum
from builder.cli import main
from builder.jobs import Task, run_tasks, tasks_of
from builder.plan import make_plan
from builder.staging import BuildFailed


def own_template(root, text: str | bytes) -> None:
    (root / "templates").mkdir()
    path = root / "templates/agenda.txt.j2"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def test_a_template_that_does_not_parse_names_its_line(make_curriculum, capsys):
    root = make_curriculum()
    own_template(root, "{{ module.title }}\n{% for entry in entries %}\n{{ entry.title }}\n")
    assert main(["check", str(root)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "templates/agenda.txt.j2:3:1: error: the template does not parse (Unexpected end of "
        "template. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost "
        "block that needs to be closed is 'for'); correct it, or remove it to use the shipped "
        "one [template.syntax]")


def test_a_broken_template_stops_the_build_before_anything_is_written(make_curriculum, capsys):
    root = make_curriculum()
    own_template(root, "{{ module.title \n")
    assert main(["build", str(root)]) == 1
    out = capsys.readouterr().out
    assert "templates/agenda.txt.j2:1:1: error: the template does not parse" in out
    assert "this is a bug in voces" not in out
    assert not (root / "output").exists()


def test_a_template_that_is_not_utf8_is_a_finding(make_curriculum, capsys):
    root = make_curriculum()
    own_template(root, "{{ module.title }} caf\xe9\n".encode("latin-1"))
    assert main(["check", str(root)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "templates/agenda.txt.j2:1:1: error: the template is not UTF-8 text; save it as UTF-8, "
        "or remove it to use the shipped one [template.syntax]")


def test_a_template_that_parses_is_no_finding(make_curriculum, capsys):
    root = make_curriculum()
    own_template(root, "{{ module.title }}\n{% for entry in entries %}{{ entry.title }}\n"
                       "{% endfor %}\n")
    assert main(["check", str(root)]) == 0
    assert "template" not in capsys.readouterr().out


NOT_GIVEN = ("error: the template does not render: it uses a name or field it is not given "
             "({said}); it is given curriculum, date_text, delivery, entries, lang, module, text, "
             "words; correct it, or remove it to use the shipped one [template.render]")


def test_a_template_using_a_name_it_is_not_given_is_found_by_check_with_its_line(
        make_curriculum, capsys):
    root = make_curriculum()
    own_template(root, "{{ module.title }}\n{% for entry in entries %}{{ entry.titel }}\n"
                       "{% endfor %}\n")
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "templates/agenda.txt.j2:2:1: " + NOT_GIVEN.format(
        said="'dict object' has no attribute 'titel'")
    assert out[1:] == ["checked 4 files: 1 error, 0 warnings"]


def test_a_name_only_a_delivery_lacks_is_found_through_the_deliverys_agenda(
        make_curriculum, capsys):
    root = make_curriculum("results")
    own_template(root, "{{ module.title }}\n{% if delivery %}\n{{ delivery.venu }}\n"
                       "{% endif %}\n")
    status, out, _ = run_voces("build", root)
    assert status == 1
    assert out.splitlines()[0] == "templates/agenda.txt.j2:3:1: " + NOT_GIVEN.format(
        said="'builder.model_delivery.Delivery object' has no attribute 'venu'")
    assert "nothing was built" in out
    assert not (root / "output").exists()


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_index_template_that_does_not_render_fails_the_build_and_keeps_the_output(
        make_curriculum):
    root = make_curriculum()
    assert main(["build", str(root)]) == 0
    before = tree(root / "output")
    shipped = Path(__file__).parents[1] / "builder/templates/index.html.j2"
    (root / "templates").mkdir()
    lines = shipped.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "{{ page.langauge }}\n")
    (root / "templates/index.html.j2").write_text("".join(lines), encoding="utf-8")
    status, out, err = run_voces("build", root, "--force")
    assert status == 1
    assert err.splitlines() == [
        "voces: build failed; the previous output is unchanged:",
        "templates/index.html.j2:3:1: error: the template does not render: it uses a name or "
        "field it is not given ('builder.index.Page object' has no attribute 'langauge'); it "
        "is given check, page, palette, sections, settings, tag, title, words; correct it, or "
        "remove it to use the shipped one [template.render]"]
    assert tree(root / "output") == before


def test_a_job_whose_own_template_fails_is_the_users_mistake_not_a_bug(make_curriculum, tmp_path):
    """Past the check (a template changed after it ran): the job's failure is the finding."""
    root = make_curriculum()
    curriculum, _ = check_curriculum(root)
    assert curriculum is not None
    own_template(root, "{{ words.nope }}\n")
    plan = make_plan(curriculum, curriculum.languages, [m.id for m in curriculum.modules],
                     ["agenda"])
    tasks: list[Task] = tasks_of(list(plan.jobs), tmp_path, plan.date)
    with pytest.raises(BuildFailed) as failed:
        run_tasks(curriculum, tasks, 1, {lang: [] for lang in curriculum.languages})
    assert str(failed.value).startswith("templates/agenda.txt.j2:1:1: error: the template does "
                                        "not render: it uses a name or field it is not given (")
