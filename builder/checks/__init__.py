"""The rules of `voces check`: one module per family, each rule a function over the model.

A rule takes the loaded `Curriculum` and yields findings. A new family is one new module (its
rules in `RULES`) and one name in `FAMILIES`.

The families that measure (slide titles through the deck's plan, pictures through Pillow) are
most of a check's time: `voces check` runs them in a second process on a second core while
this one runs the others, and only that process loads what measures (`voces build` runs every
family there, while this one prepares the writers: see `check_loaded`). Their findings are
gathered in the families' order, as one process gathers them, so the result is the same
finding for finding.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from ..curriculum import Curriculum
from ..findings import Finding, sort_findings
from ..forked import can_fork, run_forked
from ..load import load_curriculum


class Reuse(Protocol):
    """What a build's check may take from the previous build (`builder/check_reuse.py`)."""

    def findings(self, family: str, curriculum: Curriculum) -> list[Finding] | None:
        """The family's findings as its rules would give them; None: run its rules."""

    def adopt(self, other: Reuse) -> None:
        """Take what `other` (this one, as the check's second process left it) found."""

Rule = Callable[[Curriculum], Iterable[Finding]]

FAMILIES = ("contract", "deliveries", "timing", "quiz", "deck_fit", "images", "quotes",
            "privacy", "terminology", "scaffold", "templates")
"""Every family of rules, in the order their findings are gathered."""
MEASURING = ("deck_fit", "images")
"""The families run in a second process when there is a second core."""


def family_rules(family: str) -> list[Rule]:
    """The rules of one family, its module imported when first asked for."""
    rules: list[Rule] = importlib.import_module(f"{__name__}.{family}").RULES
    return rules


def all_rules() -> list[Rule]:
    """Every rule, in the order their findings are gathered."""
    return [rule for family in FAMILIES for rule in family_rules(family)]


def check_curriculum(root: Path, *, on_two_cores: bool = False,
                     alongside: Callable[[Curriculum], None] | None = None,
                     reuse: Reuse | None = None,
                     loaded: Callable[[Curriculum], None] | None = None,
                     ) -> tuple[Curriculum | None, list[Finding]]:
    """Load and check a curriculum: every finding, sorted, in one run (the measuring families
    in a second process, with `on_two_cores`, where the machine has one). `loaded` is called
    with the curriculum once it is loaded, before the rules run (`voces build` forks its
    builder there: early_build.py)."""
    curriculum, findings = load_curriculum(root)
    if loaded is not None and curriculum is not None:
        loaded(curriculum)
    return curriculum, check_loaded(curriculum, findings, on_two_cores=on_two_cores,
                                    alongside=alongside, reuse=reuse)


def check_loaded(curriculum: Curriculum | None, findings: list[Finding], *,
                 on_two_cores: bool = False,
                 alongside: Callable[[Curriculum], None] | None = None,
                 reuse: Reuse | None = None) -> list[Finding]:
    """The loader's findings and every rule's, sorted (a scaffold's placeholder reported once,
    as the scaffold's). Apart from loading so that `voces serve` can show a save's pages
    before the rules have run.

    `alongside` (a build's) runs in this process while the second process runs every family:
    it imports the writers and makes what every document starts from (`jobs.preload_writers`)
    for the build's workers forked from this process, which is as long as the whole check.

    `reuse` (a build's): the measuring families take the findings of unchanged parts from the
    previous build (`check_reuse.py`); what the second process found is adopted here."""
    found = list(findings)
    if curriculum is not None:
        elsewhere = MEASURING if alongside is None else FAMILIES
        if alongside is not None and on_two_cores:
            for family in MEASURING:  # what they import (themes, fonts, Pillow) the writers
                family_rules(family)  # import too: once, before the fork, not in both processes
        helper = _Helper.start(curriculum, elsewhere, reuse) if on_two_cores else None
        try:
            by_family = _run_reusing(
                curriculum, [f for f in FAMILIES if helper is None or f not in elsewhere], reuse)
            if helper is not None and alongside is not None:
                alongside(curriculum)
        except BaseException:
            if helper is not None:
                helper.stop()
            raise
        if helper is not None:
            sent = helper.result()
            if sent is not None and reuse is not None and sent[1] is not None:
                reuse.adopt(sent[1])
            by_family.update(sent[0] if sent is not None
                             else _run_reusing(curriculum, list(elsewhere), reuse))
        for family in FAMILIES:
            found += by_family[family]
    from .scaffold import without_echoes  # after the helper started: it needs none of it

    return sort_findings(without_echoes(curriculum, found))


def _run(curriculum: Curriculum, families: Iterable[str]) -> dict[str, list[Finding]]:
    return {family: [finding for rule in family_rules(family) for finding in rule(curriculum)]
            for family in families}


def _run_reusing(curriculum: Curriculum, families: list[str], reuse: Reuse | None
                 ) -> dict[str, list[Finding]]:
    """`_run`, each family's findings taken from `reuse` where it has them."""
    reused = {}
    for family in families:
        found = reuse.findings(family, curriculum) if reuse is not None else None
        if found is not None:
            reused[family] = found
    return {**reused, **_run(curriculum, [f for f in families if f not in reused])}


class _Helper:
    """A forked copy of this process running some families, its findings sent back pickled.

    Whatever goes wrong there (an exception, Ctrl-C, a signal) is not reported there: `result`
    is then None and the caller runs those families itself, so a failure is reported as it
    would be without the helper."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe

    @classmethod
    def start(cls, curriculum: Curriculum, families: tuple[str, ...], reuse: Reuse | None = None
              ) -> _Helper | None:
        if not can_fork():
            return None
        read, write = os.pipe()

        def helper() -> None:  # what goes wrong: the parent runs the families itself instead
            os.close(read)
            with os.fdopen(write, "wb") as pipe:
                found = _run_reusing(curriculum, list(families), reuse)
                pipe.write(pickle.dumps((found, reuse)))

        pid = run_forked(helper)
        os.close(write)
        return cls(pid, read)

    def stop(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.close(self.pipe)
        os.waitpid(self.pid, 0)

    def result(self) -> tuple[dict[str, list[Finding]], Reuse | None] | None:
        """The families' findings and `reuse` as the helper left it; None when it failed."""
        try:
            with os.fdopen(self.pipe, "rb") as pipe:
                sent = pipe.read()
        finally:
            _, status = os.waitpid(self.pid, 0)
        if status != 0 or not sent:
            return None
        found: tuple[dict[str, list[Finding]], Reuse | None] = pickle.loads(sent)  # our fork's
        return found

