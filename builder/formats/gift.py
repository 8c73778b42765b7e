"""GIFT, Moodle's plain-text quiz format: `<module>-quiz-<lang>.gift.txt`, every item once.

Each question is written as `[plain]` text, so `< > &` stay literal; GIFT's own control
characters are escaped, and a newline inside a text becomes GIFT's `\\n` escape, because a blank
line would end the question early.
"""

from __future__ import annotations

from pathlib import Path

from ..context import BuildContext
from ..quiz import QuizItem, lms_category, lms_tags, option_credits, quiz_items

# Backslash first, so the backslashes added for the others are not doubled.
_ESCAPED = ("\\", "~", "=", "#", "{", "}", ":")


def escape(text: str) -> str:
    for character in _ESCAPED:
        text = text.replace(character, "\\" + character)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


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
    lines = [f"// [id:{item.id}] {tags}", f"::{item.id}::[plain]{escape(item.stem)} {{"]
    lines += [f"\t{answer}" for answer in _answers(item)]
    lines += [f"\t####{escape(item.feedback)}", "}"]
    return "\n".join(lines)


def _answers(item: QuizItem) -> list[str]:
    if item.type == "single":
        return [
            f"{'=' if option.correct else '~'}{escape(option.text)}#{escape(option.feedback)}"
            for option in item.options
        ]
    if item.type == "multiple":
        return [
            f"~%{credit}%{escape(option.text)}#{escape(option.feedback)}"
            for option, credit in zip(item.options, option_credits(item), strict=True)
        ]
    if item.type == "true-false":
        # GIFT's order: the answer, then feedback for a wrong answer, then for a right one.
        if item.answer:
            return [f"TRUE#{escape(item.feedback_false)}#{escape(item.feedback_true)}"]
        return [f"FALSE#{escape(item.feedback_true)}#{escape(item.feedback_false)}"]
    return [f"={escape(pair.left)} -> {escape(pair.right)}" for pair in item.pairs]
