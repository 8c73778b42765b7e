"""The deck theme: the default is legible; a user's theme folder is used; missing layouts fall back."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from conftest import REPO, libreoffice_to_pdf, need_tools
from deck_helpers import NS, build_decks, copy_fixture, misplaced_words
from pptx import Presentation

from builder.build import BuildRequest, build
from builder.checks import check_curriculum
from builder.cli import main

DEFAULT_THEME = REPO / "builder" / "themes" / "default" / "deck.pptx"


def _tool() -> ModuleType:
    """tools/make_deck_theme.py, which made the default theme and makes the test themes."""
    if "make_deck_theme" in sys.modules:
        return sys.modules["make_deck_theme"]
    spec = importlib.util.spec_from_file_location("make_deck_theme",
                                                  REPO / "tools" / "make_deck_theme.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_deck_theme"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_default_theme_is_16_9_with_named_layouts_and_calibri() -> None:
    prs = Presentation(str(DEFAULT_THEME))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    names = [layout.name for layout in prs.slide_layouts]
    assert {"Title Slide", "Title and Content", "Section Header", "Quote"} <= set(names)
    with zipfile.ZipFile(DEFAULT_THEME) as archive:
        theme = archive.read("ppt/theme/theme1.xml").decode()
    assert re.findall(r'<a:(?:major|minor)Font><a:latin typeface="([^"]+)"', theme) == [
        "Calibri", "Calibri"]


def test_every_text_colour_of_the_default_palette_meets_4_5_to_1() -> None:
    palette = _tool().Palette()
    pairs = [(palette.text, palette.background), (palette.title, palette.background),
             (palette.on_dark, palette.dark_background),
             (palette.on_dark_soft, palette.dark_background),
             (palette.text, palette.quote_background), (palette.title, palette.quote_background),
             (palette.quiet, palette.background), (palette.quiet, palette.quote_background)]
    assert [round(contrast(a, b), 1) for a, b in pairs if contrast(a, b) < 4.5] == []


def test_the_shipped_theme_uses_the_default_palette() -> None:
    palette = _tool().Palette()
    with zipfile.ZipFile(DEFAULT_THEME) as archive:
        layouts = "".join(archive.read(n).decode() for n in archive.namelist()
                          if n.startswith("ppt/slideLayouts/slideLayout"))
    for colour in (palette.dark_background, palette.on_dark, palette.quote_background):
        assert f'val="{colour}"' in layouts


def _user_theme(tmp_path: Path, remove: str | None = None) -> Path:
    tool = _tool()
    root = copy_fixture("minimal", tmp_path / "curriculum")
    folder = root / "brand"
    folder.mkdir()
    theme = folder / "deck.pptx"
    tool.make_theme(theme, tool.Palette(text="202020", title="5B1A5E", dark_background="5B1A5E",
                                        quote_background="FFF8E1", accent="5B1A5E"),
                    tool.Fonts(title="Liberation Serif", body="Liberation Sans"))
    if remove:
        prs = Presentation(str(theme))
        prs.slide_layouts.remove(next(x for x in prs.slide_layouts if x.name == remove))
        prs.save(str(theme))
    settings = root / "curriculum.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "theme: brand\n",
                        encoding="utf-8")
    return root


@pytest.mark.office
def test_a_users_theme_folder_gives_the_deck_its_fonts_and_colours(tmp_path: Path) -> None:
    need_tools("soffice", "pdftotext")
    root = _user_theme(tmp_path)
    decks = build_decks(root, tmp_path / "out")
    with zipfile.ZipFile(decks[0]) as archive:
        theme = archive.read("ppt/theme/theme1.xml").decode()
        layouts = "".join(archive.read(n).decode() for n in archive.namelist()
                          if n.startswith("ppt/slideLayouts/"))
    assert '<a:majorFont><a:latin typeface="Liberation Serif"' in theme
    assert '<a:minorFont><a:latin typeface="Liberation Sans"' in theme
    assert 'val="5B1A5E"' in layouts and 'val="FFF8E1"' in layouts
    pdfs = libreoffice_to_pdf(decks, tmp_path / "pdf")
    assert [p for deck in decks for p in misplaced_words(deck, pdfs[deck])] == []


def test_a_missing_quote_layout_falls_back_with_a_warning(tmp_path: Path) -> None:
    root = _user_theme(tmp_path, remove="Quote")
    curriculum, findings = check_curriculum(root)
    assert [str(f) for f in findings] == [
        "curriculum.yaml:10:8: warning: theme: deck.pptx has no layout named 'Quote'; those "
        "slides use 'Title and Content' [deck.layout]"]
    assert curriculum is not None
    staged = build(curriculum, BuildRequest(out=tmp_path / "out", languages=["en"],
                                            modules=["mod-a"], kinds=["deck"]))
    assert staged.warnings == []  # the check's finding; the deck writer does not make it again
    deck = tmp_path / "out" / "en" / "mod-a" / "mod-a-deck-en.pptx"
    quote = Presentation(str(deck)).slides[9]
    assert quote.shapes.title.text_frame.text == "In their words: VoS-PE-06"
    assert quote.slide_layout.name == "Title and Content"


def test_a_theme_holding_example_slides_and_notes_gives_a_deck_of_its_own_slides_only(
        tmp_path: Path) -> None:
    """The deck is written from the theme's parts, not through python-pptx's slide API: a theme
    with slides, speaker notes and so its own notes master still gives a deck whose slides,
    notes pages and ids are its own, numbered from the first, and nothing of the examples."""
    root = _user_theme(tmp_path)
    theme = root / "brand" / "deck.pptx"
    example = Presentation(str(theme))
    for number in range(2):
        slide = example.slides.add_slide(example.slide_layouts[1])
        slide.shapes.title.text = f"Example slide {number}"
        slide.notes_slide.notes_text_frame.text = f"Example notes {number}"
    example.save(str(theme))
    deck = build_decks(root, tmp_path / "out")[0]
    with zipfile.ZipFile(deck) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(name) for name in names)
    assert b"Example slide" not in everything and b"Example notes" not in everything
    assert [n for n in names if n.startswith("ppt/notesMasters/") and n.endswith(".xml")] == [
        "ppt/notesMasters/notesMaster1.xml"]
    written = Presentation(str(deck))
    slides = list(written.slides)
    count = len(slides)
    assert count > 10
    assert [s.slide_id for s in slides] == list(range(256, 256 + count))
    assert sorted(n for n in names if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)) == \
        sorted(f"ppt/notesSlides/notesSlide{i}.xml" for i in range(1, count + 1))
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text.startswith(
        f"Slide {i}") for i, s in enumerate(slides, start=1))


def test_a_theme_that_is_no_pptx_is_a_check_error(tmp_path: Path) -> None:
    root = copy_fixture("minimal", tmp_path / "curriculum")
    (root / "brand").mkdir()
    (root / "brand" / "deck.pptx").write_text("not a deck", encoding="utf-8")
    settings = root / "curriculum.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "theme: brand\n",
                        encoding="utf-8")
    _, findings = check_curriculum(root)
    assert [(f.rule, str(f.location)) for f in findings] == [("deck.theme", "curriculum.yaml:10:8")]
    assert findings[0].message.startswith(
        "theme: deck.pptx is not a PowerPoint file voces can read (File is not a zip file)")


def test_the_layout_names_are_read_from_the_pptx_xml() -> None:
    with zipfile.ZipFile(DEFAULT_THEME) as archive:
        names = [re.search(rb'<p:cSld name="([^"]+)"', archive.read(n)).group(1).decode()
                 for n in sorted(archive.namelist())
                 if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)]
    assert "Quote" in names
    assert NS["p"]


def test_voces_build_prints_the_missing_layout_warning_once(tmp_path: Path, capsys) -> None:
    root = _user_theme(tmp_path, remove="Quote")
    code = main(["build", str(root), "--out", str(tmp_path / "out"), "--only", "deck",
                 "--lang", "en"])
    printed = capsys.readouterr()
    assert code == 0
    said = "theme: deck.pptx has no layout named 'Quote'; those slides use 'Title and Content'"
    assert (printed.out + printed.err).count(said) == 1
