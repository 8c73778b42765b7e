"""Pictures: each file exists inside images/, is a whole PNG or JPEG of at most 5 MB, and names
who made it; a narrow picture or a long alternative text is a warning. (Alternative text
missing in a build language is contract.language; a missing key, contract.required.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from PIL import Image as PillowImage

from ..curriculum import Curriculum
from ..findings import Finding, Location, error, warning
from ..model import Image, Scenario
from ..pictures import IMAGES_FOLDER, images_of, picture_file

MAX_BYTES = 5 * 1024 * 1024
MIN_WIDTH = 800
"""Pixels across: narrower pictures look blurred when projected."""
MAX_ALT_CHARS = 250
"""Longer alternative text belongs in the text itself."""
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def check_images(curriculum: Curriculum) -> Iterator[Finding]:
    for scenario in curriculum.scenarios:
        yield from scenario_images(curriculum, scenario)


def scenario_images(curriculum: Curriculum, scenario: Scenario) -> list[Finding]:
    """One scenario's findings: a build reuses them while the scenario's file and its
    pictures are as the previous build checked them (`check_reuse.py`)."""
    return [finding for path, image in images_of(scenario)
            for finding in _check_one(curriculum, scenario, path, image)]


def _check_one(curriculum: Curriculum, scenario: Scenario, path: tuple[str | int, ...],
               image: Image) -> Iterator[Finding]:
    where = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
    at = curriculum.locate(scenario, *path, "file")
    name = image.file
    root = curriculum.root.resolve()
    file = picture_file(curriculum.root, image).resolve()
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or parts[0] != IMAGES_FOLDER or not file.is_relative_to(root / IMAGES_FOLDER):
        yield error(at, f"{where}.file: '{name}' is outside the curriculum's {IMAGES_FOLDER}/ "
                    f"folder; put the picture in {IMAGES_FOLDER}/ and write "
                    f"{IMAGES_FOLDER}/<name>", "image.outside")
    elif not file.is_file():
        yield error(at, f"{where}.file: no file '{name}'; add it to {IMAGES_FOLDER}/ or correct "
                    "the name", "image.missing")
    else:
        yield from _check_file(at, where, name, file)
    for lang, text in image.alt.items():  # an empty one is already a contract.value error
        if len(text) > MAX_ALT_CHARS:
            yield warning(curriculum.locate(scenario, *path, "alt", lang),
                          f"{where}.alt.{lang}: {len(text)} characters of alternative text (at "
                          f"most {MAX_ALT_CHARS}); say the rest in the text itself",
                          "image.alt-long")
    if not image.credit.strip():
        yield error(curriculum.locate(scenario, *path, "credit"),
                    f"{where}.credit: the credit is empty; say who made the picture (and its "
                    "licence if not the editors')", "image.credit")


def _check_file(at: Location, where: str, name: str, file: Path) -> Iterator[Finding]:
    size = file.stat().st_size
    if size > MAX_BYTES:
        yield error(at, f"{where}.file: '{name}' is {size / 1024 / 1024:.1f} MB (at most 5 MB); "
                    "save it smaller", "image.too-large")
        return
    with file.open("rb") as handle:
        head = handle.read(8)
    kind = next((k for signature, k in SIGNATURES.items() if head.startswith(signature)), None)
    if kind is None:
        yield error(at, f"{where}.file: '{name}' is not a PNG or JPEG picture; save it as "
                    "PNG or JPEG", "image.format")
        return
    try:
        with PillowImage.open(file) as picture:
            picture.verify()
        with PillowImage.open(file) as picture:
            picture.load()
            width = picture.width
    except Exception:  # Pillow raises many kinds for broken files: one message for them all
        yield error(at, f"{where}.file: '{name}' is a corrupt or truncated {kind}; save it "
                    "again", "image.corrupt")
        return
    if width < MIN_WIDTH:
        yield warning(at, f"{where}.file: '{name}' is {width} px wide, too small to project "
                      f"(at least {MIN_WIDTH} px)", "image.small")


RULES = [check_images]
