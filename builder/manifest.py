"""The build manifest, `<output>/.voces-manifest.json`: what the previous build wrote, so the next
one runs only the jobs whose inputs changed.

For each job (`<lang>/<module>/<kind>`) it keeps the job's fingerprint, a digest of each file the
job wrote, the warnings the job gave, and for each document the digests of the PDF and slide
pictures made from it. A job is kept only when its fingerprint is unchanged AND every file is
still on disk with the recorded digest, so a file changed or deleted by hand is rebuilt.

It also keeps what a rebuild with nothing changed may say without building (`unchanged.py`):
the digest of the build's whole input, the state of the output folder, and what was printed.

The manifest holds a digest of its own content: one edited by hand, unreadable, or written by
another version of the builder counts as absent, and the build starts from scratch, saying so
once. It can cost a rebuild; it cannot cause a wrong output.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Finding, Location, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .formats import OutputFile

MANIFEST = ".voces-manifest.json"
SCHEMA = 2


@dataclass
class JobRecord:
    fingerprint: str
    files: dict[str, str]
    """Each file the job wrote (relative to the output folder, `/`-separated), with its digest."""
    warnings: list[Finding] = field(default_factory=list)
    companions: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per document: `made_from` (the document's digest) and each companion's digest."""
    guarded: str = ""
    """`guard.secrets_digest` of the facilitator-only texts its files were found free of."""


@dataclass
class Manifest:
    jobs: dict[str, JobRecord] = field(default_factory=dict)
    notice: str = ""
    """Why the previous manifest could not be used ('' when it could, or there was none)."""
    check: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The check's findings a build may reuse, part by part (`check_reuse.py`)."""
    index: dict[str, Any] = field(default_factory=dict)
    """Each index page's fingerprint and file digest (`index.write_index`)."""


def file_digest(path: Path) -> str:
    """A file's sha256, or of a folder (slide pictures) every file's name and bytes."""
    digest = hashlib.sha256()
    if path.is_dir():
        for item in sorted(path.rglob("*")):
            if item.is_file():
                digest.update(item.relative_to(path).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(item.read_bytes()).digest())
        return "dir:" + digest.hexdigest()
    digest.update(path.read_bytes())
    return digest.hexdigest()


def read_manifest(out: Path) -> Manifest:
    from .plan import builder_digest  # the plan's imports (the model) are the build's

    path = out / MANIFEST
    if not path.exists():
        earlier = out.is_dir() and any(not p.name.startswith(".") for p in out.iterdir())
        return Manifest(notice=f"{path} is missing; building everything" if earlier else "")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        body = data["body"]
        if data["digest"] != _digest(body):
            return Manifest(notice=f"{path} was changed by hand; building everything")
        if body["schema"] != SCHEMA or body["builder"] != builder_digest():
            return Manifest(notice=f"{path} is from another version of voces; building "
                                   "everything")
        check = body.get("check") or {}
        return Manifest({key: _record(value) for key, value in body["jobs"].items()},
                        check={str(family): dict(parts) for family, parts in check.items()},
                        index=dict(body.get("index") or {}))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not a manifest voces wrote"
        return Manifest(notice=f"{path} could not be read ({reason}); building everything")


def manifest_body(out: Path) -> dict[str, Any] | None:
    """The manifest's content when it is as voces wrote it, of this schema; else None. Its
    builder is not compared: the caller vouches for that (`unchanged.builder_signature`)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        body: dict[str, Any] = data["body"]
        if data["digest"] != _digest(body) or body["schema"] != SCHEMA:
            return None
        return body
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None


def write_manifest(path: Path, jobs: dict[str, JobRecord],
                   unchanged: dict[str, Any] | None = None,
                   check: dict[str, dict[str, Any]] | None = None,
                   index: dict[str, Any] | None = None) -> None:
    """Write the manifest (into staging; it moves into place with the outputs). `unchanged`:
    what a rebuild with nothing changed may do without building (`unchanged.record`);
    `check`: the findings the next build's check may reuse (`check_reuse.py`); `index`: the
    index pages' records (`index.write_index`)."""
    from .plan import builder_digest

    body = {
        "schema": SCHEMA, "builder": builder_digest(),
        "jobs": {key: _plain(record) for key, record in sorted(jobs.items())},
        "unchanged": unchanged,
        "check": check or {},
        "index": index or {},
    }
    text = json.dumps({"digest": _digest(body), "body": body}, indent=1, sort_keys=True,
                      ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8", newline="\n")


def still_valid(record: JobRecord | None, fingerprint: str, out: Path) -> bool:
    """The job's files are on disk as the previous build wrote them, from the same inputs."""
    if record is None or record.fingerprint != fingerprint:
        return False
    for relative, digest in record.files.items():
        path = out / relative
        if not path.is_file() or file_digest(path) != digest:
            return False
    return True


def companions_valid(record: JobRecord, document: str, out: Path) -> dict[str, str]:
    """The companions of `document` on disk that were made from it as it is now."""
    made = record.companions.get(document, {})
    if made.get("made_from") != record.files.get(document):
        return {}
    return {relative: digest for relative, digest in made.items()
            if relative != "made_from" and (out / relative).exists()
            and file_digest(out / relative) == digest}


def companions_complete(record: JobRecord, outputs: Iterable[OutputFile]) -> bool:
    """Every document of the job has each of its companions, made from it as it is."""
    for output in outputs:
        document = output.relative.as_posix()
        made = record.companions.get(document, {})
        if output.companions and (made.get("made_from") != record.files.get(document) or any(
                companion.as_posix() not in made for companion in output.companions)):
            return False
    return True


def _digest(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
                          ).hexdigest()


def _plain(record: JobRecord) -> dict[str, Any]:
    return {"fingerprint": record.fingerprint, "files": record.files,
            "warnings": [w.as_dict() for w in record.warnings],
            "companions": record.companions, "guarded": record.guarded}


def _record(value: dict[str, Any]) -> JobRecord:
    warnings = [Finding(Location(w["file"], w["line"], w["col"]), Severity(w["severity"]),
                        w["message"], w["rule"]) for w in value["warnings"]]
    return JobRecord(str(value["fingerprint"]), dict(value["files"]), warnings,
                     {str(k): dict(v) for k, v in value["companions"].items()},
                     str(value["guarded"]))
