"""The build plan: before anything is written, one job per (module, language, kind), each with
the files it will write and a fingerprint of everything it reads.

The fingerprint is what makes a build incremental: a job whose fingerprint and files match the
previous build's manifest need not run. It covers what the format declares it reads
(`formats.Reads`): the module, the settings, the scenarios on the module's agenda (only the
fields the format reads of them) and their picture files, the sources, the module's deliveries
in the job's language, theme files and templates, each in the job's language only (plus the
first language where `fallback: true` may fill in from it); the builder itself (its version,
every file of the package, the libraries that write the bytes); and the build date.
Anything not declared is not read: a format that reads more must say so in its `Reads`, or an
edit will not rebuild it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import __version__
from .context import build_date, theme_file
from .curriculum import Curriculum
from .formats import FORMATS, OutputFile
from .model import Module, Text
from .pictures import images_of, picture_file

DECK_THEME = "deck.pptx"
"""The theme file whose folder's `fonts/` measure text (builder/themes/deck.py)."""
LIBRARIES = ("python-pptx", "python-docx", "lxml", "jinja2", "pillow", "pyyaml", "pydantic")
"""Libraries whose version can change the bytes written."""


@dataclass(frozen=True)
class Job:
    module: str
    lang: str
    kind: str
    outputs: tuple[OutputFile, ...]
    fingerprint: str

    @property
    def key(self) -> str:
        """`<lang>/<module>/<kind>`: the job's name in the manifest and in messages."""
        return f"{self.lang}/{self.module}/{self.kind}"


@dataclass(frozen=True)
class BuildPlan:
    jobs: tuple[Job, ...]
    date: datetime

    def job(self, key: str) -> Job | None:
        return next((job for job in self.jobs if job.key == key), None)


_SHARED: list[tuple[Curriculum, _Digests]] = []
"""The last curriculum's digests (`_digests_of`)."""
_KEPT: list[tuple[Curriculum, tuple[object, ...], BuildPlan]] = []
"""A plan made with `keep`, and of what: `voces build` makes it while the check runs (to know
which writers to import, `jobs.preload_writers`), and the build takes it, once, a moment later
(a file changed between the two is rebuilt by the next build, as when it changes while a
build writes)."""


def make_plan(curriculum: Curriculum, languages: list[str], modules: list[str],
              kinds: list[str], *, keep: bool = False) -> BuildPlan:
    """Every job the request asks for, in the order a build writes them. With `keep`, the
    next call for the same curriculum and request returns this plan instead of making it."""
    date = build_date()
    asked = (tuple(languages), tuple(modules), tuple(kinds), date)
    kept = _KEPT.pop() if _KEPT else None
    if kept is not None and kept[0] is curriculum and kept[1] == asked:
        plan = kept[2]
    else:
        plan = _make_plan(curriculum, languages, modules, kinds, date)
    if keep:
        _KEPT.append((curriculum, asked, plan))
    return plan


def _make_plan(curriculum: Curriculum, languages: list[str], modules: list[str],
               kinds: list[str], date: datetime) -> BuildPlan:
    digests = _digests_of(curriculum)
    jobs = []
    for lang in languages:
        for module_id in modules:
            module = curriculum.module(module_id)
            assert module is not None
            for kind in kinds:
                outputs = tuple(FORMATS[kind].outputs(module, lang, curriculum.deliveries))
                jobs.append(Job(module.id, lang, kind, outputs,
                                digests.fingerprint(module, lang, kind, date, outputs)))
    return BuildPlan(tuple(jobs), date)


def fingerprints(curriculum: Curriculum) -> Callable[[Module, str, str], str]:
    """The fingerprint a job of (module, language, kind) would have, without making a plan: a
    build's check keys the findings it may reuse by the deck's (`check_reuse.py`). The
    digests of the curriculum's parts are made once for every call."""
    digests, date = _digests_of(curriculum), build_date()

    def fingerprint(module: Module, lang: str, kind: str) -> str:
        outputs = tuple(FORMATS[kind].outputs(module, lang, curriculum.deliveries))
        return digests.fingerprint(module, lang, kind, date, outputs)

    return fingerprint


def _digests_of(curriculum: Curriculum) -> _Digests:
    """The digests of this curriculum's parts, shared by the check's `fingerprints` and the
    plan made a moment later (the curriculum is frozen: its parts' digests stay); another
    curriculum (the next build of `voces serve`) starts again."""
    if not _SHARED or _SHARED[0][0] is not curriculum:
        _SHARED[:] = [(curriculum, _Digests(curriculum))]
    return _SHARED[0][1]


class _Digests:
    """Digests of the curriculum's parts, each computed once per language for the whole plan."""

    def __init__(self, curriculum: Curriculum) -> None:
        self.curriculum = curriculum
        self._cache: dict[tuple[str, object, str | None, tuple[str, ...] | None], str] = {}
        self._plains: dict[tuple[int, str | None], Any] = {}
        self._files: dict[tuple[str, str], str] = {}
        """Each file's digest, read once for the plan (every job reads the theme)."""
        self._font_digests: dict[str, str] | None = None

    def fingerprint(self, module: Module, lang: str, kind: str, date: datetime,
                    outputs: tuple[OutputFile, ...]) -> str:
        """A digest of everything the job reads; equal digests mean equal files."""
        curriculum, reads = self.curriculum, FORMATS[kind].reads
        everything = reads.everything and self._overridden(reads.templates)
        project = None if everything else lang
        values: dict[str, Any] = {
            "builder": builder_digest(),
            "kind": kind, "lang": lang, "date": date.isoformat(),
            "files": [output.relative.as_posix() for output in outputs],
            "module": self._digest("module", module, project),
            "settings": self._digest("settings", curriculum.settings, project),
        }
        if everything:
            values["curriculum"] = self._digest("curriculum", curriculum, None)
        fields = reads.scenario_fields
        if reads.scenarios:
            values["scenarios"] = [self._digest("scenario", scenario, project, fields)
                                   for scenario in curriculum.scenarios_of(module)]
        if (reads.scenarios and (fields is None or {"image", "stages"} & set(fields))
                or everything):
            shown = curriculum.scenarios if everything else curriculum.scenarios_of(module)
            root = curriculum.root
            values["pictures"] = {
                str(image.file): self._file("picture", str(image.file),
                                            partial(picture_file, root, image))
                for scenario in shown for _, image in images_of(scenario)}
        if reads.deliveries:
            values["deliveries"] = [
                self._digest("delivery", delivery, project) for delivery in curriculum.deliveries
                if delivery.module == module.id and delivery.language == lang]
        if reads.sources:
            values["sources"] = self._digest("sources", curriculum.sources, project)
        values["theme"] = {name: self._file("theme", name, partial(theme_file, curriculum, name))
                           for name in reads.theme}
        if DECK_THEME in reads.theme:
            fonts = self._fonts()
            if fonts:
                values["fonts"] = fonts
        values["templates"] = {name: self._template(name) for name in reads.templates}
        return _hash(values)

    def _fonts(self) -> dict[str, str]:
        """The font files beside a user's deck theme (`<theme>/fonts/`, with its subfolders),
        which measure the slides' text (themes/deck.py): a font added or changed can wrap a
        title differently. The shipped theme's fonts are the builder's own files."""
        if self._font_digests is None:
            theme = theme_file(self.curriculum, DECK_THEME)
            folder = theme.parent / "fonts"
            self._font_digests = {} if self.curriculum.settings.theme == "default" or not (
                theme.is_relative_to(self.curriculum.root) and folder.is_dir()) else {
                path.relative_to(folder).as_posix(): _file_digest(path)
                for path in sorted(folder.rglob("*.ttf"))}
        return self._font_digests

    def _file(self, what: str, name: str, path: Callable[[], Path]) -> str:
        """The digest of a picture, theme file or template, by its name in the curriculum."""
        key = (what, name)
        if key not in self._files:
            self._files[key] = _file_digest(path())
        return self._files[key]

    def _template(self, name: str) -> str:
        return self._file("template", name, partial(Path, self.curriculum.root, "templates", name))

    def _overridden(self, templates: tuple[str, ...]) -> bool:
        """Whether the curriculum's `templates/` folder replaces one of these: a user's template
        is given the whole curriculum, the shipped ones read only their module (so editing a
        scenario does not rewrite every module's agenda)."""
        return any(self._template(name) != _ABSENT for name in templates)

    def _digest(self, what: str, value: object, lang: str | None,
                fields: tuple[str, ...] | None = None) -> str:
        """`value`'s digest in `lang`; of only its `fields` (a model's) when given."""
        key = (what, id(value), lang, fields)
        if key not in self._cache:
            plain = self._plain(value, lang)
            if fields is not None:  # a model's plain form is a dict of its fields
                plain = {name: plain[name] for name in fields}
            self._cache[key] = _hash(plain)
        return self._cache[key]

    def _plain(self, value: object, lang: str | None) -> Any:
        """`canonical(value)` in `lang`, made once per value for all the plan's jobs."""
        key = (id(value), lang)
        if key not in self._plains:
            if isinstance(value, Curriculum):
                value = [value.settings, value.sources, value.scenarios, value.modules,
                         value.deliveries]
            self._plains[key] = canonical(value, self._languages(lang))
        return self._plains[key]

    def _languages(self, lang: str | None) -> set[str] | None:
        """A text in the job's language, and in the first one when `fallback:` may use it."""
        if lang is None:
            return None
        curriculum = self.curriculum
        return {lang, curriculum.languages[0]} if curriculum.settings.fallback else {lang}


def _hash(value: object) -> str:
    encoded = json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def canonical(value: object, languages: set[str] | None) -> Any:
    """`value` as plain JSON data: models field by field, texts in `languages` only (all when
    None)."""
    if isinstance(value, Text):
        return {lang: text for lang, text in sorted(value.items())
                if languages is None or lang in languages}
    if isinstance(value, BaseModel):
        return {name: canonical(getattr(value, name), languages)
                for name in type(value).model_fields}
    if isinstance(value, Mapping):
        return {str(key): canonical(item, languages) for key, item in sorted(value.items())}
    if isinstance(value, list | tuple | set | frozenset):
        items = [canonical(item, languages) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


_ABSENT = "absent"


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return _ABSENT


@cache
def builder_digest() -> str:
    """The builder's version, a digest of every file of the package (code, words, themes,
    templates) and the versions of the libraries that write the files."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(str(resources.files("builder")))
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=absent".encode())
    return digest.hexdigest()
