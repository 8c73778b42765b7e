"""Findings: what `voces check` reports, each with a location and a rule id."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

RULE_IDS: frozenset[str] = frozenset({
    "yaml.alias", "yaml.control-char", "yaml.encoding", "yaml.not-mapping", "yaml.syntax",
    "yaml.too-large",
    "contract.duplicate-id", "contract.duplicate-key", "contract.file-name", "contract.language",
    "contract.reference", "contract.required", "contract.type", "contract.unknown-key",
    "contract.value",
    "scaffold.placeholder",
    "time.no-break", "time.over-duration",
    "quote.not-verbatim", "quote.restricted", "quote.speaker-code", "quote.unbalanced",
    "privacy.email", "privacy.handle", "privacy.phone",
    "terminology.avoid",
    "quiz.all-none-of-the-above", "quiz.feedback", "quiz.measurable-verb", "quiz.multiple-key",
    "quiz.negative-stem", "quiz.objective-assessed", "quiz.options-count", "quiz.pairs",
    "quiz.single-key",
    "template.render", "template.syntax",
    "image.alt-long", "image.corrupt", "image.credit", "image.format", "image.missing",
    "image.outside", "image.small", "image.too-large",
    "deck.layout", "deck.theme", "deck.title-fit",
    "build.preview", "build.theme-style",
})
"""Every rule id `voces check` and `voces build` may report: the one registry. `error()` and
`warning()` refuse any other id, so a new rule is registered here before it can report, and
tests/test_readme.py holds the README's table of rules to exactly this set."""


class UnregisteredRule(ValueError):
    """A finding named a rule id missing from RULE_IDS: a bug in voces, not in a curriculum."""


def registered(rule: str) -> str:
    if rule not in RULE_IDS:
        raise UnregisteredRule(f"rule id {rule!r} is not in builder.findings.RULE_IDS; register "
                               "it there and give it a row in the README's table of rules")
    return rule


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Location(NamedTuple):
    """A place in a curriculum file; line and column count from 1.

    A named tuple (ordered, hashed and compared as file, line, column): reading a file makes one
    for every value and key in it, and a frozen dataclass took several times as long to make."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Finding:
    location: Location
    severity: Severity
    message: str
    rule: str
    path: str = ""
    """The YAML path (stages[1].prompt), for `--format json`; messages name positions instead."""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [{self.rule}]"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.location.file,
            "line": self.location.line,
            "col": self.location.col,
            "severity": self.severity.value,
            "message": self.message,
            "rule": self.rule,
            **({"path": self.path} if self.path else {}),
        }


def error(location: Location, message: str, rule: str, path: str = "") -> Finding:
    return Finding(location, Severity.ERROR, message, registered(rule), path)


def warning(location: Location, message: str, rule: str, path: str = "") -> Finding:
    return Finding(location, Severity.WARNING, message, registered(rule), path)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in file order, then line, column and rule, without repeats."""
    unique = {(f.location, f.rule, f.message): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.location, f.rule, f.message))
