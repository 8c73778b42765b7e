"""The reader takes each file's values and their places from the parser's events in one walk:
what PyYAML's composed nodes would give, value for value and place for place, on every YAML
file of the example and the fixtures (both the libyaml and the pure-Python parser)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, REPO

from builder.findings import Location
from builder.load import curriculum_files
from builder.read import ReadFile, _parse, read_yaml

CURRICULA = [REPO, *sorted(p for p in FIXTURES.iterdir() if (p / "curriculum.yaml").is_file())]
FILES = [(root, file) for root in CURRICULA for file in curriculum_files(root)]


def composed(text: str, file: str) -> tuple[Any, dict[Any, Location], dict[Any, Location]]:
    """The plain value and the places, from the composed nodes (what the reader did before)."""
    values: dict[Any, Location] = {}
    keys: dict[Any, Location] = {}

    def walk(node: yaml.Node, path: tuple[str | int, ...]) -> Any:
        values[(file, path)] = Location(file, node.start_mark.line + 1,
                                        node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            mapping = {}
            for key, value in node.value:
                keys[(file, (*path, key.value))] = Location(
                    file, key.start_mark.line + 1, key.start_mark.column + 1)
                mapping[key.value] = walk(value, (*path, key.value))
            return mapping
        if isinstance(node, yaml.SequenceNode):
            return [walk(item, (*path, i)) for i, item in enumerate(node.value)]
        return yaml.SafeLoader("").construct_object(node)  # type: ignore[no-untyped-call]

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # as the reader parses
    return walk(yaml.compose(text, Loader=loader), ()), values, keys


def test_every_curriculum_file_is_read():
    assert len(FILES) > 30 and len(CURRICULA) > 5


@pytest.mark.parametrize("root, file", FILES, ids=[f"{r.name}/{f}" for r, f in FILES])
def test_the_values_and_places_are_the_composed_nodes(root: Path, file: str):
    text = (root / file).read_text(encoding="utf-8")
    data, values, keys = composed(text, file)
    read = read_yaml(root / file, file)
    assert read.findings == []
    assert read.data == data
    assert read.values == values and read.keys == keys


EXAMPLE = [(root, file) for root, file in FILES if root == REPO]


@pytest.mark.parametrize("root, file", EXAMPLE, ids=[file for _, file in EXAMPLE])
def test_the_pure_python_parser_reads_the_same(root: Path, file: str):
    """The parser a syntax error is explained with (it refuses some texts libyaml takes, such
    as a '?' inside a flow mapping in the fixtures, so the example's files)."""
    text = (root / file).read_text(encoding="utf-8")
    with_libyaml = read_yaml(root / file, file)
    pure = ReadFile(file)
    _parse(text, pure, yaml.SafeLoader)
    assert (pure.data, pure.values, pure.keys) == (
        with_libyaml.data, with_libyaml.values, with_libyaml.keys)


def test_a_node_skipped_for_a_bad_key_or_a_repeat_leaves_no_place(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n[b, c]: {d: [1, 2]}\na: {e: 3}\nf: [4]\n", encoding="utf-8")
    read = read_yaml(path, "x.yaml")
    assert [f.rule for f in read.findings] == ["yaml.syntax", "contract.duplicate-key"]
    assert sorted(path for _, path in read.values) == [(), ("a",), ("f",), ("f", 0)]
