"""Jinja2 templates: the text formats' (the agenda, a delivery's results page) and the index
page's. A curriculum's `templates/` folder overrides any of them, file by file."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from ..context import BuildContext
from ..findings import Finding, Location, error
from ..staging import BuildFailed


class TemplateFailed(BuildFailed):
    """A curriculum's own template (`templates/*.j2`) that parses but fails while it renders:
    a name it is not given, a filter given the wrong value. The user's to correct, so it is a
    finding with the template's file and line, not an internal error; a shipped template that
    fails is still a bug in voces."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


def environment(root: Path, *, html: bool = False) -> jinja2.Environment:
    """The one environment every template is rendered in: the curriculum's `templates/` first,
    then the package's. `html=True` is the index page's: every value is escaped, and the page
    ends where its last tag does (the template's final newline is dropped); a text template
    keeps its final newline and escapes nothing (it writes plain text, or escapes itself)."""
    loaders: list[jinja2.BaseLoader] = []
    user_templates = root / "templates"
    if user_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(user_templates)))
    loaders.append(jinja2.PackageLoader("builder", "templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=not html,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, context: BuildContext, **values: Any) -> str:
    template = environment(context.curriculum.root).get_template(name)
    return render_template(
        template, context.curriculum.root,
        words=context.words, module=context.module, lang=context.lang,
        text=context.text, curriculum=context.curriculum, **values,
    )


def render_template(template: jinja2.Template, root: Path, **values: Any) -> str:
    """`template` rendered with `values`; raises TemplateFailed when it is the curriculum's own
    and fails."""
    try:
        return template.render(**values)
    except Exception as exc:
        users = root / "templates"
        if template.filename is None or not Path(template.filename).is_relative_to(users):
            raise
        raise TemplateFailed(_finding(template, exc, sorted(values))) from exc


def _finding(template: jinja2.Template, exc: Exception, given: list[str]) -> Finding:
    where = Location(f"templates/{template.name}", _line(exc.__traceback__, template.filename))
    if isinstance(exc, jinja2.UndefinedError):
        said = f"it uses a name or field it is not given ({exc.message}); it is given " \
               f"{', '.join(given)}"
    else:
        said = f"it fails while it renders ({type(exc).__name__}: {exc})"
    return error(where, f"the template does not render: {said}; correct it, or remove it to use "
                 "the shipped one", "template.render")


def _line(trace: TracebackType | None, filename: str | None) -> int:
    """The template's line where it failed: jinja2 rewrites the traceback so that a frame of
    the template's own file carries its line."""
    line = 1
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == filename:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line
