"""A curriculum's own templates (`templates/*.j2`, which replace the shipped ones file by file)
must parse, and its own agenda must render for every module, language and delivery a build
writes: a broken one would otherwise first be noticed half-way through a build.

The index page's template (`index.html.j2`) renders from the build's files, so only a build
can try it; it reports the same `template.render` finding, and writes nothing."""

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


AGENDA = "agenda.txt.j2"


def check_template_render(curriculum: Curriculum) -> Iterator[Finding]:
    """The curriculum's own agenda, rendered as the build renders it; each failure once."""
    own = curriculum.root / "templates" / AGENDA
    if not own.is_file() or any(check_template_syntax(curriculum)):
        return
    from ..context import BuildContext  # the build's modules, only for a template of its own
    from ..delivery.context import delivery_context
    from ..formats.agenda import agenda_text
    from ..templates import TemplateFailed

    contexts = [BuildContext(curriculum, module, lang, curriculum.root)
                for lang in curriculum.languages for module in curriculum.modules]
    contexts += [delivery_context(curriculum, delivery, curriculum.root)
                 for delivery in curriculum.deliveries if curriculum.module(delivery.module)]
    seen = set()
    for context in contexts:
        try:
            agenda_text(context)
        except TemplateFailed as exc:
            if exc.finding not in seen:
                seen.add(exc.finding)
                yield exc.finding


RULES = [check_template_syntax, check_template_render]
