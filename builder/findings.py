"""Findings: what `voces check` reports, each with a location and a rule id."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a curriculum file; line and column count from 1."""

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
    return Finding(location, Severity.ERROR, message, rule, path)


def warning(location: Location, message: str, rule: str, path: str = "") -> Finding:
    return Finding(location, Severity.WARNING, message, rule, path)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in file order, then line, column and rule, without repeats."""
    unique = {(f.location, f.rule, f.message): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.location, f.rule, f.message))
