"""What every output format is given: one module in one language, and where to write."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from .agenda import AgendaEntry
from .curriculum import Curriculum
from .findings import Finding
from .locales import Words
from .model import Module, Text

T = TypeVar("T")

# Used when SOURCE_DATE_EPOCH is unset, so a build never stamps the clock's time.
FIXED_BUILD_DATE = datetime(2021, 1, 1, tzinfo=timezone.utc)


def build_date() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else one fixed date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return FIXED_BUILD_DATE


@dataclass
class BuildContext:
    curriculum: Curriculum
    module: Module
    lang: str
    folder: Path
    """Where this module's files in this language go (inside the staging folder)."""
    date: datetime = field(default_factory=build_date)
    shared: dict[str, Any] = field(default_factory=dict)
    """Values computed once per module and language (the slide plan, the quiz forms)."""
    warnings: list[Finding] = field(default_factory=list)

    @property
    def words(self) -> Words:
        return Words(self.lang)

    @property
    def language_tag(self) -> str:
        return self.curriculum.settings.language_tag(self.lang)

    def text(self, text: Text | None) -> str:
        """A curriculum text in this build's language. With `fallback: true`, a text missing in
        this language comes in the first language, marked with that language's code: `… [en]`."""
        value = self.curriculum.text(text, self.lang)
        if value and self.curriculum.is_fallback(text, self.lang):
            return f"{value} [{self.curriculum.languages[0]}]"
        return value

    def entry_title(self, entry: AgendaEntry) -> str:
        """An agenda item's title: its activity's or scenario's, or the word for a break."""
        if entry.activity is not None:
            return self.text(entry.activity.title)
        if entry.scenario is not None:
            return self.text(entry.scenario.title)
        return self.words("break")

    def file_name(self, part: str, extension: str) -> str:
        """`<module>-<part>-<lang>.<extension>`, as product.md names outputs."""
        return f"{self.module.id}-{part}-{self.lang}.{extension}"

    def path(self, part: str, extension: str) -> Path:
        return self.folder / self.file_name(part, extension)

    def remember(self, key: str, compute: Callable[[], T]) -> T:
        if key not in self.shared:
            self.shared[key] = compute()
        value: T = self.shared[key]
        return value

    def theme_file(self, name: str) -> Path:
        return theme_file(self.curriculum, name)


def theme_file(curriculum: Curriculum, name: str) -> Path:
    """The user's theme file when `theme:` names a folder holding it, else the default."""
    theme = curriculum.settings.theme
    if theme != "default":
        candidate = curriculum.root / theme / name
        if candidate.is_file():
            return candidate
    return Path(str(resources.files("builder") / "themes" / "default" / name))
