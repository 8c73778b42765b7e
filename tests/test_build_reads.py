"""Which jobs run: a job with no file to write runs no writer, and a job reads only what its
format declares, so an edit rebuilds what shows it and nothing else."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from test_build_incremental import rebuilt_by_edit, tree, two_modules

from builder import formats
from builder.cli import main
from builder.formats import FORMATS
from builder.manifest import MANIFEST
from builder.model import Scenario


def spy_on(monkeypatch, kind: str) -> list[str]:
    """Every `<lang>/<module>` the writer of `kind` is called for (a build with --jobs 1 runs
    its jobs in this process)."""
    calls: list[str] = []
    original = FORMATS[kind]

    def writer(context):
        calls.append(f"{context.lang}/{context.module.id}")
        return original.write(context)

    monkeypatch.setitem(FORMATS, kind, replace(original, writer=writer))
    return calls


def test_a_kind_with_no_file_for_a_module_runs_no_writer(tmp_path, monkeypatch, capsys):
    """The fixture's one delivery is mod-a's in Spanish: the delivery writer (openpyxl) runs for
    es/mod-a only; the English job is recorded, with no files, and kept as such."""
    root = tmp_path / "curriculum"
    shutil.copytree(FIXTURES / "results", root)
    calls = spy_on(monkeypatch, "delivery")
    assert main(["build", str(root), "--jobs", "1", "--only", "delivery,agenda"]) == 0
    assert calls == ["es/mod-a"]
    jobs = json.loads((root / "output" / MANIFEST).read_text(encoding="utf-8"))["body"]["jobs"]
    assert jobs["en/mod-a/delivery"]["files"] == {}
    assert len(jobs["es/mod-a/delivery"]["files"]) == 6
    capsys.readouterr()

    assert main(["build", str(root), "--jobs", "1", "--only", "delivery,agenda"]) == 0
    assert calls == ["es/mod-a"], "nothing changed: no job runs"
    assert capsys.readouterr().out.startswith(
        f"built 0 files in {root / 'output'} (10 unchanged files kept)")  # and 2 index pages


def test_a_delivery_added_later_is_built_as_a_build_from_scratch_builds_it(tmp_path):
    root = tmp_path / "curriculum"
    shutil.copytree(FIXTURES / "results", root)
    delivery = root / "deliveries/lima-1.yaml"
    text = delivery.read_text(encoding="utf-8")
    delivery.unlink()
    assert main(["build", str(root)]) == 0
    assert not list((root / "output").rglob("deliveries"))

    delivery.write_text(text, encoding="utf-8")
    assert main(["build", str(root)]) == 0
    assert main(["build", str(root), "--out", str(tmp_path / "scratch")]) == 0
    assert len(list((root / "output/es/mod-a/deliveries/lima-1").iterdir())) == 6
    assert tree(root / "output") == tree(tmp_path / "scratch")

    delivery.unlink()
    assert main(["build", str(root)]) == 0
    assert main(["build", str(root), "--out", str(tmp_path / "scratch-2")]) == 0
    assert not list((root / "output").rglob("deliveries"))
    assert tree(root / "output") == tree(tmp_path / "scratch-2")


def fields_read(monkeypatch, root: Path, out: Path) -> dict[str, set[str]]:
    """Each kind's writer, run alone (nothing shared with another kind's writer), and the
    `Scenario` fields it reads while it writes."""
    read: dict[str, set[str]] = {}
    writing: list[str] = []
    names = set(Scenario.model_fields)
    get = Scenario.__getattribute__
    write = formats.Format.write

    def traced_get(scenario: Scenario, name: str) -> object:
        if writing and name in names:
            read.setdefault(writing[-1], set()).add(name)
        return get(scenario, name)

    def traced_write(form: formats.Format, context: object) -> list[Path]:
        writing.append(form.kind)
        try:
            return write(form, context)  # type: ignore[arg-type]
        finally:
            writing.pop()

    monkeypatch.setattr(Scenario, "__getattribute__", traced_get)
    monkeypatch.setattr(formats.Format, "write", traced_write)
    for kind in FORMATS:
        assert main(["build", str(root), "--jobs", "1", "--only", kind,
                     "--out", str(out / kind)]) == 0
    return read


@pytest.mark.slow
@pytest.mark.parametrize("curriculum", ["example", "results", "quiz-special", "deck-long",
                                        "guide-restricted"])
def test_every_scenario_field_a_writer_reads_is_in_its_fingerprint(
        tmp_path, monkeypatch, capsys, curriculum):
    """A format that names the fields it reads (`Reads.scenario_fields`) is rebuilt only when
    one of them changes: a field its writer reads but does not name would leave its files
    stale after an edit of that field."""
    root = REPO if curriculum == "example" else FIXTURES / curriculum
    read = fields_read(monkeypatch, root, tmp_path)
    capsys.readouterr()
    assert set(read) >= {"deck", "guide", "quiz", "gift"}, "the writers ran and were traced"
    for kind, names in read.items():
        declared = FORMATS[kind].reads.scenario_fields
        if declared is not None:
            assert names <= set(declared), f"{kind} reads {sorted(names - set(declared))}"
    for kind, form in FORMATS.items():
        assert set(form.reads.scenario_fields or ()) <= set(Scenario.model_fields), kind


SUMMARY = ("summary: {en: One sentence., es: Una frase.}",
           "summary: {en: Another sentence., es: Otra frase.}")
STEM = ('stem: {en: "Who should examine her?", es: "¿Quién debería examinarla?"}',
        'stem: {en: "Who examines her?", es: "¿Quién la examina?"}')


@pytest.mark.slow
@pytest.mark.parametrize(("change", "kinds"), [
    (SUMMARY, {"deck", "guide", "notice"}),
    (STEM, {"deck", "guide", "handout", "quiz", "gift", "moodle", "qti"}),
])
def test_an_edit_rewrites_the_files_that_show_what_it_changed(make_curriculum, change, kinds):
    """mod-b's scenario edited: of mod-b's files, those whose format reads the edited field are
    rewritten, in both languages; mod-a's files and the others stay as they are."""
    root = two_modules(make_curriculum)
    first, rebuilt = rebuilt_by_edit(root, ",".join(FORMATS), *change)
    manifest = json.loads((root / "output" / MANIFEST).read_text(encoding="utf-8"))
    expected = {name for key, job in manifest["body"]["jobs"].items()
                for name in job["files"]
                if key.split("/")[1] == "mod-b" and key.split("/")[2] in kinds}
    assert rebuilt == expected
    assert {name.split("/")[0] for name in rebuilt} == {"en", "es"}
    assert len(first) > len(rebuilt)


def test_a_font_of_the_users_deck_theme_changed_rebuilds_what_it_measures(
        make_curriculum, tmp_path):
    """The fonts beside a theme's deck.pptx measure the slides' text (a wider font wraps a title
    sooner): the deck and the guide, which lays out the same slides, are written again."""
    root = make_curriculum()
    default = Path(__file__).parents[1] / "builder/themes/default"
    (root / "brand/fonts").mkdir(parents=True)
    shutil.copy(default / "deck.pptx", root / "brand/deck.pptx")
    shutil.copy(default / "fonts/Carlito-Regular.ttf", root / "brand/fonts/Carlito-Regular.ttf")
    with (root / "curriculum.yaml").open("a", encoding="utf-8") as settings:
        settings.write("theme: brand\n")
    assert main(["build", str(root)]) == 0
    before = _stamps(root / "output")
    shutil.copy(default / "fonts/Carlito-Bold.ttf", root / "brand/fonts/Carlito-Regular.ttf")
    assert main(["build", str(root)]) == 0
    after = _stamps(root / "output")
    assert sorted(name for name in before if after[name] != before[name]) == [
        "en/mod-a/mod-a-deck-en.pptx", "en/mod-a/mod-a-guide-en.docx",
        "es/mod-a/mod-a-deck-es.pptx", "es/mod-a/mod-a-guide-es.docx"]


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    return {path.relative_to(out).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in sorted(out.rglob("*")) if path.is_file() and "/" in
            path.relative_to(out).as_posix()}
