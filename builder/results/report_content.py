"""What the results report says, once, as blocks both the docx and the HTML render: so the two
files, in either language, print the same numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..locales import Words
from ..quiz import QuizItem
from .analysis import Analysis


@dataclass(frozen=True)
class Block:
    kind: str
    """heading | paragraph | bullets | table | figure"""
    text: str = ""
    level: int = 1
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    figure: str = ""
    """scores | difficulty"""


PERCENT = "\u00a0%"
"""A percentage's sign stays on the line of its number."""


def number(words: Words, value: float | None, digits: int = 1, suffix: str = "") -> str:
    """A number as the language writes it (0.5 or 0,5); a dash where it was not computed."""
    if value is None:
        return words("results_not_computed_mark")
    return f"{value:.{digits}f}".replace(".", words("results_decimal_mark")) + suffix


def report_blocks(words: Words, analysis: Analysis, items: list[QuizItem],
                  title: str, subtitle: str) -> list[Block]:
    data = analysis.data
    people, scores = data["participants"], data["scores"]
    blocks = [Block("heading", title), Block("paragraph", subtitle)]
    blocks += [Block("heading", words("results_participants"), 2), Block("table", header=(
        words("results_measure"), words("results_value")), rows=(
        (words("results_n_pre"), str(people["pre"])),
        (words("results_n_post"), str(people["post"])),
        (words("results_n_paired"), str(people["paired"])),
        (words("results_n_post_only"), str(people["post_only"])),
        (words("results_n_pre_only"), str(people["pre_only"])),
        (words("results_dropped"), str(people["dropped_columns"])),
    ))]
    blocks += _scores(words, scores, people, data["pass_mark"])
    blocks.append(Block("figure", words("results_figure_scores"), figure="scores"))
    blocks += [Block("heading", words("results_objectives"), 2), Block(
        "paragraph", words("results_objectives_intro")), Block("table", header=(
            words("results_objective"), words("results_pre"), words("results_post")), rows=tuple(
            (f"{o['id']}: {o['text']}", number(words, o["pre"], 1, PERCENT),
             number(words, o["post"], 1, PERCENT)) for o in data["objectives"]))]
    blocks += _items(words, data, items)
    blocks += _flags(words, data)
    notes = [words(f"results_small_{name}", least=10) for name in data["not_computed"]]
    if notes:
        blocks += [Block("heading", words("results_small_groups"), 2),
                   Block("bullets", items=tuple(notes))]
    blocks += [Block("heading", words("results_privacy"), 2),
               Block("paragraph", words("results_privacy_text",
                                        dropped=people["dropped_columns"]))]
    return blocks


def _scores(words: Words, scores: dict[str, Any], people: dict[str, int],
            pass_mark: int) -> list[Block]:
    over = words("results_over_paired", n=people["paired"]) if scores["means_over"] == "paired" \
        else words("results_over_all")
    percent = PERCENT
    rows = (
        (words("results_mean"), number(words, scores["pre_mean"], 1, percent),
         number(words, scores["post_mean"], 1, percent)),
        (words("results_median"), number(words, scores["pre_median"], 1, percent),
         number(words, scores["post_median"], 1, percent)),
        (words("results_pass_rate", pass_mark=pass_mark),
         _share(words, scores["pass_rate_pre"]), _share(words, scores["pass_rate_post"])),
    )
    change = (
        (words("results_gain"), number(words, scores["gain"], 1)),
        (words("results_normalised_gain"), number(words, scores["normalised_gain"], 2)),
        (words("results_t"), number(words, scores["t"], 2)),
        (words("results_p"), _p_value(words, scores["p_value"])),
        (words("results_d_z"), number(words, scores["d_z"], 2)),
    )
    return [Block("heading", words("results_scores"), 2), Block("paragraph", over),
            Block("table", header=(words("results_measure"), words("results_pre"),
                                   words("results_post")), rows=rows),
            Block("table", header=(words("results_change"), words("results_value")),
                  rows=change)]


def _p_value(words: Words, value: float | None) -> str:
    if value is not None and value < 0.0001:
        return "< " + number(words, 0.0001, 4)
    return number(words, value, 4)


def _share(words: Words, value: float | None) -> str:
    return number(words, None if value is None else value * 100, 0, PERCENT)


def _items(words: Words, data: dict[str, Any], items: list[QuizItem]) -> list[Block]:
    reliability = data["reliability"]
    rows = tuple(
        (row["id"], number(words, row["difficulty_pre"], 2),
         number(words, row["difficulty_post"], 2),
         number(words, row["discrimination"], 2), number(words, row["upper_lower"], 2),
         str(row["blanks_post"]))
        for row in data["items"])
    by_id = {item.id: item for item in items}
    chosen = tuple((row["id"], _choices(words, by_id[row["id"]], row["chosen_post"]))
                   for row in data["items"])
    return [
        Block("heading", words("results_items"), 2),
        Block("paragraph", words("results_items_intro")),
        Block("table", header=(words("results_item"), words("results_difficulty_pre"),
                               words("results_difficulty_post"), words("results_discrimination"),
                               words("results_upper_lower"), words("results_blanks")), rows=rows),
        Block("figure", words("results_figure_difficulty"), figure="difficulty"),
        Block("paragraph", words("results_reliability",
                                 pre=number(words, reliability["pre"], 2),
                                 post=number(words, reliability["post"], 2))),
        Block("heading", words("results_choices"), 3),
        Block("table", header=(words("results_item"), words("results_chosen")), rows=chosen),
    ]


def _choices(words: Words, item: QuizItem, chosen: dict[str, int]) -> str:
    if item.type == "matching":
        return " · ".join(f"{key}: {count}" for key, count in chosen.items()) or "—"
    if item.type == "true-false":
        names = {"A": words("quiz_true"), "B": words("quiz_false")}
        key = {"A" if item.answer else "B"}
    else:
        names = {option.letter: option.text for option in item.options}
        key = set(item.key_letters)
    return "\n\n".join(  # one paragraph per option
        f"{name}. {names[name]}{words('results_key_mark') if name in key else ''}: {count}"
        for name, count in chosen.items())


def _flags(words: Words, data: dict[str, Any]) -> list[Block]:
    flags = data["flags"]
    if not flags:
        return [Block("heading", words("results_flags"), 2),
                Block("paragraph", words("results_no_flags"))]
    return [Block("heading", words("results_flags"), 2), Block("bullets", items=tuple(
        words("results_flag_line", item=f["item"], reason=words(f"results_flag_{f['reason']}"),
              location=f["location"]) for f in flags))]
