"""What `voces serve` shows: the curriculum loaded and checked, and its pages drawn from it.

Each save makes a new snapshot (load + check, as `voces check` does); pages are drawn from the
snapshot when asked for and kept until the next save. Nothing here writes a file, and nothing
raises: a curriculum that cannot be read or a page that cannot be drawn becomes a finding shown
in place of the page.
"""

from __future__ import annotations

import re
import tempfile
import threading
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from ..checks import check_curriculum
from ..context import BuildContext
from ..curriculum import Curriculum
from ..findings import Finding, Location, Severity, error
from ..formats import guide, handout
from ..load import NotACurriculum
from ..model import Module
from .html_document import writing_html
from .html_page import finding_list, page
from .html_slides import slides_html

KINDS = ("deck", "guide", "handout")
PAGE = re.compile(r"^/([a-z]{2,3})/([A-Za-z0-9][A-Za-z0-9._-]*)/(deck|guide|handout)$")
_NO_OUTPUT = Path(tempfile.gettempdir()) / "voces-serve-writes-nothing"
"""A build context needs a folder; the preview never writes into it."""


@dataclass
class Snapshot:
    version: int
    curriculum: Curriculum | None
    findings: list[Finding]
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
        self.snapshot = self._load(1)

    @property
    def version(self) -> int:
        return self.snapshot.version

    def refresh(self) -> None:
        """Load and check again (after a save); wakes every page waiting for a change."""
        snapshot = self._load(self.version + 1)
        with self.changed:
            self.snapshot = snapshot
            self.changed.notify_all()

    def _load(self, version: int) -> Snapshot:
        try:
            curriculum, findings = check_curriculum(self.root)
        except NotACurriculum as exc:
            return Snapshot(version, None, [error(
                Location("curriculum.yaml"), f"{exc}; it was deleted, moved or cannot be read: "
                "put it back and save again", "yaml.encoding")])
        except Exception as exc:  # a bug in a rule must not stop the preview
            return Snapshot(version, None, [error(
                Location("curriculum.yaml"), f"voces could not check the curriculum "
                f"({type(exc).__name__}: {exc}); this is a bug in voces", "yaml.syntax")])
        return Snapshot(version, curriculum, findings)

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
            return self._index(snapshot)
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
            return self._broken(snapshot, title, lang)
        try:
            body = self._module_page(snapshot, curriculum, module, lang, kind)
        except Exception as exc:  # never crash on bad input: say what could not be drawn
            problem = error(Location(curriculum.file_of(module)),
                            f"this page cannot be drawn ({type(exc).__name__}: {exc}); fix the "
                            "findings above and save again", "build.preview")
            return self._broken(snapshot, title, lang, [problem])
        return page(title, body, snapshot.version, lang, _nav(module.id, lang))

    def _index(self, snapshot: Snapshot) -> str:
        curriculum = snapshot.curriculum
        top = _summary(snapshot.findings)
        if curriculum is None:
            return page("voces serve", top, snapshot.version)
        rows = []
        for module in curriculum.modules:
            links = " · ".join(
                f'{lang}: ' + ", ".join(f'<a href="/{lang}/{module.id}/{kind}">{kind}</a>'
                                        for kind in KINDS)
                for lang in curriculum.languages)
            rows.append(f"<li><b>{escape(curriculum.text(module.title, curriculum.languages[0]))}"
                        f"</b> ({escape(module.id)})<br>{links}</li>")
        title = curriculum.text(curriculum.settings.title, curriculum.languages[0])
        body = f"<h1>{escape(title)}</h1>{top}<h2>Modules</h2><ul>{''.join(rows)}</ul>"
        return page(f"{title} · voces serve", body, snapshot.version)

    def _broken(self, snapshot: Snapshot, title: str, lang: str,
                extra: list[Finding] | None = None) -> str:
        shown = (extra or []) + (snapshot.blocking or snapshot.findings)
        body = ('<div class="broken"><h1>This page cannot be drawn until the curriculum reads '
                f"again</h1>{finding_list(shown)}<p>Fix the file and save: this page comes back "
                "by itself.</p></div>")
        return page(f"{title} (broken)", body, snapshot.version, lang)

    def _module_page(self, snapshot: Snapshot, curriculum: Curriculum, module: Module,
                     lang: str, kind: str) -> str:
        context = BuildContext(curriculum, module, lang, _NO_OUTPUT)
        mine = _findings_of(snapshot.findings, curriculum, module)
        top = _summary(mine)
        if kind == "deck":
            from ..formats.deck_plan import plan_slides

            plan = plan_slides(context)
            beside = _beside_slides(mine, curriculum, module, plan)
            return top + slides_html(plan, beside, "Slide")
        writer = guide if kind == "guide" else handout
        with writing_html(writer) as written:
            writer.build(context)
        html = written[0].html()
        for scenario in curriculum.scenarios_of(module):
            near = [f for f in mine if f.location.file == curriculum.file_of(scenario)]
            heading = f'data-heading="{escape(context.text(scenario.title))}">'
            if near and heading in html:
                before, after = html.split(heading, 1)
                end = after.index("</h") + 5
                html = before + heading + after[:end] + finding_list(near) + after[end:]
        return f'{top}<div class="doc">{html}</div>'


def _nav(module_id: str, lang: str) -> str:
    return " · ".join(f'<a href="/{lang}/{module_id}/{kind}">{kind}</a>' for kind in KINDS)


def _summary(findings: list[Finding]) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return '<p class="clean">voces check: no problems</p>'
    return (f"<p>voces check: {errors} error{'s' * (errors != 1)}, {warnings} "
            f"warning{'s' * (warnings != 1)}</p>{finding_list(findings)}")


def _findings_of(findings: list[Finding], curriculum: Curriculum, module: Module) -> list[Finding]:
    """What concerns this module: its file, its scenarios', and the shared files'."""
    own = {curriculum.file_of(module)} | {curriculum.file_of(s)
                                         for s in curriculum.scenarios_of(module)}
    return [f for f in findings if f.location.file in own
            or not f.location.file.startswith(("modules/", "scenarios/", "deliveries/"))]


def _start_line(curriculum: Curriculum, file: str, *path: str | int) -> int | None:
    found = curriculum.source_map.values.get((file, tuple(path)))
    return found.line if found else None


def _part_at(curriculum: Curriculum, file: str, key: str, count: int, line: int) -> int | None:
    """Which item of the list `key` in `file` holds `line` (None: before the first one)."""
    found = None
    for index in range(count):
        start = _start_line(curriculum, file, key, index)
        if start is not None and start <= line:
            found = index
    return found


def _beside_slides(findings: list[Finding], curriculum: Curriculum, module: Module,
                   plan: object) -> dict[int, list[Finding]]:
    """Each finding beside the first slide of the agenda item, scenario or stage it is in."""
    from ..layout.slides import SlidePlan

    assert isinstance(plan, SlidePlan)
    beside: dict[int, list[Finding]] = {}
    module_file = curriculum.file_of(module)
    scenarios = {curriculum.file_of(s): s for s in curriculum.scenarios_of(module)}
    for finding in findings:
        file, line = finding.location.file, finding.location.line
        slides = []
        if file == module_file:
            item = _part_at(curriculum, file, "agenda", len(module.agenda), line)
            slides = plan.slides_for(item) if item is not None else list(plan.slides[:1])
        elif file in scenarios:
            scenario = scenarios[file]
            stage = _part_at(curriculum, file, "stages", len(scenario.stages), line)
            slides = plan.stage_slides(scenario.id, stage) if stage is not None else []
            slides = slides or plan.scenario_slides(scenario.id)
        if slides:
            beside.setdefault(slides[0].number, []).append(finding)
    return beside
