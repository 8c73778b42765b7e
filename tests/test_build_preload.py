"""A build imports its writers while the check's second process runs: in the main process, once,
so that the workers forked from it start writing at once. Only the writers of the jobs that
will run are imported; the check reports what it reports without it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, edit, run_voces
from test_build_incremental import two_modules
from test_check_two_cores import broken  # noqa: F401  (a fixture)

from builder import checks, jobs
from builder.checks import FAMILIES, MEASURING, check_curriculum


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(checks, "_cores", lambda: 2)


def test_a_builds_check_reports_what_one_process_reports_and_measures_here(
        broken, two_cores, monkeypatch):  # noqa: F811
    _, alone = check_curriculum(broken)
    ran_in: dict[str, int] = {}
    real = checks._run

    def run(curriculum, families):
        found = real(curriculum, families)
        ran_in.update({family: os.getpid() for family in families})
        return found

    monkeypatch.setattr(checks, "_run", run)
    alongside: list[object] = []
    curriculum, shared = check_curriculum(broken, on_two_cores=True, alongside=alongside.append)
    assert [f.as_dict() for f in shared] == [f.as_dict() for f in alone]
    assert alongside == [curriculum]
    # the measuring families ran here (their text widths stay for the workers), the rest there
    assert set(ran_in) == set(MEASURING) and set(ran_in.values()) == {os.getpid()}
    assert set(MEASURING) < set(FAMILIES)


def test_without_a_second_process_nothing_runs_alongside(broken, monkeypatch):  # noqa: F811
    monkeypatch.setattr(checks, "_cores", lambda: 1)
    _, alone = check_curriculum(broken)
    _, same = check_curriculum(broken, on_two_cores=True,
                               alongside=lambda c: pytest.fail("imported on one core"))
    assert [f.as_dict() for f in same] == [f.as_dict() for f in alone]


def test_a_build_whose_check_fails_writes_nothing(broken, two_cores):  # noqa: F811
    status, out, _ = run_voces("build", broken)
    assert status == 1
    assert out.rstrip().endswith("; nothing was built")
    assert not (broken / "output").exists()


def test_a_curriculum_the_plan_cannot_take_imports_nothing(make_curriculum, monkeypatch):
    def no_plan(*args, **kwargs):
        raise KeyError("mod-z")

    monkeypatch.setattr(jobs, "make_plan", no_plan)
    loaded: list[str] = []
    monkeypatch.setattr(jobs.FORMATS["deck"].__class__, "load",
                        lambda form: loaded.append(form.kind))
    curriculum, _ = check_curriculum(make_curriculum())
    assert curriculum is not None
    jobs.preload_writers(curriculum, languages=None, modules=None, kinds=None,
                         out=Path("output"), force=False)
    assert loaded == []


IMPORTED = """
import sys
from pathlib import Path
from builder.jobs import preload_writers
from builder.load import load_curriculum
curriculum, _ = load_curriculum(Path(sys.argv[1]))
preload_writers(curriculum, languages=None, modules=None, kinds=None,
                out=Path(sys.argv[1]) / "output", force=sys.argv[2] == "force")
print(" ".join(sorted(m for m in sys.modules if m.startswith("builder.formats.")
                      or m in ("openpyxl", "pptx", "docx"))))
"""


def imported(root: Path, force: bool = False) -> set[str]:
    """The writer modules (and libraries) preload_writers imports, in a fresh Python."""
    done = subprocess.run([sys.executable, "-c", IMPORTED, str(root), "force" if force else ""],
                          capture_output=True, text=True, check=True, cwd=REPO)
    return set(done.stdout.split())


@pytest.mark.slow
def test_only_the_writers_of_the_jobs_that_will_run_are_imported(make_curriculum):
    root = two_modules(make_curriculum)
    assert run_voces("build", root)[0] == 0
    edit(root / "scenarios/case-b.yaml", "summary: {en: One sentence.",
         "summary: {en: Another sentence.")
    after_edit = imported(root)
    assert {"builder.formats.deck", "builder.formats.guide", "builder.formats.notice",
            "pptx", "docx"} <= after_edit
    assert not after_edit & {"builder.formats.handout", "builder.formats.quiz_docx",
                             "builder.formats.gift", "builder.formats.delivery", "openpyxl"}
    assert imported(root, force=True) >= {
        f"builder.formats.{name}" for name in ("deck", "guide", "handout", "notice", "quiz_docx",
                                              "gift", "moodle", "qti", "agenda")}
    assert "openpyxl" not in imported(root, force=True), "no delivery: no workbook"
