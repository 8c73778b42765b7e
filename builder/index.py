"""`index.html`: one offline page listing every module and language, its files and slide pictures.

A finisher, written on every build after the PDFs. The page's own words follow the curriculum's
first language; `index-<lang>.html` holds the same page in each other language, and each page links
to the others. Everything is inline (no script, nothing remote), so the folder can be zipped, sent
and opened anywhere.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .agenda import clock, start_minutes
from .curriculum import Curriculum
from .findings import Finding, Severity
from .formats import OutputFile
from .load import curriculum_files
from .locales import DEFAULT_LANGUAGE, Words, available_languages
from .model import Module
from .replace import Listed, Replacement, page_file
from .slide_titles import slide_titles
from .staging import StagedBuild

INDEX_TEMPLATE = "index.html.j2"

PALETTE = {
    "text": "#1b1f24",
    "muted": "#4a5260",
    "background": "#ffffff",
    "panel": "#f3f5f8",
    "line": "#8a94a3",
    "link": "#0a4ea3",
    "visited": "#5b2a91",
    "banner": "#17324d",
    "banner_text": "#ffffff",
    "focus": "#c2410c",
    "warning": "#8a4b00",
    "error": "#a3141e",
}
"""The page's colours, as CSS custom properties."""

CONTRAST_PAIRS = [
    ("text", "background"), ("text", "panel"), ("muted", "background"), ("muted", "panel"),
    ("link", "background"), ("link", "panel"), ("visited", "background"), ("visited", "panel"),
    ("banner_text", "banner"), ("warning", "panel"), ("error", "panel"),
    ("warning", "background"), ("error", "background"),
]
"""Every text colour against every fill it is drawn on; each pair must reach 4.5:1."""


@dataclass(frozen=True)
class FileLink:
    href: str
    name: str
    kind: str
    size: str
    pdf: FileLink | None = None
    """The PDF made from this file, shown in the same row."""


@dataclass(frozen=True)
class Picture:
    href: str
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class DeckPictures:
    deck: str
    pictures: list[Picture]


@dataclass(frozen=True)
class ModuleEntry:
    anchor: str
    title: str
    audience: str
    duration: str
    objectives: list[str]
    files: list[FileLink]
    decks: list[DeckPictures]


@dataclass(frozen=True)
class LanguageSection:
    lang: str
    tag: str
    name: str
    anchor: str
    modules: list[ModuleEntry]


@dataclass(frozen=True)
class CheckSummary:
    files: int
    errors: int
    warnings: int
    lines: list[tuple[str, str]]
    """Each finding as `voces check` prints it, with its severity (for its colour)."""


@dataclass
class PageSwitch:
    lang: str
    name: str
    href: str
    current: bool = False


@dataclass
class Page:
    file: str
    lang: str
    words: Words
    switch: list[PageSwitch] = field(default_factory=list)


def write_index(staged: StagedBuild, replacement: Replacement,
                previous: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """`index.html` (and `index-<lang>.html`) at the top of the staged output, listing the
    output folder as `replacement` will leave it. Returns each page's record for the manifest:
    the fingerprint of everything the page shows and the digest of its file. A page whose
    fingerprint and file are as `previous` (the previous build's records) has them is not
    rendered again (as a job is kept): an edit that changes nothing the page shows (a
    scenario's summary) spends nothing on it."""
    curriculum = staged.curriculum
    pages = _pages(curriculum)
    check = _check_summary(curriculum, staged.request.findings)
    environment = None
    records: dict[str, Any] = {}
    for page in pages:
        sections = [_language_section(staged, replacement, lang, page.words)
                    for lang in curriculum.languages]
        values: dict[str, Any] = {
            "page": page, "words": page.words, "sections": sections, "check": check,
            "palette": PALETTE, "title": curriculum.text(curriculum.settings.title, page.lang),
            "settings": curriculum.settings, "tag": _page_tag(curriculum, page.lang)}
        fingerprint = page_fingerprint(curriculum, values)
        current = staged.request.out / page.file
        kept = (previous or {}).get(page.file) or {}
        if kept.get("fingerprint") == fingerprint and _digest_of(current) == kept.get("file"):
            records[page.file] = kept  # the same page from the same values: left as it is
            staged.pages[Path(page.file)] = False
            continue
        if staged.progress:
            staged.progress(Words(DEFAULT_LANGUAGE)("progress_index", file=page.file))
        from .templates import environment as template_environment  # jinja2: only to render

        environment = environment or template_environment(curriculum.root, html=True)
        html = render_template(environment.get_template(INDEX_TEMPLATE), curriculum.root,
                               **values)
        records[page.file] = {"fingerprint": fingerprint,
                              "file": hashlib.sha256(html.encode("utf-8")).hexdigest()}
        staged.pages[Path(page.file)] = True
        if _unchanged(current, html):
            continue  # a rebuild that changed nothing leaves the page (and its time) alone
        (staged.staging / page.file).write_text(html, encoding="utf-8", newline="\n")
        staged.extra_files.append(Path(page.file))
    return records


def render_template(template: Any, root: Path, **values: Any) -> str:
    """`templates.render_template`, imported when a page is rendered: a build whose pages are
    kept does not import jinja2 (the writers of decks, guides and notices do not need it)."""
    from .templates import render_template as render

    return render(template, root, **values)


def page_fingerprint(curriculum: Curriculum, values: Mapping[str, Any]) -> str:
    """A digest of everything a page is rendered from: the values the template is given (the
    listing with its sizes, the check's lines, the settings), the builder (its templates and
    words, jinja2's version) and the curriculum's own templates/ folder, which may replace
    the page's template or add to it."""
    from .plan import builder_digest, canonical

    page: Page = values["page"]
    digest = hashlib.sha256(builder_digest().encode())
    plain = {name: (canonical(value, None) if name == "settings" else repr(value))
             for name, value in values.items() if name not in ("page", "words")}
    plain["page"] = repr((page.file, page.lang, page.switch))
    digest.update(json.dumps(plain, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    templates = curriculum.root / "templates"
    for path in sorted(templates.rglob("*")) if templates.is_dir() else []:
        digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
        digest.update(_digest_of(path).encode() + b"\0")
    return digest.hexdigest()


def _digest_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"
    except OSError:
        return "absent"


def _unchanged(current: Path, html: str) -> bool:
    """Whether the output folder's page already holds exactly `html`."""
    try:
        return current.read_bytes() == html.encode("utf-8")
    except OSError:
        return False


def _pages(curriculum: Curriculum) -> list[Page]:
    pages = [Page(page_file(curriculum, lang), lang, Words(lang)) for lang in curriculum.languages]
    if len(pages) > 1:
        for page in pages:
            page.switch = [
                PageSwitch(other.lang, _own_name(other.lang), other.file, other is page)
                for other in pages
            ]
    return pages


def _page_tag(curriculum: Curriculum, lang: str) -> str:
    """The page's `lang`: its words fall back to English where the builder has no locale."""
    if lang in available_languages():
        return curriculum.settings.language_tag(lang)
    return DEFAULT_LANGUAGE


def _own_name(lang: str) -> str:
    """A language's name in itself, as a language switch shows it ("Español")."""
    return _language_name(Words(lang), lang) if lang in available_languages() else lang


def _language_name(words: Words, lang: str) -> str:
    """As a heading or a link shows it: capitalised, though Spanish writes "inglés" in a line."""
    name = str(words["language_names"].get(lang, lang))
    return name[:1].upper() + name[1:]


def _language_section(
    staged: StagedBuild, replacement: Replacement, lang: str, words: Words
) -> LanguageSection:
    curriculum = staged.curriculum
    modules = [_module_entry(staged, module, lang, words, replacement.listing[(lang, module.id)])
               for module in curriculum.modules]
    return LanguageSection(lang, curriculum.settings.language_tag(lang),
                           _language_name(words, lang), f"lang-{lang}", modules)


def _module_entry(
    staged: StagedBuild, module: Module, lang: str, words: Words, listing: list[Listed]
) -> ModuleEntry:
    curriculum = staged.curriculum
    start = start_minutes(curriculum)
    duration = words("index_duration", minutes=module.duration, start=clock(start),
                     end=clock(start + module.duration))
    objectives = [curriculum.text(objective.text, lang)
                  for scenario in curriculum.scenarios_of(module)
                  for objective in scenario.objectives]
    listing = sorted(listing, key=lambda listed: listed.relative.as_posix())
    files = [_file_link(listed, words) for listed in listing]
    # Alt text describes a slide in the slide's own language.
    decks = [_deck_pictures(listed, Words(lang)) for listed in listing if listed.pictures]
    return ModuleEntry(
        anchor=f"{lang}-{module.id}", title=curriculum.text(module.title, lang),
        audience=curriculum.text(module.audience, lang), duration=duration,
        objectives=objectives, files=files, decks=[d for d in decks if d.pictures],
    )


def _href(relative: Path) -> str:
    return quote(relative.as_posix())


def _file_link(listed: Listed, words: Words) -> FileLink:
    """One row per declared file; its PDF shares the row."""
    output = listed.output
    pdf = None
    if listed.pdf is not None and output.pdf is not None:
        pdf = FileLink(_href(output.pdf), output.pdf.name, _kind_name("pdf", words),
                       _size(listed.pdf, words))
    return FileLink(_href(output.relative), output.name, _role(output, words),
                    _size(listed.current, words), pdf)


def _size(path: Path, words: Words) -> str:
    return words("index_size_kb", n=max(1, round(path.stat().st_size / 1024)))


def _role(output: OutputFile, words: Words) -> str:
    """What a file is for, from its declared role: "Answer key, form post-test (Word)" says
    more to an organiser than "Document (Word)", which is what a role without words says."""
    roles = words["index_file_roles"]
    if output.spec.role in roles:
        return re.sub(r"\{(\w+)\}", lambda m: output.values.get(m.group(1), m.group(0)),
                      str(roles[output.spec.role]))
    return _kind_name(output.type.extension, words)


def _kind_name(extension: str, words: Words) -> str:
    kinds = words["index_file_kinds"]
    return str(kinds.get(extension, kinds["other"]))


def _deck_pictures(listed: Listed, words: Words) -> DeckPictures:
    from PIL import Image  # only where a deck has slide pictures (--pdf)

    assert listed.pictures is not None and listed.output.pictures is not None
    titles = slide_titles(listed.current)
    pngs = sorted(listed.pictures.glob("slide-*.png"))
    if len(titles) != len(pngs):
        titles = []  # pictures of another version of the deck: a number is all we can say
    pictures = []
    for number, png in enumerate(pngs, start=1):
        title = titles[number - 1] if titles else ""
        alt = (words("index_slide_alt", n=number, title=title) if title
               else words("index_slide_alt_untitled", n=number))
        try:
            with Image.open(png) as image:
                width, height = image.size
        except (OSError, ValueError):
            continue  # not a picture we can read (a damaged file): leave it out of the page
        pictures.append(Picture(_href(listed.output.pictures / png.name), alt, width, height))
    return DeckPictures(listed.output.name, pictures)


def _check_summary(curriculum: Curriculum, findings: tuple[Finding, ...]) -> CheckSummary:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    return CheckSummary(
        files=len(curriculum_files(curriculum.root)), errors=errors,
        warnings=len(findings) - errors,
        lines=[(str(f), f.severity.value) for f in findings],
    )
