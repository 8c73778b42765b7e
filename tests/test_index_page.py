"""`index.html`: every module and language, every file built, slide pictures with alt text, the
check summary; links that resolve, headings in order, landmarks, and readable colours."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import REPO
from print_helpers import use_fake_office_formats

from builder.build import BuildRequest, build
from builder.cli import main
from builder.findings import Location, warning
from builder.index import CONTRAST_PAIRS, PALETTE
from builder.load import load_curriculum

MINIMAL = REPO / "tests" / "fixtures" / "minimal"


class Page(HTMLParser):
    """What the tests read from a page: tags in order, links, pictures, ids, text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.headings: list[tuple[int, str]] = []
        self.text: list[str] = []
        self._heading: int | None = None
        self._heading_text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._heading_text = int(tag[1]), []

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading}":
            self.headings.append((self._heading, " ".join("".join(self._heading_text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self.lasttag in ("style", "title"):  # not shown in the page
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading_text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.tags if "id" in attrs}

    @property
    def words(self) -> str:
        """The visible text, each element's text apart from the next (as a reader hears it)."""
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal curriculum with a stand-in deck and guide, built with PDFs when possible."""
    root = tmp_path_factory.mktemp("index") / "minimal"
    shutil.copytree(MINIMAL, root)
    with pytest.MonkeyPatch.context() as monkeypatch:
        use_fake_office_formats(monkeypatch)
        pdf = ["--pdf"] if shutil.which("soffice") and shutil.which("pdftoppm") else []
        assert main(["build", str(root), *pdf]) == 0
    return root / "output"


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def assert_links_resolve(index: Path) -> None:
    page = read(index)
    for attrs in page.all("a"):
        href = attrs["href"]
        assert not re.match(r"[a-z]+:", href), f"{href}: the page links only to its own folder"
        if href.startswith("#"):
            assert href[1:] in page.ids, f"{href}: no such id"
        else:
            assert (index.parent / unquote(href)).is_file(), f"{href}: no such file"
    for attrs in page.all("img"):
        assert (index.parent / unquote(attrs["src"])).is_file(), f"{attrs['src']}: no such file"
        assert attrs.get("alt", "").strip(), f"{attrs['src']}: no alt text"


@pytest.mark.office
def test_every_link_and_picture_resolves_and_every_picture_has_alt_text(built):
    for index in (built / "index.html", built / "index-es.html"):
        assert_links_resolve(index)
    files = [p for p in built.rglob("*") if p.is_file() and p.suffix not in (".png", ".html")
             and not p.name.startswith(".")]  # the build's own manifest and lock
    hrefs = {unquote(a["href"]) for a in read(built / "index.html").all("a")}
    assert sorted(p.relative_to(built).as_posix() for p in files) == sorted(
        h for h in hrefs if not h.startswith("#") and not h.endswith((".png", ".html")))


@pytest.mark.office
def test_the_page_is_self_contained(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "<link" not in html, "styles are inline"
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "@import" not in html and "url(" not in html


@pytest.mark.office
def test_landmarks_language_and_headings_in_order(built):
    page = read(built / "index.html")
    assert page.all("html") == [{"lang": "en-GB"}]
    for landmark in ("header", "nav", "main", "footer"):
        assert len(page.all(landmark)) == 1, landmark
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading h{after} follows h{before}"
    assert page.headings[:3] == [(1, "Minimal curriculum"), (2, "English"), (3, "Module A")]
    assert (2, "Check") in page.headings


@pytest.mark.office
def test_each_module_shows_duration_audience_and_objectives(built):
    words = read(built / "index.html").words
    assert "Duration 60 min (09:00–10:00) Audience Prosecutors" in words
    assert "Learning objectives Explain why the choice of professional matters." in words
    assert "Audience Fiscales" in words  # the Spanish section, in the English page's words
    spanish = read(built / "index-es.html").words
    assert "Duración 60 min (09:00–10:00) Público Fiscales" in spanish
    assert "Objetivos de aprendizaje Explicar por qué importa la elección del profesional." in spanish


@pytest.mark.office
def test_the_page_words_follow_the_first_language_with_a_switch(built):
    english, spanish = read(built / "index.html"), read(built / "index-es.html")
    assert "What this build made" in english.words
    assert "Lo que generó esta compilación" in spanish.words
    assert spanish.all("html") == [{"lang": "es-PE"}]
    switch = [(a["href"], a.get("aria-current")) for a in english.all("a") if "hreflang" in a]
    assert switch == [("index.html", "page"), ("index-es.html", None)]
    assert "This page in: English · Español" in english.words


def test_check_summary_shows_counts_and_each_finding(tmp_path):
    curriculum, findings = load_curriculum(MINIMAL)
    assert curriculum is not None and findings == []
    found = warning(Location("modules/mod-a.yaml", 7, 5), "a made-up warning", "time.no-break")
    request = BuildRequest(out=tmp_path / "out", languages=["en"], modules=["mod-a"],
                           kinds=["agenda"], findings=(found,))

    build(curriculum, request)

    page = read(tmp_path / "out" / "index.html")
    assert ("Check Files checked 4 Errors 0 Warnings 1 What voces check reported "
            "modules/mod-a.yaml:7:5: warning: a made-up warning [time.no-break]") in page.words


@pytest.mark.office
def test_a_clean_check_says_so(built):
    assert "Files checked 4 Errors 0 Warnings 0 voces check found no problems." in read(
        built / "index.html").words


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice or pdftoppm is not installed")
def test_slide_pictures_are_shown_with_their_titles_as_alt_text(built):
    pictures = [(img["src"], img["alt"]) for img in read(built / "index.html").all("img")]
    assert pictures[:3] == [
        ("en/mod-a/mod-a-deck-en-slides/slide-01.png", "Slide 1: Module A"),
        ("en/mod-a/mod-a-deck-en-slides/slide-02.png", "Slide 2: Module A: agenda"),
        ("en/mod-a/mod-a-deck-en-slides/slide-03.png", "Slide 3: Module A: closing"),
    ]
    assert pictures[3] == ("es/mod-a/mod-a-deck-es-slides/slide-01.png",
                           "Diapositiva 1: Módulo A")


def test_a_partial_build_lists_what_the_output_folder_holds(tmp_path, monkeypatch):
    use_fake_office_formats(monkeypatch)
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    out = root / "output"
    assert main(["build", str(root), "--lang", "en", "--only", "deck"]) == 0
    assert main(["build", str(root), "--lang", "es", "--only", "agenda"]) == 0

    page = read(out / "index.html")
    hrefs = [a["href"] for a in page.all("a") if not a["href"].startswith(("#", "index"))]
    assert hrefs == ["en/mod-a/mod-a-deck-en.pptx", "es/mod-a/mod-a-agenda-es.txt"]
    assert_links_resolve(out / "index.html")


def test_a_module_not_built_yet_says_so(tmp_path, monkeypatch):
    use_fake_office_formats(monkeypatch)
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    assert main(["build", str(root), "--lang", "en"]) == 0
    words = read(root / "output" / "index.html").words
    assert "Nothing has been built for this module in this language yet." in words


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_pdf_older_than_its_rebuilt_source_is_removed_and_not_listed(tmp_path, monkeypatch):
    use_fake_office_formats(monkeypatch)
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    assert main(["build", str(root), "--lang", "en", "--only", "guide", "--pdf"]) == 0
    assert "mod-a-guide-en.pdf" in read(root / "output" / "index.html").words
    assert main(["build", str(root), "--lang", "en", "--only", "guide"]) == 0
    assert "mod-a-guide-en.pdf" in read(root / "output" / "index.html").words, \
        "the guide is unchanged: its PDF still matches it"

    module = root / "modules/mod-a.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("Overview.", "New overview."),
                      encoding="utf-8")
    assert main(["build", str(root), "--lang", "en", "--only", "guide"]) == 0

    assert "mod-a-guide-en.pdf" not in read(root / "output" / "index.html").words
    assert not (root / "output/en/mod-a/mod-a-guide-en.pdf").exists()
    assert (root / "output/en/mod-a/mod-a-guide-en.docx").is_file()


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.office
def test_every_text_colour_on_the_page_reaches_4_5_to_1(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    declared = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", html))
    assert declared == {name.replace("_", "-"): colour for name, colour in PALETTE.items()}
    for text, fill in CONTRAST_PAIRS:
        ratio = contrast(PALETTE[text], PALETTE[fill])
        assert ratio >= 4.5, f"{text} on {fill}: {ratio:.2f}:1"
    for fill in ("background", "panel"):  # a focus ring is a graphic: 3:1
        assert contrast(PALETTE["focus"], PALETTE[fill]) >= 3
    assert "a:focus-visible { outline: 3px solid var(--focus)" in html


def test_index_is_written_even_when_nothing_needs_libreoffice(tmp_path, capsys):
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    assert main(["build", str(root), "--only", "agenda"]) == 0
    assert capsys.readouterr().err == ""
    assert_links_resolve(root / "output" / "index.html")


def test_a_spanish_only_curriculum_gets_a_spanish_page_without_a_switch(tmp_path, capsys):
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    settings = root / "curriculum.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "languages: [en, es]", "languages: [es]"), encoding="utf-8")

    assert main(["build", str(root), "--only", "agenda"]) == 0

    printed = capsys.readouterr().out.splitlines()[:-1]  # the findings, then "built …"
    assert sorted(p.name for p in (root / "output").glob("*.html")) == ["index.html"]
    page = read(root / "output" / "index.html")
    assert page.all("html") == [{"lang": "es-PE"}]
    assert [a for a in page.all("a") if "hreflang" in a] == []
    assert page.headings[:3] == [(1, "Currículo mínimo"), (2, "Español"), (3, "Módulo A")]
    assert f"Archivos revisados 4 Errores 0 Advertencias {len(printed)}" in page.words
    assert all(line in page.words for line in printed)


def test_files_are_named_by_what_they_are_for(tmp_path):
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    assert main(["build", str(root), "--lang", "es", "--only", "guide,quiz,gift"]) == 0
    html = (root / "output" / "index-es.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r'<a href="[^"]+">([^<]+)</a></td><td>([^<]+)</td>', html))
    assert rows["mod-a-guide-es.docx"] == "Guía de la persona facilitadora (Word)"
    assert rows["mod-a-key-post-es.docx"] == "Clave de respuestas, forma post (Word)"
    assert rows["mod-a-quiz-pre-es.docx"] == "Prueba imprimible, forma pre (Word)"
    assert rows["mod-a-quiz-es.gift.txt"] == "Cuestionario (GIFT)"
