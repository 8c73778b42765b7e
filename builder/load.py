"""YAML files → the immutable curriculum model, with every contract mistake as a finding."""

from __future__ import annotations

import difflib
import typing
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .curriculum import SETTINGS_FILE, Curriculum, SourceMap
from .findings import Finding, Location, error
from .model import FieldPath, Module, Scenario, Settings, Source, path_text
from .model_delivery import Delivery
from .model_values import unwrap_annotation
from .positions import place
from .read import ReadFile, read_yaml
from .where import NotACurriculum as NotACurriculum  # defined there, for a lighter import

FOLDERS: dict[str, type[BaseModel]] = {
    "sources": Source, "scenarios": Scenario, "modules": Module, "deliveries": Delivery}
KINDS = {"sources": "source", "scenarios": "scenario", "modules": "module",
         "deliveries": "delivery"}
"""A curriculum without deliveries/ builds as before: the folder is optional like the others."""


INPUT_FOLDERS = (*FOLDERS, "images", "templates")
"""Folders of a curriculum that its files are read from: the YAML, pictures, own templates."""


def writes_into_inputs(root: Path, target: Path, theme: str = "default") -> bool:
    """Whether a folder written at `target` would land in the curriculum's inputs: the
    curriculum's own folder or one above it, an input folder or one inside it, the folder of
    its own theme (`theme:`), or `curriculum.yaml`."""
    root, target = root.resolve(), target.resolve()
    inputs = [root / name for name in (*INPUT_FOLDERS, SETTINGS_FILE)]
    if theme != "default":
        inputs.append(root / theme)
    return target == root or target in root.parents or any(
        target == folder or folder in target.parents for folder in inputs)


def curriculum_files(root: Path) -> list[str]:
    """The curriculum's YAML files, relative to root, in a stable order."""
    files = [SETTINGS_FILE]
    for folder in FOLDERS:
        base = root / folder
        if base.is_dir():  # `.yaml` alone is a YAML file too (misnamed), not a hidden file
            found = [p for p in base.iterdir()
                     if p.name.endswith((".yaml", ".yml")) and p.is_file()]
            files += [f"{folder}/{p.name}" for p in sorted(found)]
    return files


def load_curriculum(root: Path) -> tuple[Curriculum | None, list[Finding]]:
    """Read and validate every file; the model holds every document that validated."""
    settings_path = root / SETTINGS_FILE
    if not settings_path.is_file():
        why = (f" ({SETTINGS_FILE} is a folder)" if settings_path.is_dir() else
               f" ({SETTINGS_FILE} is a link to nothing)" if settings_path.is_symlink() else "")
        raise NotACurriculum(f"{root} holds no {SETTINGS_FILE}{why}")
    findings: list[Finding] = []
    broken: set[str] = set()
    failed: set[str] = set()  # folders with a file not read or not valid (failed_folders)
    for folder, kind in KINDS.items():
        if (root / folder).exists() and not (root / folder).is_dir():
            findings.append(error(Location(folder), f"{folder} is a file; {folder}/ must be a "
                                  f"folder holding one YAML file per {kind}", "contract.file-name"))
            broken.add(f"*{folder}")  # what it should hold is not reported missing
            failed.add(folder)
        elif (root / folder).is_dir() and (not_files := _not_files(root, folder, kind)):
            findings += not_files
            failed.add(folder)
    values: dict[tuple[str, FieldPath], Location] = {}
    keys: dict[tuple[str, FieldPath], Location] = {}
    read: list[ReadFile] = []
    for file in curriculum_files(root):
        result = read_yaml(root / file, file)
        findings += result.findings
        values.update(result.values)
        keys.update(result.keys)
        read.append(result)
    source_map = SourceMap(values, keys)

    settings_file = read[0]
    languages = _languages(settings_file.data)
    context = {"languages": languages}
    settings = _validate(Settings, settings_file, context, source_map, findings)

    documents: dict[str, list[Any]] = {folder: [] for folder in FOLDERS}
    files: dict[tuple[str, str], tuple[str, ...]] = {}
    for result in read[1:]:
        folder = result.file.split("/", 1)[0]
        document = _validate(FOLDERS[folder], result, context, source_map, findings)
        if document is None:
            broken |= _raw_ids(result.data) if result.data is not None else {f"*{folder}"}
            broken.add(Path(result.file).stem)
            failed.add(folder)
            continue
        documents[folder].append(document)
        files[folder, document.id] = (*files.get((folder, document.id), ()), result.file)
    if settings is None:
        return None, findings
    curriculum = Curriculum(
        root=root,
        settings=settings,
        sources=tuple(documents["sources"]),
        scenarios=tuple(documents["scenarios"]),
        modules=tuple(documents["modules"]),
        deliveries=tuple(documents["deliveries"]),
        files=files,
        source_map=source_map,
        broken_ids=frozenset(broken),
        failed_folders=frozenset(failed),
        raw_texts={r.file: r.text for r in read if r.text is not None},
    )
    return curriculum, findings


def _not_files(root: Path, folder: str, kind: str) -> list[Finding]:
    """A name of a YAML file in the folder that is no file (a link to nothing, a folder):
    never read, so said, rather than skipped without a word."""
    found = []
    for path in sorted((root / folder).iterdir()):
        if path.name.endswith((".yaml", ".yml")) and not path.is_file():
            what = "a folder" if path.is_dir() else "a link to nothing"
            found.append(error(Location(f"{folder}/{path.name}"), f"{folder}/{path.name} is "
                               f"{what}, not a YAML file; make it one {kind}'s file, or "
                               "remove it", "contract.file-name"))
    return found


def _raw_ids(data: Any) -> set[str]:
    """Every `id` inside a document that failed validation, so nothing cascades from it."""
    found: set[str] = set()
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            found.add(data["id"])
        for value in data.values():
            found |= _raw_ids(value)
    elif isinstance(data, list):
        for item in data:
            found |= _raw_ids(item)
    return found


def _languages(data: Any) -> list[str]:
    if isinstance(data, dict):
        langs = data.get("languages")
        if isinstance(langs, list) and langs and all(isinstance(x, str) for x in langs):
            return langs
    return ["en"]


def _validate(
    model: type[BaseModel], result: ReadFile, context: dict[str, Any],
    source_map: SourceMap, findings: list[Finding],
) -> Any:
    if result.data is None:
        return None
    try:
        return model.model_validate(result.data, context=context)
    except ValidationError as exc:
        problems = exc.errors()
        for problem in problems:
            if not _explained_by_typo(model, problem, problems):
                found = _finding(model, problem, result.file, source_map, result.data)
                findings.append(replace(found, path=path_text(tuple(problem["loc"]))))
        return None


def _explained_by_typo(model: type[BaseModel], problem: Any, problems: list[Any]) -> bool:
    """A missing field whose misspelling is reported as an unknown key is not reported twice."""
    if problem["type"] != "missing":
        return False
    parent, key = tuple(problem["loc"][:-1]), problem["loc"][-1]
    for other in problems:
        loc = tuple(other["loc"])
        if other["type"] == "extra_forbidden" and loc[:-1] == parent:
            close = difflib.get_close_matches(str(loc[-1]), fields_at(model, parent), 1, 0.6)
            if close and close[0] == key:
                return True
    return False


def _finding(model: type[BaseModel], problem: Any, file: str, source_map: SourceMap,
             data: Any) -> Finding:
    """The finding for one validation problem; positions named (the 2nd stage ('Arrival'))."""
    kind = problem["type"]
    path: FieldPath = tuple(problem["loc"])
    where = place(data, path)
    value = problem.get("input")
    if kind == "extra_forbidden":
        parent, key = path[:-1], str(path[-1])
        message = f"unknown key '{key}'"
        known = fields_at(model, parent)
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if close:
            message += f" (did you mean '{close[0]}'?)"
        elif known:
            message += f"; the keys here are: {', '.join(known)}"
        if parent:
            message = f"{place(data, parent)}: {message}"
        return error(source_map.locate_key(file, path), message, "contract.unknown-key")
    if kind == "missing":
        parent, key = path[:-1], str(path[-1])
        message = f"missing required field '{key}'"
        if parent:
            message = f"{place(data, parent)}: {message}"
        return error(source_map.locate(file, parent), message, "contract.required")
    location = source_map.locate(file, path)
    if kind == "too_short":
        least = problem.get("ctx", {}).get("min_length", 1)
        unit = "item" if least == 1 else "items"
        return error(location, f"{where}: needs at least {least} {unit}", "contract.required")
    expected = _EXPECTED.get(kind)
    if expected:
        got = _got(value)
        hint = ""
        if kind == "string_type" and type(value) in (int, float):
            hint = f" (write it in quotes: \"{value}\")"
        elif kind == "string_type" and type(value) is bool:  # `no`, `yes`, `on`, `off`
            hint = (" (YAML reads an unquoted no, yes, on or off as true or false: write it in "
                    "quotes, as \"no\")")
        return error(location, f"{where}: expected {expected}, got {got}{hint}", "contract.type")
    if kind in ("text_type", "id_type", "agenda_item"):
        return error(location, f"{where}: {problem['msg']}", "contract.type")
    if kind == "literal_error":
        allowed = problem.get("ctx", {}).get("expected", "")
        return error(location, f"{where}: {value!r} is not allowed; use one of {allowed}",
                     "contract.value")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return error(location, f"{where}: {value!r} is impossible here; "
                     f"{problem['msg'].lower().replace('input should be', 'it must be')}",
                     "contract.value")
    if kind == "string_pattern_mismatch" and path and path[0] == "language_tags":
        return error(location, f"{where}: {value!r} is not a language tag; write one like "
                     "en-GB or es-PE (BCP 47)", "contract.value")
    if kind == "string_pattern_mismatch" and path and path[0] == "languages":
        return error(location, f"{where}: {value!r} is not a language code; use a two- or "
                     "three-letter code such as en or es", "contract.value")
    return error(location, f"{where}: {problem['msg']}", "contract.value")


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list (items starting with '- ')",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "none_required": "nothing",
}


def _got(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def fields_at(model: type[BaseModel], path: FieldPath) -> list[str]:
    """The keys a mapping at `path` inside `model` may hold, as written in YAML."""
    current: Any = model
    for part in path:
        current = unwrap_annotation(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = _field_named(current, part)
            current = field.annotation if field else None
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return []
    current = unwrap_annotation(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _field_named(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field
    return None


