"""Read back from the built files: every slide reference in the guide and in the speaker notes
points at the right slide, each quote is on one slide per deck, and "fictional" is said once."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES, REPO
from guide_helpers import build_documents, load
from pptx import Presentation

from builder.locales import Words
from builder.staging import built_modules

pytestmark = pytest.mark.slow  # the module's decks are built from every curriculum, the example too

CURRICULA = {name: FIXTURES / name for name in ("minimal", "deck-long", "guide-restricted")}
if (REPO / "curriculum.yaml").is_file() and (REPO / "modules").is_dir():
    CURRICULA["example"] = REPO

QUOTE_TITLE = {"en": "In their words: ", "es": "En sus palabras: "}
NOTES_POINTER = {
    "en": re.compile(r"The words of (\S+) shown for an earlier case ground this one too: "
                     r"see slide (\d+)\."),
    "es": re.compile(r"Las palabras de (\S+) mostradas en un caso anterior fundamentan también "
                     r"este: vea la diapositiva (\d+)\."),
}
GUIDE_REFERENCE = {"en": re.compile(r"\bslides? (\d+(?:(?:-|, )\d+)*)"),
                   "es": re.compile(r"\bdiapositivas? (\d+(?:(?:-|, )\d+)*)")}
GUIDE_QUOTES_SHOWN = {"en": "shown for an earlier case", "es": "mostradas en un caso anterior"}
BUILDER_FICTIONAL = {
    "deck": {"en": "A fictional composite: no real person is described.",
             "es": "Un caso ficticio compuesto: no describe a ninguna persona real."},
    "docx": {"en": "This case is a fictional composite: no real person is described.",
             "es": "Este caso es ficticio y compuesto: no describe a ninguna persona real."},
}
OWN_FICTIONAL = {"en": "Fictional composite case.", "es": "Caso ficticio compuesto."}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, Path]]]:
    """{curriculum: [(lang, module folder), ...]} with deck, guide and handout built."""
    result = {}
    for name, root in CURRICULA.items():
        out = tmp_path_factory.mktemp(name)
        staged = build_documents(root, out, kinds=["deck", "guide", "handout"])
        result[name] = [(lang, out / lang / module) for lang, module in built_modules(staged)]
    return result


def numbers(printed: str) -> list[int]:
    found: list[int] = []
    for part in printed.split(","):
        first, _, last = part.strip().partition("-")
        found += list(range(int(first), int(last or first) + 1))
    return found


def slides_of(folder: Path, lang: str) -> list[tuple[str, str, str]]:
    """(title, body text, notes) of every slide of the folder's deck."""
    deck = next(folder.glob(f"*-deck-{lang}.pptx"))
    slides = []
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title.text
        body = " ".join(s.text_frame.text for s in slide.placeholders
                        if s.has_text_frame and s.placeholder_format.idx == 1)
        slides.append((title, body, slide.notes_slide.notes_text_frame.text))
    return slides


def paragraphs_of(path: Path) -> list[str]:
    document = docx.Document(str(path))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells
             for p in c.paragraphs]
    return [p.text for p in document.paragraphs] + cells


@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_each_quote_is_on_one_slide_and_later_cases_point_to_it(
        built: dict[str, list[tuple[str, Path]]], name: str) -> None:
    pointers = 0
    for lang, folder in built[name]:
        slides = slides_of(folder, lang)
        quotes = [body for title, body, _ in slides if title.startswith(QUOTE_TITLE[lang])]
        assert len(quotes) == len(set(quotes)), (folder.name, lang)
        for _, _, notes in slides:
            for speaker, number in NOTES_POINTER[lang].findall(notes):
                title, body, _ = slides[int(number) - 1]
                assert title.startswith(QUOTE_TITLE[lang] + speaker), (folder.name, number)
                pointers += 1
    if name == "example":  # module 2's second case rests on the first case's quotes
        assert pointers > 0


@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_every_slide_the_guide_names_exists_and_quote_pointers_name_quote_slides(
        built: dict[str, list[tuple[str, Path]]], name: str) -> None:
    checked = 0
    for lang, folder in built[name]:
        slides = slides_of(folder, lang)
        for text in paragraphs_of(next(folder.glob(f"*-guide-{lang}.docx"))):
            for printed in GUIDE_REFERENCE[lang].findall(text):
                for number in numbers(printed):
                    assert 1 <= number <= len(slides), (folder.name, text)
                    if GUIDE_QUOTES_SHOWN[lang] in text:
                        assert slides[number - 1][0].startswith(QUOTE_TITLE[lang]), text
                    checked += 1
    assert checked > 0


@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_fictional_is_said_once_on_every_situation(
        built: dict[str, list[tuple[str, Path]]], name: str) -> None:
    for lang, folder in built[name]:
        builder_line = BUILDER_FICTIONAL["deck"][lang]
        for title, body, _ in slides_of(folder, lang):
            if OWN_FICTIONAL[lang] in body:
                assert builder_line not in body, (folder.name, title)
        for kind in ("guide", "handout"):
            texts = paragraphs_of(next(folder.glob(f"*-{kind}-{lang}.docx")))
            own = sum(1 for t in texts if t.startswith(OWN_FICTIONAL[lang]))
            builders = texts.count(BUILDER_FICTIONAL["docx"][lang])
            if name == "deck-long":  # its situation does not say so: the builder's line does
                assert (own, builders) == (0, 1), (kind, lang)
            else:
                assert own > 0 and builders == 0, (name, kind, lang, own, builders)


ROLE = {"en": {"survivor": "survivor", "frontline-worker": "frontline worker"},
        "es": {"survivor": "sobreviviente", "frontline-worker": "profesional de primera línea"}}
ASSIGNED = {"en": "(code assigned by the editors)",
            "es": "(código asignado por el equipo editorial)"}


def test_each_quote_slide_says_who_speaks_and_marks_a_code_the_editors_assigned(
        built: dict[str, list[tuple[str, Path]]]) -> None:
    """A frontline worker's words must not pass for a survivor's, nor an editors' code for a
    published one: the credit says the role, and "assigned" where the source gave no code."""
    quotes = {quote.speaker: quote for _, quote in load(REPO).quotes()}
    seen = {"survivor": 0, "frontline-worker": 0, "assigned": 0}
    for lang, folder in built["example"]:
        for title, body, _ in slides_of(folder, lang):
            if not title.startswith(QUOTE_TITLE[lang]):
                continue
            quote = quotes[title.removeprefix(QUOTE_TITLE[lang]).split(" · ")[0]]
            credit = body.splitlines()[-1] if "\n" in body else body
            assert f"— {quote.speaker}, {ROLE[lang][quote.role]}" in credit, (folder, title)
            assert (ASSIGNED[lang] in credit) == quote.assigned_code, (folder, title)
            seen[quote.role] += 1
            seen["assigned"] += quote.assigned_code
    assert all(seen.values()), seen  # the example shows all three


def test_the_deck_and_the_guide_show_the_same_ground_rules(
        built: dict[str, list[tuple[str, Path]]]) -> None:
    """The guide tells the facilitator to keep the ground rules visible: the slide shows the
    very rules the guide lists, in its language."""
    title = {"en": "Ground rules", "es": "Reglas de convivencia"}
    for lang, folder in built["example"]:
        slide = next(body for heading, body, _ in slides_of(folder, lang)
                     if heading == title[lang])
        guide = paragraphs_of(next(folder.glob(f"*-guide-{lang}.docx")))
        rules = [str(rule) for rule in Words(lang)["ground_rules"]]
        assert len(rules) >= 4
        assert slide.split("\n") == rules or all(rule in slide for rule in rules), slide
        assert all(rule in guide for rule in rules), (folder.name, lang)
