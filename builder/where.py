"""Which curriculum a PATH on the command line means, as git finds its repository.

PATH may be the curriculum's folder, its curriculum.yaml, any file inside it (whose findings are
then reported first) or any folder below it: the nearest folder at or above PATH that holds a
curriculum.yaml is the curriculum.

It imports nothing of the model: a build with nothing to do finds its curriculum and stops
(builder/unchanged.py) without loading pydantic or the YAML reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SETTINGS_FILE = "curriculum.yaml"
"""The file that makes a folder a curriculum."""


class NotACurriculum(Exception):
    """PATH holds no curriculum.yaml (exit status 2, not a finding)."""


@dataclass(frozen=True)
class Target:
    root: Path
    """The curriculum's folder."""
    file: str | None = None
    """The file PATH named, relative to root with '/' (None when PATH is a folder)."""


def find_curriculum(path: Path) -> Target:
    """The curriculum PATH belongs to; NotACurriculum when no folder at or above it has one."""
    named = path.name == SETTINGS_FILE and not path.is_dir()
    start = path.parent if (path.is_file() or named) else path
    if not start.exists():
        raise NotACurriculum(f"{path} does not exist")
    start_abs = start.resolve()
    for folder in (start_abs, *start_abs.parents):
        settings = folder / SETTINGS_FILE
        if settings.is_file() or settings.is_dir() or settings.is_symlink():
            root = start if folder == start_abs else _shortest(folder)
            if not settings.is_file():  # load_curriculum says why it is no curriculum
                return Target(root)
            file = None
            if path.is_file():
                file = path.resolve().relative_to(folder).as_posix()
            return Target(root, file)
    raise NotACurriculum(f"{path} holds no {SETTINGS_FILE}, and no folder above it does")


def _shortest(folder: Path) -> Path:
    """The folder relative to the working directory when it is inside it (shorter messages)."""
    try:
        return folder.relative_to(Path.cwd().resolve()) if folder != Path.cwd().resolve() \
            else Path(".")
    except ValueError:
        return folder
