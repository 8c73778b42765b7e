"""The deck's XML: titles, reading order, language tags, alt text, notes, no leaks, same bytes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from deck_helpers import NS, build_decks, copy_fixture, slide_parts
from lxml import etree

pytestmark = pytest.mark.slow  # the module's decks are built from every curriculum, the example too

CURRICULA = {"minimal": FIXTURES / "minimal", "long": FIXTURES / "deck-long"}
if (REPO / "curriculum.yaml").is_file() and (REPO / "modules").is_dir():
    CURRICULA["example"] = REPO


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    base = tmp_path_factory.mktemp("xml")
    return {name: build_decks(root, base / name) for name, root in CURRICULA.items()}


def _title(slide: etree._Element) -> etree._Element | None:
    for shape in slide.iter(f"{{{NS['p']}}}sp"):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type") in ("title", "ctrTitle"):
            return shape
    return None


def _text(element: etree._Element) -> str:
    return " ".join(t.text or "" for t in element.iter(f"{{{NS['a']}}}t")).strip()


@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_every_slide_has_a_unique_title_first_in_reading_order(
    decks: dict[str, list[Path]], name: str
) -> None:
    for deck in decks[name]:
        titles = []
        for number, xml in enumerate(slide_parts(deck), start=1):
            slide = etree.fromstring(xml)
            title = _title(slide)
            assert title is not None and _text(title), f"{deck.name} slide {number}: no title"
            first = slide.find("p:cSld/p:spTree/p:sp", NS)
            assert first is title, f"{deck.name} slide {number}: title is not first"
            titles.append(_text(title))
        repeated = sorted({t for t in titles if titles.count(t) > 1})
        assert repeated == [], f"{deck.name}: repeated titles"


@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_every_run_carries_the_language_and_pictures_have_alt_text(
    decks: dict[str, list[Path]], name: str
) -> None:
    for deck in decks[name]:
        tag = "es-PE" if deck.stem.endswith("-es") else "en-GB"
        with zipfile.ZipFile(deck) as archive:
            parts = [n for n in archive.namelist()
                     if re.fullmatch(r"ppt/(slides|notesSlides)/\w+\.xml", n)]
            assert parts
            for part in parts:
                tree = etree.fromstring(archive.read(part))
                for run in tree.iter(f"{{{NS['a']}}}r"):
                    props = run.find("a:rPr", NS)
                    assert props is not None and props.get("lang") == tag, (
                        f"{deck.name} {part}: run '{_text(run)}' has no lang {tag}")
                for picture in tree.iter(f"{{{NS['p']}}}pic"):
                    described = picture.find("p:nvPicPr/p:cNvPr", NS)
                    alt = described.get("descr", "") if described is not None else ""
                    assert alt and not re.search(r"\.(png|jpe?g|gif|emf|svg)$", alt), part


def test_speaker_notes_give_timing_facilitator_notes_cues_and_transition(
    decks: dict[str, list[Path]],
) -> None:
    from pptx import Presentation

    deck = next(d for d in decks["minimal"] if d.name == "mod-a-deck-en.pptx")
    slides = list(Presentation(str(deck)).slides)
    notes = [s.notes_slide.notes_text_frame.text for s in slides]
    assert all(n.strip() for n in notes)
    stage = notes[8]
    assert stage.split("\n") == [
        "Slide 9 · 09:15–09:45 · 30 min · The examination",
        "DO: Read the stage, then give the prompt. Let small groups discuss before taking "
        "answers.",
        "SAY: Think about what you would actually do in your role.",
        "Facilitator notes: Listen for choice.",
        "Next: In their words: VoS-PE-06",
    ]
    assert "Question 1, listen for: choice of gender." in notes[10]
    assert notes[0].startswith("Slide 1 · 09:00–09:15 · 15 min · Opening")
    assert notes[-1].endswith("End of the deck. Thank participants and stay available for "
                              "anyone who wants to talk.")


def test_the_slide_sequence_follows_the_agenda(decks: dict[str, list[Path]]) -> None:
    from pptx import Presentation

    deck = next(d for d in decks["minimal"] if d.name == "mod-a-deck-es.pptx")
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(deck)).slides]
    assert titles == [
        "Módulo A", "Antes de empezar", "Reglas de convivencia", "Objetivos de aprendizaje",
        "Agenda", "Apertura", "El examen", "El examen: la situación", "Llegada",
        "En sus palabras: VoS-PE-06", "El examen: diálogo", "El examen: mensajes clave",
        "Pausa hasta las 09:55", "Mensajes clave del día", "Dónde encontrar apoyo",
        "Evaluación", "Fuentes",
    ]


def test_a_translated_quote_is_labelled_as_a_translation(decks: dict[str, list[Path]]) -> None:
    from pptx import Presentation

    deck = next(d for d in decks["minimal"] if d.name == "mod-a-deck-es.pptx")
    quote = Presentation(str(deck)).slides[9]
    body = [s for s in quote.placeholders if s.placeholder_format.idx == 1][0]
    assert [p.text for p in body.text_frame.paragraphs] == [
        "«Deberían asignar una psicóloga, una mujer para hablar con una mujer.»",
        "— VoS-PE-06, sobreviviente, Study (2021) (traducción)",
    ]


def test_no_feedback_answers_or_restricted_quote_anywhere(tmp_path: Path) -> None:
    root = copy_fixture("minimal", tmp_path / "curriculum")
    scenario = root / "scenarios" / "case-a.yaml"
    text = scenario.read_text(encoding="utf-8")
    text = text.replace("grounding: [qa-1]", "grounding: [qa-1, qr-1]")
    text = text.replace("feedback: {en: Choice helps., es: La elección ayuda.}",
                        "feedback: {en: Secret general feedback for the key only., "
                        "es: Comentario general secreto solo para la clave.}")
    scenario.write_text(text, encoding="utf-8")
    (root / "sources" / "src-r.yaml").write_text(
        "id: src-r\ncitation: \"Interviews (2022), shared for training only.\"\n"
        "short: Interviews (2022)\naccess: restricted\nlanguage: en\nquotes:\n"
        "  - id: qr-1\n    speaker: FW-PE-09\n    role: frontline-worker\n"
        "    text: \"Nobody outside this room may ever read these restricted words.\"\n"
        "    translations:\n      es: {text: \"Nadie fuera de esta sala puede leer estas palabras "
        "restringidas.\", translator: Test}\n", encoding="utf-8")
    secrets = ["Secret general feedback", "Comentario general secreto", "restricted words",
               "palabras restringidas", "Interviews (2022)", "Who should examine her",
               "A professional she chose", "Una profesional que ella eligió"]
    for deck in build_decks(root, tmp_path / "out"):
        with zipfile.ZipFile(deck) as archive:
            everything = "".join(archive.read(n).decode("utf-8", "replace")
                                 for n in archive.namelist())
        assert [s for s in secrets if s in everything] == [], deck.name
        assert "VoS-PE-06" in everything  # the public quote is there


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    first = build_decks(FIXTURES / "minimal", tmp_path / "one")
    second = build_decks(FIXTURES / "minimal", tmp_path / "two")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_core_properties_come_from_the_curriculum(decks: dict[str, list[Path]]) -> None:
    from pptx import Presentation

    deck = next(d for d in decks["minimal"] if d.name == "mod-a-deck-es.pptx")
    properties = Presentation(str(deck)).core_properties
    assert (properties.title, properties.author, properties.language, properties.version) == (
        "Módulo A", "Test organisation", "es-PE", "1.0")
