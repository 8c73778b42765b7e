"""The contract described field by field, from the model itself: one source for the JSON Schemas
(`voces schema`), the scaffolds (`voces new`) and the field reference (docs/contract.md).

Each field's description is the docstring under it in model.py (deliveries: model_delivery.py);
a trailing "Example: ..." is its example, written as YAML. Nothing here repeats a field: a
field added to the model appears in all three at once.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import sys
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .model import Module, Scenario, Settings, Source, Text
from .model_delivery import Delivery
from .model_values import Contract, unwrap_annotation

FILE_KINDS: dict[str, type[BaseModel]] = {
    "curriculum": Settings, "source": Source, "scenario": Scenario, "module": Module,
    "delivery": Delivery}
"""Each kind of curriculum file and the model class of its contents."""

_EXAMPLE = re.compile(r"\s*Example:\s*(.*)$", re.S)

Shape = Literal["text", "model", "models", "texts", "list", "map", "value"]


@dataclass(frozen=True)
class FieldDoc:
    """One field as an editor sees it."""

    key: str
    """As written in YAML (`break`, not `break_`)."""
    required: bool
    description: str
    example: Any
    """A YAML value, or None when the field is a mapping or a list of mappings."""
    allowed: tuple[str, ...]
    """The values a field with a closed set of values may take."""
    shape: Shape
    """text (a language map), model (a mapping), models (a list of mappings), texts (a list of
    texts), list (of plain values), map (of plain keys), value (text, number, true/false)."""
    model: type[BaseModel] | None
    """The mapping's class, for `model` and `models`."""
    default: Any


@cache
def _documented() -> None:
    """Give every field of the contract its description: the docstring under it, read from the
    source of its module once (pydantic would read it on every import of the model; only the
    descriptions of the contract need it). As pydantic's `use_attribute_docstrings` does: a
    string right after an annotated field, cleaned by `inspect.cleandoc`."""
    pending: list[type[Contract]] = [Contract]
    while pending:
        model = pending.pop()
        pending += model.__subclasses__()
        docstrings = _field_docstrings(model)
        for name, field in model.model_fields.items():
            if field.description is None and name in docstrings:
                field.description = docstrings[name]


def _field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    module = _module_tree(model.__module__)
    found = next((node for node in module.body
                  if isinstance(node, ast.ClassDef) and node.name == model.__name__), None)
    docstrings: dict[str, str] = {}
    if found is None:
        return docstrings
    for before, node in itertools.pairwise(found.body):
        if (isinstance(before, ast.AnnAssign) and isinstance(before.target, ast.Name)
                and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            docstrings[before.target.id] = inspect.cleandoc(node.value.value)
    return docstrings


@cache
def _module_tree(name: str) -> ast.Module:
    return ast.parse(inspect.getsource(sys.modules[name]))


def describe(field: FieldInfo) -> tuple[str, Any]:
    """A field's description without its example, and the example as a YAML value."""
    _documented()
    text = " ".join((field.description or "").split())
    match = _EXAMPLE.search(text)
    if not match:
        return text, None
    return text[: match.start()].strip(), yaml.safe_load(match.group(1))


def fields_of(model: type[BaseModel]) -> list[FieldDoc]:
    _documented()
    docs = []
    for name, field in model.model_fields.items():
        description, example = describe(field)
        shape, inner = _shape(field.annotation)
        default = None if field.is_required() else field.get_default(call_default_factory=True)
        docs.append(FieldDoc(
            key=field.alias or name, required=field.is_required(), description=description,
            example=example, allowed=_allowed(field.annotation), shape=shape, model=inner,
            default=default))
    return docs


def class_description(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def example_of(model: type[BaseModel]) -> dict[str, Any]:
    """A mapping of every required field of `model` with its example (nested mappings too)."""
    docs = fields_of(model)
    example = {doc.key: field_example(doc) for doc in docs if doc.required}
    if not example and docs:  # one of several (an agenda item): the first, as an example
        example = {docs[0].key: field_example(docs[0])}
    return example


def field_example(doc: FieldDoc) -> Any:
    if doc.shape == "model" and doc.model is not None:
        return example_of(doc.model)
    if doc.shape == "models" and doc.model is not None:
        return [example_of(doc.model)]
    if doc.example is not None:
        return doc.example
    if doc.allowed:
        return doc.allowed[0]
    return doc.default


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _shape(annotation: Any) -> tuple[Shape, type[BaseModel] | None]:
    bare = unwrap_annotation(annotation)
    if bare is Text:
        return "text", None
    if _is_model(bare):
        return "model", bare
    origin = typing.get_origin(bare)
    if origin is list:
        item = unwrap_annotation(typing.get_args(bare)[0])
        if _is_model(item):
            return "models", item
        return ("texts" if item is Text else "list"), None
    if origin is dict:
        value = unwrap_annotation(typing.get_args(bare)[1])
        return "map", (value if _is_model(value) else None)
    return "value", None


def _allowed(annotation: Any) -> tuple[str, ...]:
    bare = unwrap_annotation(annotation)
    if typing.get_origin(bare) is Literal:
        return tuple(str(value) for value in typing.get_args(bare))
    return ()


# --- the field reference (docs/contract.md) -------------------------------------------------

_FILES = {"curriculum": "curriculum.yaml", "source": "sources/<id>.yaml",
          "scenario": "scenarios/<id>.yaml", "module": "modules/<id>.yaml",
          "delivery": "deliveries/<id>.yaml"}


def reference_markdown() -> str:
    """docs/contract.md: every class and field of the contract, from the model's docstrings."""
    lines = [
        "# The content contract, field by field",
        "",
        "Generated from the docstrings in `builder/model.py` and `builder/model_delivery.py` by",
        "`python -m builder.contract_doc`; a test keeps it in step. Every text field takes a",
        "string (in the curriculum's first language) or a map of language codes to strings:",
        "`{en: ..., es: ...}`.",
    ]
    done: set[type[BaseModel]] = set()
    for kind, model in FILE_KINDS.items():
        lines += ["", f"## {_FILES[kind]}", "", class_description(model)]
        lines += _table(model)
        pending = [d.model for d in fields_of(model) if d.model is not None]
        while pending:
            sub = pending.pop(0)
            if sub in done:
                continue
            done.add(sub)
            lines += ["", f"### {sub.__name__}", "", class_description(sub)]
            lines += _table(sub)
            pending += [d.model for d in fields_of(sub) if d.model is not None]
    return "\n".join(lines) + "\n"


def _table(model: type[BaseModel]) -> list[str]:
    rows = ["", "| field | required | what it is | example |", "|---|---|---|---|"]
    for doc in fields_of(model):
        what = doc.description
        if doc.allowed:
            what += f" One of: {', '.join(f'`{v}`' for v in doc.allowed)}."
        if doc.model is not None:
            what += f" See {doc.model.__name__}."
        example = "" if doc.example is None else f"`{_inline(doc.example)}`"
        required = "yes" if doc.required else ""
        cells = [f"`{doc.key}`", required, what, example]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return rows


def _inline(value: Any) -> str:
    """A value as one line of YAML flow style."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                          width=10_000).strip().removesuffix("...").strip()


if __name__ == "__main__":
    print(reference_markdown(), end="")
