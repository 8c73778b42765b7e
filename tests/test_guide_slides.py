"""The slide numbers the guide prints are the deck's: build both and read them back."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from conftest import FIXTURES
from deck_helpers import slide_number_fields, slide_parts
from guide_helpers import build_documents, example_root
from pptx import Presentation

from builder.formats import FORMATS
from builder.staging import built_modules

SHOW = {"en": re.compile(r"^DO: Show slides? ([\d, -]+)\."),
        "es": re.compile(r"^HAGA: Muestre (?:la|las) diapositivas? ([\d, -]+)\.")}
STAGE = {"en": re.compile(r'Read stage \d+, "(.+?)", and give the prompt:'),
         "es": re.compile(r"Lea la etapa \d+, «(.+?)», y plantee la pregunta:")}


def numbers(printed: str) -> list[int]:
    """'5', '5-7' or '5, 8' as the deck's plan prints them."""
    found: list[int] = []
    for part in printed.split(","):
        first, _, last = part.strip().partition("-")
        found += list(range(int(first), int(last or first) + 1))
    return found


NOTES_NUMBER = {"en": re.compile(r"^Slide (\d+) · "), "es": re.compile(r"^Diapositiva (\d+) · ")}


def deck_slides(path: Path) -> list[tuple[str, str]]:
    """(title, first line of the speaker notes) of every slide, in order; checks on the way
    that every slide after the first carries a slide-number field showing its place, and that
    its notes name the same number."""
    slides = []
    lang = path.stem.rsplit("-", 1)[1]
    for place, (slide, xml) in enumerate(zip(Presentation(str(path)).slides, slide_parts(path),
                                             strict=True), start=1):
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        assert slide_number_fields(xml) == ([] if place == 1 else [str(place)]), (path, place)
        named = NOTES_NUMBER[lang].match(notes)
        assert named and int(named.group(1)) == place, (path.name, place, notes[:40])
        slides.append((title, notes.split("\n", 1)[0]))
    return slides


def cross_check(out: Path, lang: str, module: str) -> int:
    guide = docx.Document(str(out / lang / module / f"{module}-guide-{lang}.docx"))
    slides = deck_slides(out / lang / module / f"{module}-deck-{lang}.pptx")
    checked = 0
    # The agenda table: every slide of a row's range belongs to that row's clock time.
    agenda = next(t for t in guide.tables
                  if t.rows[0].cells[-1].text in ("Slides", "Diapositivas"))
    covered: list[int] = []
    for row in agenda.rows[1:]:
        clock, printed = row.cells[0].text, row.cells[-1].text
        for number in numbers(printed):
            assert f" · {clock} · " in slides[number - 1][1], (printed, slides[number - 1])
            covered.append(number)
            checked += 1
    assert covered == list(range(1, len(slides) + 1))
    # The session plans: "Show slide N. Read stage k, ..." shows that stage's slide.
    paragraphs = [p.text for p in guide.paragraphs]
    for step in paragraphs:
        stage = STAGE[lang].search(step)
        if stage:
            shown = SHOW[lang].match(step)
            assert shown, f"no slide shown in {step!r}"
            first = numbers(shown.group(1))[0]
            assert slides[first - 1][0].startswith(stage.group(1)), (first, slides[first - 1])
            checked += 1
    # Every "Show slide N" names a slide that exists, in increasing order within a plan.
    shown_numbers = [numbers(m.group(1))[0] for p in paragraphs if (m := SHOW[lang].match(p))]
    assert shown_numbers == sorted(shown_numbers)
    assert set(shown_numbers) <= set(range(1, len(slides) + 1))
    return checked


def need_deck() -> None:
    assert "deck" in FORMATS


def test_guide_slide_numbers_are_the_decks(tmp_path: Path) -> None:
    need_deck()
    out = tmp_path / "output"
    build_documents(FIXTURES / "guide-restricted", out, kinds=["deck", "guide"])
    assert cross_check(out, "en", "mod-a") == 19 + 2
    assert cross_check(out, "es", "mod-a") == 19 + 2


def test_example_guide_slide_numbers_are_the_decks(tmp_path: Path) -> None:
    need_deck()
    root = example_root()
    out = tmp_path / "output"
    staged = build_documents(root, out, kinds=["deck", "guide"])
    for lang, module in built_modules(staged):
        assert cross_check(out, lang, module) > 0
