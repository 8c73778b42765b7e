"""`--jobs N`: the same bytes on one core or several; a stop leaves the output as it was; one
build at a time per output folder."""

from __future__ import annotations

import gc
import hashlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from test_build_incremental import two_modules

from builder.cli import main
from builder.formats import FORMATS
from builder.lock import output_lock


def tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != ".voces-lock"}


@pytest.mark.parametrize("jobs", ["0", "x", "-2", "1.5"])
def test_a_bad_number_of_jobs_is_a_usage_error(make_curriculum, capsys, jobs):
    root = make_curriculum()
    with pytest.raises(SystemExit) as stopped:
        main(["build", str(root), f"--jobs={jobs}"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith(
        f"voces build: error: argument --jobs: '{jobs}' is not a number of processes; give a "
        "whole number of 1 or more\n")
    assert not (root / "output").exists()


@pytest.mark.slow
def test_several_processes_write_the_bytes_one_writes(make_curriculum, tmp_path):
    root = two_modules(make_curriculum)
    assert main(["build", str(root), "--out", str(tmp_path / "one"), "--jobs", "1"]) == 0
    assert main(["build", str(root), "--out", str(tmp_path / "four"), "--jobs", "4"]) == 0
    one = tree(tmp_path / "one")
    assert len(one) > 30 and one == tree(tmp_path / "four")


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "3"])
def test_a_failing_job_names_module_language_and_kind_and_keeps_the_output(
    make_curriculum, monkeypatch, capsys, jobs
):
    root = two_modules(make_curriculum)
    assert main(["build", str(root)]) == 0
    before = tree(root / "output")
    agenda = FORMATS["agenda"]

    def broken(context):
        if context.module.id == "mod-b" and context.lang == "es":
            raise ValueError("no such layout")
        return agenda.write(context)

    # In both languages: the Spanish agenda reads only the module's Spanish texts.
    (root / "modules/mod-b.yaml").write_text(
        (root / "modules/mod-b.yaml").read_text(encoding="utf-8").replace(
            "Overview.", "New.").replace("Resumen.", "Nuevo."), encoding="utf-8")
    monkeypatch.setitem(FORMATS, "agenda", replace(agenda, writer=broken))
    capsys.readouterr()
    assert main(["build", str(root), "--jobs", jobs]) == 3
    err = capsys.readouterr().err
    assert err.startswith("voces: internal error: the agenda of module mod-b in es failed "
                          "(ValueError: no such layout); this is a bug in voces")
    assert tree(root / "output") == before
    assert not list((root / "output").glob(".voces-staging-*"))


def test_ctrl_c_stops_the_build_and_keeps_the_output(make_curriculum, monkeypatch, capsys):
    root = make_curriculum()
    assert main(["build", str(root), "--only", "agenda"]) == 0
    before = tree(root / "output")

    def interrupted(context):
        raise KeyboardInterrupt

    monkeypatch.setitem(FORMATS, "agenda", replace(FORMATS["agenda"], writer=interrupted))
    assert main(["build", str(root), "--only", "agenda", "--force", "--jobs", "1"]) == 1
    assert capsys.readouterr().err == "voces: interrupted\n"
    assert tree(root / "output") == before
    assert not list((root / "output").glob(".voces-staging-*"))


def test_a_second_build_on_the_same_folder_refuses(make_curriculum, capsys):
    root = make_curriculum()
    out = root / "output"
    out.mkdir()
    with output_lock(out):
        assert main(["build", str(root), "--only", "agenda"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("voces: build failed; the previous output is unchanged:\n"
                          f"--out {out}: another voces build (process ")
    assert err.endswith(") is writing into this folder; wait for it to finish, or build into "
                        "another folder with --out\n")
    assert sorted(p.name for p in out.iterdir()) == [".voces-lock"]
    assert main(["build", str(root), "--only", "agenda"]) == 0


def _freeze_count(task, curriculum=None, secrets=None):
    """Stands for `run_task` in a worker: how many objects the collector leaves alone there."""
    from builder.jobs import JobResult, TaskResult

    return TaskResult([JobResult(str(gc.get_freeze_count()), [], [])])


def test_workers_leave_what_they_inherited_to_the_collector_and_the_parent_collects_as_before(
    make_curriculum, monkeypatch, tmp_path
):
    from builder import jobs
    from builder.load import load_curriculum

    curriculum, _ = load_curriculum(two_modules(make_curriculum))
    assert curriculum is not None
    monkeypatch.setattr(jobs, "run_task", _freeze_count)
    tasks = [jobs.Task(lang, module.id, ("agenda",), tmp_path, datetime(2026, 1, 1))
             for module in curriculum.modules for lang in curriculum.languages]
    before = gc.get_freeze_count()
    results = jobs.run_tasks(curriculum, tasks, 2, {})
    frozen = [int(result.jobs[0].key) for result in results]
    assert len(frozen) == len(tasks) and min(frozen) > before + 10_000
    assert gc.get_freeze_count() == before
