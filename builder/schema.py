"""`voces schema`: a JSON Schema per kind of curriculum file, generated from the model.

Editors that use the YAML language server (VS Code's YAML extension and others) read them to
complete field names, show each field's description on hover and mark a wrong value as it is
typed. pydantic writes the schema; this module adds what an editor needs and pydantic cannot know:
the curriculum's languages in every text, each field's example and its allowed values.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .contract_doc import FILE_KINDS, describe, field_example, fields_of
from .model_values import TEXT_SCHEMA_MARK

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
"""Draft 7: the newest draft the YAML language server reads in full."""


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def text_schema(languages: list[str]) -> dict[str, Any]:
    """A text: a string in the first language, or a map of the curriculum's languages."""
    words = {"type": "string", "minLength": 1}
    return {"anyOf": [
        words,
        {"type": "object", "minProperties": 1,
         "properties": {lang: dict(words) for lang in languages},
         "propertyNames": {"pattern": "^[a-z]{2,3}$"},
         "additionalProperties": {"type": "string"}},
    ]}


def file_schema(kind: str, languages: list[str]) -> dict[str, Any]:
    """The JSON Schema of one kind of file (curriculum, source, scenario, module)."""
    model = FILE_KINDS[kind]
    schema = model.model_json_schema(by_alias=True)
    definitions = schema.get("$defs", {})
    _annotate(schema, model)
    for sub in _models_below(model):
        if sub.__name__ in definitions:
            _annotate(definitions[sub.__name__], sub)
    replaced = _replace_texts(schema, text_schema(languages))
    return {"$schema": SCHEMA_DIALECT, "$id": schema_file_name(kind),
            "title": f"Voces {kind} file", **{k: v for k, v in replaced.items() if k != "title"}}


def _annotate(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Each property's description without its example, its example, its allowed values."""
    properties = schema.get("properties", {})
    for doc, (_, field) in zip(fields_of(model), model.model_fields.items(), strict=True):
        prop = properties.get(doc.key)
        if prop is None:
            continue
        description, _ = describe(field)
        if doc.allowed:
            description += f" Allowed: {', '.join(doc.allowed)}."
        if doc.required:
            description += " Required."
        prop["description"] = description
        prop["markdownDescription"] = description
        prop.pop("title", None)
        example = field_example(doc)
        if example is not None:
            prop["examples"] = [example]


def _models_below(model: type[BaseModel]) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    pending = [model]
    while pending:
        current = pending.pop()
        for doc in fields_of(current):
            if doc.model is not None and doc.model not in found:
                found.append(doc.model)
                pending.append(doc.model)
    return found


def _replace_texts(node: Any, text: dict[str, Any]) -> Any:
    """Every text stand-in (see model_values.TEXT_SCHEMA_MARK) becomes the languages' text."""
    if isinstance(node, dict):
        if node.get(TEXT_SCHEMA_MARK):
            kept = {k: v for k, v in node.items() if k != TEXT_SCHEMA_MARK}
            return {**kept, **text}
        return {key: _replace_texts(value, text) for key, value in node.items()}
    if isinstance(node, list):
        return [_replace_texts(item, text) for item in node]
    return node


def schema_text(kind: str, languages: list[str]) -> str:
    """The schema as written to its file: sorted keys, two-space indent, a final newline."""
    return json.dumps(file_schema(kind, languages), ensure_ascii=False, indent=2,
                      sort_keys=True) + "\n"


class SchemaExists(Exception):
    """A schema file is already there and --force was not given."""


def write_schemas(out: Path, languages: list[str], *, force: bool = False) -> list[Path]:
    """Write every kind's schema into `out`; refuse (writing nothing) to overwrite without force."""
    targets = {kind: out / schema_file_name(kind) for kind in FILE_KINDS}
    existing = [path for path in targets.values() if path.exists()]
    if existing and not force:
        raise SchemaExists(f"{existing[0]} already exists; give --force to overwrite it")
    out.mkdir(parents=True, exist_ok=True)
    for kind, path in targets.items():
        path.write_text(schema_text(kind, languages), encoding="utf-8")
    return list(targets.values())
