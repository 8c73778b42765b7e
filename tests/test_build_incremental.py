"""Incremental builds: a job whose inputs are unchanged does not run and its files stay; what an
edit touches is rebuilt, and the result is byte for byte a build from scratch."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import edit

from builder.cli import main
from builder.manifest import MANIFEST


def two_modules(make_curriculum) -> Path:
    """The minimal curriculum and a second module on a scenario of its own."""
    root = make_curriculum()
    case = (root / "scenarios/case-a.yaml").read_text(encoding="utf-8")
    for old, new in (("case-a", "case-b"), ("id: a-1", "id: b-1"), ("objective: a-1",
                                                                   "objective: b-1"),
                     ("a-q1", "b-q1")):
        case = case.replace(old, new)
    (root / "scenarios/case-b.yaml").write_text(case, encoding="utf-8")
    module = (root / "modules/mod-a.yaml").read_text(encoding="utf-8")
    module = module.replace("mod-a", "mod-b").replace("case-a", "case-b")
    (root / "modules/mod-b.yaml").write_text(module.replace("Module A", "Module B"),
                                             encoding="utf-8")
    return root


def stamps(out: Path) -> dict[str, tuple[int, int]]:
    """Every output file's inode and modification time: both stay when a file is kept."""
    return {path.relative_to(out).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in sorted(out.rglob("*")) if path.is_file()
            and not path.name.startswith(".") and not path.name.startswith("index")}


def index_stamps(out: Path) -> dict[str, tuple[int, int]]:
    pages = sorted(out.glob("index*.html"))
    assert len(pages) == 2
    return {page.name: (page.stat().st_ino, page.stat().st_mtime_ns) for page in pages}


def tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): _content(path)
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != ".voces-lock"}


def _content(path: Path) -> str:
    """A file's digest; the manifest's without its record for a rebuild that changes nothing,
    which holds the folder's own path and its files' times (every job's record stays)."""
    if path.name != MANIFEST:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    body = json.loads(path.read_text(encoding="utf-8"))["body"]
    assert body.pop("unchanged") is not None
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def changed(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    return {name for name in after if before.get(name) != after[name]}


@pytest.fixture
def root(make_curriculum) -> Path:
    return two_modules(make_curriculum)


def test_a_rebuild_with_nothing_changed_runs_no_job(root, capsys):
    assert main(["build", str(root), "--only", "agenda,handout,gift"]) == 0
    first = stamps(root / "output")
    pages = index_stamps(root / "output")
    capsys.readouterr()
    assert main(["build", str(root), "--only", "agenda,handout,gift"]) == 0
    assert changed(first, stamps(root / "output")) == set()
    assert index_stamps(root / "output") == pages, "the index pages are not rewritten"
    assert len(first) == 12
    assert capsys.readouterr().out == (  # the 12 documents and the 2 index pages
        f"built 0 files in {root / 'output'} (14 unchanged files kept); open "
        f"{root / 'output' / 'index.html'} to see them\n")


def test_a_forced_build_counts_every_file_it_made(root, capsys):
    """Index pages rendered again as they were stay in place, but they were built: `--force`
    says every file, as many as the folder holds."""
    assert main(["build", str(root), "--only", "agenda,handout,gift"]) == 0
    capsys.readouterr()
    assert main(["build", str(root), "--only", "agenda,handout,gift", "--force"]) == 0
    files = [path for path in (root / "output").rglob("*")
             if path.is_file() and not path.name.startswith(".")]
    assert len(files) == 14
    assert capsys.readouterr().out.startswith(f"built 14 files in {root / 'output'}; open ")


def rebuilt_by_edit(root: Path, only: str, old: str, new: str
                    ) -> tuple[dict[str, tuple[int, int]], set[str]]:
    """Build `only`, replace `old` by `new` in case-b (mod-b's scenario), build `only` again:
    the first build's stamps and the files the second one rewrote."""
    assert main(["build", str(root), "--only", only]) == 0
    before = stamps(root / "output")
    edit(root / "scenarios/case-b.yaml", old, new)
    assert main(["build", str(root), "--only", only]) == 0
    return before, changed(before, stamps(root / "output"))


# Edits of what every kind of each test reads: a question (the handout, printable quiz and GIFT
# file show it), a title (the agenda lists it). What each kind reads: tests/test_build_reads.py.
BOTH_LANGUAGES = ('{en: "Who should examine her?", es: "¿Quién debería examinarla?"}',
                  '{en: "Who should examine her now?", es: "¿Quién debería examinarla ahora?"}')
ENGLISH_ONLY = ("Who should examine her now?", "Who should examine her today?")
TITLE_BOTH_LANGUAGES = ("{en: The examination, es: El examen}",
                        "{en: The first examination, es: El primer examen}")
TITLE_ENGLISH_ONLY = ("The first examination", "The second examination")


@pytest.mark.slow
def test_editing_one_scenario_rebuilds_only_the_modules_that_hold_it(root):
    first, rebuilt = rebuilt_by_edit(root, "handout,gift,quiz", *BOTH_LANGUAGES)
    assert rebuilt == {name for name in first if name.split("/")[1] == "mod-b"}

    _, rebuilt = rebuilt_by_edit(root, "handout,gift,quiz", *ENGLISH_ONLY)
    assert rebuilt and all(name.startswith("en/mod-b/") for name in rebuilt), \
        "an edit in one language rebuilds that language only"


def test_the_shipped_agenda_reads_its_module_and_a_users_agenda_reads_everything(root):
    """A user's agenda template is given the whole curriculum, so any scenario's edit rewrites
    every agenda; the shipped template shows only its own module's scenarios."""
    first, rebuilt = rebuilt_by_edit(root, "agenda", *TITLE_BOTH_LANGUAGES)
    assert rebuilt == {name for name in first if name.split("/")[1] == "mod-b"}

    (root / "templates").mkdir()
    (root / "templates/agenda.txt.j2").write_text(
        "{{ curriculum.scenarios | map(attribute='id') | join(' ') }}\n", encoding="utf-8")
    _, rebuilt = rebuilt_by_edit(root, "agenda", *TITLE_ENGLISH_ONLY)
    assert rebuilt == set(first)


@pytest.mark.slow
def test_a_series_of_edits_gives_the_bytes_of_a_build_from_scratch(root, tmp_path):
    out = root / "output"
    edits = [
        ("scenarios/case-a.yaml", "She waits.", "She waits in the corridor."),
        ("modules/mod-b.yaml", "overview: {en: Overview.,", "overview: {en: A new overview.,"),
        ("curriculum.yaml", 'version: "1.0"', 'version: "1.1"'),
        ("modules/mod-a.yaml", "forms: [pre, post]", "forms: [pre]"),
        ("scenarios/case-b.yaml", "es: Ella espera.", "es: Ella espera sola."),
        ("scenarios/case-a.yaml", "en: One sentence.", "en: Another sentence."),
        ("scenarios/case-b.yaml", "en: Whoever is on duty", "en: Whoever is free"),
        ("scenarios/case-a.yaml", "content_warning: {en: References to abuse.",
         "content_warning: {en: References to violence."),
    ]
    assert main(["build", str(root), "--jobs", "1"]) == 0
    for number, (file, old, new) in enumerate(edits):
        edit(root / file, old, new)
        assert main(["build", str(root), "--jobs", str(1 + number % 2)]) == 0
        scratch = tmp_path / f"scratch-{number}"
        assert main(["build", str(root), "--out", str(scratch), "--jobs", "1"]) == 0
        assert tree(out) == tree(scratch), f"after editing {file}"


def test_a_file_changed_by_hand_is_rebuilt(root):
    assert main(["build", str(root), "--only", "agenda"]) == 0
    agenda = root / "output/en/mod-a/mod-a-agenda-en.txt"
    written = agenda.read_bytes()
    agenda.write_text("my own agenda", encoding="utf-8")
    assert main(["build", str(root), "--only", "agenda"]) == 0
    assert agenda.read_bytes() == written


@pytest.mark.parametrize(("damage", "notice"), [
    (lambda m: m.write_text("{not json", encoding="utf-8"),
     "could not be read (not a manifest voces wrote); building everything"),
    (lambda m: m.write_text(m.read_text(encoding="utf-8").replace('"fingerprint": "',
                                                                  '"fingerprint": "0'),
                            encoding="utf-8"),
     "was changed by hand; building everything"),
    (lambda m: m.write_text(json.dumps(_foreign(m)), encoding="utf-8"),
     "is from another version of voces; building everything"),
    (lambda m: m.unlink(), "is missing; building everything"),
])
def test_a_damaged_manifest_means_a_full_rebuild_and_one_notice(root, capsys, damage, notice):
    assert main(["build", str(root), "--only", "agenda"]) == 0
    first = stamps(root / "output")
    manifest = root / "output" / MANIFEST
    damage(manifest)
    capsys.readouterr()
    assert main(["build", str(root), "--only", "agenda"]) == 0
    assert capsys.readouterr().err == f"voces: {manifest} {notice}\n"
    assert changed(first, stamps(root / "output")) == set(first)
    assert main(["build", str(root), "--only", "agenda"]) == 0
    assert capsys.readouterr().err == ""


def _foreign(manifest: Path) -> dict[str, object]:
    """The manifest as another version of the builder would have written it (self-consistent)."""
    from builder.manifest import _digest

    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["body"]["builder"] = "another"
    data["digest"] = _digest(data["body"])
    return dict(data)


def test_force_runs_every_job(root):
    assert main(["build", str(root), "--only", "agenda"]) == 0
    first = stamps(root / "output")
    assert main(["build", str(root), "--only", "agenda", "--force"]) == 0
    assert changed(first, stamps(root / "output")) == set(first)


def test_pdfs_of_unchanged_documents_stay_and_of_changed_ones_go_with_a_notice(root, capsys):
    assert main(["build", str(root), "--only", "agenda,handout"]) == 0
    for lang in ("en", "es"):
        for module in ("mod-a", "mod-b"):
            (root / f"output/{lang}/{module}/{module}-handout-{lang}.pdf").write_bytes(b"%PDF")
    edit(root / "scenarios/case-b.yaml", "She waits.", "She waits alone.")
    capsys.readouterr()
    assert main(["build", str(root), "--only", "agenda,handout"]) == 0
    assert capsys.readouterr().err == (
        "voces: removed 1 PDF that no longer matched its document; run voces build --pdf to "
        "remake it\n")
    assert sorted(p.relative_to(root / "output").as_posix()
                  for p in (root / "output").rglob("*.pdf")) == [
        "en/mod-a/mod-a-handout-en.pdf", "es/mod-a/mod-a-handout-es.pdf",
        "es/mod-b/mod-b-handout-es.pdf"]


def test_a_module_or_language_taken_out_leaves_no_output_behind(root, capsys):
    """Its folders go, with the build saying so, and the folder is then what a build from
    scratch makes; a file voces did not make stays."""
    assert main(["build", str(root)]) == 0
    mine = root / "output" / "en" / "notes-of-mine.txt"
    mine.write_text("a trainer's own notes", encoding="utf-8")
    (root / "modules" / "mod-b.yaml").unlink()
    capsys.readouterr()
    assert main(["build", str(root), "--force"]) == 0
    said = capsys.readouterr().err
    assert ("voces: removed the output of modules or languages no longer in the curriculum "
            "(2 folders: en/mod-b, es/mod-b)\n") in said
    assert not (root / "output" / "en" / "mod-b").exists()
    assert mine.read_text(encoding="utf-8") == "a trainer's own notes"
    mine.unlink()
    scratch = root.parent / "scratch"
    assert main(["build", str(root), "--out", str(scratch)]) == 0
    assert tree(root / "output") == tree(scratch)

    edit(root / "curriculum.yaml", "languages: [en, es]", "languages: [en]")
    capsys.readouterr()
    assert main(["build", str(root)]) == 0
    assert ("(2 folders: es/mod-a, index-es.html)") in capsys.readouterr().err
    assert not (root / "output" / "es").exists()
    assert sorted(p.name for p in (root / "output").iterdir()
                  if not p.name.startswith(".")) == ["en", "index.html"]
