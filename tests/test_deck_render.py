"""Every deck, rendered by LibreOffice: each word inside its page and its shape; pages = slides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, libreoffice_to_pdf, need_tools
from deck_helpers import (
    build_decks,
    misplaced_words,
    pdf_pages,
    placeholder,
    slide_parts,
)
from pptx import Presentation

pytestmark = pytest.mark.office  # every test here starts a real client

CURRICULA = {"minimal": FIXTURES / "minimal", "long": FIXTURES / "deck-long"}
if (REPO / "curriculum.yaml").is_file() and (REPO / "modules").is_dir():
    CURRICULA["example"] = REPO


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Path, Path]]]:
    """{curriculum: [(deck, pdf), ...]}, rendered in one LibreOffice call."""
    need_tools("soffice", "pdftotext")
    base = tmp_path_factory.mktemp("decks")
    flat = base / "flat"
    flat.mkdir()
    by_curriculum: dict[str, list[Path]] = {}
    for name, root in CURRICULA.items():
        decks = build_decks(root, base / name / "output")
        copies = []
        for deck in decks:
            copy = flat / f"{name}-{deck.name}"
            shutil.copy(deck, copy)
            copies.append(copy)
        by_curriculum[name] = copies
    pdfs = libreoffice_to_pdf([d for decks in by_curriculum.values() for d in decks], base / "pdf")
    return {name: [(deck, pdfs[deck]) for deck in decks] for name, decks in by_curriculum.items()}


@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_every_word_lies_inside_its_page_and_shape(
    rendered: dict[str, list[tuple[Path, Path]]], name: str
) -> None:
    decks = rendered[name]
    assert decks, f"{name}: no deck was built"
    problems = [p for deck, pdf in decks for p in misplaced_words(deck, pdf)]
    assert problems == []


@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_pdf_has_one_page_per_slide(
    rendered: dict[str, list[tuple[Path, Path]]], name: str
) -> None:
    for deck, pdf in rendered[name]:
        assert len(pdf_pages(pdf)) == len(slide_parts(deck)), deck.name


@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_every_slide_after_the_first_shows_its_number_in_the_render(
    rendered: dict[str, list[tuple[Path, Path]]], name: str
) -> None:
    for deck, pdf in rendered[name]:
        slides = slide_parts(deck)
        for number, (page, xml) in enumerate(zip(pdf_pages(pdf), slides, strict=True), start=1):
            box = placeholder(xml, "sldNum")
            if number == 1:
                assert box is None, f"{deck.name}: the title slide shows a number"
                continue
            assert box is not None, f"{deck.name} slide {number}: no slide number"
            shown = [w.text for w in page.words if box.box.holds(w.box)]
            assert shown == [str(number)], (deck.name, number, shown)


def test_long_situation_and_twelve_questions_continue_on_more_slides(
    rendered: dict[str, list[tuple[Path, Path]]],
) -> None:
    deck = next(d for d, _ in rendered["long"] if d.name.endswith("-en.pptx"))
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(deck)).slides]
    situation = [t for t in titles if t.startswith("Lucía and the online threats: the situation")]
    discussion = [t for t in titles if t.startswith("Lucía and the online threats: discussion")]
    assert len(situation) >= 3
    assert situation == [f"Lucía and the online threats: the situation ({i}/{len(situation)})"
                         for i in range(1, len(situation) + 1)]
    assert len(discussion) >= 2
    assert discussion == [f"Lucía and the online threats: discussion ({i}/{len(discussion)})"
                          for i in range(1, len(discussion) + 1)]


def test_a_word_outside_its_shape_is_caught(tmp_path: Path) -> None:
    """The render check itself can fail: shrink a body box and the words spill out of it."""
    need_tools("soffice", "pdftotext")
    deck = build_decks(FIXTURES / "deck-long", tmp_path / "out")[0]
    prs = Presentation(str(deck))
    for slide in prs.slides:
        for shape in slide.placeholders:
            if shape.placeholder_format.idx == 1:
                shape.height = shape.height // 3
    broken = tmp_path / "broken.pptx"
    prs.save(str(broken))
    pdf = libreoffice_to_pdf([broken], tmp_path / "pdf")[broken]
    problems = misplaced_words(broken, pdf)
    assert any("is outside its shape" in p for p in problems)
