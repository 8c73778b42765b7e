"""The slide titles of the index page's picture descriptions are read from the deck with zipfile
and lxml; python-pptx, which reads decks for a living, must read the same titles."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from builder.cli import main
from builder.slide_titles import slide_titles


def python_pptx_titles(deck: Path) -> list[str]:
    titles = []
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title
        text = title.text_frame.text if title is not None and title.has_text_frame else ""
        titles.append(" ".join(text.split()))
    return titles


@pytest.fixture(scope="module")
def example_decks(tmp_path_factory) -> list[Path]:
    from conftest import REPO

    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(REPO), "--out", str(out), "--only", "deck"]) == 0
    decks = sorted(out.rglob("*.pptx"))
    assert len(decks) == 6
    return decks


def test_every_example_deck_has_the_titles_python_pptx_reads(example_decks):
    for deck in example_decks:
        titles = slide_titles(deck)
        assert len(titles) > 10 and all(titles), deck.name
        assert titles == python_pptx_titles(deck), deck.name


def test_titles_with_line_breaks_runs_and_a_slide_without_a_title(tmp_path):
    presentation = Presentation()
    first = presentation.slides.add_slide(presentation.slide_layouts[0])
    frame = first.shapes.title.text_frame
    frame.text = "Line one\vline two"
    frame.add_paragraph().text = "second  paragraph"
    frame.paragraphs[0].add_run().text = "+run"
    presentation.slides.add_slide(presentation.slide_layouts[6])  # blank: no title
    third = presentation.slides.add_slide(presentation.slide_layouts[5])
    third.shapes.title.text = "Title only"
    deck = tmp_path / "deck.pptx"
    presentation.save(str(deck))
    assert slide_titles(deck) == python_pptx_titles(deck) == [
        "Line one line two+run second paragraph", "", "Title only"]


def test_a_file_that_is_no_deck_has_no_titles(tmp_path):
    text = tmp_path / "deck.pptx"
    text.write_text("not a zip", encoding="utf-8")
    archive = tmp_path / "other.pptx"
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("word/document.xml", "<w/>")
    assert slide_titles(text) == []
    assert slide_titles(archive) == []
    assert slide_titles(tmp_path / "missing.pptx") == []
