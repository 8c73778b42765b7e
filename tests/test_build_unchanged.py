"""A rebuild with nothing changed does nothing (builder/unchanged.py): it says what a build would
say and leaves every file alone; any changed input, option or output makes the build work."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES, REPO, need_tools
from PIL import Image

import builder.checks
import builder.index
import builder.unchanged
from builder.cli import main
from builder.manifest import MANIFEST
from builder.unchanged import input_entries

LONG_ALT = "A corridor with two doors and a bench. " * 7
"""Over 250 characters: a warning of the check (image.alt-long)."""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """The minimal curriculum with every kind of input: a picture (its alternative text a
    warning), a theme folder of its own (its guide.docx lacking a style: the jobs' warnings)
    with a font, and a template of its own."""
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", root)
    (root / "images").mkdir()
    Image.new("RGB", (1200, 800), "white").save(root / "images" / "room.png")
    with (root / "scenarios/case-a.yaml").open("a", encoding="utf-8") as scenario:
        scenario.write(f"image:\n  file: images/room.png\n  alt: {{en: {LONG_ALT}, es: Un "
                       "pasillo.}\n  credit: The editors\n")
    default = REPO / "builder/themes/default"
    (root / "brand/fonts").mkdir(parents=True)
    shutil.copy(default / "deck.pptx", root / "brand/deck.pptx")
    shutil.copy(default / "fonts/Carlito-Regular.ttf", root / "brand/fonts/Carlito-Regular.ttf")
    theme = docx.Document(str(default / "guide.docx"))
    for style in list(theme.styles):
        if style.name == "Heading 3":
            style.element.getparent().remove(style.element)
    theme.save(str(root / "brand/guide.docx"))
    with (root / "curriculum.yaml").open("a", encoding="utf-8") as settings:
        settings.write("theme: brand\n")
    (root / "templates").mkdir()
    shutil.copy(REPO / "builder/templates/agenda.txt.j2", root / "templates/agenda.txt.j2")
    return settled(root)


def settled(root: Path) -> Path:
    """Every file and folder of `root` last changed a minute ago: a build vouches only for
    inputs that did not change just before it began (unchanged.SETTLED)."""
    then = time.time() - 60
    for path in [root, *root.rglob("*")]:
        os.utime(path, (then, then))
    return root


@pytest.fixture
def checks_run(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each curriculum `voces build` checked: a build that does nothing checks none."""
    checked: list[Path] = []
    real = builder.checks.check_curriculum

    def counting(root: Path, **options: bool):  # type: ignore[no-untyped-def]
        checked.append(root)
        return real(root, **options)

    monkeypatch.setattr(builder.checks, "check_curriculum", counting)
    return checked


def voces(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(arg) for arg in args])
    return status, out.getvalue(), err.getvalue()


def stamps(out: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file of the output folder (the lock aside): inode, modification time and bytes."""
    return {path.relative_to(out).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns,
                                               path.read_bytes())
            for path in sorted(out.rglob("*")) if path.is_file() and path.name != ".voces-lock"}


# --- what a shortcut may skip is what the normal path reads ---------------------------------

_READ: list[str] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _READ is not None and event in ("open", "os.listdir", "os.scandir") and args \
            and isinstance(args[0], str | os.PathLike):
        _READ.append(os.path.abspath(os.fspath(args[0])))


@contextlib.contextmanager
def reads() -> Iterator[list[str]]:
    """Every path opened or listed in this process meanwhile (an audit hook cannot be removed,
    so one hook is added once and collects only here)."""
    global _READ
    if not getattr(sys, "_voces_unchanged_hook", False):
        sys.addaudithook(_audit)
        sys._voces_unchanged_hook = True  # type: ignore[attr-defined]
    _READ = []
    try:
        yield _READ
    finally:
        _READ = None


def the_example(tmp_path: Path) -> Path:
    """A copy of the shipped example (its deliveries and pictures too)."""
    root = tmp_path / "example"
    root.mkdir()
    shutil.copy(REPO / "curriculum.yaml", root)
    for folder in ("sources", "scenarios", "modules", "deliveries", "images"):
        shutil.copytree(REPO / folder, root / folder)
    return settled(root)


@pytest.mark.parametrize("which", ["course", "example"])
def test_every_file_the_build_reads_in_the_curriculum_is_part_of_its_input(
    course: Path, tmp_path: Path, which: str,
):
    """Load, check, plan, jobs and index page, on one process so that one hook sees them all."""
    root = course if which == "course" else the_example(tmp_path)
    with reads() as read:
        assert voces("build", root, "--jobs", "1")[0] == 0
    body = json.loads((root / "output" / MANIFEST).read_text(encoding="utf-8"))["body"]
    covered = dict(input_entries(root, body["unchanged"]["derived"]))
    resolved, out = root.resolve(), (root / "output").resolve()
    inside = sorted({Path(path).resolve() for path in read} - {resolved})
    read_in_curriculum = [path.relative_to(resolved).as_posix() for path in inside
                          if path.is_relative_to(resolved) and not path.is_relative_to(out)]
    expected = {"curriculum.yaml", "scenarios", "modules/" + sorted(
        p.name for p in (root / "modules").iterdir())[0]}
    if which == "course":
        expected |= {"images/room.png", "brand/guide.docx", "brand/deck.pptx",
                     "templates/agenda.txt.j2"}
    else:
        expected |= {"deliveries", "images/" + sorted(
            p.name for p in (root / "images").iterdir())[0]}
    assert expected <= set(read_in_curriculum), "the hook saw the build read"
    assert [path for path in read_in_curriculum if not is_covered(path, covered)] == []


def is_covered(path: str, entries: dict[str, str]) -> bool:
    """Whether the input digest holds `path`: the path itself, or that it is not there (the
    nearest folder above it recorded absent, or listed without it: a template the build looks
    for and does not find)."""
    if path in entries:
        return True
    parts = path.split("/")
    for end in range(len(parts) - 1, 0, -1):
        above = "/".join(parts[:end])
        if above in entries:
            held = entries[above]
            return held == "absent" or (held.startswith("folder:") and parts[end] not in
                                        held.removeprefix("folder:").split("\0"))
    return False


# --- the shortcut says what the normal path says ----------------------------------------------


@pytest.mark.parametrize("options", [[], ["--only", "guide,handout"], ["--lang", "es"],
                                     ["--module", "mod-a", "--jobs", "1"]])
def test_a_rebuild_with_nothing_changed_says_what_a_build_says_and_writes_nothing(
    course: Path, checks_run: list[Path], monkeypatch: pytest.MonkeyPatch, options: list[str],
):
    out = course / "output"
    assert voces("build", course, *options)[0] == 0
    with monkeypatch.context() as normal:
        normal.setattr(builder.unchanged, "unchanged_build", lambda *_: None)
        built = voces("build", course, *options)
    before, checked = stamps(out), len(checks_run)
    again = voces("build", course, *options)
    assert len(checks_run) == checked, "the same command with nothing changed checks nothing"
    assert again == built
    assert stamps(out) == before
    assert "[image.alt-long]" in built[1]
    if "--lang" not in options:
        assert "[build.theme-style]" in built[1]
    assert "built 0 files in" in built[1]


def test_a_named_file_s_findings_still_come_first(course: Path, checks_run: list[Path]):
    assert voces("build", course / "scenarios/case-a.yaml")[0] == 0
    first = voces("build", course / "scenarios/case-a.yaml")
    checked = len(checks_run)
    assert voces("build", course / "scenarios/case-a.yaml") == first
    assert len(checks_run) == checked
    assert voces("build", course)[0] == 0
    assert len(checks_run) == checked + 1, "another command line builds"


# --- anything changed: the build works --------------------------------------------------------


def _rezip(path: Path) -> None:
    """The same theme file with other bytes (a comment in its zip), still a valid file."""
    with zipfile.ZipFile(path, "a") as archive:
        archive.comment = b"edited"


def _touch(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


EDITS: dict[str, Callable[[Path], object]] = {
    "a scenario": lambda root: (root / "scenarios/case-a.yaml").write_text(
        (root / "scenarios/case-a.yaml").read_text(encoding="utf-8").replace(
            "She waits.", "She waits alone."), encoding="utf-8"),
    "a scenario no longer UTF-8": lambda root: (root / "scenarios/case-a.yaml").write_bytes(
        b"id: case-\xff\n"),
    "a picture": lambda root: Image.new("RGB", (1200, 800), "grey").save(
        root / "images/room.png"),
    "a template": lambda root: (root / "templates/agenda.txt.j2").write_text(
        "{{ module.id }}\n", encoding="utf-8"),
    "a new template": lambda root: (root / "templates/index.html.j2").write_text(
        "<p>{{ title }}</p>", encoding="utf-8"),
    "a theme file": lambda root: _rezip(root / "brand/deck.pptx"),
    "a theme font": lambda root: shutil.copy(
        REPO / "builder/themes/default/fonts/Carlito-Bold.ttf", root / "brand/fonts"),
    "a theme font's bytes": lambda root: shutil.copy(
        REPO / "builder/themes/default/fonts/Carlito-Bold.ttf",
        root / "brand/fonts/Carlito-Regular.ttf"),
    "a new scenario": lambda root: (root / "scenarios/case-z.yaml").write_text(
        (root / "scenarios/case-a.yaml").read_text(encoding="utf-8").replace(
            "id: case-a", "id: case-z").replace("id: a-1", "id: z-1").replace(
            "objective: a-1", "objective: z-1").replace("a-q1", "z-q1"), encoding="utf-8"),
    "a file not YAML beside the modules": lambda root: (root / "modules/notes.txt").write_text(
        "notes", encoding="utf-8"),
    "a source removed": lambda root: (root / "sources/src-a.yaml").unlink(),
    "an output file edited": lambda root: (root / "output/en/mod-a/mod-a-agenda-en.txt"
                                           ).write_text("mine", encoding="utf-8"),
    "an output file added": lambda root: (root / "output/en/mod-a/extra.txt").write_text(
        "extra", encoding="utf-8"),
    "an output file removed": lambda root: (root / "output/index.html").unlink(),
    "the manifest edited": lambda root: (root / "output" / MANIFEST).write_text(
        (root / "output" / MANIFEST).read_text(encoding="utf-8").replace(
            '"kept": ', '"kept": 1'), encoding="utf-8"),
}


@pytest.mark.parametrize("what", list(EDITS))
def test_any_changed_input_or_output_makes_the_next_build_work(
    course: Path, checks_run: list[Path], what: str,
):
    assert voces("build", course)[0] == 0
    assert voces("build", course)[0] == 0
    assert len(checks_run) == 1, "nothing changed: the second build checks nothing"
    EDITS[what](course)
    voces("build", course)
    assert len(checks_run) == 2, f"{what} changed, and the build did not look"


@pytest.mark.parametrize("options", [["--lang", "en"], ["--only", "agenda"], ["--strict"],
                                     ["--force"], ["--out", "elsewhere"]])
def test_another_command_line_builds(course: Path, checks_run: list[Path], options: list[str]):
    assert voces("build", course)[0] == 0
    voces("build", course, *[course / o if o == "elsewhere" else o for o in options])
    assert len(checks_run) == 2


def test_after_force_the_same_command_has_nothing_to_do(course: Path, checks_run: list[Path]):
    assert voces("build", course, "--force")[0] == 0
    assert voces("build", course)[1].splitlines()[-1].startswith("built 0 files")
    assert len(checks_run) == 1


def test_another_build_date_builds(course: Path, checks_run: list[Path],
                                   monkeypatch: pytest.MonkeyPatch):
    assert voces("build", course)[0] == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert voces("build", course)[0] == 0
    assert len(checks_run) == 2
    assert voces("build", course)[0] == 0
    assert len(checks_run) == 2, "the same date again: nothing to do"


def test_a_changed_input_rebuilds_then_does_nothing_again(course: Path, checks_run: list[Path]):
    assert voces("build", course)[0] == 0
    EDITS["a scenario"](course)
    settled(course)  # a while ago: the build after it vouches for it
    edited = voces("build", course)[1].splitlines()[-1]
    assert edited.startswith("built ") and not edited.startswith("built 0 files")
    assert voces("build", course)[1].splitlines()[-1].startswith("built 0 files")
    assert len(checks_run) == 2


def test_files_touched_but_the_same_bytes_leave_nothing_to_do(course: Path,
                                                              checks_run: list[Path]):
    """Inputs and outputs are compared by their bytes, not their times."""
    assert voces("build", course)[0] == 0
    for touched in ("scenarios/case-a.yaml", "images/room.png", "output/index.html",
                    "output/en/mod-a/mod-a-agenda-en.txt"):
        _touch(course / touched)
    assert voces("build", course)[1].splitlines()[-1].startswith("built 0 files")
    assert len(checks_run) == 1


NOOP_BUILD_AND_LIST_MODULES = """
import json, sys
from builder.cli import main
code = main(["build", sys.argv[1]])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_a_rebuild_with_nothing_changed_loads_neither_the_model_nor_yaml(course: Path):
    """What it costs is starting Python, parsing the command line and reading files: not the
    model's classes (pydantic), the YAML reader, the rules or the pipeline."""
    first = subprocess.run([sys.executable, "-m", "builder", "build", str(course)],
                           capture_output=True, text=True, cwd=REPO, timeout=300, check=True)
    assert "unchanged" not in first.stdout
    done = subprocess.run([sys.executable, "-c", NOOP_BUILD_AND_LIST_MODULES, str(course)],
                          capture_output=True, text=True, cwd=REPO, timeout=300, check=True)
    said = done.stdout.strip().splitlines()
    result = json.loads(said[-1])
    assert result["code"] == 0 and said[-2].startswith("built 0 files in ")
    loaded = set(result["modules"])
    assert "builder.cli" in loaded and "builder.unchanged" in loaded
    assert sorted({"pydantic", "yaml", "builder.model", "builder.checks", "builder.build",
                   "jinja2", "lxml"} & loaded) == []


# --- an input saved while a build runs -------------------------------------------------------


@pytest.mark.parametrize("what", ["a scenario", "a scenario no longer UTF-8", "a picture",
                                  "a template"])
def test_an_input_saved_while_the_build_runs_is_looked_at_by_the_next_build(
    course: Path, checks_run: list[Path], monkeypatch: pytest.MonkeyPatch, what: str,
):
    """The build read the input before it changed: its outputs are of the old one, so the
    next build must not take the new one for built."""
    real = builder.index.write_index

    def saving_meanwhile(*args):  # type: ignore[no-untyped-def]
        EDITS[what](course)
        return real(*args)

    with monkeypatch.context() as during:
        during.setattr(builder.index, "write_index", saving_meanwhile)
        assert voces("build", course)[0] == 0
    voces("build", course)
    assert len(checks_run) == 2


# --- with --pdf -----------------------------------------------------------------------------


@pytest.mark.office
def test_with_pdf_a_rebuild_with_every_pdf_made_says_what_a_build_says(
    course: Path, checks_run: list[Path], monkeypatch: pytest.MonkeyPatch,
):
    need_tools("soffice", "pdftoppm")
    options = ["--pdf", "--lang", "en", "--only", "deck,handout"]
    assert voces("build", course, *options)[0] == 0
    with monkeypatch.context() as normal:
        normal.setattr(builder.unchanged, "unchanged_build", lambda *_: None)
        built = voces("build", course, *options)
    before, checked = stamps(course / "output"), len(checks_run)
    assert voces("build", course, *options) == built
    assert len(checks_run) == checked
    assert stamps(course / "output") == before
    assert sorted(p.name for p in (course / "output").rglob("*.pdf")) == [
        "mod-a-deck-en.pdf", "mod-a-handout-en.pdf"]


def test_with_pdf_and_no_libreoffice_every_build_tries_again_and_says_so(
    course: Path, checks_run: list[Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
):
    empty = tmp_path / "bin-without-libreoffice"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    options = ["--pdf", "--lang", "en", "--only", "handout"]
    first = voces("build", course, *options)
    second = voces("build", course, *options)
    assert "LibreOffice was not found" in first[2]
    assert second[2] == first[2]
    assert len(checks_run) == 2
