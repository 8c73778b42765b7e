"""deck.title-fit, measuring and the slide plan API the guide codes against."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, REPO
from deck_helpers import copy_fixture

from builder.checks import check_curriculum
from builder.context import BuildContext
from builder.formats.deck_plan import plan_slides, plan_titles
from builder.layout.measure import _advances, _font, _has_kern_table, find_font, text_width, wrap
from builder.layout.slides import SlidePlan
from builder.load import load_curriculum

LONG_STAGE = ("Arrival at the medical-legal unit, where the examination room, the waiting area "
              "and the corridor are shared")


def _with_stage_title(tmp_path: Path, title: str) -> Path:
    root = copy_fixture("minimal", tmp_path / "curriculum")
    scenario = root / "scenarios" / "case-a.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace(
        "title: {en: Arrival, es: Llegada}", f'title: {{en: "{title}", es: Llegada}}'),
        encoding="utf-8")
    return root


def test_a_long_title_is_an_error_at_its_line(tmp_path: Path) -> None:
    _, findings = check_curriculum(_with_stage_title(tmp_path, LONG_STAGE))
    assert [str(f) for f in findings] == [
        f"scenarios/case-a.yaml:12:17: error: the 'en' title of the 1st stage "
        f"('{LONG_STAGE[:39]}…'): the slide title '{LONG_STAGE}' "
        "does not fit its title box even at 28 pt; shorten the en text by about 37 characters "
        "[deck.title-fit]"]


def test_a_title_that_fits_is_left_alone(tmp_path: Path) -> None:
    _, findings = check_curriculum(_with_stage_title(tmp_path, LONG_STAGE[:60]))
    assert findings == []
    _, findings = check_curriculum(FIXTURES / "minimal")
    assert findings == []


def test_cutting_the_reported_characters_makes_the_title_fit(tmp_path: Path) -> None:
    _, findings = check_curriculum(_with_stage_title(tmp_path, LONG_STAGE[:-37].rstrip()))
    assert findings == []


def test_measuring_uses_the_shipped_carlito_metrics() -> None:
    carlito = find_font("Calibri")
    assert [path.name for path in (carlito.regular, carlito.bold, carlito.italic)] == [
        "Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf"]
    assert find_font("A family no one has").regular == carlito.regular  # Carlito stands in
    assert "builder/themes/default/fonts" in carlito.regular.as_posix()
    # Pillow's basic layout engine, whether or not libraqm is installed (raqm gave 466.95 here and
    # nothing where it is absent): the same widths, and so the same slides, on every machine.
    assert round(text_width("Hello world", carlito.regular, 100), 2) == 468.0
    assert wrap("one two three four", carlito.regular, 24, 110) == ["one two", "three four"]


def test_the_advance_table_measures_exactly_what_pillow_measures() -> None:
    # The table adds each character's advance instead of asking Pillow for every word: the sum
    # must be Pillow's number to the last bit, or pagination (and so the bytes) would change.
    carlito = find_font("Calibri")
    texts = {" ".join(path.read_text(encoding="utf-8").split())
             for path in (REPO / "modules").glob("*.yaml")}
    words = {word for text in texts for word in text.split()}
    samples = sorted(words | {f" {word}" for word in words} | texts | {"", "Ω₂ “é”…"})
    for file in (carlito.regular, carlito.bold, carlito.italic):
        assert not _has_kern_table(file)
        for size in (12.0, 18.0, 20.0, 24.0, 28.0, 32.0, 36.0, 40.0, 44.0, 27.5):
            pillow = _font(file, size)
            for sample in samples:
                assert text_width(sample, file, size) == pillow.getlength(sample) / 10, sample


def test_a_font_that_kerns_is_measured_by_pillow_alone(tmp_path: Path) -> None:
    carlito = find_font("Calibri").regular.read_bytes()
    tables = int.from_bytes(carlito[4:6], "big")
    directory = carlito[12:12 + 16 * tables]
    kerning = tmp_path / "Kerning-Regular.ttf"  # the same font with its first table renamed kern
    kerning.write_bytes(carlito[:12] + b"kern" + directory[4:] + carlito[12 + 16 * tables:])
    assert _has_kern_table(kerning) and _advances(kerning, 24.0) is None
    damaged = tmp_path / "Damaged-Regular.ttf"
    damaged.write_bytes(carlito[:40])
    assert _has_kern_table(damaged)  # unreadable as one font: Pillow measures it
    assert _advances(find_font("Calibri").regular, 24.0) is not None


def _plan(fixture: str, lang: str = "en") -> SlidePlan:
    curriculum, _ = load_curriculum(FIXTURES / fixture)
    assert curriculum is not None
    context = BuildContext(curriculum, curriculum.modules[0], lang, Path())
    plan = plan_slides(context)
    assert plan_slides(context) is plan  # computed once per module and language
    return plan


def test_the_plan_gives_slides_by_agenda_item_stage_and_kind() -> None:
    plan = _plan("minimal")
    assert [s.number for s in plan.slides] == list(range(1, 18))
    assert [s.kind for s in plan.slides_for(0)] == [
        "title", "content-note", "ground-rules", "objectives", "agenda", "activity"]
    assert [s.kind for s in plan.slides_for(1)] == [
        "section", "situation", "stage", "quote", "discussion", "key-messages"]
    assert [s.kind for s in plan.slides_for(2)] == [
        "break", "closing-messages", "support", "evaluation", "sources"]
    first = plan.first_slide(1)
    assert first is not None and (first.number, first.title) == (7, "The examination")
    assert [s.number for s in plan.stage_slides("case-a", 0)] == [9]
    assert plan.of_kind("quote")[0].quote_id == "qa-1"
    assert SlidePlan.numbers(plan.slides_for(1)) == "7-12"
    assert SlidePlan.numbers([plan.slides[2], plan.slides[7]]) == "3, 8"


def test_continuations_are_numbered_and_notes_say_so() -> None:
    plan = _plan("deck-long")
    situation = plan.of_kind("situation", "case-a")
    assert len(situation) >= 3
    assert [(s.part, s.parts) for s in situation] == [
        (i, len(situation)) for i in range(1, len(situation) + 1)]
    assert all(s.paragraphs[0].text == "A fictional composite: no real person is described."
               for s in situation)
    discussion = plan.of_kind("discussion", "case-a")
    parts = len(discussion)
    assert parts >= 2
    assert [s.title for s in discussion] == [
        f"Lucía and the online threats: discussion ({i}/{parts})" for i in range(1, parts + 1)]
    assert f"Continued (2/{parts}): keep going at the same pace." in discussion[1].notes
    shown = [p.text.split(".")[0] for s in discussion for p in s.paragraphs]
    assert shown == [str(n) for n in range(1, 13)]
    # each question's "listen for" goes with the slide that shows the question
    assert discussion[1].notes.count("listen for:") == sum(
        1 for p in discussion[1].paragraphs if p.note)
    assert min(s.body_size for s in plan.slides) >= 18


def _titles(plan: SlidePlan) -> list[tuple[object, ...]]:
    return [(s.kind, s.title, s.title_fits, s.title_size, s.part, s.parts, s.title_origin)
            for s in plan.slides]


def test_the_checks_plan_of_titles_is_the_decks(tmp_path: Path) -> None:
    """`voces check` measures titles through `plan_titles`, which skips measuring a body that
    fits one slide at its smallest size: the titles, their fit and their parts stay the deck's,
    for continuations (deck-long) and for titles that do not fit as well."""
    roots = [REPO, FIXTURES / "deck-long", FIXTURES / "quiz-special",
             _with_stage_title(tmp_path, LONG_STAGE)]
    compared = 0
    for root in roots:
        curriculum, _ = load_curriculum(root)
        assert curriculum is not None
        for module in curriculum.modules:
            for lang in curriculum.languages:
                whole = plan_slides(BuildContext(curriculum, module, lang, Path()))
                titles = plan_titles(BuildContext(curriculum, module, lang, Path()))
                assert _titles(titles) == _titles(whole), (root.name, module.id, lang)
                compared += len(whole.slides)
    assert compared > 300


def test_every_deck_word_exists_in_every_locale() -> None:
    import yaml

    locales = Path(__file__).resolve().parents[1] / "builder" / "locales"
    english = yaml.safe_load((locales / "en" / "deck.yaml").read_text(encoding="utf-8"))
    spanish = yaml.safe_load((locales / "es" / "deck.yaml").read_text(encoding="utf-8"))
    assert sorted(set(english) - set(spanish)) == []
    assert all(key.startswith("deck_") for key in english)
