"""A build's check takes the measuring families' findings of unchanged documents from the
previous build instead of measuring them again.

The families that measure (slide titles through the deck's plan, pictures through Pillow) are
what `voces build` spends its check on, in the process that then forks the workers, and each
of their findings concerns one part of the curriculum: a module's slide titles, a scenario's
pictures. Editing one scenario changes the titles of the modules that show it and that
scenario's pictures; the other modules' and scenarios' findings are the previous build's
again. So each part's findings are kept in the manifest (in the output folder, never in the
sources) under a key of everything they read:
- a module's slide titles: the fingerprint its deck would have in each language (the module,
  the scenarios on its agenda, the sources, the settings, the theme and its fonts, the builder
  with its locale words: `plan.fingerprints`), and the bytes and names of the files the
  findings point into (settings, module, those scenarios, the sources), as a finding's line
  and column come from them;
- a scenario's pictures: the builder, the scenario's files and bytes, and for each picture
  where its name leads (links resolved) and that file's bytes.
A part whose key is not in the previous manifest is measured; one whose key is, is not. The
rest of the check (the families reading across documents, a theme that cannot be used) runs
as in `voces check`, and the findings are gathered in the same order, so a build reports
exactly what `voces check` reports. A manifest edited by hand, unreadable, or of another
builder holds nothing to reuse (`manifest.read_manifest`), and `--force` reuses nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .curriculum import SETTINGS_FILE, Curriculum
from .findings import Finding, Location, Severity
from .model import Module, Scenario
from .pictures import images_of, picture_file

REUSED = ("deck_fit", "images")
"""The families whose findings a build may take from the previous build, part by part."""

Entries = dict[str, dict[str, Any]]
"""Per family: each part's key and its findings, as the manifest keeps them (JSON)."""


@dataclass
class CheckReuse:
    """What the previous build found (`previous`) and what this check found or took again
    (`entries`, for the manifest this build writes: only the parts the curriculum has now)."""

    previous: Entries = field(default_factory=dict)
    entries: Entries = field(default_factory=dict)
    measured: int = 0
    """Parts measured by this check, not taken from the previous build (for the tests)."""

    def findings(self, family: str, curriculum: Curriculum) -> list[Finding] | None:
        """The family's findings, as its rules would give them; None when the family is not
        one this module knows how to reuse (its rules changed): the caller runs it."""
        if family == "deck_fit":
            return self._deck_fit(curriculum)
        if family == "images":
            return self._images(curriculum)
        return None

    def adopt(self, other: Any) -> None:
        """What the check's second process measured and took (a copy of this one, sent back)."""
        for family, kept in other.entries.items():
            self.entries.setdefault(family, {}).update(kept)
        self.measured += other.measured

    def _deck_fit(self, curriculum: Curriculum) -> list[Finding] | None:
        from .checks import deck_fit, family_rules

        if family_rules("deck_fit") != [deck_fit.check_title_fit, deck_fit.check_theme]:
            return None
        found = []
        if curriculum.modules and deck_fit._theme_usable(curriculum):
            key_of = _title_key(curriculum)
            found = list(deck_fit.first_reports(
                self._part("deck_fit", key_of(module),
                           partial(deck_fit.title_fit_of, curriculum, module),
                           _plain_titles, _titles_from)
                for module in curriculum.modules))
        return found + list(deck_fit.check_theme(curriculum))

    def _images(self, curriculum: Curriculum) -> list[Finding] | None:
        from .checks import family_rules, images

        if family_rules("images") != [images.check_images]:
            return None
        return [finding for scenario in curriculum.scenarios
                for finding in self._part(
                    "images", _picture_key(curriculum, scenario),
                    partial(images.scenario_images, curriculum, scenario),
                    _plain_findings, _findings_from)]

    def _part(self, family: str, key: str, measure: Callable[[], Any],
              plain: Callable[[Any], Any], restore: Callable[[Any], Any]) -> Any:
        kept = self.entries.setdefault(family, {})
        if key in kept:  # the same part twice (two files of one id): measured once
            return restore(kept[key])
        previous = self.previous.get(family, {})
        if key in previous:
            try:
                found = restore(previous[key])
            except (KeyError, TypeError, ValueError):  # not as this module writes it
                found = None
            if found is not None:
                kept[key] = previous[key]
                return found
        found = measure()
        self.measured += 1
        kept[key] = plain(found)
        return found


def _title_key(curriculum: Curriculum) -> Callable[[Module], str]:
    from .plan import builder_digest, fingerprints

    fingerprint = fingerprints(curriculum)
    sources = [file for (kind, _), files in sorted(curriculum.files.items())
               if kind == "sources" for file in files]

    def key(module: Module) -> str:
        scenarios = [file for item in module.agenda if item.scenario
                     for file in curriculum.files.get(("scenarios", item.scenario), ())]
        files = [SETTINGS_FILE, *curriculum.files.get(("modules", module.id), ()),
                 *scenarios, *sources]
        return _hash({
            "builder": builder_digest(), "module": module.id,
            "decks": [fingerprint(module, lang, "deck") for lang in curriculum.languages],
            "files": [[file, curriculum.raw_texts.get(file)] for file in files],
        })

    return key


def _picture_key(curriculum: Curriculum, scenario: Scenario) -> str:
    from .plan import builder_digest

    root = curriculum.root.resolve()
    files = curriculum.files.get(("scenarios", scenario.id), ())
    pictures = []
    for _, image in images_of(scenario):
        path = picture_file(curriculum.root, image).resolve()
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = "absent"
        pictures.append([image.file, str(path), digest])
    return _hash({
        "builder": builder_digest(), "root": str(root), "scenario": scenario.id,
        "files": [[file, curriculum.raw_texts.get(file)] for file in files],
        "pictures": pictures,
    })


def _hash(value: object) -> str:
    encoded = json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _plain_findings(found: list[Finding]) -> list[dict[str, object]]:
    return [finding.as_dict() for finding in found]


def _findings_from(plain: list[dict[str, Any]]) -> list[Finding]:
    return [Finding(Location(str(f["file"]), int(f["line"]), int(f["col"])),
                    Severity(f["severity"]), str(f["message"]), str(f["rule"]),
                    str(f.get("path", ""))) for f in plain]


def _plain_titles(found: list[tuple[tuple[str, tuple[str | int, ...], str], Finding]]
                  ) -> list[list[Any]]:
    return [[[file, list(path), lang], finding.as_dict()] for (file, path, lang), finding in found]


def _titles_from(plain: list[list[Any]]
                 ) -> list[tuple[tuple[str, tuple[str | int, ...], str], Finding]]:
    return [((str(file), tuple(path), str(lang)), _findings_from([finding])[0])
            for (file, path, lang), finding in plain]


def previous_check(out: Path) -> CheckReuse:
    """What the previous build in `out` found, when its manifest can be trusted."""
    from .manifest import read_manifest

    return CheckReuse(read_manifest(out).check)
