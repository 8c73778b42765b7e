"""Fuzzing `voces check`: seeded random mutations of real curricula never crash the checker,
every finding points into a real file, and what the checker accepts always builds.

Deterministic (a fixed seed per mutant) and bounded (a few hundred checks, a few builds). To
explore further by hand: `python tests/test_fuzz_check.py 5000 [first-seed]`.
"""

from __future__ import annotations

import copy
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, REPO

from builder.build import BuildRequest, build
from builder.checks import check_curriculum
from builder.findings import Severity
from builder.formats import FORMATS
from builder.load import curriculum_files

BASES: dict[str, Path] = {
    "minimal": FIXTURES / "minimal",
    "quiz-special": FIXTURES / "quiz-special",
    "deck-long": FIXTURES / "deck-long",
    "guide-restricted": FIXTURES / "guide-restricted",
    "example": REPO,
}
CURRICULUM_PARTS = ("curriculum.yaml", "sources", "scenarios", "modules")

# --- values a mutation may put anywhere ---------------------------------------------------

ODD_TEXTS = [
    "", " ", "x" * 5000, "\u200f\u05e9\u05dc\u05d5\u05dd \u200e", "\U0001f469\u200d\u2696\ufe0f",
    "e\u0301\u0301\u0301", "line\u2028separator", "para\u2029graph", "nbsp\u00a0text",
    "\u202eevil\u202c", "tab\there", "\ufeffbom", "'single'", '"Unquoted words"',
    "\u201cnot in the bank\u201d", "\u00abcomillas\u00bb", "[...]", "->", "NOT", "{en: x}",
    "- item", "#", "@handle", "a@b.co", "+51 999 999 999", "ALL OF THE ABOVE", "null",
    "\U0001d54f" * 40, "A" * 300,
]


def _odd_value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(16)
    if kind == 0:
        return rng.choice([0, 1, -1, 7, 10**30, -(10**30), 2**63, 1441])
    if kind == 1:
        return rng.choice([0.5, -2.5, 1e300, float("inf"), float("-inf"), float("nan")])
    if kind == 2:
        return rng.choice([True, False])
    if kind == 3:
        return None
    if kind == 4:
        return [] if depth > 2 else [_odd_value(rng, depth + 1) for _ in range(rng.randrange(3))]
    if kind == 5:
        return {} if depth > 2 else {rng.choice(["en", "es", "id", "x", "text"]):
                                     _odd_value(rng, depth + 1)}
    if kind == 6:
        return _deep(rng.randrange(20, 120))  # deeper nesting: see mutate_bytes
    if kind == 7:
        return {"en": rng.choice(ODD_TEXTS), "es": rng.choice(ODD_TEXTS)}
    return rng.choice(ODD_TEXTS)


def _deep(depth: int) -> Any:
    value: Any = "bottom"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


# --- structural mutations of the YAML data --------------------------------------------------

Where = tuple[Any, Any]  # (container, key or index)


def _slots(data: Any) -> list[Where]:
    """Every (container, key) in a document, in a stable order."""
    found: list[Where] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((data, key))
            found += _slots(value)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.append((data, index))
            found += _slots(value)
    return found


def _ids(documents: dict[str, Any]) -> list[Where]:
    return [(c, k) for data in documents.values() for c, k in _slots(data)
            if k == "id" and isinstance(c[k], str)]


def mutate_data(rng: random.Random, documents: dict[str, Any]) -> str:
    """Change one file's data (or swap ids across files); return what was done."""
    file = rng.choice(sorted(documents))
    slots = _slots(documents[file])
    if not slots:
        documents[file] = _odd_value(rng)
        return f"{file}: whole file replaced"
    container, key = rng.choice(slots)
    action = rng.randrange(9)
    if action == 0:
        del container[key]
        return f"{file}: deleted {key!r}"
    if action == 1 and isinstance(container[key], list):
        items = container[key]
        if items:
            items.append(copy.deepcopy(rng.choice(items)))
            return f"{file}: duplicated an item of {key!r}"
        container[key] = []
        return f"{file}: emptied {key!r}"
    if action == 2 and isinstance(container[key], (list, dict)):
        container[key] = type(container[key])()
        return f"{file}: emptied {key!r}"
    if action == 3:
        ids = _ids(documents)
        if len(ids) >= 2:
            (c1, k1), (c2, k2) = rng.sample(ids, 2)
            c1[k1], c2[k2] = c2[k2], c1[k1]
            return "swapped two ids"
    if action == 4 and isinstance(container, dict):
        container[rng.choice(["extra", "Title", "durations", "id", "break", "notes", "en"])] = \
            _odd_value(rng)
        return f"{file}: added a key next to {key!r}"
    if action == 5 and isinstance(container[key], str) and container[key]:
        value = container[key]
        at = rng.randrange(len(value) + 1)
        container[key] = value[:at] + rng.choice(ODD_TEXTS) + value[at:]
        return f"{file}: spliced odd text into {key!r}"
    value = _odd_value(rng)
    container[key] = value
    return f"{file}: {key!r} = {type(value).__name__}"


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# --- text-level mutations of one file -------------------------------------------------------

def mutate_bytes(rng: random.Random, raw: bytes) -> tuple[bytes, str]:
    action = rng.randrange(11)
    at = rng.randrange(len(raw) + 1)
    if action == 10:  # nesting deeper than a recursive parser or converter can follow
        depth = rng.choice([200, 1000, 5000, 20000])
        nested = b"[" * depth + b"]" * depth if rng.random() < 0.5 else b"{a: " * depth + b"}" * depth
        return raw + b"\ndeep: " + nested + b"\n", f"appended nesting {depth} deep"
    if action == 0:
        return raw[:at], f"truncated at byte {at}"
    if action == 1:
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 6)))
        return raw[:at] + junk + raw[at:], f"inserted {junk!r} at {at}"
    if action == 2:
        return raw[:at] + b"\t" + raw[at:], f"tab at {at}"
    if action == 3:
        return b"\xef\xbb\xbf" + raw, "BOM"
    if action == 4:
        return raw.replace(b"\n", b"\r\n"), "CRLF"
    if action == 5:
        return raw.replace(b"\n", b"\r"), "CR only"
    if action == 6:
        text = raw.decode("utf-8", "replace")
        cut = text.find("\n", rng.randrange(len(text) + 1))
        cut = len(text) if cut < 0 else cut
        latin = text[cut:].encode("latin-1", "replace")
        return text[:cut].encode("utf-8") + latin, f"latin-1 after char {cut}"
    if action == 7:
        return raw.decode("utf-8", "replace").encode("utf-16"), "UTF-16"
    if action == 8:
        piece = rng.choice([b": ", b"- ", b"&a ", b"*a", b"{", b"]", b"'", b'"', b"|", b"!!str ",
                            b"---\n", b"? ", b"%YAML 1.1\n", b"\xe2\x80\xa8", b"\\u0000"])
        return raw[:at] + piece + raw[at:], f"inserted {piece!r} at {at}"
    lines = raw.split(b"\n")
    line = rng.randrange(len(lines))
    lines[line] = b"  " + lines[line]
    return b"\n".join(lines), f"indented line {line + 1}"


# --- making a mutant ----------------------------------------------------------------------

def copy_base(base: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for part in CURRICULUM_PARTS:
        source = base / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def make_mutant(seed: int, target: Path, bases: list[str] | None = None) -> str:
    """A reproducible mutant of one base curriculum in `target`; returns how it was made."""
    rng = random.Random(seed)
    name = rng.choice(bases or sorted(BASES))
    root = copy_base(BASES[name], target)
    files = curriculum_files(root)
    steps = [f"seed {seed} on {name}"]
    if rng.random() < 0.65:
        documents = {f: yaml.safe_load((root / f).read_text(encoding="utf-8")) for f in files}
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            steps.append(mutate_data(rng, documents))
        for file, data in documents.items():
            (root / file).write_text(dump(data), encoding="utf-8")
    else:
        file = rng.choice(files)
        raw = (root / file).read_bytes()
        raw, step = mutate_bytes(rng, raw)
        (root / file).write_bytes(raw)
        steps.append(f"{file}: {step}")
    return "; ".join(steps)


def assert_sound_findings(root: Path, how: str) -> list[Any]:
    """Check the mutant; every finding points into one of its files."""
    try:
        _, findings = check_curriculum(root)
    except Exception as exc:  # pragma: no cover - the failure message is the point
        raise AssertionError(f"check crashed on {how}: {type(exc).__name__}: {exc}") from exc
    files = set(curriculum_files(root))
    for finding in findings:
        where = finding.location
        # a curriculum file, or (sources is a file) the folder name it stands in for
        assert where.file in files or where.file in CURRICULUM_PARTS, (how, str(finding))
        assert (root / where.file).exists(), (how, str(finding))
        assert where.line >= 1 and where.col >= 1, (how, str(finding))
        lines = (root / where.file).read_bytes().count(b"\n") + 1
        assert where.line <= lines, (how, str(finding), lines)
        assert finding.rule and finding.message, (how, str(finding))
    return findings


def assert_builds(root: Path, out: Path, how: str, curriculum: Any = None) -> None:
    curriculum, findings = check_curriculum(root)
    if curriculum is None or any(f.severity is Severity.ERROR for f in findings):
        return
    request = BuildRequest(out=out, languages=curriculum.languages,
                           modules=[m.id for m in curriculum.modules], kinds=list(FORMATS))
    try:
        build(curriculum, request)
    except Exception as exc:  # pragma: no cover
        raise AssertionError(f"build crashed on {how}: {type(exc).__name__}: {exc}") from exc


# --- the bounded fuzz tests ---------------------------------------------------------------

CHECK_MUTANTS = 300
BUILD_MUTANTS = 10


@pytest.mark.slow
def test_fuzzed_check_never_crashes_and_locates_every_finding(tmp_path):
    for seed in range(CHECK_MUTANTS):
        # The example curriculum takes ~0.7 s to check: one mutant in ten is of it.
        bases = None if seed % 10 == 0 else [b for b in BASES if b != "example"]
        root = tmp_path / f"m{seed}"
        how = make_mutant(seed, root, bases)
        assert_sound_findings(root, how)
        shutil.rmtree(root)


@pytest.mark.slow
def test_fuzzed_curricula_that_pass_the_check_build(tmp_path):
    built = 0
    seed = 10_000
    small = ["minimal", "quiz-special", "guide-restricted"]
    while built < BUILD_MUTANTS and seed < 10_200:
        root = tmp_path / f"m{seed}"
        how = make_mutant(seed, root, small)
        seed += 1
        _, findings = check_curriculum(root)
        if any(f.severity is Severity.ERROR for f in findings):
            continue
        assert_builds(root, tmp_path / f"out{seed}", how)
        built += 1
    assert built == BUILD_MUTANTS


if __name__ == "__main__":  # exploratory: python tests/test_fuzz_check.py COUNT [FIRST]
    import tempfile
    import time
    import traceback

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    build_every = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    started, failures = time.time(), 0
    for seed in range(first, first + count):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "c"
            how = make_mutant(seed, root)
            try:
                assert_sound_findings(root, how)
                if build_every and seed % build_every == 0:
                    assert_builds(root, Path(tmp) / "out", how)
            except AssertionError as exc:
                failures += 1
                print("FAIL", how, "->", exc)
                if exc.__cause__:
                    traceback.print_exception(exc.__cause__, limit=-3)
    print(f"{count} mutants, {failures} failures, {time.time() - started:.0f} s")
