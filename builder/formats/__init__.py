"""The output formats, by KIND. A new format is one module here and one line in FORMATS."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..context import BuildContext
from . import agenda

Format = Callable[[BuildContext], list[Path]]
"""Writes one module in one language into `context.folder`; returns the files written."""

FORMATS: dict[str, Format] = {
    "agenda": agenda.build,
}


def kinds() -> list[str]:
    return list(FORMATS)
