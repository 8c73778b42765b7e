"""`voces new`: a file to start from, with every field of the contract and a comment on each.

The scaffold is written from the model (contract_doc), so a field added to the model is in the
next scaffold. Its texts are placeholders that `voces check` reports as still the scaffold's
(rule scaffold.placeholder) until an editor replaces them: an unfinished scaffold cannot be
built by accident. Its first line names the kind's JSON Schema for the editor's completion.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .contract_doc import FILE_KINDS, FieldDoc, fields_of
from .model import Activity, Question
from .model_values import MAX_ID_CHARS, id_problem
from .schema import schema_file_name

PLACEHOLDER = "TODO:"
"""Every placeholder text starts so; scaffold.placeholder finds them."""
PLACEHOLDER_ID = "TODO-"
"""Every placeholder id or reference starts so (an id cannot hold a colon)."""

FOLDER_OF = {"source": "sources", "scenario": "scenarios", "module": "modules",
             "delivery": "deliveries"}

_TYPE_ONLY = {"answer", "feedback_true", "feedback_false", "pairs"}
"""Question fields another question type needs: written as comments in a single question."""


_REFERENCE = {"grounding": "quote"}
"""What a required list of ids refers to, for its placeholder."""


class ScaffoldRefused(Exception):
    """A bad id, an existing file or a path outside the curriculum: nothing was written."""


@dataclass(frozen=True)
class Scaffold:
    path: Path
    text: str
    next_step: str


def check_id(kind: str, new_id: str) -> None:
    if "/" in new_id or "\\" in new_id or new_id in (".", ".."):
        raise ScaffoldRefused(
            f"'{new_id}' is a path; give only the {kind}'s id: the file goes in "
            f"{FOLDER_OF[kind]}/ inside the curriculum, named after the id")
    problem = id_problem(new_id)
    if problem:
        raise ScaffoldRefused(f"cannot use '{new_id[:MAX_ID_CHARS]}' as a {kind} id: {problem}")


def curriculum_scaffold(folder: Path, languages: list[str]) -> Scaffold:
    text = render("curriculum", languages, {"languages": languages}, "schemas")
    return Scaffold(folder / "curriculum.yaml", text,
                    f"next: fill in {folder / 'curriculum.yaml'}, then add files with "
                    "voces new source ID, voces new scenario ID and voces new module ID")


def document_scaffold(root: Path, kind: str, new_id: str, languages: list[str]) -> Scaffold:
    check_id(kind, new_id)
    folder = FOLDER_OF[kind]
    path = root / folder / f"{new_id}.yaml"
    overrides: dict[str, Any] = {"id": new_id}
    if kind == "scenario":
        overrides.update({"objectives.id": f"{new_id}-1", "questions.id": f"{new_id}-q1",
                          "questions.objective": f"{new_id}-1", "questions.type": "single"})
    if kind == "source":
        overrides.update({"quotes.id": f"{new_id}-1", "language": languages[0],
                          "quotes.speaker": f"{PLACEHOLDER_ID}1"})
    if kind == "delivery":
        overrides.update({"language": languages[0], "module": f"{PLACEHOLDER_ID}module-id"})
    text = render(kind, languages, overrides, "../schemas")
    steps = {
        "scenario": f"it is in no agenda yet: add '- scenario: {new_id}' to the agenda of a "
                    "module in modules/, then run voces check",
        "module": f"next: fill in {path}, then run voces check",
        "source": f"next: copy the quotes verbatim into {path}, then run voces check",
        "delivery": f"next: fill in {path}, then run voces check",
    }
    return Scaffold(path, text, steps[kind])


def write_scaffold(scaffold: Scaffold) -> None:
    """Write the file, refusing to overwrite anything (exclusive create)."""
    scaffold.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with scaffold.path.open("x", encoding="utf-8") as handle:
            handle.write(scaffold.text)
    except FileExistsError:
        raise ScaffoldRefused(f"{scaffold.path} already exists; voces new never overwrites a "
                              "file: choose another id or edit that file") from None


# --- rendering ------------------------------------------------------------------------------


def render(kind: str, languages: list[str], overrides: dict[str, Any], schemas: str) -> str:
    lines = [f"# yaml-language-server: $schema={schemas}/{schema_file_name(kind)}",
             f"# A new {kind}: replace every {PLACEHOLDER} text and {PLACEHOLDER_ID} id; "
             "(required) marks what must stay.",
             "# Each field's description: hover it in an editor that reads the schema above, "
             "or see docs/contract.md in voces's source."]
    lines += _mapping(FILE_KINDS[kind], 0, languages, overrides, "")
    return "\n".join(lines) + "\n"


def _mapping(model: type[BaseModel], indent: int, languages: list[str],
             overrides: dict[str, Any], prefix: str, of_item: str = "") -> list[str]:
    """The fields of `model`; `of_item` names which item of a list they are in its texts
    ("option 2"), so that items are not all alike (a rule would say so)."""
    lines: list[str] = []
    pad = " " * indent
    for doc in fields_of(model):
        if model is Question and doc.key in _TYPE_ONLY:  # another type's: shown, commented out
            shown = _field(doc, indent, languages, overrides, prefix, example=True)
            lines += [f"{pad}# {line[indent:]}" for line in shown]
        elif doc.shape in ("list", "value") and not doc.required and doc.default is None:
            example = "..." if doc.example is None else _scalar(doc.example)
            lines.append(f"{pad}# {doc.key}: {example}  # {_comment(doc)}")
        else:
            lines += _field(doc, indent, languages, overrides, prefix, of_item=of_item)
    return lines


def _field(doc: FieldDoc, indent: int, languages: list[str], overrides: dict[str, Any],
           prefix: str, example: bool = False, of_item: str = "") -> list[str]:
    pad = " " * indent
    key_path = f"{prefix}{doc.key}"
    head = f"{pad}{doc.key}:  # {_comment(doc)}"
    if key_path in overrides:
        return [f"{pad}{doc.key}: {_scalar(overrides[key_path])}  # {_comment(doc)}"]
    if doc.shape == "text":
        return [head, *_text(doc, indent + 2, languages, of_item)]
    if doc.shape == "texts":
        return [head, f"{pad}  -", *_text(doc, indent + 4, languages)]
    if doc.shape == "model" and doc.model is not None:
        return [head, *_mapping(doc.model, indent + 2, languages, overrides, f"{key_path}.")]
    if doc.shape == "map" and doc.model is not None:  # a quote's translations
        lines = [head]
        for lang in languages[1:]:
            lines.append(f"{pad}  {lang}:")
            lines += _mapping(doc.model, indent + 4, languages, overrides, f"{key_path}.")
        return lines
    if doc.shape == "models" and doc.model is not None:
        return [head, *_items(doc.model, indent + 2, languages, overrides, f"{key_path}.")]
    value = doc.example if example and doc.example is not None else _plain_value(doc)
    return [f"{pad}{doc.key}: {_scalar(value)}  # {_comment(doc)}"]


def _items(model: type[BaseModel], indent: int, languages: list[str],
           overrides: dict[str, Any], prefix: str) -> list[str]:
    """A list of mappings: one item (three options: a question needs them; an agenda's kinds)."""
    pad = " " * indent
    if model.__name__ == "AgendaItem":
        activity = _mapping(Activity, indent + 4, languages, overrides, "agenda.activity.")
        return [f"{pad}- activity:  # an activity: opening, pre-test, exercise", *activity,
                f"{pad}- scenario: {PLACEHOLDER_ID}scenario-id  # the id of a scenario",
                f"{pad}- break: 15  # a break, in minutes"]
    options = model.__name__ == "Option"
    lines: list[str] = []
    for number in range(3 if options else 1):
        body = _mapping(model, indent + 2, languages,
                        {**overrides, **({f"{prefix}correct": number == 0} if options else {})},
                        prefix, of_item=f"option {number + 1}" if options else "")
        first = body[0].lstrip()
        lines.append(f"{pad}- {first}")
        lines += body[1:]
    return lines


def _text(doc: FieldDoc, indent: int, languages: list[str], of_item: str = "") -> list[str]:
    pad = " " * indent
    what = doc.key.replace("_", " ") + (f" of {of_item}" if of_item else "")
    return [f"{pad}{lang}: {json.dumps(f'{PLACEHOLDER} the {what} in {lang}', ensure_ascii=False)}"
            for lang in languages]


def _plain_value(doc: FieldDoc) -> Any:
    if not doc.required:
        return {} if doc.default is None else doc.default
    if doc.shape == "list":
        return [f"{PLACEHOLDER_ID}{_REFERENCE.get(doc.key, doc.key)}-id"]
    if doc.allowed:
        return doc.allowed[0]
    if isinstance(doc.example, (int, float)) and not isinstance(doc.example, bool):
        return doc.example
    return f"{PLACEHOLDER} {doc.key.replace('_', ' ')}"


def _scalar(value: Any) -> str:
    """A value as one line of YAML (JSON is YAML; plain words stay plain)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    if isinstance(value, str) and value.replace("-", "").replace(".", "").isalnum() \
            and not value[0].isdigit() and value not in ("true", "false", "null", "yes", "no",
                                                          "on", "off"):
        return value
    return json.dumps(value, ensure_ascii=False)


def _comment(doc: FieldDoc) -> str:
    first = doc.description.split(". ")[0].rstrip(".")
    listed = all(value in first for value in doc.allowed)
    allowed = f" ({' | '.join(doc.allowed)})" if doc.allowed and not listed else ""
    return f"{'(required) ' if doc.required else ''}{first}{allowed}"
