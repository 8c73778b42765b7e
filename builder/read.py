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


def _size(size: int) -> str:
    """A file's size as the limit's message gives it: in MB, or in bytes when it rounds to the
    limit itself ("1.0 MB; … at most 1 MB" would read as no reason at all)."""
    megabytes = size / 1024 / 1024
    return f"{size:,} bytes" if round(megabytes, 1) <= 1.0 else f"{megabytes:.1f} MB"


def read_yaml(path: Path, file: str) -> ReadFile:
    result = ReadFile(file)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            result.findings.append(error(
                Location(file), f"file is {_size(size)}; curriculum files may be at most 1 MB "
                f"({MAX_FILE_BYTES:,} bytes): split it into smaller files", "yaml.too-large"))
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
        events = _events(text, result, loader)
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
    if events is None:  # an alias or a nesting too deep: reported
        return
    documents = events.documents
    if len(documents) > 1:  # where the second document's node starts
        result.findings.append(error(
            _mark(file, events[documents[1]].start_mark), "file holds more than one YAML "
            "document (---); keep one per file", "yaml.not-mapping"))
        return
    root = events[documents[0]] if documents else None
    if type(root) is not yaml.MappingStartEvent:
        what = "empty" if root is None or (type(root) is yaml.ScalarEvent and root.value == "") \
            else "not a mapping"
        result.findings.append(error(
            _mark(file, root.start_mark if root else None), f"file is {what}; a curriculum file "
            "is a mapping of keys to values (key: value)", "yaml.not-mapping"))
        return
    result.data = _Converter(events, text, result).value(documents[0], ())[0]


class _Events(list[Any]):
    """A file's parser events, and where each document's node starts among them."""

    documents: list[int]


def _events(text: str, result: ReadFile, loader: Any) -> _Events | None:
    """Every parser event of `text` (as `yaml.parse` gives them), or None with the finding
    when the file uses an anchor or an alias or nests too deep. The values are then read
    from these events: composing nodes from them would parse the text a second time."""
    file = result.file
    events = _Events()
    events.documents = []
    depth = 0
    parser = loader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.AliasEvent or getattr(event, "anchor", None):
                result.findings.append(error(
                    _mark(file, event.start_mark), "YAML anchors and aliases (&name, *name) are "
                    "not allowed; write the value out in full", "yaml.alias"))
                return None
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:  # the converter recurses: stop before it does
                    result.findings.append(error(
                        _mark(file, event.start_mark), f"lists and mappings nested more than "
                        f"{MAX_DEPTH} deep; a curriculum file needs a few levels at most",
                        "yaml.syntax"))
                    return None
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            elif kind is yaml.DocumentStartEvent:
                events.documents.append(len(events) + 1)
            events.append(event)
    finally:
        parser.dispose()
    return events


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
"""The tags of untagged nodes, as both safe loaders resolve them when they compose nodes."""
_MAP_TAG, _SEQ_TAG = _RESOLVER.DEFAULT_MAPPING_TAG, _RESOLVER.DEFAULT_SEQUENCE_TAG
"""An untagged mapping's and list's tags: the safe resolver has no path resolvers, so these."""


def _scalar_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """An untagged scalar's tag, as the resolver gives it: a quoted one is a text."""
    if not implicit[0]:
        return _STR_TAG
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
    return tag


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _Converter:
    """Plain values from a file's events, with each value's and key's place: what composing the
    nodes and walking them would give, in one walk over the events."""

    def __init__(self, events: list[Any], text: str, result: ReadFile) -> None:
        self.events, self.text, self.result = events, text, result
        self.file = result.file

    def value(self, at: int, path: FieldPath) -> tuple[Any, int]:
        """The value whose node starts at event `at`, and the event after its node."""
        event = self.events[at]
        result, file = self.result, self.file
        mark = event.start_mark
        result.values[(file, path)] = Location(file, mark.line + 1, mark.column + 1)
        kind = type(event)
        tag = event.tag
        if kind is yaml.ScalarEvent:
            if tag is None or tag == "!":
                tag = _scalar_tag(event.value, event.implicit)
            if tag == _STR_TAG:  # most values: a text
                return _text(event, self.text, result), at + 1
        elif tag is None or tag == "!":  # a list or mapping: the resolver's default tag
            tag = _MAP_TAG if kind is yaml.MappingStartEvent else _SEQ_TAG
        if tag not in _PLAIN_TAGS:
            result.findings.append(error(
                _mark(file, mark), f"YAML tag {_short_tag(tag)} is not allowed; "
                "write plain text, numbers, true/false, lists and mappings", "yaml.syntax"))
            return None, self.after(at)
        if kind is yaml.MappingStartEvent:
            return self.mapping(at + 1, path)
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            at += 1
            while type(self.events[at]) is not yaml.SequenceEndEvent:
                item, at = self.value(at, (*path, len(items)))
                items.append(item)
            return items, at + 1
        return _scalar(event, tag, self.text, result), at + 1

    def mapping(self, at: int, path: FieldPath) -> tuple[dict[str, Any], int]:
        result, file, events = self.result, self.file, self.events
        keys = result.keys
        mapping: dict[str, Any] = {}
        while type(events[at]) is not yaml.MappingEndEvent:
            key_event = events[at]
            if type(key_event) is not yaml.ScalarEvent:
                result.findings.append(error(
                    _mark(file, key_event.start_mark), "a key must be a plain word, not a "
                    "list or mapping", "yaml.syntax"))
                at = self.after(self.after(at))  # neither the key nor its value is read
                continue
            key = key_event.value
            if key in mapping:
                result.findings.append(error(
                    _mark(file, key_event.start_mark), f"key '{key}' appears twice in this "
                    "mapping; keep one", "contract.duplicate-key"))
                at = self.after(at + 1)
                continue
            mark = key_event.start_mark
            keys[(file, (*path, key))] = Location(file, mark.line + 1, mark.column + 1)
            mapping[key], at = self.value(at + 1, (*path, key))
        return mapping, at + 1

    def after(self, at: int) -> int:
        """The event after the node that starts at event `at`, its contents skipped."""
        depth = 0
        while True:
            kind = type(self.events[at])
            at += 1
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
            if depth == 0:
                return at


def _text(event: Any, text: str, result: ReadFile, value: str | None = None) -> str:
    """A text is its event's value, as SafeConstructor's construct_yaml_str returns it (or
    `value`, what another tag made of it); a control character in it is a finding."""
    value = event.value if value is None else value
    bad = _CONTROL.search(value)
    if bad:
        result.findings.append(error(
            _escape_location(event, text, result.file), f"control character "
            f"{_control_name(bad.group())} in text; delete the escape", "yaml.control-char"))
    return value


def _scalar(event: Any, tag: str, text: str, result: ReadFile) -> Any:
    """A value of another plain tag (a number, true/false, a date, nothing), through the
    constructor's dispatch."""
    try:
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        value = _SCALARS.construct_object(node, deep=True)  # type: ignore[no-untyped-call]
    except yaml.constructor.ConstructorError as exc:
        result.findings.append(error(
            _mark(result.file, event.start_mark), f"YAML: {exc.problem}; write plain text, "
            "numbers or true/false", "yaml.syntax"))
        return None
    except ValueError:  # 2027-13-15 looks like a date to YAML but is none: the model says so
        value = event.value
    return _text(event, text, result, value) if isinstance(value, str) else value


def _escape_location(node: Any, text: str, file: str) -> Location:
    """Where in a double-quoted scalar (its event) the escape that produced a control
    character stands."""
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
