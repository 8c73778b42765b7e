"""The module view: one module in one language as every format shows it. Objectives come with the
quiz items that assess them, a quote with its text in the language, and key messages and content
warnings are de-duplicated by one rule, which the deck, the guide, the handout and the notice all
follow (a fixture whose two cases share a key message and a content warning)."""

from __future__ import annotations

from pathlib import Path

from conftest import edit
from docx import Document
from pptx import Presentation

from builder.cli import main
from builder.context import BuildContext
from builder.load import load_curriculum
from builder.locales import Words
from builder.module_view import cited_quote, module_view, once_each

SHARED_MESSAGE = "Offer a choice."
SHARED_WARNING = "References to abuse."


def two_cases(make_curriculum) -> Path:
    """The minimal curriculum with a second case on the same agenda that repeats the first
    case's key message (with other white space) and its content warning, and adds a message of
    its own."""
    root = make_curriculum()
    case = (root / "scenarios/case-a.yaml").read_text(encoding="utf-8")
    for old, new in (("case-a", "case-b"), ("id: a-1", "id: b-1"),
                     ("objective: a-1", "objective: b-1"), ("a-q1", "b-q1"),
                     ("The examination", "The hearing"), ("El examen", "La audiencia")):
        case = case.replace(old, new)
    case = case.replace(
        "  - {en: Offer a choice., es: Ofrecer una elección.}",
        '  - {en: "Offer  a choice.", es: "Ofrecer  una elección."}\n'
        "  - {en: Explain each step., es: Explicar cada paso.}")
    (root / "scenarios/case-b.yaml").write_text(case, encoding="utf-8")
    edit(root / "modules/mod-a.yaml", "  - scenario: case-a\n",
         "  - scenario: case-a\n  - scenario: case-b\n")
    edit(root / "modules/mod-a.yaml", "duration: 60", "duration: 90")
    return root


def context_for(root: Path, lang: str = "en") -> BuildContext:
    curriculum, findings = load_curriculum(root)
    assert curriculum is not None, [str(f) for f in findings]
    module = curriculum.module("mod-a")
    assert module is not None
    return BuildContext(curriculum, module, lang, root / "unused")


def test_the_rule_folds_white_space_drops_empty_texts_and_keeps_the_first_place():
    assert once_each(["B  b", "a", "", "B\nb", " ", "a"]) == ("B b", "a")


def test_each_objective_comes_with_the_items_that_assess_it(make_curriculum):
    view = module_view(context_for(two_cases(make_curriculum), "es"))
    assert [(o.id, o.text, o.item_ids) for o in view.objectives] == [
        ("a-1", "Explicar por qué importa la elección del profesional.", ["a-q1"]),
        ("b-1", "Explicar por qué importa la elección del profesional.", ["b-q1"]),
    ]
    assert view.objectives[0].quote_ids == ["qa-1"]


def test_key_messages_and_content_warnings_come_once_each(make_curriculum):
    context = context_for(two_cases(make_curriculum))
    view = module_view(context)
    assert view.key_messages == (SHARED_MESSAGE, "Explain each step.")
    assert view.content_warnings == (SHARED_WARNING,)
    assert view.key_messages_of(view.scenarios[1]) == (SHARED_MESSAGE, "Explain each step.")
    assert module_view(context) is view, "one view per module and language"


def test_a_quote_has_its_text_in_the_language_and_says_what_that_text_is(make_curriculum):
    root = make_curriculum()
    view = module_view(context_for(root, "es"))
    assert view.cited_quote_ids == ("qa-1",)
    [quote] = view.public_quotes
    assert (quote.text, quote.translator, quote.in_language, quote.translated) == (
        "Deberían asignar una psicóloga, una mujer para hablar con una mujer.", "Test team",
        True, True)
    english = module_view(context_for(root, "en")).quote("qa-1")
    assert english is not None
    # Published in English, a translation of what was said in Spanish (original_language: es).
    assert (english.translator, english.in_language, english.translated) == (None, True, True)
    untranslated = cited_quote(english.source, english.quote, "fr")
    assert (untranslated.text, untranslated.in_language) == (english.quote.text, False)
    assert module_view(context_for(root)).quote("no-such-quote") is None


def slide_texts(deck: Path) -> dict[str, list[str]]:
    """Each slide's paragraphs (its title first), by title."""
    slides = {}
    for slide in Presentation(str(deck)).slides:
        paragraphs = [" ".join(p.text.split()) for shape in slide.shapes if shape.has_text_frame
                      for p in shape.text_frame.paragraphs if p.text.strip()]
        slides[slide.shapes.title.text] = paragraphs
    return slides


def section(document: Path, heading: str) -> list[str]:
    """The paragraphs under the first heading `heading`, up to the next heading."""
    found: list[str] | None = None
    for paragraph in Document(str(document)).paragraphs:
        is_heading = paragraph.style is not None and paragraph.style.name.startswith("Heading")
        if found is not None and is_heading:
            return found
        if found is not None:
            found.append(" ".join(paragraph.text.split()))
        elif is_heading and paragraph.text == heading:
            found = []
    assert found is not None, f"no heading {heading!r} in {document.name}"
    return found


def test_every_format_shows_a_shared_message_and_warning_once(make_curriculum):
    root = two_cases(make_curriculum)
    assert main(["build", str(root), "--only", "deck,guide,handout,notice", "--lang", "en"]) == 0
    folder, words = root / "output/en/mod-a", Words("en")

    slides = slide_texts(folder / "mod-a-deck-en.pptx")
    assert slides[words("deck_content_note_title")].count(SHARED_WARNING) == 1
    closing = slides[words("deck_closing_messages_title")]
    assert closing.count(SHARED_MESSAGE) == 1 and "Explain each step." in closing

    guide = folder / "mod-a-guide-en.docx"
    assert section(guide, words("guide_key_messages")).count(SHARED_MESSAGE) == 1
    [script] = [p for p in section(guide, words("guide_content_note")) if p]
    assert script.lower().count(SHARED_WARNING.lower()) == 1

    handout = section(folder / "mod-a-handout-en.docx", words("handout_key_messages"))
    assert handout.count(SHARED_MESSAGE) == 1 and "Explain each step." in handout

    notice = section(folder / "mod-a-notice-en.docx", words("notice_content_note"))
    assert notice.count(SHARED_WARNING) == 1
