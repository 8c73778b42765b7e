"""A curriculum's own templates (`templates/*.j2`, which replace the shipped ones file by file)
must parse: a broken one would otherwise first be noticed half-way through a build, as a job
that raises."""

from __future__ import annotations

from collections.abc import Iterator

from ..curriculum import Curriculum
from ..findings import Finding, Location, error


def check_template_syntax(curriculum: Curriculum) -> Iterator[Finding]:
    folder = curriculum.root / "templates"
    if not folder.is_dir():
        return
    import jinja2  # only for a curriculum with templates of its own

    from ..templates import environment

    parser = environment(curriculum.root)
    for path in sorted(folder.glob("*.j2")):
        name = f"templates/{path.name}"
        try:
            parser.parse(path.read_text(encoding="utf-8"), path.name, name)
        except UnicodeDecodeError:
            yield error(Location(name), "the template is not UTF-8 text; save it as UTF-8, or "
                        "remove it to use the shipped one", "template.syntax")
        except jinja2.TemplateSyntaxError as exc:
            said = (exc.message or "").rstrip(".")
            yield error(Location(name, exc.lineno or 1),
                        f"the template does not parse ({said}); correct it, or remove it "
                        "to use the shipped one", "template.syntax")


RULES = [check_template_syntax]
