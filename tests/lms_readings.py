"""How Moodle reads the LMS files, emulated by real parsers, and what it should read.

- GIFT: gift-pegjs, which reads `%N%` weights and `[html]`/`[markdown]`/`[moodle]`/`[plain]`
  prefixes as Moodle's `qformat_gift` does.
- Moodle XML: libxml2 (through lxml's SAX target interface), fed in 4096-byte pieces as Moodle's
  `core\\xml_parser` feeds PHP's libxml2-based parser, with Moodle's character-data handler's one
  rule: a piece of character data that is only whitespace is dropped. libxml2 hands over the text
  between two entity references (`&amp; &lt;`) as its own piece, so `12 & < 15` written with
  references comes back `12 &< 15`, as Moodle stores it.

Both readings give the same record per question id, so one comparison with the curriculum's own
texts (`expected_items`) judges either file.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from conftest import FIXTURES
from lxml import etree
from quiz_helpers import module_questions, text_in

from builder.curriculum import Curriculum

MOODLE_CHUNK = 4096  # core\xml_parser::parse feeds xml_parse this many bytes at a time
PHP_TRIM = " \t\n\r\0\x0b"  # what PHP's trim() strips


@dataclass
class Reading:
    """One question as an LMS reads it; `credits` in percent, in option order."""

    type: str
    stem: str
    feedback: str
    options: list[tuple[str, str]] = field(default_factory=list)
    credits: list[Decimal] = field(default_factory=list)
    answer: bool | None = None
    feedback_true: str = ""
    feedback_false: str = ""
    pairs: list[tuple[str, str]] = field(default_factory=list)
    formats: set[str] = field(default_factory=set)


# --- GIFT through gift-pegjs ------------------------------------------------------------------


def gift_placeholders_decoded(text: str) -> str:
    """gift-pegjs leaves its escape placeholders in a matching pair's right-hand side (its
    PlainText rule skips the decoding its other rules do); Moodle itself decodes them."""
    for code, character in (("092;", "\\"), ("058;", ":"), ("035;", "#"), ("061;", "="),
                            ("123;", "{"), ("125;", "}"), ("126;", "~"), ("010", "\n")):
        text = text.replace(f"&&{code}", character)
    return text


def _rich(value: dict | None, formats: set[str]) -> str:
    if value is None:
        return ""
    formats.add(value["format"])
    return value["text"]


def gift_reading(parsed: list[dict]) -> dict[str, Reading]:
    """gift-pegjs's questions by id, as Moodle would store them."""
    items: dict[str, Reading] = {}
    for question in parsed:
        if question["type"] == "Category":
            continue
        formats: set[str] = set()
        reading = Reading(type=question["type"], stem=_rich(question["stem"], formats),
                          feedback=_rich(question["globalFeedback"], formats))
        if question["type"] == "MC":
            choices = question["choices"]
            # Moodle makes a question single-answer exactly when one option is marked `=`, and
            # gives `=` full credit, keeping a `%N%` after it as text: gift-pegjs takes it for a
            # weight, so the two readings disagree there, and that is reported as a format.
            if any(c["isCorrect"] and c["weight"] is not None for c in choices):
                formats.add("weight after =")
            reading.type = "single" if any(c["isCorrect"] for c in choices) else "multiple"
            reading.options = [(_rich(c["text"], formats), _rich(c["feedback"], formats))
                               for c in choices]
            reading.credits = [Decimal(100) if c["isCorrect"] else Decimal(str(c["weight"] or 0))
                               for c in choices]
        elif question["type"] == "TF":
            reading.type = "true-false"
            reading.answer = question["isTrue"]
            # GIFT's order: feedback for the wrong answer first, then for the right one.
            wrong = _rich(question["trueFeedback"], formats)
            right = _rich(question["falseFeedback"], formats)
            reading.feedback_true, reading.feedback_false = (
                (right, wrong) if question["isTrue"] else (wrong, right))
        elif question["type"] == "Matching":
            reading.type = "matching"
            reading.pairs = [(_rich(p["subquestion"], formats),
                              gift_placeholders_decoded(p["subanswer"]))
                             for p in question["matchPairs"]]
        reading.formats = formats
        items[question["id"]] = reading
    return items


# --- Moodle XML as Moodle's xml_parser reads it -----------------------------------------------


class _DropWhitespaceData(etree.TreeBuilder):
    """lxml's tree builder, except that character data that PHP's trim() empties is dropped,
    as `core\\xml_parser::characterdata` drops it."""

    def data(self, data: str) -> None:
        if data.strip(PHP_TRIM) or data == "0":
            super().data(data)


def moodle_xml_tree(path: Path) -> etree._Element:
    parser = etree.XMLParser(target=_DropWhitespaceData())
    content = path.read_bytes()
    for start in range(0, len(content), MOODLE_CHUNK):
        parser.feed(content[start:start + MOODLE_CHUNK])
    return parser.close()


def _text(element: etree._Element | None, formats: set[str]) -> str:
    if element is None:
        return ""
    if element.get("format") is not None:
        formats.add(element.get("format", ""))
    # Moodle's qformat_xml::getpath trims every text it reads.
    return (element.findtext("text") or "").strip(PHP_TRIM)


def moodle_reading(path: Path) -> dict[str, Reading]:
    """Every question of a Moodle XML file by idnumber, as Moodle's importer reads it."""
    items: dict[str, Reading] = {}
    for question in moodle_xml_tree(path).findall("question"):
        kind = question.get("type")
        if kind == "category":
            continue
        formats: set[str] = set()
        reading = Reading(type=kind or "", stem=_text(question.find("questiontext"), formats),
                          feedback=_text(question.find("generalfeedback"), formats))
        answers = question.findall("answer")
        if kind == "multichoice":
            reading.type = "single" if question.findtext("single") == "true" else "multiple"
            reading.options = [(_text(a, formats), _text(a.find("feedback"), formats))
                               for a in answers]
            reading.credits = [Decimal(a.get("fraction", "0")) for a in answers]
        elif kind == "truefalse":
            reading.type = "true-false"
            by_value = {a.findtext("text"): a for a in answers}
            reading.answer = by_value["true"].get("fraction") == "100"
            assert by_value["false"].get("fraction") == ("0" if reading.answer else "100")
            reading.feedback_true = _text(by_value["true"].find("feedback"), formats)
            reading.feedback_false = _text(by_value["false"].find("feedback"), formats)
        elif kind == "matching":
            reading.pairs = [(_text(s, formats), _text(s.find("answer"), set()))
                             for s in question.findall("subquestion")]
        reading.formats = formats
        items[question.findtext("idnumber") or ""] = reading
    return items


# --- what the curriculum says -----------------------------------------------------------------


def expected_items(curriculum: Curriculum, module_id: str, lang: str) -> dict[str, Reading]:
    """The module's questions with the curriculum's own texts (credits left to `assert_read`)."""
    items: dict[str, Reading] = {}
    for _, question in module_questions(curriculum, module_id):
        def text(value: object) -> str:
            return text_in(curriculum, value, lang)

        items[question.id] = Reading(
            type=question.type, stem=text(question.stem), feedback=text(question.feedback),
            options=[(text(o.text), text(o.feedback)) for o in question.options or []],
            answer=question.answer if question.type == "true-false" else None,
            feedback_true=text(question.feedback_true),
            feedback_false=text(question.feedback_false),
            pairs=[(text(p.left), text(p.right)) for p in question.pairs or []])
    return items


def credit_problems(curriculum: Curriculum, module_id: str, read: dict[str, Reading]) -> list[str]:
    """Where an option earns what it should not: a single question's key earns 100 and every
    other option 0; a multiple question's keys earn an equal share of 100, the others nothing."""
    problems = []
    for _, question in module_questions(curriculum, module_id):
        if question.type not in ("single", "multiple"):
            continue
        correct = [o.correct for o in question.options or []]
        if question.id not in read:
            problems.append(f"{question.id}: not read")
            continue
        credits = read[question.id].credits
        share = Decimal(100) / sum(correct) if question.type == "multiple" else Decimal(100)
        for number, (is_key, credit) in enumerate(zip(correct, credits, strict=True), start=1):
            good = abs(credit - share) < Decimal("0.0001") if is_key else (
                credit <= 0 if question.type == "multiple" else credit == 0)
            if not good:
                problems.append(f"{question.id} option {number}: {credit}%")
    return problems


def _fields(reading: Reading, same: Callable[[str], str]) -> tuple[object, ...]:
    return (reading.type, same(reading.stem), same(reading.feedback),
            [(same(a), same(b)) for a, b in reading.options], reading.answer,
            same(reading.feedback_true), same(reading.feedback_false),
            [(same(a), same(b)) for a, b in reading.pairs])


def as_is(text: str) -> str:
    return text


def assert_read_exactly(curriculum: Curriculum, module_id: str, lang: str,
                        read: dict[str, Reading], plain: str,
                        same: Callable[[str], str] = as_is) -> None:
    """Every text, answer and credit as the curriculum has it, and every text in `plain`
    (`same` is applied to both sides' texts before they are compared)."""
    expected = expected_items(curriculum, module_id, lang)
    assert list(read) == list(expected)
    for question_id, wanted in expected.items():
        got = read[question_id]
        assert got.formats <= {plain}, (question_id, got.formats)
        assert _fields(got, same) == _fields(wanted, same), question_id
    assert credit_problems(curriculum, module_id, read) == []


# --- a curriculum whose every text starts with GIFT syntax ------------------------------------

LEADING = {
    "pct-30": "%30% ",
    "pct-minus-50": "%-50% ",
    "pct-100": "%100%",
    "pct-words": "%of all% ",
    "html": "[html] <i>never</i> ",
    "markdown": "[markdown] *never* ",
    "moodle": "[moodle] ",
    "plain": "[plain] ",
}


def _prefixed(value: object, prefix: str) -> object:
    if isinstance(value, dict) and set(value) <= {"en", "es"}:
        return {lang: prefix + text for lang, text in value.items()}
    if isinstance(value, dict):
        return {key: _prefixed(inner, prefix) for key, inner in value.items()}
    if isinstance(value, list):
        return [_prefixed(inner, prefix) for inner in value]
    return value


def leading_syntax_curriculum(target: Path) -> Path:
    """quiz-special with each of its four questions once more per `LEADING` prefix, that prefix
    put at the start of every text: stem, options, feedback, true-false feedback, pairs."""
    shutil.copytree(FIXTURES / "quiz-special", target)
    path = target / "scenarios" / "case-a.yaml"
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = []
    for name, prefix in LEADING.items():
        for question in scenario["questions"]:
            variant = {key: (value if key in ("id", "type", "objective", "answer")
                             else _prefixed(copy.deepcopy(value), prefix))
                       for key, value in question.items()}
            variant["id"] = f"{question['id']}-{name}"
            questions.append(variant)
    scenario["questions"] = questions
    path.write_text(yaml.safe_dump(scenario, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return target


# --- a curriculum whose every text mixes XML's escaped characters with spaces -----------------

XML_MIXES = [
    "ages 12 & < 15",
    "& < > ' at the start",
    "a  &  <  b  >  c",
    "1 ]]> 2 & 3",
    "]]>]]> &amp; &lt; written out",
    "line one &\n< line two",
    "tab\t&\t<\t>",
    "‘curly’ & ‘quotes’ < ñ > á",
    "& ñ < ¿qué? > ¡sí!",
    "0 & 0 < 0",
]


def _mixed(value: object, counter: list[int]) -> object:
    if isinstance(value, dict) and set(value) <= {"en", "es"}:
        first = XML_MIXES[counter[0] % len(XML_MIXES)]
        last = XML_MIXES[(counter[0] + 3) % len(XML_MIXES)]
        counter[0] += 1
        return {lang: f"{first} {text} {last}" for lang, text in value.items()}
    if isinstance(value, dict):
        return {key: _mixed(inner, counter) for key, inner in value.items()}
    if isinstance(value, list):
        return [_mixed(inner, counter) for inner in value]
    return value


def xml_mix_curriculum(target: Path) -> Path:
    """quiz-special with every question text (stem, options, feedback, pairs) opened and
    closed by one of `XML_MIXES`, each mix in turn."""
    shutil.copytree(FIXTURES / "quiz-special", target)
    path = target / "scenarios" / "case-a.yaml"
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    counter = [0]
    scenario["questions"] = [
        {key: (value if key in ("id", "type", "objective", "answer") else _mixed(value, counter))
         for key, value in question.items()}
        for question in scenario["questions"]]
    path.write_text(yaml.safe_dump(scenario, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return target
