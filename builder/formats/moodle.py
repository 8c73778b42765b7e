"""Moodle XML: `<module>-quiz-<lang>.moodle.xml`, every item once, in one category.

Texts are `plain_text`, so Moodle shows `< > &` as written; lxml escapes them in the file.
Every `fraction` is one of Moodle's allowed grades (`quiz.option_credits`).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..context import BuildContext
from ..quiz import QuizItem, lms_category, lms_tags, option_credits, quiz_items

PLAIN = "plain_text"


def build(context: BuildContext) -> list[Path]:
    root = etree.Element("quiz")
    category = _question(root, "category")
    _text(etree.SubElement(category, "category"), lms_category(context))
    for item in quiz_items(context):
        _item(context, root, item)
    path = context.path("quiz", "moodle.xml")
    path.write_bytes(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return [path]


def _question(root: etree._Element, kind: str) -> etree._Element:
    return etree.SubElement(root, "question", type=kind)


def _text(parent: etree._Element, value: str) -> etree._Element:
    etree.SubElement(parent, "text").text = value
    return parent


def _formatted(parent: etree._Element, tag: str, value: str) -> etree._Element:
    return _text(etree.SubElement(parent, tag, format=PLAIN), value)


def _simple(parent: etree._Element, tag: str, value: str) -> None:
    etree.SubElement(parent, tag).text = value


def _item(context: BuildContext, root: etree._Element, item: QuizItem) -> None:
    kind = {"single": "multichoice", "multiple": "multichoice", "true-false": "truefalse",
            "matching": "matching"}[item.type]
    question = _question(root, kind)
    _text(etree.SubElement(question, "name"), item.id)
    _formatted(question, "questiontext", item.stem)
    _formatted(question, "generalfeedback", item.feedback)
    _simple(question, "defaultgrade", "1")
    _simple(question, "penalty", "0")
    _simple(question, "hidden", "0")
    _simple(question, "idnumber", item.id)
    if item.type in ("single", "multiple"):
        _simple(question, "single", "true" if item.type == "single" else "false")
        _simple(question, "shuffleanswers", "true")
        _simple(question, "answernumbering", "ABCD")
        for option, credit in zip(item.options, option_credits(item), strict=True):
            answer = _formatted(question, "answer", option.text)
            answer.set("fraction", credit)
            _formatted(answer, "feedback", option.feedback)
    elif item.type == "true-false":
        # Moodle reads the literal words true/false here; learners see its own labels.
        for value, feedback in ((True, item.feedback_true), (False, item.feedback_false)):
            answer = etree.SubElement(
                question, "answer", fraction="100" if item.answer is value else "0",
                format="moodle_auto_format")
            _text(answer, "true" if value else "false")
            _formatted(answer, "feedback", feedback)
    else:
        _simple(question, "shuffleanswers", "true")
        for pair in item.pairs:
            subquestion = _formatted(question, "subquestion", pair.left)
            _text(etree.SubElement(subquestion, "answer"), pair.right)
    tags = etree.SubElement(question, "tags")
    for tag in lms_tags(context, item):
        _text(etree.SubElement(tags, "tag"), tag)
