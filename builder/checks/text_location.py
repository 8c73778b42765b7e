"""Where inside a text field a finding stands: the line and column of a word in the YAML file.

The loader knows where each value starts. Inside a multi-line value (a block scalar, or a
plain or quoted scalar over several lines) the words are found again in the file itself, so
that a finding about one quotation in a long situation points at its own line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..curriculum import Curriculum
from ..findings import Location
from ..model import FieldPath
from ..read import LINE_BREAK, line_col

WORDS_TO_FIND = 3


def locate_in_text(
    curriculum: Curriculum, document: object, path: FieldPath, lang: str, value: str, offset: int
) -> Location:
    """The file position of `value[offset:]`, where `value` is the `lang` text at `path`."""
    node = curriculum.locate(document, *path, lang)
    raw = _raw_text(curriculum.root / node.file)
    words = value[offset:].split()[:WORDS_TO_FIND]
    if raw is None or not words:
        return node
    in_value = re.compile(r"\s+".join(re.escape(word) for word in words))
    occurrence = sum(1 for m in in_value.finditer(value) if m.start() < offset)
    in_file = re.compile(r"\s+".join(_as_written(word) for word in words))
    start = _offset_of(raw, node.line, node.col)
    end = min(len(raw), start + 2 * len(value) + 200)
    for index, match in enumerate(in_file.finditer(raw, start, end)):
        if index == occurrence:
            line, col = line_col(raw, match.start())
            return Location(node.file, line, col)
    return node


def _as_written(word: str) -> str:
    """A word as YAML may write it: double quotes escaped, single quotes doubled."""
    pattern = ""
    for char in word:
        if char == '"':
            pattern += r'\\?"'
        elif char == "'":
            pattern += "'{1,2}"
        elif char == "\\":
            pattern += r"\\{1,2}"
        else:
            pattern += re.escape(char)
    return pattern


def _offset_of(raw: str, line: int, col: int) -> int:
    if line == 1:
        return col - 1
    for number, match in enumerate(LINE_BREAK.finditer(raw), start=2):  # the parser's lines
        if number == line:
            return match.end() + col - 1
    return len(raw)


def _raw_text(path: Path) -> str | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _read(path: str, mtime: int, size: int) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
