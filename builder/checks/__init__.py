"""The rules of `voces check`: one module per family, each rule a function over the model.

A rule takes the loaded `Curriculum` and yields findings. A new family is one new module and
one line in `RULES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..curriculum import Curriculum
from ..findings import Finding, sort_findings
from ..load import load_curriculum
from . import (
    contract,
    deck_fit,
    deliveries,
    images,
    privacy,
    quiz,
    quotes,
    scaffold,
    terminology,
    timing,
)

Rule = Callable[[Curriculum], Iterable[Finding]]

RULES: list[Rule] = [
    *contract.RULES,
    *deliveries.RULES,
    *timing.RULES,
    *quiz.RULES,
    *deck_fit.RULES,
    *images.RULES,
    *quotes.RULES,
    *privacy.RULES,
    *terminology.RULES,
    *scaffold.RULES,
]


def check_curriculum(root: Path) -> tuple[Curriculum | None, list[Finding]]:
    """Load and check a curriculum: every finding, sorted, in one run."""
    curriculum, findings = load_curriculum(root)
    return curriculum, check_loaded(curriculum, findings)


def check_loaded(curriculum: Curriculum | None, findings: list[Finding]) -> list[Finding]:
    """The loader's findings and every rule's, sorted (a scaffold's placeholder reported once,
    as the scaffold's). Apart from loading so that `voces serve` can show a save's pages
    before the rules have run."""
    found = list(findings)
    if curriculum is not None:
        for rule in RULES:
            found.extend(rule(curriculum))
    return sort_findings(scaffold.without_echoes(curriculum, found))
