"""The output formats, by KIND. A new format is one module here and one line in FORMATS."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..context import BuildContext
from . import agenda, deck, gift, guide, handout, moodle, notice, qti, quiz_docx

Format = Callable[[BuildContext], list[Path]]
"""Writes one module in one language into `context.folder`; returns the files written."""

FORMATS: dict[str, Format] = {
    "agenda": agenda.build,
    "deck": deck.build,
    "guide": guide.build,
    "handout": handout.build,
    "notice": notice.build,
    "quiz": quiz_docx.build,
    "gift": gift.build,
    "moodle": moodle.build,
    "qti": qti.build,
}


def kinds() -> list[str]:
    return list(FORMATS)
