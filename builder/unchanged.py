"""A rebuild with nothing changed does nothing: when a build's whole input is exactly what the
previous build recorded and the output folder is exactly as that build left it, `voces build`
says again what a build would say (the check's findings, the kept jobs' warnings, the summary)
and stops, without loading, checking or planning (as make, ninja and Sphinx skip work whose
inputs are unchanged).

The input is everything the load, the check, the plan, the jobs and the index page read:
- the curriculum's files: curriculum.yaml, the listing and the bytes of sources/, scenarios/,
  modules/ and deliveries/ (so an added or removed file counts, YAML or not), of templates/
  (with its subfolders), of the theme folder `theme:` names (its top level and fonts/), and of
  every picture a scenario names (where it leads, too: `image.outside` resolves links);
- the builder: every file of the package by size, modification and change time (a change time
  cannot be set back, so an edited file always differs), the Python running it, and every
  installed distribution's name and version on the import path (the libraries that write);
- the command line (`--lang`, `--module`, `--only`, `--pdf`, `--strict`, the file named, the
  curriculum and the output folder) and the environment the build reads (SOURCE_DATE_EPOCH
  for the build date, HOME for the fonts looked for there, PYTHONPATH).

Which theme folder and pictures count is read from the YAML; as the YAML's bytes are part of
the input, the list recorded by the previous build is the list this one would find.

The record describes the inputs as they are when the build ends, so a build records only when
they are what it read: each YAML file as the load read it, and every other input unchanged
since shortly before the command began (an editor saving while a build runs).

The output folder must hold exactly the files the previous build left, each with the bytes it
had then (the lock file and the manifest aside).

Anything in doubt (no record, a manifest edited or unreadable, one byte of input changed, a
file added or gone, another builder, `--force`; `--pdf` while a document lacks its PDF or
pictures) takes the normal path, which decides job by job. A wrong shortcut would print
'built 0 files' over outputs that no longer match their sources; this module's tests check
that every file the normal path reads is covered.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .findings import Finding, Location, Severity
from .lock import LOCK, held_lock
from .manifest import MANIFEST, manifest_body

CURRICULUM_FOLDERS = ("sources", "scenarios", "modules", "deliveries")
"""Read file by file by the load; listed without their subfolders, as the load lists them."""
TEMPLATES = "templates"
"""Read by the jobs, the check and the index page; jinja may include from its subfolders."""
FONTS = "fonts"
"""A theme's font folder (searched with its subfolders)."""
NOT_OUTPUTS = (LOCK, MANIFEST)
"""In the output folder, but not outputs: the lock is rewritten by every build, the manifest
holds this record."""
SETTLED = 2_000_000_000
"""Nanoseconds: an input file changed this shortly before a build began may have changed while
it ran (file systems keep times coarsely, FAT to 2 s), so the build does not vouch for it."""
MAX_DEPTH = 16
"""Folders nest at most this deep (a link to a folder above itself would never end)."""
ALL = MAX_DEPTH


class _Doubt(Exception):
    """Something is not as a record can describe it: take the normal path."""


@dataclass(frozen=True)
class Replay:
    """What the build says when it does nothing: as the normal path would say it."""

    findings: list[Finding]
    warnings: list[Finding]
    kept: int


def command_key(named_file: str | None, **options: Any) -> str:
    """The digest of what the command line asks for: the options that change the output or
    what is printed (`--jobs` changes neither), and the file named, whose findings come first.
    Not where the curriculum and the output folder are: the inputs and outputs are compared
    by content (a folder copied elsewhere, built alike, holds the same record)."""
    return _hash({"file": named_file, "options": options})


def record(root: Path, theme: str, pictures: Iterable[str], out: Path, command: str,
           findings: Iterable[Finding], warnings: Iterable[Finding], kept: int,
           skip: str, builder: str, read: tuple[Mapping[str, str], int]
           ) -> dict[str, Any] | None:
    """The record the manifest keeps, taken once the outputs are in place (`skip`: the
    build's own staging folder, about to go; `builder`: the manifest's `builder_digest`, which
    the record holds to, so that a manifest of another builder never vouches). None when a
    shortcut could not be trusted.

    `read`: the YAML texts as the load read them, and when the command began. The record is
    of the inputs as they are now, so they must be what the build read: each YAML file as the
    load read it (no more, no fewer), and every other input file and folder last changed
    before the command began, by SETTLED at least (a picture saved while the jobs ran)."""
    derived = {"theme": theme, "pictures": sorted(set(pictures))}
    try:
        entries = dict(input_entries(root, derived))
        _as_read(root, entries, *read)
        return {
            "command": command,
            "builder_digest": builder,
            "builder": builder_signature(settled_by=read[1] - SETTLED),
            "derived": derived,
            "inputs": _hash(entries),
            "outputs": output_state(out, skip),
            "findings": [f.as_dict() for f in findings],
            "warnings": [w.as_dict() for w in warnings],
            "kept": kept,
        }
    except (_Doubt, OSError, ValueError):  # ValueError: a YAML file no longer UTF-8
        return None


def unchanged_build(root: Path, out: Path, command: str) -> Replay | None:
    """What to say instead of building when nothing changed since the last build of `command`
    into `out`; None to build. Holds the output folder's lock while it looks, as a build
    does: a build still writing there is never taken for a finished one."""
    if not (out / MANIFEST).is_file():  # never a lock file where no build has written
        return None
    try:
        with held_lock(out) as other_build:
            return None if other_build else replay(root, out, command, manifest_body(out))
    except OSError:  # the folder not writable: the normal path says so
        return None


def replay(root: Path, out: Path, command: str, body: dict[str, Any] | None) -> Replay | None:
    """What to say instead of building, when `body` (the previous manifest's) vouches that
    nothing changed; None to build."""
    try:
        saved = body.get("unchanged") if body is not None else None
        if not isinstance(saved, dict) or saved["command"] != command:
            return None
        if saved["builder_digest"] != body["builder"]:  # type: ignore[index]
            return None
        if saved["builder"] != builder_signature():
            return None
        if saved["outputs"] != output_state(out):
            return None
        if saved["inputs"] != input_digest(root, saved["derived"]):
            return None
        return Replay([_finding(f) for f in saved["findings"]],
                      [_finding(w) for w in saved["warnings"]], int(saved["kept"]))
    except (_Doubt, OSError, KeyError, TypeError, ValueError, AttributeError):
        return None


def _as_read(root: Path, entries: dict[str, str], texts: Mapping[str, str], started: int
             ) -> None:
    """_Doubt unless `entries` are the inputs the build read (see `record`)."""
    from .load import curriculum_files  # in the build's process, loaded already

    yaml_files = curriculum_files(root)
    if set(yaml_files) != set(texts):
        raise _Doubt("a YAML file came or went, or could not be read")
    for file in yaml_files:
        if (root / file).read_bytes().decode("utf-8-sig") != texts[file]:
            raise _Doubt(file)
    for relative in entries:  # a picture's "picture:" entry is where it leads, not a file
        if relative in yaml_files or relative in CURRICULUM_FOLDERS or relative.startswith(
                "picture:"):
            continue
        path = root / relative
        if os.path.lexists(path) and os.stat(path).st_mtime_ns > started - SETTLED:
            raise _Doubt(relative)


def input_digest(root: Path, derived: dict[str, Any]) -> str:
    """One digest of every input file in the curriculum (see the module's docstring)."""
    return _hash(dict(input_entries(root, derived)))


def input_entries(root: Path, derived: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(path relative to root, what it holds) for every input: a file's digest, a folder's
    listing, or that there is nothing there."""
    yield from _tree(root, "curriculum.yaml", 0)
    for folder in CURRICULUM_FOLDERS:
        yield from _tree(root, folder, 1)
    yield from _tree(root, TEMPLATES, ALL)
    theme = derived["theme"]
    if not isinstance(theme, str):
        raise _Doubt(theme)
    if theme != "default":
        yield from _tree(root, theme, 1)
        yield from _tree(root, f"{theme}/{FONTS}", ALL)
    for picture in derived["pictures"]:
        if not isinstance(picture, str):
            raise _Doubt(picture)
        # where it leads, as the check resolves it (`image.outside`), from the curriculum
        yield f"picture:{picture}", os.path.relpath(os.path.realpath(root / picture),
                                                    os.path.realpath(root))
        yield from _tree(root, picture, 0)


def _tree(root: Path, relative: str, levels: int) -> Iterator[tuple[str, str]]:
    """`relative` and, for a folder, what it holds `levels` levels down (MAX_DEPTH: all of it;
    deeper than that is a doubt, not a listing that stops short)."""
    path = root / relative
    if path.is_file():
        yield relative, _file_digest(path)
    elif path.is_dir():
        names = sorted(os.listdir(path))
        yield relative, "folder:" + "\0".join(names)
        if levels == 0:
            return
        if levels < 0:
            raise _Doubt(relative)
        for name in names:
            yield from _tree(root, f"{relative}/{name}", levels - 1)
    elif os.path.lexists(path):
        yield relative, "other"  # a link to nothing, a socket: the load says what it is
    else:
        yield relative, "absent"


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:  # unreadable: a finding of its own, the same while it stays so
        return f"unreadable:{exc.errno}"


def builder_signature(settled_by: int | None = None) -> str:
    """The builder as installed: its files (by size and times, not bytes: reading 3 MB would
    cost more than the rest of the shortcut), the Python running it and the distributions it
    can import. `settled_by`: _Doubt if a file changed after it (the code this process runs
    may be older than the files, and the record would vouch for the files)."""
    package = Path(__file__).resolve().parent
    files = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            if not name.endswith(".pyc"):
                stat = os.stat(os.path.join(folder, name))
                if settled_by is not None and stat.st_ctime_ns > settled_by:
                    raise _Doubt(name)
                files.append((os.path.relpath(os.path.join(folder, name), package),
                              stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))
    return _hash({"package": str(package), "files": files, "python": sys.version,
                  # the interpreter by its file (`voces` starts python3, `python -m` python)
                  "python_files": [sys.prefix, os.path.realpath(sys.executable)],
                  "distributions": _distributions(),
                  "environment": [os.environ.get(name) for name in (
                      "SOURCE_DATE_EPOCH", "HOME", "PYTHONPATH")]})


def _distributions() -> list[str]:
    """Every installed distribution's metadata folder on the import path (name and version):
    an upgraded library changes the list. Not the first entry: Python puts the script's folder
    or the working directory there, which differ between `voces` and `python -m builder`."""
    found = []
    for entry in sys.path[1:]:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += [f"{entry}/{name}" for name in sorted(names)
                  if name.endswith((".dist-info", ".egg-info"))]
    return found


def output_state(out: Path, skip: str = "") -> dict[str, str]:
    """Every file and folder in the output folder, a file by its digest (its bytes, not its
    times: the record stays the same bytes in every folder built alike, and reading the
    example's 4 MB costs milliseconds): a file changed, added or removed differs."""
    state: dict[str, str] = {}

    def walk(folder: Path, prefix: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise _Doubt(prefix)
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            relative = prefix + entry.name
            if not prefix and (entry.name in NOT_OUTPUTS or entry.name == skip):
                continue
            if entry.is_symlink():
                state[relative] = "link:" + os.readlink(entry.path)
            elif entry.is_dir():
                state[relative] = "folder"
                walk(Path(entry.path), relative + "/", depth + 1)
            else:
                state[relative] = _file_digest(Path(entry.path))

    walk(out, "", 0)
    return state


def _finding(value: dict[str, Any]) -> Finding:
    return Finding(Location(value["file"], value["line"], value["col"]),
                   Severity(value["severity"]), value["message"], value["rule"],
                   value.get("path", ""))


def _hash(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()
                          ).hexdigest()
