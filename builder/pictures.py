"""The pictures a curriculum shows: where each is declared and where its file is.

A scenario's `image` goes with its situation; a stage's with that stage. Only the deck, the
handout's case sheets and the guide show them (nothing else copies the files).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .model import Image, Scenario

IMAGES_FOLDER = "images"


def images_of(scenario: Scenario) -> Iterator[tuple[tuple[str | int, ...], Image]]:
    """(path in the scenario's YAML, image) of every picture the scenario declares."""
    if scenario.image is not None:
        yield ("image",), scenario.image
    for index, stage in enumerate(scenario.stages):
        if stage.image is not None:
            yield ("stages", index, "image"), stage.image


def picture_file(root: Path, image: Image) -> Path:
    """The picture's file (checked by `voces check` to lie inside `images/`)."""
    return root / image.file
