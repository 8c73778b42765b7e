"""Read one YAML file safely into plain values, keeping file:line:col for every node.

Refuses what an editor never needs and an attacker would use: files over 1 MB, binary files,
anchors and aliases (alias bombs), tags that build objects, duplicate keys, control characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding, Location, error
from .model import FieldPath
from .yaml_errors import explain

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 50
"""Lists and mappings nest this deep at most (the deepest field of the contract is 6 deep)."""

# libyaml when PyYAML has it (ten times faster, same marks); both only ever build plain values.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.constructor.SafeConstructor()

# C0 and C1 controls except tab, line feed and carriage return (and NEL), plus non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0abvfeN_LP])")


@dataclass
class ReadFile:
    """One file read: its plain data (None when unreadable) and where each node stands."""

    file: str
    data: Any = None
    values: dict[tuple[str, FieldPath], Location] = field(default_factory=dict)
    keys: dict[tuple[str, FieldPath], Location] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    text: str | None = None
    """The file as read (decoded), kept so that nothing has to read the disk again."""


# What the YAML parser counts as a line break, so that our lines are its lines (a file saved
# with CR line endings, a U+2028 in a text).
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


def _control_name(char: str) -> str:
    return f"U+{ord(char):04X}"


def read_yaml(path: Path, file: str) -> ReadFile:
    result = ReadFile(file)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            result.findings.append(error(
                Location(file), f"file is {size / 1024 / 1024:.1f} MB; curriculum files may be at "
                "most 1 MB: split it into smaller files", "yaml.too-large"))
            return result
        raw = path.read_bytes()
    except OSError as exc:  # unreadable (permissions, a file removed while checking)
        result.findings.append(error(
            Location(file), f"file cannot be read ({exc.strerror or exc}); make it readable",
            "yaml.encoding"))
        return result
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # exc.start counts bytes after the BOM; columns are chars
        before = raw.removeprefix(b"\xef\xbb\xbf")[: exc.start].decode("utf-8", "replace")
        line, col = line_col(before, len(before))
        result.findings.append(error(
            Location(file, line, col), "file is not UTF-8 text (is it a binary file?); save it "
            "as UTF-8 YAML", "yaml.encoding"))
        return result
    result.text = text
    if "\x00" in text:
        result.findings.append(error(
            Location(file), "file holds NUL bytes (is it a binary file?); a curriculum file is "
            "UTF-8 YAML text", "yaml.encoding"))
        return result
    controls = list(_CONTROL.finditer(text))
    for match in controls:
        line, col = line_col(text, match.start())
        result.findings.append(error(
            Location(file, line, col), f"control character {_control_name(match.group())} in the "
            "file; delete it (it breaks Word and PowerPoint files)", "yaml.control-char"))
    if controls:
        return result
    try:
        _parse(text, result)
    finally:  # the constructor keeps every node it built: a long `voces serve` would grow
        _SCALARS.constructed_objects.clear()
    if result.findings:
        result.data = None  # one clear message per broken file, not a cascade from it
    return result


def _mark(file: str, mark: yaml.Mark | None) -> Location:
    if mark is None:
        return Location(file)
    return Location(file, mark.line + 1, mark.column + 1)


def _parse(text: str, result: ReadFile, loader: Any = _LOADER) -> None:
    file = result.file
    try:
        depth = 0
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                result.findings.append(error(
                    _mark(file, event.start_mark), "YAML anchors and aliases (&name, *name) are "
                    "not allowed; write the value out in full", "yaml.alias"))
                return
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:  # the converter and composer recurse: stop before they do
                    result.findings.append(error(
                        _mark(file, event.start_mark), f"lists and mappings nested more than "
                        f"{MAX_DEPTH} deep; a curriculum file needs a few levels at most",
                        "yaml.syntax"))
                    return
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        documents = list(yaml.compose_all(text, Loader=loader))
    except yaml.MarkedYAMLError as exc:
        if loader is not yaml.SafeLoader:  # the pure-Python parser words its errors better
            return _parse(text, result, yaml.SafeLoader)
        explained = explain(exc, text)
        result.findings.append(error(
            Location(file, explained.line, explained.col), explained.message, "yaml.syntax"))
        return
    except yaml.YAMLError as exc:
        if loader is not yaml.SafeLoader:
            return _parse(text, result, yaml.SafeLoader)
        result.findings.append(error(
            Location(file), f"YAML syntax: {exc}; fix the syntax", "yaml.syntax"))
        return
    if len(documents) > 1:
        second = documents[1]
        result.findings.append(error(
            _mark(file, second.start_mark), "file holds more than one YAML document (---); "
            "keep one per file", "yaml.not-mapping"))
        return
    node = documents[0] if documents else None
    if not isinstance(node, yaml.MappingNode):
        what = "empty" if node is None or (isinstance(node, yaml.ScalarNode) and node.value == "") \
            else "not a mapping"
        result.findings.append(error(
            _mark(file, node.start_mark if node else None), f"file is {what}; a curriculum file "
            "is a mapping of keys to values (key: value)", "yaml.not-mapping"))
        return
    result.data = _convert(node, (), text, result)


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "map", "seq", "timestamp")}


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _convert(node: yaml.Node, path: FieldPath, text: str, result: ReadFile) -> Any:
    result.values[(result.file, path)] = _mark(result.file, node.start_mark)
    if node.tag not in _PLAIN_TAGS:
        result.findings.append(error(
            _mark(result.file, node.start_mark), f"YAML tag {_short_tag(node.tag)} is not allowed; "
            "write "
            "plain text, numbers, true/false, lists and mappings", "yaml.syntax"))
        return None
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                result.findings.append(error(
                    _mark(result.file, key_node.start_mark), "a key must be a plain word, not a "
                    "list or mapping", "yaml.syntax"))
                continue
            key = key_node.value
            if key in mapping:
                result.findings.append(error(
                    _mark(result.file, key_node.start_mark), f"key '{key}' appears twice in this "
                    "mapping; keep one", "contract.duplicate-key"))
                continue
            result.keys[(result.file, (*path, key))] = _mark(result.file, key_node.start_mark)
            mapping[key] = _convert(value_node, (*path, key), text, result)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), text, result) for i, item in enumerate(node.value)]
    return _scalar(node, path, text, result)


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: yaml.Node, path: FieldPath, text: str, result: ReadFile) -> Any:
    try:
        # A text is its node's value, as SafeConstructor's construct_yaml_str returns it; the
        # constructor's dispatch is kept for the other tags (most scalars are texts).
        if node.tag == _STR_TAG:
            value = node.value
        else:
            value = _SCALARS.construct_object(node, deep=True)  # type: ignore[no-untyped-call]
    except yaml.constructor.ConstructorError as exc:
        result.findings.append(error(
            _mark(result.file, node.start_mark), f"YAML: {exc.problem}; write plain text, "
            "numbers or true/false", "yaml.syntax"))
        return None
    except ValueError:  # 2027-13-15 looks like a date to YAML but is none: the model says so
        value = node.value
    if isinstance(value, str):
        bad = _CONTROL.search(value)
        if bad:
            result.findings.append(error(
                _escape_location(node, text, result.file), f"control character "
                f"{_control_name(bad.group())} in text; delete the escape", "yaml.control-char"))
    return value


def _escape_location(node: yaml.Node, text: str, file: str) -> Location:
    """Where in a double-quoted scalar the escape that produced a control character stands."""
    start, end = node.start_mark.index, node.end_mark.index
    for match in _ESCAPE.finditer(text, start, end):
        decoded = match.group(1)
        if decoded[0] in "xuU":
            char = chr(int(decoded[1:], 16))
        else:
            char = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "e": "\x1b",
                    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}[decoded]
        if _CONTROL.match(char):
            line, col = line_col(text, match.start())
            return Location(file, line, col)
    return _mark(file, node.start_mark)
