"""What a build asks for and what it has staged: the values guards and finishers work on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .curriculum import Curriculum
from .findings import Finding
from .formats import FORMATS, OutputFile
from .manifest import JobRecord

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
    force: bool = False
    """Run every job, whatever the previous build's manifest says."""
    jobs: int = 0
    """Worker processes; 0: one per core."""
    command: str = ""
    """`unchanged.command_key` of the command line, so that the manifest lets the same command
    do nothing while nothing changes ('': never, as for a build not from the CLI)."""
    started: int = 0
    """`time.time_ns()` when the command began, before it read anything: an input changed
    since (or just before) is not vouched for (`unchanged.record`)."""
    checked: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The check's findings part by part, for the next build to reuse (`check_reuse.py`)."""

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
    files: dict[Path, OutputFile] = field(default_factory=dict)
    """Every declared file written, relative to the staging folder (and to the output folder),
    with its declaration."""
    companions: dict[Path, OutputFile] = field(default_factory=dict)
    """PDFs and slide-picture folders made this build, with the file they were made from."""
    kept: dict[Path, OutputFile] = field(default_factory=dict)
    """Declared files of jobs that did not run: unchanged, they stay in the output folder."""
    kept_companions: set[Path] = field(default_factory=set)
    """PDFs and slide pictures of kept files, made from them as they are: they stay too."""
    verdicts: dict[Path, list[str]] = field(default_factory=dict)
    """The leak guard's verdict on each file (its leaks; none when clean): given by the job that
    wrote it, or kept with an unchanged job's record. A file without one is read back after
    the jobs."""
    records: dict[str, JobRecord] = field(default_factory=dict)
    """The manifest's record of each job of this build, run or kept."""
    rewritten: set[Path] = field(default_factory=set)
    """Staged files a finisher changed after their job wrote them (the guide's contents get
    page numbers from its PDF): their digests are taken again for the manifest."""
    extra_files: list[Path] = field(default_factory=list)
    """Files not tied to one module and language (index.html), relative to staging."""
    pages: dict[Path, bool] = field(default_factory=dict)
    """Each index page, and whether this build rendered it (False: left as the previous build
    made it, from the same values); a page rendered as it was is left in place, but built."""
    warnings: list[Finding] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """Plain messages about the machine, not the sources (LibreOffice missing); said once each."""
    progress: Callable[[str], None] | None = None
    """Where finishers report what they are doing (the CLI's progress line)."""

    @property
    def written(self) -> int:
        """The files this build made: documents, index pages rendered, PDFs made of them."""
        return len(self.files) + sum(self.pages.values()) + sum(
            path == output.pdf for path, output in self.companions.items())

    @property
    def kept_count(self) -> int:
        """The files left as they were: the kept jobs' documents and the pages not rendered."""
        return len(self.kept) + sum(not rendered for rendered in self.pages.values())


class BuildFailed(Exception):
    """The build stopped; the message says why and what to do. Earlier outputs are untouched."""


def built_modules(staged: StagedBuild) -> list[tuple[str, str]]:
    """Each (language, module) this build asked for, in build order."""
    return [(lang, module) for lang in staged.request.languages
            for module in staged.request.modules]
