"""`voces build`'s progress line on a terminal: modules done of total, and what is being made."""

from __future__ import annotations

import shutil
from typing import TextIO

from .locales import DEFAULT_LANGUAGE, Words


class ProgressLine:
    """One line rewritten in place; `clear()` leaves the terminal as it was for what follows."""

    def __init__(self, languages: list[str], modules: list[str], stream: TextIO) -> None:
        # The build goes language by language, module by module, and says "<lang>/<module>: kind".
        self._units = [f"{lang}/{module}" for lang in languages for module in modules]
        self._stream = stream
        self._shown = 0
        self._words = Words(DEFAULT_LANGUAGE)

    def __call__(self, doing: str) -> None:
        unit = doing.partition(": ")[0]
        done = self._units.index(unit) if unit in self._units else len(self._units)
        line = self._words("progress_line", done=done, total=len(self._units), doing=doing)
        line = line[: max(20, shutil.get_terminal_size().columns - 1)]
        self._stream.write("\r" + line.ljust(self._shown))
        self._stream.flush()
        self._shown = len(line)

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r" + " " * self._shown + "\r")
            self._stream.flush()
            self._shown = 0
