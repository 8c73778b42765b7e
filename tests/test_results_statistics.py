"""The statistics and the scoring against values worked out by hand (or with the textbook
formula written out here), never by the code under test."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as scipy_stats

from builder.results import statistics as st
from builder.results.analysis import analyse
from builder.results.answers import score

# Five participants, four right-or-wrong items; totals 4, 3, 2, 1, 1.
MATRIX = np.array([
    [1, 1, 1, 1],   # P1
    [1, 1, 1, 0],   # P2
    [1, 1, 0, 0],   # P3
    [1, 0, 0, 0],   # P4
    [0, 0, 0, 1],   # P5
], dtype=float)
CODES = ["P1", "P2", "P3", "P4", "P5"]


def test_difficulty_is_the_share_right():
    assert st.difficulty(MATRIX).tolist() == pytest.approx([0.8, 0.6, 0.4, 0.4])


def test_kr20_by_hand():
    # Σ p·q = .16 + .24 + .24 + .24 = .88; variance of totals (population) = 6.8 / 5 = 1.36;
    # KR-20 = 4/3 · (1 − .88 / 1.36) = 8/17.
    assert st.cronbach_alpha(MATRIX) == pytest.approx(8 / 17)


def test_alpha_of_partial_credit_by_the_formula_written_out():
    scores = np.array([[1, 0.5, 1], [0.5, 0.5, 0], [1, 1, 1], [0, 0.5, 0]])
    k = 3
    item_variances = sum(np.var(scores[:, j], ddof=1) for j in range(k))
    totals = scores.sum(axis=1)
    expected = k / (k - 1) * (1 - item_variances / np.var(totals, ddof=1))
    assert st.cronbach_alpha(scores) == pytest.approx(expected)


def test_corrected_item_total_by_hand():
    # Item 1 = 1,1,1,1,0; rest = 3,2,1,0,1. Σ dx·dy = .4, Σ dx² = .8, Σ dy² = 5.2.
    assert st.corrected_item_total(MATRIX, 0) == pytest.approx(0.4 / math.sqrt(0.8 * 5.2))


def test_corrected_item_total_of_an_item_everyone_got_is_none():
    everyone = MATRIX.copy()
    everyone[:, 0] = 1
    assert st.corrected_item_total(everyone, 0) is None


def test_upper_lower_takes_27_percent_and_breaks_ties_by_code():
    # 27 % of 5 is 1.35: one participant each. Top: P1 (4). Bottom: P4 and P5 tie on 1;
    # by code P4 comes first, so P5 is the last: the lower group.
    assert st.upper_lower(MATRIX, CODES, 0) == pytest.approx(1 - 0)
    assert st.upper_lower(MATRIX, CODES, 3) == pytest.approx(1 - 1)
    assert st.upper_lower(MATRIX, CODES, 1) == pytest.approx(1 - 0)


def test_gains_and_paired_test_by_hand():
    pre = np.array([25, 50, 50, 75, 0], dtype=float)
    post = np.array([75, 75, 100, 100, 50], dtype=float)
    # Differences 50, 25, 50, 25, 50: mean 40, Σ (d − 40)² = 750, sd = √(750/4).
    sd = math.sqrt(750 / 4)
    t = 40 / (sd / math.sqrt(5))
    assert st.gains(pre, post) == pytest.approx((40.0, 40 / 60))
    found_t, found_p, found_d = st.paired_test(pre, post)
    assert found_t == pytest.approx(t)
    assert found_p == pytest.approx(2 * scipy_stats.t.sf(t, df=4))
    assert found_d == pytest.approx(40 / sd)


def test_paired_test_when_every_difference_is_the_same_is_not_computed():
    pre = np.array([10, 20, 30], dtype=float)
    assert st.paired_test(pre, pre + 10) == (None, None, None)


def test_normalised_gain_with_no_room_to_improve_is_none():
    full = np.array([100, 100], dtype=float)
    assert st.gains(full, full) == (0.0, None)


class Option:
    def __init__(self, correct: bool) -> None:
        self.correct = correct


class Item:
    def __init__(self, type_: str, correct: list[bool] = (), pairs: int = 0,
                 answer: bool | None = None) -> None:
        self.type = type_
        self.options = tuple(Option(c) for c in correct)
        self.pairs = tuple(range(pairs))
        self.answer = answer


@pytest.mark.parametrize(("chosen", "expected"), [
    ({0}, 0.5), ({0, 1}, 1.0), ({0, 2}, 0.0), ({0, 1, 2}, 0.5), ({2}, 0.0),
    ({0, 1, 2, 3}, 0.0),
])
def test_multiple_scores_the_chosen_credits_floored_at_zero(chosen, expected):
    # Two correct options share +1 (½ each), two wrong ones share −1 (−½ each).
    item = Item("multiple", [True, True, False, False])
    assert score(item, frozenset(chosen)) == pytest.approx(expected)  # type: ignore[arg-type]


def test_single_true_false_matching_and_blank():
    single = Item("single", [False, True, False])
    assert score(single, frozenset({1})) == 1.0  # type: ignore[arg-type]
    assert score(single, frozenset({0})) == 0.0  # type: ignore[arg-type]
    assert score(Item("true-false", answer=False), frozenset({1})) == 1.0  # type: ignore[arg-type]
    matching = Item("matching", pairs=3)
    assert score(matching, (0, 2, 1)) == pytest.approx(1 / 3)  # type: ignore[arg-type]
    assert score(matching, (0, 1, None)) == pytest.approx(2 / 3)  # type: ignore[arg-type]
    assert score(single, None) == 0.0  # type: ignore[arg-type]


class QuizItemStub:
    def __init__(self, item_id: str, objective: str) -> None:
        self.id, self.type = item_id, "true-false"
        self.answer = True
        self.options = ()
        self.objective = type("Objective", (), {"id": objective})()
        self.objective_text = f"text of {objective}"


def _stored(matrix: np.ndarray, codes: list[str]) -> dict:
    return {code: {f"i{j}": ("A" if value == 1 else "B", float(value))
                   for j, value in enumerate(row)} for code, row in zip(codes, matrix, strict=True)}


def test_analysis_of_twelve_paired_participants_against_the_formulas():
    rng = np.random.default_rng(7)
    pre = (rng.random((12, 4)) < 0.4).astype(float)
    post = (rng.random((12, 4)) < 0.8).astype(float)
    codes = [f"P{n:02d}" for n in range(1, 13)]
    items = [QuizItemStub(f"i{j}", "o1" if j < 2 else "o2") for j in range(4)]
    analysis = analyse(items, {"pre": _stored(pre, codes), "post": _stored(post, codes)},  # type: ignore[arg-type]
                       70, 0, {}, {})
    data = analysis.data
    pre_pct, post_pct = pre.mean(axis=1) * 100, post.mean(axis=1) * 100
    assert data["scores"]["pre_mean"] == pytest.approx(pre_pct.mean())
    assert data["scores"]["gain"] == pytest.approx(post_pct.mean() - pre_pct.mean())
    d = post_pct - pre_pct
    assert data["scores"]["d_z"] == pytest.approx(d.mean() / d.std(ddof=1))
    assert data["scores"]["pass_rate_post"] == pytest.approx((post_pct >= 70).mean())
    assert [o["pre"] for o in data["objectives"]] == pytest.approx(
        [pre[:, :2].mean() * 100, pre[:, 2:].mean() * 100])
    assert [row["difficulty_post"] for row in data["items"]] == pytest.approx(
        post.mean(axis=0).tolist())
    assert data["items"][0]["chosen_post"] == {"A": int(post[:, 0].sum()),
                                               "B": int(12 - post[:, 0].sum())}
    assert data["not_computed"] == []


def test_small_groups_are_not_computed_and_said_so():
    codes = [f"P{n}" for n in range(1, 6)]
    items = [QuizItemStub(f"i{j}", "o1") for j in range(4)]
    data = analyse(items, {"pre": _stored(MATRIX, codes), "post": _stored(MATRIX, codes)},  # type: ignore[arg-type]
                   70, 0, {}, {}).data
    assert data["scores"]["t"] is None and data["reliability"]["post"] is None
    assert data["items"][0]["discrimination"] is None
    assert data["not_computed"] == ["paired_test", "reliability_pre", "reliability_post",
                                    "discrimination"]
    assert data["scores"]["gain"] == 0.0
