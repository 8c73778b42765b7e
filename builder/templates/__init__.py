"""Jinja2 templates: the text formats' (the agenda, a delivery's results page) and the index
page's. A curriculum's `templates/` folder overrides any of them, file by file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from ..context import BuildContext


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
    return template.render(
        words=context.words, module=context.module, lang=context.lang,
        text=context.text, curriculum=context.curriculum, **values,
    )
