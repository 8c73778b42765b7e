"""The preview's pages, put together from a snapshot and the drawings kept for it: the index,
a module's deck, guide or handout with voces check's findings at the top and beside what they
concern, and the page shown while the curriculum cannot be read.

Findings are laid over a drawing each time a page is put together, never kept in it: a drawing
is kept while its job's inputs are unchanged, and findings can change without them (the lines
of a file, a rule's view of another file).
"""

from __future__ import annotations

import re
from html import escape

from ..context import BuildContext
from ..curriculum import Curriculum
from ..findings import Finding, Severity
from ..layout.slides import SlidePlan
from ..model import Module
from .html_page import finding_list, page
from .html_slides import slides_html

KINDS = ("deck", "guide", "handout")

CHECKING = "voces check: the rules are still running"
"""Said until a save's findings are complete (they follow the page by a moment)."""

Drawing = SlidePlan | str
"""What a preview draws from its job's inputs: a deck's slide plan, a document's HTML."""


def index_page(curriculum: Curriculum | None, findings: list[Finding], checked: bool,
               version: int) -> str:
    top = summary(findings, checked)
    if curriculum is None:
        return page("voces serve", top, version)
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
    return page(f"{title} · voces serve", body, version)


def broken_page(shown: list[Finding], title: str, lang: str, version: int) -> str:
    body = ('<div class="broken"><h1>This page cannot be drawn until the curriculum reads '
            f"again</h1>{finding_list(shown)}<p>Fix the file and save: this page comes back "
            "by itself.</p></div>")
    return page(f"{title} (broken)", body, version, lang)


def module_page(context: BuildContext, kind: str, drawing: Drawing, findings: list[Finding],
                checked: bool, version: int) -> str:
    """A module's deck, guide or handout: its drawing, and the findings that concern it."""
    curriculum, module, lang = context.curriculum, context.module, context.lang
    mine = _findings_of(findings, curriculum, module)
    top = summary(mine, checked)
    if isinstance(drawing, SlidePlan):
        beside = _beside_slides(mine, curriculum, module, drawing)
        body = top + slides_html(drawing, beside, "Slide")
    else:
        html = drawing
        for scenario in curriculum.scenarios_of(module):
            near = [f for f in mine if f.location.file == curriculum.file_of(scenario)]
            heading = _scenario_heading(html, context.text(scenario.title))
            if near and heading is not None:
                end = heading.end()
                html = html[:end] + finding_list(near) + html[end:]
        body = f'{top}<div class="doc">{html}</div>'
    return page(f"{module.id} · {kind} · {lang}", body, version, lang, _nav(module.id, lang))


def _scenario_heading(html: str, title: str) -> re.Match[str] | None:
    """The first heading of a scenario's section: its title, after a time or a word for a case
    ("09:15–09:45 · The examination", "Case: The examination")."""
    return re.search(rf'<h(\d) data-heading="(?:[^"]*(?: · |: ))?{re.escape(escape(title))}">'
                     r".*?</h\1>", html)


def _nav(module_id: str, lang: str) -> str:
    return " · ".join(f'<a href="/{lang}/{module_id}/{kind}">{kind}</a>' for kind in KINDS)


def summary(findings: list[Finding], checked: bool = True) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if not checked:
        so_far = f"; so far {counts}" if findings else ""
        return f'<p class="checking">{CHECKING}{so_far}</p>{finding_list(findings)}'
    if not findings:
        return '<p class="clean">voces check: no problems</p>'
    return f"<p>voces check: {counts}</p>{finding_list(findings)}"


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
                   plan: SlidePlan) -> dict[int, list[Finding]]:
    """Each finding beside the first slide of the agenda item, scenario or stage it is in."""
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
