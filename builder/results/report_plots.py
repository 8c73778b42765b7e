"""The report's two plots (matplotlib, Agg): score distributions pre and post, and each item's
difficulty pre and post. Same numbers, same bytes: no dates or software names in the files,
a fixed hash salt for SVG ids."""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from ..locales import Words  # noqa: E402
from .analysis import Analysis  # noqa: E402

PRE_COLOUR, POST_COLOUR = "#9aa5b1", "#1f5f8b"
BINS = np.arange(0, 101, 10)
STYLE: dict[str, Any] = {"svg.hashsalt": "voces", "svg.fonttype": "none",
                         "font.family": "DejaVu Sans", "font.size": 9}


def figures(words: Words, analysis: Analysis) -> dict[str, tuple[bytes, str]]:
    """name → (PNG bytes, SVG text)."""
    with plt.rc_context(STYLE):  # type: ignore[arg-type]
        return {"scores": _save(_scores(words, analysis)),
                "difficulty": _save(_difficulty(words, analysis))}


def _scores(words: Words, analysis: Analysis) -> plt.Figure:
    figure, axes = plt.subplots(figsize=(6.4, 3.0))
    series = [(analysis.pre_percent, words("results_pre"), PRE_COLOUR),
              (analysis.post_percent, words("results_post"), POST_COLOUR)]
    counts = [np.histogram(values, bins=BINS)[0] for values, _, _ in series]
    width = 4.0
    for offset, ((values, label, colour), count) in enumerate(zip(series, counts, strict=True)):
        if values:
            axes.bar(BINS[:-1] + 1 + offset * width + width / 2, count, width=width,
                     color=colour, label=f"{label} (n = {len(values)})", align="center")
    axes.set_xticks(BINS)
    axes.set_xlim(0, 100)
    axes.set_xlabel(words("results_axis_score"))
    axes.set_ylabel(words("results_axis_participants"))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(frameon=False)
    _tidy(axes)
    return figure


def _difficulty(words: Words, analysis: Analysis) -> plt.Figure:
    rows = analysis.data["items"]
    figure, axes = plt.subplots(figsize=(6.4, max(2.0, 0.28 * len(rows) + 0.9)))
    positions = np.arange(len(rows))
    for offset, (key, label, colour) in enumerate((
            ("difficulty_pre", words("results_pre"), PRE_COLOUR),
            ("difficulty_post", words("results_post"), POST_COLOUR))):
        values = [row[key] if row[key] is not None else 0.0 for row in rows]
        if any(row[key] is not None for row in rows):
            axes.barh(positions + (offset - 0.5) * 0.4, values, height=0.4, color=colour,
                      label=label)
    axes.set_yticks(positions, [row["id"] for row in rows])
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xlabel(words("results_axis_difficulty"))
    axes.legend(frameon=False, loc="lower right")
    _tidy(axes)
    return figure


def _tidy(axes: plt.Axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure = axes.get_figure()
    if isinstance(figure, plt.Figure):
        figure.tight_layout()


def _save(figure: plt.Figure) -> tuple[bytes, str]:
    png, svg = io.BytesIO(), io.StringIO()
    figure.savefig(png, format="png", dpi=150, metadata={"Software": None})
    figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    text = svg.getvalue()
    return png.getvalue(), text[text.index("<svg"):]
