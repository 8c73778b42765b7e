"""The statistics of product.md ("Statistics"), from item scores: scipy.stats where it has them.

A score matrix has one row per participant and one column per item (each score 0–1). Cronbach's
alpha is its definition over numpy variances (equal to KR-20 when every score is 0 or 1).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from scipy import stats

Matrix = NDArray[np.float64]
MIN_GROUP = 10
"""Below this many participants (paired ones for the paired test), the statistics that need a
group are not computed, and the report says so."""
UPPER_LOWER_SHARE = 0.27


def percentages(matrix: Matrix) -> NDArray[np.float64]:
    """Each participant's score as a percentage of the number of items."""
    return matrix.sum(axis=1) / matrix.shape[1] * 100


def difficulty(matrix: Matrix) -> NDArray[np.float64]:
    """Each item's mean score (0–1): the share who got it right."""
    return matrix.mean(axis=0)


def corrected_item_total(matrix: Matrix, column: int) -> float | None:
    """Pearson correlation of an item's scores with the total of the other items."""
    item = matrix[:, column]
    rest = matrix.sum(axis=1) - item
    if np.ptp(item) == 0 or np.ptp(rest) == 0:
        return None  # a correlation with a constant is undefined
    return float(stats.pearsonr(item, rest).statistic)


def upper_lower(matrix: Matrix, codes: list[str], column: int) -> float:
    """Mean item score of the top 27 % of totals minus that of the bottom 27 %; ties in the
    total are broken by participant code."""
    totals = matrix.sum(axis=1)
    order = sorted(range(len(codes)), key=lambda i: (-totals[i], codes[i]))
    size = max(1, round(UPPER_LOWER_SHARE * len(codes)))
    upper, lower = order[:size], order[-size:]
    return float(matrix[upper, column].mean() - matrix[lower, column].mean())


def cronbach_alpha(matrix: Matrix) -> float | None:
    """k/(k−1) · (1 − Σ item variances / variance of totals); KR-20 for 0/1 scores."""
    count = matrix.shape[1]
    total_variance = matrix.sum(axis=1).var(ddof=1)
    if count < 2 or not total_variance > 0:
        return None
    return float(count / (count - 1) * (1 - matrix.var(axis=0, ddof=1).sum() / total_variance))


def paired_test(pre: NDArray[np.float64], post: NDArray[np.float64]
                ) -> tuple[float | None, float | None, float | None]:
    """Paired t-test on the percentages (two-sided p) and d_z = mean difference / standard
    deviation of the differences; None where the differences do not vary."""
    differences = post - pre
    spread = differences.std(ddof=1) if len(differences) > 1 else 0.0
    if not spread > 0:
        return None, None, None
    result = stats.ttest_rel(post, pre)
    return (float(result.statistic), float(result.pvalue),
            float(differences.mean() / spread))


def gains(pre: NDArray[np.float64], post: NDArray[np.float64]
          ) -> tuple[float, float | None]:
    """Mean post % − mean pre %, and the normalised gain (that over 100 − mean pre %)."""
    gain = float(post.mean() - pre.mean())
    room = 100 - float(pre.mean())
    return gain, (gain / room if room > 0 else None)


def finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None
