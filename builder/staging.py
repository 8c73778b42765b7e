"""What a build asks for and what it has staged: the values guards and finishers work on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .context import BuildContext
from .curriculum import Curriculum
from .findings import Finding
from .formats import FORMATS, OutputFile

STAGING_PREFIX = ".voces-staging-"


@dataclass(frozen=True)
class BuildRequest:
    out: Path
    languages: list[str]
    modules: list[str]
    kinds: list[str]
    pdf: bool = False
    findings: tuple[Finding, ...] = ()
    """What `voces check` found before this build; the index page shows them."""

    @property
    def complete(self) -> bool:
        """Every kind: the module folders are replaced whole, dropping stale files."""
        return set(self.kinds) == set(FORMATS)


@dataclass
class StagedBuild:
    """What a build wrote into staging, before it replaces the previous output."""

    curriculum: Curriculum
    request: BuildRequest
    staging: Path
    contexts: list[BuildContext] = field(default_factory=list)
    files: dict[Path, OutputFile] = field(default_factory=dict)
    """Every declared file written, relative to the staging folder (and to the output folder),
    with its declaration."""
    companions: dict[Path, OutputFile] = field(default_factory=dict)
    """PDFs and slide-picture folders made this build, with the file they were made from."""
    extra_files: list[Path] = field(default_factory=list)
    """Files not tied to one module and language (index.html), relative to staging."""
    warnings: list[Finding] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """Plain messages about the machine, not the sources (LibreOffice missing); said once each."""
    progress: Callable[[str], None] | None = None
    """Where finishers report what they are doing (the CLI's progress line)."""


class BuildFailed(Exception):
    """The build stopped; the message says why and what to do. Earlier outputs are untouched."""
