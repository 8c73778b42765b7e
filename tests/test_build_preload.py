"""A build imports its writers while the check's second process runs: in the main process, once,
so that the workers forked from it start writing at once. Only the writers of the jobs that
will run are imported; the check reports what it reports without it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import OrderedDict
from pathlib import Path

import pytest
from conftest import REPO, edit, run_voces
from test_build_incremental import two_modules
from test_check_two_cores import broken  # noqa: F401  (a fixture)

from builder import checks, forked, jobs
from builder.checks import FAMILIES, MEASURING, check_curriculum


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(forked, "cores", lambda: 2)


def test_a_builds_check_reports_what_one_process_reports_and_runs_in_the_other(
        broken, two_cores, monkeypatch, tmp_path):  # noqa: F811
    _, alone = check_curriculum(broken)
    ran_in = tmp_path / "ran-in.txt"
    real = checks._run

    def run(curriculum, families):
        found = real(curriculum, families)
        with ran_in.open("a", encoding="utf-8") as noted:  # the helper's too
            noted.writelines(f"{family} {os.getpid()}\n" for family in families)
        return found

    monkeypatch.setattr(checks, "_run", run)
    alongside: list[object] = []
    curriculum, shared = check_curriculum(broken, on_two_cores=True, alongside=alongside.append)
    assert [f.as_dict() for f in shared] == [f.as_dict() for f in alone]
    assert alongside == [curriculum]
    # every family ran in the second process, while this one prepared the writers
    ran = dict(line.split() for line in ran_in.read_text(encoding="utf-8").splitlines())
    assert set(ran) == set(FAMILIES) and str(os.getpid()) not in ran.values()
    assert len(set(ran.values())) == 1 and set(MEASURING) < set(FAMILIES)


def test_preloading_makes_what_every_deck_and_guide_starts_from(make_curriculum, monkeypatch):
    """The deck's skeleton and each language's docx templates are made before the workers
    fork, with the theme's parts compressed and their text read for the leak guard."""
    from builder import guard
    from builder.context import theme_file
    from builder.office import docx_template, package, slide_parts

    curriculum, _ = check_curriculum(two_modules(make_curriculum))
    assert curriculum is not None
    slide_parts._skeleton.cache_clear()
    monkeypatch.setattr(docx_template, "_TEMPLATES", {})
    monkeypatch.setattr(package, "_compressed", OrderedDict())
    monkeypatch.setattr(package, "_remembered", 0)
    monkeypatch.setattr(guard, "_TEXT_CACHE", OrderedDict())
    jobs.preload_writers(curriculum, languages=None, modules=None, kinds=["deck", "guide"],
                         out=Path("no-output"), force=True)
    assert slide_parts._skeleton.cache_info().currsize == 1
    theme = theme_file(curriculum, "guide.docx")
    assert sorted((key[0], key[3], key[5]) for key in docx_template._TEMPLATES) == sorted(
        (str(theme), curriculum.settings.language_tag(lang), cover)
        for lang in curriculum.languages for cover in (False, True))
    styles = docx_template.template(theme, curriculum.settings.language_tag("en"),
                                    curriculum.settings.paper, True).entry("word/styles.xml")
    assert styles in package._compressed  # compressed once, here
    layouts = [data for data in package._compressed if b"<p:sldLayout" in data[:400]]
    assert layouts and all(hashlib.sha256(data).digest() in guard._TEXT_CACHE
                           for data in layouts)


def test_without_a_second_process_nothing_runs_alongside(broken, monkeypatch):  # noqa: F811
    monkeypatch.setattr(forked, "cores", lambda: 1)
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
