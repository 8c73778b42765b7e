"""`voces check` on two cores: the measuring families (slide titles, pictures) run in a forked
helper while the others run here. The findings are one process's, finding for finding, and a
helper that fails, or a rule that fails here, changes nothing of what is reported."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from conftest import edit, run_voces

from builder import checks, forked
from builder.checks import FAMILIES, MEASURING, check_curriculum

LONG_TITLE = ("Arrival at the medical-legal unit, where the examination room, the waiting area "
              "and the corridor are shared")


@pytest.fixture
def broken(make_curriculum) -> Path:
    """Findings from both halves: terms, contacts and quotes here; a title and a picture there."""
    root = make_curriculum("integrity-violations")
    edit(root / "scenarios/case-a.yaml", "  - title: {en: Arrival, es: Llegada}",
         "  - image: {file: images/none.png, alt: {en: A room, es: Una sala}, credit: Us}\n"
         f'    title: {{en: "{LONG_TITLE}", es: Llegada}}')
    return root


def _rules(findings: list) -> set[str]:
    return {finding.rule for finding in findings}


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(forked, "cores", lambda: 2)


def test_the_helper_reports_what_one_process_reports(broken, two_cores):
    _, alone = check_curriculum(broken)
    _, shared = check_curriculum(broken, on_two_cores=True)
    assert {"deck.title-fit", "image.missing", "terminology.avoid", "privacy.email"} \
        <= _rules(alone)
    assert [f.as_dict() for f in shared] == [f.as_dict() for f in alone]
    assert set(MEASURING) < set(FAMILIES)


def test_the_helper_runs_in_another_process(broken, two_cores, monkeypatch):
    ran_in: dict[str, int] = {}
    real = checks._run

    def run(curriculum, families):
        found = real(curriculum, families)
        for family in families:
            ran_in[family] = os.getpid()
        return found

    monkeypatch.setattr(checks, "_run", run)
    check_curriculum(broken, on_two_cores=True)
    # the helper's own record stays in the helper: here only this process's families show
    assert set(ran_in) == set(FAMILIES) - set(MEASURING)
    assert set(ran_in.values()) == {os.getpid()}


def test_a_helper_that_fails_changes_nothing(broken, two_cores, monkeypatch):
    _, alone = check_curriculum(broken)

    def unpicklable(value: object) -> bytes:
        raise pickle.PicklingError("cannot send")

    monkeypatch.setattr(checks.pickle, "dumps", unpicklable)  # only the helper pickles
    _, shared = check_curriculum(broken, on_two_cores=True)
    assert [f.as_dict() for f in shared] == [f.as_dict() for f in alone]


def test_a_rule_that_fails_here_fails_the_check_and_stops_the_helper(broken, two_cores,
                                                                     monkeypatch):
    started: list[checks._Helper] = []
    real_start = checks._Helper.start

    def start(curriculum, families, *reuse):
        helper = real_start(curriculum, families, *reuse)
        assert helper is not None
        started.append(helper)
        return helper

    def failing(curriculum):
        raise RuntimeError("a bug in a rule")
        yield  # pragma: no cover

    monkeypatch.setattr(checks._Helper, "start", start)
    monkeypatch.setattr(checks, "family_rules", lambda family: [failing])
    with pytest.raises(RuntimeError, match="a bug in a rule"):
        check_curriculum(broken, on_two_cores=True)
    assert len(started) == 1
    with pytest.raises(ChildProcessError):  # reaped: no helper left behind
        os.waitpid(started[0].pid, os.WNOHANG)


def test_one_core_runs_every_family_here(broken, monkeypatch):
    monkeypatch.setattr(forked, "cores", lambda: 1)
    monkeypatch.setattr(forked.os, "fork", lambda: pytest.fail("no helper on one core"))
    _, alone = check_curriculum(broken)
    _, same = check_curriculum(broken, on_two_cores=True)
    assert [f.as_dict() for f in same] == [f.as_dict() for f in alone]


@pytest.mark.parametrize(("jobs", "helpers"), [("1", 0), ("2", 1)])
def test_a_build_on_one_process_checks_in_that_process(make_curriculum, two_cores, monkeypatch,
                                                       tmp_path, jobs, helpers):
    """`--jobs 1` is one process throughout, the check's measuring rules included."""
    started: list[tuple[str, ...]] = []
    real_start = checks._Helper.start

    def start(curriculum, families, *reuse):
        started.append(families)
        return real_start(curriculum, families, *reuse)

    monkeypatch.setattr(checks._Helper, "start", start)
    status, _, err = run_voces("build", make_curriculum(), "--jobs", jobs, "--only", "agenda",
                               "--out", tmp_path / "out")
    assert (status, err) == (0, "")
    assert len(started) == helpers
