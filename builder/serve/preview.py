"""What `voces serve` shows: the curriculum as of the last save, and its pages.

A save is taken in two steps, so that an edit shows before the slower rules have run:
1. load (the YAML and the contract): a new snapshot whose pages can be drawn. A save that breaks
   the YAML shows its error at once. Its findings are the loader's, and the previous check's
   for the files not changed since; the page says the rules are still running.
2. check (every rule of `voces check`): the same curriculum with all its findings.
Each step is a new version; open pages follow through /events.

Underneath is the build plan (plan.make_plan), as for an incremental `voces build`: each preview
is one job of the plan (`<lang>/<module>/<kind>`, kinds deck, guide and handout), and what it
draws (the deck's slide plan, the guide's or handout's HTML) is kept with the job's
fingerprint. A save redraws only the previews whose fingerprint changed: an edit to one scenario
redraws the pages of the modules that show it, in the language edited. Findings are laid over
the kept drawing for each version (pages.py).

Nothing here writes a file, and nothing raises: a curriculum that cannot be read or a page that
cannot be drawn becomes a finding shown in place of the page.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import check_loaded
from ..context import BuildContext
from ..curriculum import Curriculum
from ..findings import Finding, Location, error, sort_findings
from ..load import NotACurriculum, curriculum_files, load_curriculum
from .pages import Drawing, broken_page, index_page, module_page

PAGE = re.compile(r"^/([a-z]{2,3})/([A-Za-z0-9][A-Za-z0-9._-]*)/(deck|guide|handout)$")
_NO_OUTPUT = Path(tempfile.gettempdir()) / "voces-serve-writes-nothing"
"""A build context needs a folder; the preview never writes into it."""


@dataclass
class Snapshot:
    version: int
    curriculum: Curriculum | None
    findings: list[Finding]
    checked: bool = True
    """False between a save's two steps: the rules have not run on it yet."""
    loaded: list[Finding] = field(default_factory=list)
    """The loader's findings alone."""
    files: dict[str, str] = field(default_factory=dict)
    """A digest of each curriculum file as read, to tell which files a save changed."""
    fingerprints: dict[str, str | None] = field(default_factory=dict)
    """Each preview's job fingerprint, once asked for (shared by the curriculum's two steps)."""
    contexts: dict[tuple[str, str], BuildContext] = field(default_factory=dict)
    """One build context per module and language: the deck and the guide share a slide plan."""
    pages: dict[str, tuple[int, str]] = field(default_factory=dict)

    @property
    def blocking(self) -> list[Finding]:
        """Findings that leave no page to draw: the YAML itself is broken."""
        return [f for f in self.findings if f.rule.startswith("yaml.")]


class Preview:
    """The latest snapshot of one curriculum, and its pages; safe to use from many threads."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.RLock()
        self.changed = threading.Condition(self._lock)
        self._drawn: dict[str, tuple[str, Drawing]] = {}
        self.draws: Counter[str] = Counter()
        """How often each preview (`<lang>/<module>/<kind>`) was drawn; a kept one is not."""
        self.snapshot = self._checked(self._loaded(1, None), 1)

    @property
    def version(self) -> int:
        return self.snapshot.version

    def refresh(self) -> None:
        """Take a save: load (pages follow), then check (findings follow)."""
        self.refresh_pages()
        self.refresh_findings()

    def refresh_pages(self) -> None:
        """The save's first step: the files loaded again, the rules not run yet."""
        self._publish(self._loaded(self.version + 1, self.snapshot))

    def refresh_findings(self) -> None:
        """The second step: every rule run on what the first one loaded."""
        snapshot = self.snapshot
        if not snapshot.checked:
            self._publish(self._checked(snapshot, snapshot.version + 1))

    def stale(self) -> bool:
        """A file was changed, added or removed since the snapshot was read."""
        return _file_digests(self.root) != self.snapshot.files

    def _publish(self, snapshot: Snapshot) -> None:
        """Make `snapshot` the one shown; wakes every page waiting for a change."""
        with self.changed:
            self.snapshot = snapshot
            self.changed.notify_all()

    def _loaded(self, version: int, previous: Snapshot | None) -> Snapshot:
        try:
            curriculum, findings = load_curriculum(self.root)
        except NotACurriculum as exc:
            return Snapshot(version, None, [error(
                Location("curriculum.yaml"), f"{exc}; it was deleted, moved or cannot be read: "
                "put it back and save again", "yaml.encoding")])
        except Exception as exc:  # a bug in voces must not stop the preview
            return Snapshot(version, None, [_bug("read", exc)])
        files = _file_digests(self.root)
        carried: list[Finding] = []
        if previous is not None and curriculum is not None:  # the last check's, where valid
            from_loader = set(previous.loaded)
            carried = [f for f in previous.findings if f not in from_loader
                       and f.location.file in files
                       and previous.files.get(f.location.file) == files[f.location.file]]
        from ..checks.scaffold import without_echoes

        shown = sort_findings(without_echoes(curriculum, findings + carried))
        return Snapshot(version, curriculum, shown, curriculum is None, findings, files)

    def _checked(self, loaded: Snapshot, version: int) -> Snapshot:
        if loaded.checked:
            return loaded
        try:
            findings = check_loaded(loaded.curriculum, list(loaded.loaded))
        except Exception as exc:  # a bug in a rule must not stop the preview
            findings = sort_findings([*loaded.loaded, _bug("check", exc)])
        return Snapshot(version, loaded.curriculum, findings, True, loaded.loaded, loaded.files,
                        loaded.fingerprints, loaded.contexts)

    # --- pages ----------------------------------------------------------------------------

    def page(self, path: str) -> tuple[int, str] | None:
        """(version, HTML) of the page at `path`, or None when there is no such page (404)."""
        with self._lock:
            snapshot = self.snapshot
            if path in snapshot.pages:
                return snapshot.pages[path]
            html = self._draw(snapshot, path)
            if html is None:
                return None
            snapshot.pages[path] = (snapshot.version, html)
            return snapshot.pages[path]

    def _draw(self, snapshot: Snapshot, path: str) -> str | None:
        if path in ("/", "/index.html"):
            return index_page(snapshot.curriculum, snapshot.findings, snapshot.checked,
                              snapshot.version)
        match = PAGE.match(path)
        if not match:
            return None
        lang, module_id, kind = match.groups()
        curriculum = snapshot.curriculum
        known_file = (self.root / "modules" / f"{module_id}.yaml").is_file()
        module = curriculum.module(module_id) if curriculum else None
        if module is None and not known_file:
            return None
        if curriculum is not None and lang not in curriculum.languages:
            return None
        title = f"{module_id} · {kind} · {lang}"
        if curriculum is None or module is None or snapshot.blocking:
            return broken_page(snapshot.blocking or snapshot.findings, title, lang,
                               snapshot.version)
        context = snapshot.contexts.setdefault(
            (module.id, lang), BuildContext(curriculum, module, lang, _NO_OUTPUT))
        try:
            drawing = self.drawing(snapshot, context, kind)
        except Exception as exc:  # never crash on bad input: say what could not be drawn
            problem = error(Location(curriculum.file_of(module)),
                            f"this page cannot be drawn ({type(exc).__name__}: {exc}); fix the "
                            "findings above and save again", "build.preview")
            return broken_page([problem, *(snapshot.blocking or snapshot.findings)], title,
                               lang, snapshot.version)
        return module_page(context, kind, drawing, snapshot.findings, snapshot.checked,
                           snapshot.version)

    def drawing(self, snapshot: Snapshot, context: BuildContext, kind: str) -> Drawing:
        """The preview's drawing: the one kept when its job's fingerprint is unchanged."""
        key = f"{context.lang}/{context.module.id}/{kind}"
        if key not in snapshot.fingerprints:
            snapshot.fingerprints[key] = _fingerprint(context, kind)
        fingerprint = snapshot.fingerprints[key]
        kept = self._drawn.get(key)
        if fingerprint is not None and kept is not None and kept[0] == fingerprint:
            return kept[1]
        drawing = _draw_preview(context, kind)
        self.draws[key] += 1
        if fingerprint is not None:
            self._drawn[key] = (fingerprint, drawing)
        return drawing


def _fingerprint(context: BuildContext, kind: str) -> str | None:
    """The fingerprint of the build job this preview shows (None: not planned, never kept)."""
    from ..plan import make_plan

    try:
        plan = make_plan(context.curriculum, [context.lang], [context.module.id], [kind])
    except Exception:  # a curriculum the plan cannot take: drawn afresh each time
        return None
    return plan.jobs[0].fingerprint


def _draw_preview(context: BuildContext, kind: str) -> Drawing:
    if kind == "deck":
        from ..formats.deck_plan import plan_slides

        return plan_slides(context)
    from ..formats import guide, handout
    from .html_document import writing_html

    writer = guide if kind == "guide" else handout
    with writing_html(writer) as written:
        writer.build(context)
    return written[0].html()


def _file_digests(root: Path) -> dict[str, str]:
    found = {}
    for file in curriculum_files(root):
        try:
            found[file] = hashlib.sha256((root / file).read_bytes()).hexdigest()
        except OSError:
            found[file] = "unreadable"
    return found


def _bug(step: str, exc: Exception) -> Finding:
    """A failure of voces itself; one in reading leaves no page to draw (a `yaml.` rule), one
    in a rule leaves the pages as loaded."""
    return error(Location("curriculum.yaml"), f"voces could not {step} the curriculum "
                 f"({type(exc).__name__}: {exc}); this is a bug in voces",
                 "yaml.syntax" if step == "read" else "build.preview")

