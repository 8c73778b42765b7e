"""The loaded curriculum: its documents, where each value came from, and lookups."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Location
from .model import FieldPath, Module, Quote, Scenario, Settings, Source, Text
from .model_delivery import Delivery
from .where import SETTINGS_FILE as SETTINGS_FILE  # defined there, for a lighter import

KIND_OF: dict[type, str] = {
    Source: "sources", Scenario: "scenarios", Module: "modules", Delivery: "deliveries"}
"""Each kind of document by its folder, the first half of the key its file is found by."""


@dataclass(frozen=True)
class SourceMap:
    """Where each node of each file stands: {(file, path): Location} for values and keys."""

    values: Mapping[tuple[str, FieldPath], Location] = field(default_factory=dict)
    keys: Mapping[tuple[str, FieldPath], Location] = field(default_factory=dict)

    def locate(self, file: str, path: FieldPath = ()) -> Location:
        """The value at `path`, or the nearest enclosing node that exists."""
        for end in range(len(path), -1, -1):
            found = self.values.get((file, path[:end]))
            if found is not None:
                return found
        return Location(file)

    def locate_key(self, file: str, path: FieldPath) -> Location:
        return self.keys.get((file, path)) or self.locate(file, path)


@dataclass(frozen=True)
class Curriculum:
    root: Path
    settings: Settings
    sources: tuple[Source, ...]
    scenarios: tuple[Scenario, ...]
    modules: tuple[Module, ...]
    files: Mapping[tuple[str, str], tuple[str, ...]]
    """Which file each document came from, by (kind, id): ("scenarios", "court-visit").
    Two files of one kind may hold the same id (a finding of its own), so each key lists every
    such file, in the order the documents of that kind are held."""
    source_map: SourceMap
    broken_ids: frozenset[str] = frozenset()
    """Ids inside documents that failed validation: references to them are not reported again.
    `*sources` (or `*scenarios`, `*modules`) stands for an unreadable file of that folder."""
    deliveries: tuple[Delivery, ...] = ()
    """deliveries/*.yaml, when the curriculum has that folder."""
    failed_folders: frozenset[str] = frozenset()
    """Folders holding a file that could not be read or validated ("sources"): a rule that
    needs every document of a folder (the quotes of every source) says nothing it cannot be
    sure of, as the file's own findings say what is wrong."""
    raw_texts: Mapping[str, str] = field(default_factory=dict)
    """Each file's text as the loader read it, by file: findings inside a text are located in
    it, so no rule reads the disk again."""

    def is_broken(self, reference: str, folder: str) -> bool:
        return reference in self.broken_ids or f"*{folder}" in self.broken_ids

    # --- where things are ---

    def file_of(self, document: object) -> str:
        """The file `document` came from, found by its kind and id, so a copy of a document
        (`model_copy()`) finds its file like the original; the settings' file otherwise."""
        kind = KIND_OF.get(type(document))
        if kind is None:
            return SETTINGS_FILE
        document_id = getattr(document, "id", None)
        found = self.files.get((kind, document_id), ()) if isinstance(document_id, str) else ()
        if len(found) > 1:  # the same id in two files: the one holding this very document
            same_id = [d for d in getattr(self, kind) if d.id == document_id]
            for held, file in zip(same_id, found, strict=False):
                if held is document:
                    return file
            for held, file in zip(same_id, found, strict=False):
                if held == document:
                    return file
        return found[0] if found else SETTINGS_FILE

    def loaded_files(self) -> set[str]:
        """Every file a document validated from, the settings' file included."""
        return {SETTINGS_FILE, *(file for found in self.files.values() for file in found)}

    def locate(self, document: object, *path: str | int) -> Location:
        return self.source_map.locate(self.file_of(document), tuple(path))

    def locate_key(self, document: object, *path: str | int) -> Location:
        return self.source_map.locate_key(self.file_of(document), tuple(path))

    # --- lookups ---

    @property
    def languages(self) -> list[str]:
        return list(self.settings.languages)

    def quotes(self) -> Iterator[tuple[Source, Quote]]:
        for source in self.sources:
            for quote in source.quotes:
                yield source, quote

    def quote(self, quote_id: str) -> tuple[Source, Quote] | None:
        return next(((s, q) for s, q in self.quotes() if q.id == quote_id), None)

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def module(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def delivery(self, delivery_id: str) -> Delivery | None:
        return next((d for d in self.deliveries if d.id == delivery_id), None)

    def scenarios_of(self, module: Module) -> list[Scenario]:
        found = (self.scenario(item.scenario) for item in module.agenda if item.scenario)
        return [s for s in found if s is not None]

    def text(self, text: Text | None, lang: str) -> str:
        """`text` in `lang`; with `fallback: true`, in the first language when missing."""
        if text is None:
            return ""
        if lang in text:
            return text[lang]
        if self.settings.fallback:
            return text.get(self.languages[0], next(iter(text.values()), ""))
        return ""

    def is_fallback(self, text: Text | None, lang: str) -> bool:
        return text is not None and lang not in text and self.settings.fallback
