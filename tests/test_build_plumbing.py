"""`voces build`: staging, all-or-nothing replacement, reproducible bytes, nothing outside."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from conftest import edit

from builder import build as build_module
from builder.cli import main
from builder.formats import FORMATS, TEXT, Audience, FileSpec, Format


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below `folder` with its sha256."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_build_writes_product_names_into_lang_module_folders(make_curriculum, capsys):
    root = make_curriculum()
    assert main(["build", str(root), "--only", "agenda"]) == 0
    built = tree_digest(root / "output")
    assert "en/mod-a/mod-a-agenda-en.txt" in built
    assert "es/mod-a/mod-a-agenda-es.txt" in built
    agenda = (root / "output/es/mod-a/mod-a-agenda-es.txt").read_text(encoding="utf-8")
    assert "09:00–09:15   15 min  Apertura\n09:15–09:45   30 min  El examen\n" in agenda
    assert not list((root / "output").glob(".voces-staging-*"))


@pytest.mark.slow
def test_two_builds_give_identical_bytes(make_curriculum, tmp_path):
    root = make_curriculum()
    assert main(["build", str(root), "--out", str(tmp_path / "one")]) == 0
    assert main(["build", str(root), "--out", str(tmp_path / "two")]) == 0
    one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert one and one == two


def test_build_with_errors_builds_nothing(make_curriculum, capsys):
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml", "duration: 30", "duraton: 30")
    assert main(["build", str(root)]) == 1
    assert not (root / "output").exists()
    assert capsys.readouterr().out.endswith("checked 4 files: 1 error, 0 warnings; nothing was built\n")


def test_build_that_fails_late_leaves_previous_output_byte_identical(
    make_curriculum, monkeypatch, capsys
):
    root = make_curriculum()
    assert main(["build", str(root)]) == 0
    before = tree_digest(root / "output")
    sources_before = tree_digest(root)

    def broken_format(context):
        path = context.path("broken", "txt")
        path.write_text("half-written", encoding="utf-8")
        raise RuntimeError("this format has a bug")

    edit(root / "modules/mod-a.yaml", "title: {en: Module A,", "title: {en: Module A changed,")
    monkeypatch.setitem(FORMATS, "zz-broken", Format("zz-broken", broken_format, (
        FileSpec("broken", TEXT, Audience.PARTICIPANT, role="broken"),)))
    assert main(["build", str(root)]) == 3
    err = capsys.readouterr().err
    assert err.startswith(
        "voces: internal error: the zz-broken of module mod-a in en failed (RuntimeError: this "
        "format has a bug); this is a bug in voces, and the previous output is unchanged. The "
        "full traceback is in ")
    trace = Path(err.rsplit(" ", 1)[1].strip()).read_text(encoding="utf-8")
    assert "this format has a bug" in trace and "broken_format" in trace
    assert "Traceback" not in err
    assert tree_digest(root / "output") == before
    after = tree_digest(root)
    assert {k: v for k, v in after.items() if not k.startswith("modules/")} == \
        {k: v for k, v in sources_before.items() if not k.startswith("modules/")}


def test_guard_failure_fails_build_and_keeps_previous_output(make_curriculum, monkeypatch, capsys):
    root = make_curriculum()
    assert main(["build", str(root)]) == 0
    before = tree_digest(root / "output")
    monkeypatch.setattr(build_module, "GUARDS", [lambda staged: ["planted problem in a file"]])
    # --force: nothing changed on disk, so a plain build would do nothing (the guard patched
    # in memory is no change of the builder's files that a rebuild can see)
    assert main(["build", str(root), "--force"]) == 1
    assert capsys.readouterr().err == (
        "voces: build failed; the previous output is unchanged:\nplanted problem in a file\n")
    assert tree_digest(root / "output") == before


def test_build_never_touches_the_sources(make_curriculum):
    root = make_curriculum()
    sources = tree_digest(root)
    assert main(["build", str(root)]) == 0
    after = {k: v for k, v in tree_digest(root).items() if not k.startswith("output/")}
    assert after == sources
    assert sorted(p.name for p in root.parent.iterdir()) == [root.name]


@pytest.mark.parametrize("out", [".", "scenarios", "sources/x", "..", "images", "templates/x"])
def test_output_folder_over_the_sources_is_refused(make_curriculum, capsys, out):
    root = make_curriculum()
    sources = tree_digest(root)
    assert main(["build", str(root), "--out", str(root / out)]) == 1
    assert "would overwrite the curriculum's sources; choose a folder of its own" in \
        capsys.readouterr().err
    assert tree_digest(root) == sources


def test_partial_build_replaces_only_its_own_files(make_curriculum):
    root = make_curriculum()
    assert main(["build", str(root)]) == 0
    keep = root / "output/en/mod-a/notes-by-hand.txt"
    keep.write_text("a trainer's own notes", encoding="utf-8")
    assert main(["build", str(root), "--only", "agenda", "--lang", "es"]) == 0
    assert keep.read_text(encoding="utf-8") == "a trainer's own notes"
    assert main(["build", str(root)]) == 0
    assert not keep.exists(), "a complete build replaces each module folder whole"


def test_unknown_kind_is_exit_2(make_curriculum, capsys):
    root = make_curriculum()
    assert main(["build", str(root), "--only", "slides"]) == 2
    assert capsys.readouterr().err.startswith("voces: --only: no kind 'slides'; choose from ")


@pytest.mark.parametrize(("flag", "value", "what"), [
    ("--only", "", "kind"), ("--only", ",", "kind"), ("--lang", "", "language"),
    ("--module", " ", "module")])
def test_a_selection_of_nothing_is_exit_2_and_builds_nothing(make_curriculum, capsys, flag,
                                                              value, what):
    """`--only ''` built everything and `--lang ''` only the index pages, both exit 0."""
    root = make_curriculum()
    assert main(["build", str(root), flag, value]) == 2
    assert capsys.readouterr().err.startswith(f"voces: {flag}: no {what} given; choose from ")
    assert not (root / "output").exists() or not any(
        path.is_file() and not path.name.startswith(".") for path in (root / "output").rglob("*"))


def test_partial_build_drops_pdfs_that_no_longer_match_their_source(make_curriculum, capsys):
    root = make_curriculum()
    assert main(["build", str(root)]) == 0
    capsys.readouterr()
    folder = root / "output/en/mod-a"
    (folder / "mod-a-deck-en.pdf").write_bytes(b"%PDF old deck")
    (folder / "mod-a-deck-en-slides").mkdir()
    (folder / "mod-a-deck-en-slides/slide-01.png").write_bytes(b"old picture")
    (folder / "mod-a-guide-en.pdf").write_bytes(b"%PDF guide, not rebuilt")
    edit(root / "modules/mod-a.yaml", "title: {en: Module A,", "title: {en: Module A changed,")
    assert main(["build", str(root), "--only", "deck", "--lang", "en"]) == 0
    assert capsys.readouterr().err == (
        "voces: removed 1 PDF that no longer matched its document; run voces build --pdf to "
        "remake it\n")
    assert not (folder / "mod-a-deck-en.pdf").exists()
    assert not (folder / "mod-a-deck-en-slides").exists()
    assert (folder / "mod-a-guide-en.pdf").read_bytes() == b"%PDF guide, not rebuilt"


def test_staging_of_a_build_still_running_is_left_alone(make_curriculum):
    root = make_curriculum()
    out = root / "output"
    out.mkdir()
    running = out / f".voces-staging-{os.getpid()}-feedbeef"
    dead = out / ".voces-staging-999999999-deadbeef"
    running.mkdir()
    dead.mkdir()
    assert main(["build", str(root), "--only", "agenda"]) == 0
    assert running.is_dir() and not dead.exists()


def test_a_complete_build_says_how_many_pdfs_it_removed(make_curriculum, capsys):
    root = make_curriculum()
    assert main(["build", str(root)]) == 0
    for lang in ("en", "es"):
        folder = root / f"output/{lang}/mod-a"
        (folder / f"mod-a-guide-{lang}.pdf").write_bytes(b"%PDF guide of an earlier build")
    (root / "output/en/mod-a/mod-a-deck-en-slides").mkdir()
    capsys.readouterr()
    assert main(["build", str(root)]) == 0
    assert capsys.readouterr().err == (
        "voces: removed 3 PDFs that no longer matched their documents; run voces build --pdf to "
        "remake them\n")
    assert not list((root / "output").rglob("*.pdf"))
