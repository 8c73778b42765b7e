"""Moodle XML: `<module>-quiz-<lang>.moodle.xml`, every item once, in one category.

Texts are `plain_text`, so Moodle shows `< > &` as written. Moodle's XML reader drops every piece
of character data that is only whitespace, and its parser hands over the text between two
escaped characters as such a piece: `ages 12 &amp; &lt; 15` would be stored as `ages 12 &< 15`.
So a text holding `& < >` is written as CDATA, as Moodle's own exporter writes it, and arrives
in one piece; a `]]>` inside it splits the CDATA there (`]]]]><![CDATA[>`), as Moodle's exporter
does. Every other text is written as before. A carriage return becomes a line feed (XML would
turn it into one, or Moodle drop it). Every `fraction` is one of Moodle's allowed grades
(`quiz.option_credits`).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..context import BuildContext
from ..quiz import QuizItem, lms_category, lms_tags, option_credits, quiz_items

PLAIN = "plain_text"
CDATA_WHEN = ("&", "<", ">")
"""A text holding one of these would be written with references; it is written as CDATA."""
CDATA_END = "]]>"
CDATA_SPLIT = b"]]]]><![CDATA[>"
PRIVATE_USE = 0xE000


def build(context: BuildContext) -> list[Path]:
    root = etree.Element("quiz")
    category = _question(root, "category")
    _text(etree.SubElement(category, "category"), lms_category(context))
    for item in quiz_items(context):
        _item(context, root, item)
    path = context.path("quiz", "moodle.xml")
    path.write_bytes(_serialised(root))
    return [path]


def _serialised(root: etree._Element) -> bytes:
    """The file's bytes, every text that needs it as CDATA (see the module's docstring)."""
    split: list[etree._Element] = []
    for element in root.iter():
        text = element.text
        if not text or not any(mark in text for mark in CDATA_WHEN):
            continue
        if CDATA_END in text:
            split.append(element)
        else:
            element.text = etree.CDATA(text)
    if not split:
        return _bytes(root)
    # lxml writes no `]]>` inside a CDATA section: put a character the file does not hold in
    # the middle of each, and write the split in its place once serialised.
    document = etree.tostring(root, encoding="unicode")
    marker = next(chr(c) for c in range(PRIVATE_USE, PRIVATE_USE + 6400)
                  if chr(c) not in document)
    for element in split:
        element.text = etree.CDATA((element.text or "").replace(CDATA_END, f"]]{marker}>"))
    return _bytes(root).replace(f"]]{marker}>".encode(), CDATA_SPLIT)


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _question(root: etree._Element, kind: str) -> etree._Element:
    return etree.SubElement(root, "question", type=kind)


def _text(parent: etree._Element, value: str) -> etree._Element:
    etree.SubElement(parent, "text").text = _line_feeds(value)
    return parent


def _line_feeds(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


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
