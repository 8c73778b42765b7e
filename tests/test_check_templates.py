"""A curriculum's own template that does not parse is a finding of `voces check`, with its
line, and stops the build before any job runs (it used to fail a job as a bug in voces)."""

from __future__ import annotations

from builder.cli import main


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
