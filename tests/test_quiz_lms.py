"""GIFT, Moodle XML and QTI 2.1: checked by the shared validators and read back item by item,
for the example curriculum and for a fixture whose every text holds GIFT's, XML's and Jinja's
special characters."""

from __future__ import annotations

import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, VALIDATORS
from lxml import etree
from quiz_helpers import build_quiz, load, module_questions, schema_problems, text_in

from builder.curriculum import Curriculum

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
# outputs.md, "Quiz formats": Moodle refuses any other grade on import (and their negatives).
MOODLE_GRADES = {Decimal(g) for g in (
    "100 90 83.33333 80 75 70 66.66667 60 50 40 33.33333 30 25 20 16.66667 14.28571 12.5 "
    "11.11111 10 5 0").split()}
SPECIAL_MARKS = [":", "#", "{", "}", "~", "=", "<", ">", "&", '"', "'", "[…]", "ñ", "á", "—",
                 "{{ 7*7 }}"]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Curriculum, Path]:
    return load(REPO), build_quiz(REPO, tmp_path_factory.mktemp("example-out"))


@pytest.fixture(scope="module")
def special(tmp_path_factory: pytest.TempPathFactory) -> tuple[Curriculum, Path]:
    root = tmp_path_factory.mktemp("special") / "quiz-special"
    shutil.copytree(FIXTURES / "quiz-special", root)
    return load(root), build_quiz(root, root / "output")


def outputs(curriculum: Curriculum, out: Path, part: str):
    """(lang, module id, path) of one output kind, for every module and language."""
    for lang in curriculum.languages:
        for module in curriculum.modules:
            yield lang, module.id, out / lang / module.id / f"{module.id}-{part}-{lang}"


# --- reading the files back ---------------------------------------------------------------


def read_moodle(path: Path) -> dict[str, dict]:
    root = etree.parse(str(path)).getroot()
    items: dict[str, dict] = {}
    for question in root.findall("question"):
        kind = question.get("type")
        if kind == "category":
            continue
        item = {
            "type": kind,
            "name": question.findtext("name/text"),
            "stem": question.findtext("questiontext/text"),
            "feedback": question.findtext("generalfeedback/text"),
            "single": question.findtext("single"),
            "answers": [(a.findtext("text"), a.get("fraction"), a.findtext("feedback/text"))
                        for a in question.findall("answer")],
            "pairs": [(s.findtext("text"), s.findtext("answer/text"))
                      for s in question.findall("subquestion")],
            "tags": [t.text for t in question.findall("tags/tag/text")],
        }
        items[question.findtext("idnumber")] = item
    return items


def read_qti(path: Path, into: Path) -> tuple[dict[str, dict], list[Path]]:
    """Every item of a QTI package by identifier, and the extracted files."""
    with zipfile.ZipFile(path) as archive:
        archive.extractall(into)
        names = archive.namelist()
    items: dict[str, dict] = {}
    for name in names:
        if not name.startswith("items/"):
            continue
        root = etree.parse(str(into / name)).getroot()
        feedback = {f.get("identifier"): f.text for f in root.iter(f"{QTI}modalFeedback")}
        items[root.get("identifier")] = {
            "stem": root.find(f"{QTI}itemBody/{QTI}p").text,
            "choices": [(c.get("identifier"), c.text) for c in root.iter(f"{QTI}simpleChoice")],
            "sets": [[c.text for c in s] for s in root.iter(f"{QTI}simpleMatchSet")],
            "correct": [v.text for v in root.iter(f"{QTI}value")
                        if v.getparent().tag == f"{QTI}correctResponse"],
            "feedback": feedback,
        }
    return items, [into / name for name in names]


def gift_placeholders_decoded(text: str) -> str:
    """gift-pegjs leaves its escape placeholders in a matching pair's right-hand side (its
    PlainText rule skips the decoding its other rules do); Moodle itself decodes them."""
    for code, character in (("092", "\\"), ("058", ":"), ("035", "#"), ("061", "="),
                            ("123", "{"), ("125", "}"), ("126", "~")):
        text = text.replace(f"&&{code};", character)
    return text


# --- the example ----------------------------------------------------------------------------


@pytest.mark.office
def test_every_gift_file_of_the_example_parses(example, gift_parser):
    curriculum, out = example
    files = [Path(f"{path}.gift.txt") for _, _, path in outputs(curriculum, out, "quiz")]
    checked = gift_parser.check(files)
    assert checked.returncode == 0, checked.stdout
    for (lang, module_id, _), line in zip(outputs(curriculum, out, "quiz"),
                                           checked.stdout.splitlines(), strict=True):
        count = len(module_questions(curriculum, module_id))
        assert line.endswith(f"{module_id}-quiz-{lang}.gift.txt: OK {count} questions")


def test_every_qti_item_test_and_manifest_of_the_example_validates(example, tmp_path):
    curriculum, out = example
    for lang, module_id, path in outputs(curriculum, out, "quiz-qti"):
        items, files = read_qti(Path(f"{path}.zip"), tmp_path / lang / module_id)
        assert len(items) == len(module_questions(curriculum, module_id))
        manifest = [f for f in files if f.name == "imsmanifest.xml"]
        assessment = [f for f in files if f.name != "imsmanifest.xml"]
        assert len(manifest) == 1 and len(assessment) == len(items) + 1
        assert schema_problems(VALIDATORS / "qti21" / "imsqti_v2p1.xsd", assessment) == []
        assert schema_problems(VALIDATORS / "imscp" / "imscp_v1p1.xsd", manifest) == []


def test_the_schemas_do_reject_a_broken_item(example, tmp_path):
    """The schema check above can fail: an item without its interaction's choices does."""
    curriculum, out = example
    lang, module_id, path = next(outputs(curriculum, out, "quiz-qti"))
    _, files = read_qti(Path(f"{path}.zip"), tmp_path)
    item = next(f for f in files if f.parent.name == "items")
    item.write_text(re.sub(r"<simpleChoice.*?</simpleChoice>", "", item.read_text("utf-8"),
                           flags=re.S), encoding="utf-8")
    problems = schema_problems(VALIDATORS / "qti21" / "imsqti_v2p1.xsd", [item])
    assert problems and "choiceInteraction" in problems[0]


def test_every_moodle_file_reads_back_every_item_with_options_keys_and_feedback(example):
    curriculum, out = example
    for lang, module_id, path in outputs(curriculum, out, "quiz"):
        moodle = Path(f"{path}.moodle.xml")
        items = read_moodle(moodle)
        expected = module_questions(curriculum, module_id)
        assert list(items) == [question.id for _, question in expected]
        for scenario, question in expected:
            assert_moodle_item(curriculum, lang, scenario.id, question, items[question.id])


def assert_moodle_item(curriculum, lang, scenario_id, question, item):
    def text(value):
        return text_in(curriculum, value, lang)

    assert item["name"] == question.id
    assert item["stem"] == text(question.stem)
    assert item["feedback"] == text(question.feedback)
    assert f"scenario:{scenario_id}" in item["tags"] or f"caso:{scenario_id}" in item["tags"]
    if question.type in ("single", "multiple"):
        assert item["type"] == "multichoice"
        assert item["single"] == ("true" if question.type == "single" else "false")
        assert [(a[0], a[2]) for a in item["answers"]] == [
            (text(o.text), text(o.feedback)) for o in question.options]
        assert [Decimal(a[1]) > 0 for a in item["answers"]] == [
            o.correct for o in question.options]
        assert abs(sum(Decimal(a[1]) for a in item["answers"] if Decimal(a[1]) > 0) - 100) < 1
    elif question.type == "true-false":
        assert item["type"] == "truefalse"
        assert item["answers"] == [
            ("true", "100" if question.answer else "0", text(question.feedback_true)),
            ("false", "0" if question.answer else "100", text(question.feedback_false)),
        ]
    else:
        assert item["type"] == "matching"
        assert item["pairs"] == [(text(p.left), text(p.right)) for p in question.pairs]


def test_every_moodle_fraction_is_an_allowed_grade(example, special):
    for curriculum, out in (example, special):
        for _, _, path in outputs(curriculum, out, "quiz"):
            root = etree.parse(f"{path}.moodle.xml").getroot()
            fractions = [a.get("fraction") for a in root.findall("question/answer")]
            assert fractions and None not in fractions
            assert {Decimal(f.removeprefix("-")) for f in fractions} <= MOODLE_GRADES


def test_moodle_files_open_with_their_module_category(example):
    curriculum, out = example
    for lang, module_id, path in outputs(curriculum, out, "quiz"):
        root = etree.parse(f"{path}.moodle.xml").getroot()
        first = root.find("question")
        title = text_in(curriculum, curriculum.module(module_id).title, lang)
        assert first.get("type") == "category"
        assert first.findtext("category/text") == "$course$/top/" + title.replace("/", "//")


# --- special characters, every format ---------------------------------------------------------


def special_questions(curriculum: Curriculum):
    return module_questions(curriculum, "mod-a")


def test_the_special_fixture_holds_every_special_character(special):
    curriculum, _ = special
    for lang in curriculum.languages:
        for _, question in special_questions(curriculum):
            texts = [question.stem, question.feedback, question.feedback_true,
                     question.feedback_false]
            texts += [t for o in question.options or [] for t in (o.text, o.feedback)]
            texts += [t for p in question.pairs or [] for t in (p.left, p.right)]
            for value in filter(None, texts):
                assert all(mark in text_in(curriculum, value, lang) for mark in SPECIAL_MARKS)


@pytest.mark.office
def test_special_characters_come_back_exactly_from_gift(special, gift_parser):
    curriculum, out = special
    for lang, _, path in outputs(curriculum, out, "quiz"):
        parsed = gift_parser.parse(Path(f"{path}.gift.txt"))
        questions = {q["id"]: q for q in parsed if q["type"] != "Category"}
        for _, question in special_questions(curriculum):
            def text(value, lang=lang):
                return text_in(curriculum, value, lang)

            found = questions[question.id]
            assert found["stem"] == {"format": "plain", "text": text(question.stem)}
            assert found["globalFeedback"]["text"] == text(question.feedback)
            if question.type in ("single", "multiple"):
                assert [(c["text"]["text"], c["feedback"]["text"]) for c in found["choices"]] == [
                    (text(o.text), text(o.feedback)) for o in question.options]
                marked = [c["isCorrect"] or (c["weight"] or 0) > 0 for c in found["choices"]]
                assert marked == [o.correct for o in question.options]
            elif question.type == "true-false":
                assert found["type"] == "TF" and found["isTrue"] is question.answer
                # GIFT's order: feedback for the wrong answer first, then for the right one.
                wrong, right = (question.feedback_false, question.feedback_true)
                if not question.answer:
                    wrong, right = right, wrong
                assert [found["trueFeedback"]["text"], found["falseFeedback"]["text"]] == [
                    text(wrong), text(right)]
            else:
                assert [(p["subquestion"]["text"], gift_placeholders_decoded(p["subanswer"]))
                        for p in found["matchPairs"]] == [
                    (text(p.left), text(p.right)) for p in question.pairs]


def test_special_characters_come_back_exactly_from_moodle_xml(special):
    curriculum, out = special
    for lang, _, path in outputs(curriculum, out, "quiz"):
        items = read_moodle(Path(f"{path}.moodle.xml"))
        for scenario, question in special_questions(curriculum):
            assert_moodle_item(curriculum, lang, scenario.id, question, items[question.id])


def test_special_characters_come_back_exactly_from_qti(special, tmp_path):
    curriculum, out = special
    words = {"en": ("True", "False"), "es": ("Verdadero", "Falso")}
    for lang, _, path in outputs(curriculum, out, "quiz-qti"):
        items, files = read_qti(Path(f"{path}.zip"), tmp_path / lang)
        assert schema_problems(VALIDATORS / "qti21" / "imsqti_v2p1.xsd",
                               [f for f in files if f.name != "imsmanifest.xml"]) == []
        for _, question in special_questions(curriculum):
            def text(value, lang=lang):
                return text_in(curriculum, value, lang)

            found = items[question.id]
            assert found["stem"] == text(question.stem)
            assert found["feedback"]["GENERAL"] == text(question.feedback)
            if question.type in ("single", "multiple"):
                assert found["choices"] == [
                    (chr(65 + i), text(o.text)) for i, o in enumerate(question.options)]
                assert [found["feedback"][chr(65 + i)] for i in range(len(question.options))] == [
                    text(o.feedback) for o in question.options]
                assert found["correct"] == [
                    chr(65 + i) for i, o in enumerate(question.options) if o.correct]
            elif question.type == "true-false":
                assert found["choices"] == [("TRUE", words[lang][0]), ("FALSE", words[lang][1])]
                assert found["feedback"]["TRUE"] == text(question.feedback_true)
                assert found["feedback"]["FALSE"] == text(question.feedback_false)
                assert found["correct"] == ["TRUE" if question.answer else "FALSE"]
            else:
                assert found["sets"] == [[text(p.left) for p in question.pairs],
                                         [text(p.right) for p in question.pairs]]
                assert found["correct"] == [f"L{n} R{n}" for n in
                                            range(1, len(question.pairs) + 1)]


def test_gift_escapes_every_control_character_and_keeps_questions_free_of_blank_lines(special):
    curriculum, out = special
    gift = Path(f"{next(outputs(curriculum, out, 'quiz'))[2]}.gift.txt").read_text("utf-8")
    blocks = gift.rstrip("\n").split("\n\n")
    assert blocks[0] == "$CATEGORY: $course$/top/Module A"
    assert [b.splitlines()[0] for b in blocks[1:]] == [
        "// [id:sp-single] [tag:objective:a-1] [tag:scenario:case-a]",
        "// [id:sp-multiple] [tag:objective:a-1] [tag:scenario:case-a]",
        "// [id:sp-true-false] [tag:objective:a-2] [tag:scenario:case-a]",
        "// [id:sp-matching] [tag:objective:a-2] [tag:scenario:case-a]",
    ]
    assert "::sp-single::[plain]Stem single \\: \\# \\{ \\} \\~ \\= < > & " in gift
    assert "\\{\\{ 7*7 \\}\\}" in gift and "{{" not in gift and "49" not in gift
    assert "\t~%50%[plain]Choice right one" in gift and "\t~%-100%[plain]Choice wrong" in gift
    assert "\tFALSE#[plain]Said true " in gift


def test_same_seed_gives_same_bytes_for_the_lms_files(special, tmp_path):
    curriculum, out = special
    again = build_quiz(curriculum.root, tmp_path / "again")
    for _, _, path in outputs(curriculum, out, "quiz"):
        for suffix in (".gift.txt", ".moodle.xml"):
            first = Path(f"{path}{suffix}")
            second = again / first.relative_to(out)
            assert first.read_bytes() == second.read_bytes()
    for _, _, path in outputs(curriculum, out, "quiz-qti"):
        first = Path(f"{path}.zip")
        assert first.read_bytes() == (again / first.relative_to(out)).read_bytes()
