"""`voces build` as a program builds in a fork that imports the writers while the check runs
(`builder/early_build.py`): the same files, the same lines and exit status as one process,
nothing written when the check fails, and each way a build can fail said as this process says
it. Run here as the program runs (`main()` without arguments reads `sys.argv`), so a fork of
this process builds, with what the tests patched."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import edit
from test_build_incremental import two_modules

import builder.build
import builder.cli
from builder.cli import main
from builder.early_build import EarlyBuild, _send
from builder.formats import FORMATS
from builder.lock import output_lock
from builder.manifest import MANIFEST


@pytest.fixture
def root(make_curriculum) -> Path:
    """The minimal curriculum and a second module on a scenario of its own."""
    return two_modules(make_curriculum)


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """The builders started: their process ids (none when one process builds)."""
    started: list[int] = []
    start = EarlyBuild.start.__func__  # type: ignore[attr-defined]

    def recorded(cls, curriculum, preload):  # type: ignore[no-untyped-def]
        early = start(cls, curriculum, preload)
        if early is not None:
            started.append(early.pid)
        return early

    monkeypatch.setattr(EarlyBuild, "start", classmethod(recorded))
    monkeypatch.setattr("builder.forked.cores", lambda: 2)
    return started


def as_program(monkeypatch, capsys, *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    monkeypatch.setattr(sys, "argv", ["voces", *(str(arg) for arg in args)])
    monkeypatch.setattr(builder.cli, "_leave", lambda code: None)  # not this test's process
    status = main()
    said = capsys.readouterr()
    return status, said.out, said.err


def in_one_process(capsys, *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main([str(arg) for arg in args])
    said = capsys.readouterr()
    return status, said.out, said.err


def tree(folder: Path) -> dict[str, str]:
    """Every file's digest; the manifest's without the no-op record (it names the folder)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name == ".voces-lock":
            continue
        if path.name == MANIFEST:
            body = json.loads(path.read_text(encoding="utf-8"))["body"]
            body.pop("unchanged")
            found[path.name] = hashlib.sha256(json.dumps(body, sort_keys=True).encode()
                                              ).hexdigest()
        else:
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(
                path.read_bytes()).hexdigest()
    return found


def gone(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists() or "zombie" in Path(
        f"/proc/{pid}/status").read_text(encoding="utf-8").lower()


def test_the_fork_builds_what_one_process_builds(root, tmp_path, monkeypatch, capsys, forks):
    here, there = tmp_path / "here", tmp_path / "there"
    for step in range(2):
        program = as_program(monkeypatch, capsys, "build", root, "--out", there)
        alone = in_one_process(capsys, "build", root, "--out", here)
        assert program[0] == alone[0] == 0
        assert program[1].replace(str(there), "OUT") == alone[1].replace(str(here), "OUT")
        assert program[2] == alone[2] == ""
        assert len(tree(here)) > 30 and tree(there) == tree(here)
        if step == 0:
            edit(root / "scenarios/case-a.yaml", "One sentence.", "One sentence again.")
    assert len(forks) == 2 and all(gone(pid) for pid in forks)
    assert "(47 unchanged files kept)" in program[1]  # 45 documents and 2 index pages


def test_a_failed_check_ends_the_builder_before_it_writes(root, monkeypatch, capsys, forks):
    edit(root / "modules/mod-a.yaml", "duration: 60", "duration: sixty")
    program = as_program(monkeypatch, capsys, "build", root)
    assert program == in_one_process(capsys, "build", root)
    assert program[0] == 1 and program[1].endswith("; nothing was built\n")
    assert not (root / "output").exists()
    assert len(forks) == 1 and gone(forks[0])


def test_a_failing_job_in_the_fork_is_said_here(root, monkeypatch, capsys, forks):
    assert in_one_process(capsys, "build", root)[0] == 0
    before = tree(root / "output")
    agenda = FORMATS["agenda"]

    def broken(context):  # type: ignore[no-untyped-def]
        if context.module.id == "mod-b" and context.lang == "es":
            raise ValueError("no such layout")
        return agenda.write(context)

    monkeypatch.setitem(FORMATS, "agenda", replace(agenda, writer=broken))
    status, out, err = as_program(monkeypatch, capsys, "build", root, "--force")
    assert status == 3 and out == ""
    assert err.startswith("voces: internal error: the agenda of module mod-b in es failed "
                          "(ValueError: no such layout); this is a bug in voces, and the "
                          "previous output is unchanged. The full traceback is in ")
    log = Path(err.rsplit(" ", 1)[1].strip())
    assert "ValueError: no such layout" in log.read_text(encoding="utf-8")
    log.unlink()
    assert tree(root / "output") == before and forks


def test_a_build_that_fails_in_the_fork_is_said_here(root, monkeypatch, capsys, forks):
    out = root / "output"
    out.mkdir()
    with output_lock(out):
        program = as_program(monkeypatch, capsys, "build", root)
        alone = in_one_process(capsys, "build", root)
    assert program == alone and program[0] == 1 and forks
    assert program[2].startswith("voces: build failed; the previous output is unchanged:\n"
                                 f"--out {out}: another voces build (process ")


def test_ctrl_c_in_the_fork_is_said_here(root, monkeypatch, capsys, forks):
    def interrupted(*args):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(builder.build, "build", interrupted)
    assert as_program(monkeypatch, capsys, "build", root) == (1, "", "voces: interrupted\n")
    assert not (root / "output").exists() and forks


def test_when_the_builder_is_gone_this_process_builds(root, tmp_path, monkeypatch, capsys,
                                                     forks):
    here = os.getpid()

    def dies(curriculum, **asked):  # type: ignore[no-untyped-def]
        if os.getpid() != here:  # the builder ends before it replies; this process goes on
            os._exit(1)

    monkeypatch.setattr(builder.cli, "_preload", dies)
    program = as_program(monkeypatch, capsys, "build", root, "--out", tmp_path / "there")
    alone = in_one_process(capsys, "build", root, "--out", tmp_path / "here")
    assert program[0] == alone[0] == 0 and forks and gone(forks[0])
    assert tree(tmp_path / "there") == tree(tmp_path / "here")


def test_one_process_with_jobs_1(root, monkeypatch, capsys, forks):
    assert as_program(monkeypatch, capsys, "build", root, "--jobs", "1")[0] == 0
    assert forks == []


def test_the_command_stopped_while_the_fork_builds_stops_the_build(root, tmp_path, monkeypatch,
                                                                   capsys, forks):
    """Ctrl-C reaches both processes; a signal to the command alone must stop the build too."""
    built = tmp_path / "built"

    def slow(curriculum, request, progress=None):  # type: ignore[no-untyped-def]
        time.sleep(30)
        built.write_text("the build went on", encoding="utf-8")

    def interrupted_here(self, request):  # type: ignore[no-untyped-def]
        _send(self._inbox, request)
        time.sleep(0.5)
        raise KeyboardInterrupt

    monkeypatch.setattr(builder.build, "build", slow)
    monkeypatch.setattr(EarlyBuild, "build", interrupted_here)
    # as a terminal's Ctrl-C finds it: a test run started in the background ignores SIGINT,
    # and the fork would inherit that
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    began = time.monotonic()
    try:
        said = as_program(monkeypatch, capsys, "build", root)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert said == (1, "", "voces: interrupted\n")
    assert time.monotonic() - began < 20 and forks and gone(forks[0])
    assert not built.exists()
