"""An answer as the item's own options, whatever form or LMS it came through, and its score.

Printed forms shuffle items and options per form; Moodle shows option texts. Both are mapped
back to the item's options in file order (A, B, C… as in the curriculum; true-false: A = True,
B = False), so answers from different forms of one delivery compare and score alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..quiz import QuizItem, letter

Choice = frozenset[int]
"""Single, multiple and true-false: the chosen options' indices in file order."""
Matches = tuple[int | None, ...]
"""Matching: for each left side in file order, the index of the right side chosen (or None)."""
Answer = Choice | Matches | None
"""None: a blank (no answer at all)."""


@dataclass(frozen=True)
class ScoredAnswer:
    item: str
    answer: str
    """As stored: canonical letters "A,C"; matching "B,A,-"; "" for a blank."""
    score: float


def option_count(item: QuizItem) -> int:
    if item.type == "true-false":
        return 2
    if item.type == "matching":
        return len(item.pairs)
    return len(item.options)


def key_choice(item: QuizItem) -> Choice:
    if item.type == "true-false":
        return frozenset({0 if item.answer else 1})
    return frozenset(i for i, option in enumerate(item.options) if option.correct)


def score(item: QuizItem, answer: Answer) -> float:
    """product.md "Scoring": single and true-false 1 or 0; multiple the chosen options' credits
    (the correct share +1, the wrong share -1) floored at 0; matching the fraction right."""
    if answer is None:
        return 0.0
    if item.type == "matching":
        assert isinstance(answer, tuple)
        return sum(chosen == i for i, chosen in enumerate(answer)) / len(item.pairs)
    assert isinstance(answer, frozenset)
    key = key_choice(item)
    if item.type in ("single", "true-false"):
        return 1.0 if answer == key else 0.0
    wrong = option_count(item) - len(key)
    credit = sum(1 / len(key) if i in key else -1 / wrong for i in answer)
    return max(0.0, credit)


def encode(item: QuizItem, answer: Answer) -> str:
    if answer is None:
        return ""
    if item.type == "matching":
        assert isinstance(answer, tuple)
        return ",".join("-" if chosen is None else letter(chosen) for chosen in answer)
    assert isinstance(answer, frozenset)
    return ",".join(letter(i) for i in sorted(answer))


def decode(item: QuizItem, stored: str) -> Answer:
    if not stored:
        return None
    parts = stored.split(",")
    if item.type == "matching":
        return tuple(None if part == "-" else _index(part) for part in parts)
    return frozenset(_index(part) for part in parts)


def _index(name: str) -> int:
    value = 0
    for char in name:
        value = value * 26 + ord(char) - ord("A") + 1
    return value - 1


def scored(item: QuizItem, answer: Answer) -> ScoredAnswer:
    return ScoredAnswer(item.id, encode(item, answer), score(item, answer))
