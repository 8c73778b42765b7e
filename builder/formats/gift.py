"""GIFT, Moodle's plain-text quiz format: `<module>-quiz-<lang>.gift.txt`, every item once.

Every text Moodle reads with a format (stem, option, option feedback, true-false feedback,
general feedback, a matching pair's left side) is written behind its own `[plain]` marker, so
`< > &` stay literal and the text's own first characters are never taken for GIFT syntax: Moodle
(`qformat_gift`) reads a leading `%30%` of a `~` option as a 30 % weight, and a leading `[html]`,
`[markdown]`, `[moodle]` or `[plain]` as that text's format, dropping the marker. Behind
`[plain]` both are ordinary text. A matching pair's right side is read without a format, so it
gets no marker (one would be kept as text). GIFT's control characters are escaped, and a
newline inside a text becomes GIFT's `\\n` escape, because a blank line would end the question.
"""

from __future__ import annotations

from pathlib import Path

from ..context import BuildContext
from ..quiz import QuizItem, lms_category, lms_tags, option_credits, quiz_items

# Backslash first, so the backslashes added for the others are not doubled.
_ESCAPED = ("\\", "~", "=", "#", "{", "}", ":")
PLAIN = "[plain]"


def escape(text: str) -> str:
    for character in _ESCAPED:
        text = text.replace(character, "\\" + character)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def plain(text: str) -> str:
    """`text` escaped behind its own `[plain]` marker; an empty text stays empty, because a
    marker with nothing behind it is not valid GIFT for gift-pegjs."""
    return f"{PLAIN}{escape(text)}" if text else ""


def build(context: BuildContext) -> list[Path]:
    blocks = [f"$CATEGORY: {lms_category(context)}"]
    blocks += [_question(context, item) for item in quiz_items(context)]
    path = context.path("quiz", "gift.txt")
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8", newline="\n")
    return [path]


def _question(context: BuildContext, item: QuizItem) -> str:
    # Brackets would end a [tag:...] early; a tag keeps its words without them.
    tags = " ".join(
        f"[tag:{tag.replace('[', '(').replace(']', ')')}]" for tag in lms_tags(context, item))
    lines = [f"// [id:{item.id}] {tags}", f"::{item.id}::{PLAIN}{escape(item.stem)} {{"]
    lines += [f"\t{answer}" for answer in _answers(item)]
    if item.feedback:
        lines.append(f"\t####{plain(item.feedback)}")
    lines.append("}")
    return "\n".join(lines)


def _answers(item: QuizItem) -> list[str]:
    if item.type == "single":
        # `=` marks the key: Moodle makes a question single-answer only when one option has it.
        return [
            f"{'=' if option.correct else '~'}{plain(option.text)}#{plain(option.feedback)}"
            for option in item.options
        ]
    if item.type == "multiple":
        return [
            f"~%{credit}%{plain(option.text)}#{plain(option.feedback)}"
            for option, credit in zip(item.options, option_credits(item), strict=True)
        ]
    if item.type == "true-false":
        # GIFT's order: the answer, then feedback for a wrong answer, then for a right one.
        if item.answer:
            return [f"TRUE#{plain(item.feedback_false)}#{plain(item.feedback_true)}"]
        return [f"FALSE#{plain(item.feedback_true)}#{plain(item.feedback_false)}"]
    return [f"={plain(pair.left)} -> {escape(pair.right)}" for pair in item.pairs]
