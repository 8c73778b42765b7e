"""Which jobs run: a job with no file to write runs no writer, and a job reads only what its
format declares, so an edit rebuilds what shows it and nothing else."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

from conftest import FIXTURES
from test_build_incremental import tree

from builder.cli import main
from builder.formats import FORMATS
from builder.manifest import MANIFEST


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
        f"built 0 files in {root / 'output'} (8 unchanged files kept)")


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
