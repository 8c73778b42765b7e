"""A delivery's stored answers → the numbers of the report and of `--format json`
(product.md "Statistics" and its JSON, with a few fields added where users need more:
`pre_only`/`post_only`, medians, `pass_rate_pre`, `blanks_pre`, `type`, `not_computed`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..quiz import QuizItem, letter
from . import statistics as st
from .answers import decode

Stored = dict[str, dict[str, dict[str, tuple[str, float]]]]
"""role (pre, post) → participant → item → (answer, score)."""
TOO_EASY, DISTRACTOR = 0.9, "distractor-beats-key"


@dataclass
class Analysis:
    data: dict[str, Any]
    """As `--format json` prints it (rounded there)."""
    pre_percent: list[float] = field(default_factory=list)
    post_percent: list[float] = field(default_factory=list)
    """The score distributions, for the plots."""


def _matrix(group: dict[str, dict[str, tuple[str, float]]], codes: list[str],
            items: list[QuizItem]) -> st.Matrix:
    return np.array([[group[code][item.id][1] for item in items] for code in codes],
                    dtype=float).reshape(len(codes), len(items))


def analyse(items: list[QuizItem], stored: Stored, pass_mark: int, dropped: int,
            header: dict[str, str], locations: dict[str, str]) -> Analysis:
    pre, post = stored.get("pre", {}), stored.get("post", {})
    paired = sorted(set(pre) & set(post))
    not_computed: list[str] = []
    pre_codes, post_codes = sorted(pre), sorted(post)
    pre_all, post_all = _matrix(pre, pre_codes, items), _matrix(post, post_codes, items)
    group = paired if paired else None
    pre_group = _matrix(pre, group, items) if group else pre_all
    post_group = _matrix(post, group, items) if group else post_all
    scores: dict[str, Any] = {
        "pre_mean": _mean(st.percentages(pre_group)) if len(pre_group) else None,
        "post_mean": _mean(st.percentages(post_group)) if len(post_group) else None,
        "gain": None, "normalised_gain": None, "t": None, "p_value": None, "d_z": None,
        "pass_rate_post": _pass_rate(post_all, pass_mark),
        "pass_rate_pre": _pass_rate(pre_all, pass_mark),
        "pre_median": _median(st.percentages(pre_group)) if len(pre_group) else None,
        "post_median": _median(st.percentages(post_group)) if len(post_group) else None,
        "means_over": "paired" if paired else "all",
    }
    if paired:
        pre_pct, post_pct = st.percentages(pre_group), st.percentages(post_group)
        scores["gain"], scores["normalised_gain"] = st.gains(pre_pct, post_pct)
        if len(paired) >= st.MIN_GROUP:
            scores["t"], scores["p_value"], scores["d_z"] = st.paired_test(pre_pct, post_pct)
        else:
            not_computed.append("paired_test")
    reliability = {"pre": _alpha(pre_all, "reliability_pre", not_computed),
                   "post": _alpha(post_all, "reliability_post", not_computed)}
    enough_post = len(post_codes) >= st.MIN_GROUP
    if post_codes and not enough_post:
        not_computed.append("discrimination")
    item_rows, flags = [], []
    for column, item in enumerate(items):
        row = _item_row(item, column, pre, post, pre_all, post_all, post_codes, enough_post)
        item_rows.append(row)
        flags += [{"item": item.id, "reason": reason, "location": locations.get(item.id, "")}
                  for reason in _flags(item, row)]
    data = {
        **header,
        "participants": {"pre": len(pre), "post": len(post), "paired": len(paired),
                         "dropped_columns": dropped, "pre_only": len(set(pre) - set(post)),
                         "post_only": len(set(post) - set(pre))},
        "scores": scores,
        "reliability": reliability,
        "objectives": _objectives(items, pre_group, post_group),
        "items": item_rows,
        "flags": flags,
        "not_computed": not_computed,
        "pass_mark": pass_mark,
    }
    return Analysis(data, [float(x) for x in st.percentages(pre_all)] if len(pre_all) else [],
                    [float(x) for x in st.percentages(post_all)] if len(post_all) else [])


def _mean(values: np.ndarray) -> float:
    return float(values.mean())


def _median(values: np.ndarray) -> float:
    return float(np.median(values))


def _pass_rate(matrix: st.Matrix, pass_mark: int) -> float | None:
    if not len(matrix):
        return None
    return float((st.percentages(matrix) >= pass_mark).mean())


def _alpha(matrix: st.Matrix, name: str, not_computed: list[str]) -> float | None:
    if not len(matrix):
        return None
    if len(matrix) < st.MIN_GROUP:
        not_computed.append(name)
        return None
    return st.finite(st.cronbach_alpha(matrix))


def _item_row(item: QuizItem, column: int, pre: dict, post: dict, pre_all: st.Matrix,
              post_all: st.Matrix, post_codes: list[str], enough: bool) -> dict[str, Any]:
    return {
        "id": item.id,
        "type": item.type,
        "difficulty_pre": float(pre_all[:, column].mean()) if len(pre_all) else None,
        "difficulty_post": float(post_all[:, column].mean()) if len(post_all) else None,
        "discrimination": st.finite(st.corrected_item_total(post_all, column)) if enough
        else None,
        "upper_lower": st.upper_lower(post_all, post_codes, column) if enough else None,
        "blanks_pre": sum(not answers[item.id][0] for answers in pre.values()),
        "blanks_post": sum(not answers[item.id][0] for answers in post.values()),
        "chosen_post": _chosen(item, [answers[item.id][0] for answers in post.values()]),
    }


def _chosen(item: QuizItem, stored: list[str]) -> dict[str, int]:
    """How often each option (file-order letter) was chosen; matching: each "left→right"."""
    counts: dict[str, int] = {}
    if item.type == "matching":
        for value in stored:
            answer = decode(item, value)
            rights: tuple[int | None, ...] = answer if isinstance(answer, tuple) else ()
            for left, right in enumerate(rights):
                if right is not None:
                    key = f"{left + 1}→{letter(right)}"
                    counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))
    size = 2 if item.type == "true-false" else len(item.options)
    counts = {letter(i): 0 for i in range(size)}
    for value in stored:
        answer = decode(item, value)
        for index in answer if isinstance(answer, frozenset) else ():
            counts[letter(index)] += 1
    return counts


def _flags(item: QuizItem, row: dict[str, Any]) -> list[str]:
    reasons = []
    if row["difficulty_pre"] is not None and row["difficulty_pre"] >= TOO_EASY:
        reasons.append("too-easy-before")
    if row["discrimination"] is not None and row["discrimination"] < 0:
        reasons.append("negative-discrimination")
    if item.type != "matching" and row["difficulty_post"] is not None:
        keys = {letter(i) for i, o in enumerate(item.options) if o.correct} \
            if item.type != "true-false" else {"A" if item.answer else "B"}
        chosen = row["chosen_post"]
        best_key = max(chosen[k] for k in keys)
        if any(count > best_key for name, count in chosen.items() if name not in keys):
            reasons.append(DISTRACTOR)
    return reasons


def _objectives(items: list[QuizItem], pre: st.Matrix, post: st.Matrix) -> list[dict[str, Any]]:
    found: dict[str, list[int]] = {}
    texts: dict[str, str] = {}
    for column, item in enumerate(items):
        found.setdefault(item.objective.id, []).append(column)
        texts[item.objective.id] = item.objective_text
    return [{"id": objective,
             "pre": float(pre[:, columns].mean() * 100) if len(pre) else None,
             "post": float(post[:, columns].mean() * 100) if len(post) else None,
             "text": texts[objective]}
            for objective, columns in found.items()]


def rounded(value: Any) -> Any:
    """Numbers to 4 decimals, as `--format json` prints them."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [rounded(item) for item in value]
    return value
