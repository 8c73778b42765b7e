"""Jinja2 templates for the text formats; a curriculum's `templates/` folder overrides them."""

from __future__ import annotations

from typing import Any

import jinja2

from ..context import BuildContext


def environment(context: BuildContext) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    user_templates = context.curriculum.root / "templates"
    if user_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(user_templates)))
    loaders.append(jinja2.PackageLoader("builder", "templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, context: BuildContext, **values: Any) -> str:
    template = environment(context).get_template(name)
    return template.render(
        words=context.words, module=context.module, lang=context.lang,
        text=context.text, curriculum=context.curriculum, **values,
    )
