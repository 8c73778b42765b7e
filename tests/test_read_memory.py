"""Reading a curriculum file keeps none of its YAML nodes alive: `voces serve` reads every save
again for hours, and PyYAML's constructor remembers each node it has built until told not to."""

from __future__ import annotations

import gc
from pathlib import Path

import yaml

from builder.read import read_yaml


def live_scalar_nodes() -> int:
    gc.collect()
    return sum(isinstance(thing, yaml.ScalarNode) for thing in gc.get_objects())


def test_reading_a_file_again_and_again_does_not_grow(tmp_path: Path):
    path = tmp_path / "module.yaml"
    path.write_text("id: m1\nminutes: 90\ndate: 2027-03-15\noptional: true\nratio: 0.5\n"
                    "title: {en: A title}\n", encoding="utf-8")
    first = read_yaml(path, "module.yaml")
    assert first.data["minutes"] == 90 and first.data["optional"] is True
    after_one = live_scalar_nodes()
    for _ in range(25):
        read_yaml(path, "module.yaml")
    assert live_scalar_nodes() == after_one
