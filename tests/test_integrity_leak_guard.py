"""The leak guard reads staged files back and fails the build when a facilitator-only text
reaches a participant's file; the earlier output stays byte for byte as it was."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES
from docx import Document

from builder import guard, jobs
from builder.build import GUARDS, BuildFailed, BuildRequest, build
from builder.context import BuildContext
from builder.formats import DOCX, FORMATS, Audience, FileSpec, Format, Reads
from builder.guard import find_leaks, forbidden_parts, secret_texts
from builder.load import load_curriculum
from builder.typography import normalise

FEEDBACK = "Choice helps her take part and speak openly about what happened."
NOTES = "Listen for whether they offer a choice before the examination."


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "curriculum"
    shutil.copytree(FIXTURES / "minimal", root)
    scenario = root / "scenarios" / "case-a.yaml"
    text = scenario.read_text(encoding="utf-8")
    text = text.replace("feedback: {en: Choice helps., es: La elección ayuda.}",
                        f"feedback: {{en: {FEEDBACK}, es: La elección le ayuda a participar.}}")
    text = text.replace("notes: {en: Listen for choice., es: Escuchar la elección.}",
                        f"notes: {{en: {NOTES}, es: Escuchar si ofrecen elegir.}}")
    scenario.write_text(text, encoding="utf-8")
    return root


def handout(planted: str | None):
    def build_handout(context: BuildContext) -> list[Path]:
        document = Document()
        document.add_paragraph(context.text(context.module.title))
        if planted:
            document.add_paragraph("Read this: " + planted)
        path = context.path("handout", "docx")
        document.save(str(path))
        return [path]
    return build_handout


def request(out: Path, force: bool = False) -> BuildRequest:
    """`force`: the planted writer is not builder code, so the fingerprint cannot see it."""
    return BuildRequest(out=out, languages=["en"], modules=["mod-a"], kinds=["handout"],
                        force=force)


def test_the_guard_is_registered_for_every_build():
    assert find_leaks in GUARDS


def test_a_planted_feedback_text_fails_the_build_and_keeps_the_old_output(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    out = tmp_path / "output"
    monkeypatch.setitem(FORMATS, "handout", replace(FORMATS["handout"], writer=handout(None)))
    build(curriculum, request(out))
    written = out / "en" / "mod-a" / "mod-a-handout-en.docx"
    before = written.read_bytes()

    monkeypatch.setitem(FORMATS, "handout", replace(FORMATS["handout"], writer=handout(FEEDBACK)))
    with pytest.raises(BuildFailed) as failure:
        build(curriculum, request(out, force=True))
    assert str(failure.value) == (
        "en/mod-a/mod-a-handout-en.docx (word/document.xml): holds a facilitator-only text "
        "(feedback): “Choice helps her take part and speak openly about what happe…”; it must "
        "not reach this file, which participants may see (a bug in the format that wrote it)")
    assert written.read_bytes() == before
    assert not list(out.glob(".voces-staging-*"))


def test_the_guard_compares_through_the_quote_rules_typography_table(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A format that writes a curly apostrophe, an en dash or a guillemet plainly still leaks
    the text: the guard and the quote rules share one `normalise`."""
    scenario = root / "scenarios" / "case-a.yaml"
    typeset = "Choice helps her take part – «and» speak openly about what she’s been through."
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace(FEEDBACK, typeset), encoding="utf-8")
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    plain = "choice helps her take part - \"and\" speak openly about what she's been through."
    assert normalise(typeset).casefold() == plain
    planted = handout(plain)
    monkeypatch.setitem(FORMATS, "handout", replace(FORMATS["handout"], writer=planted))
    with pytest.raises(BuildFailed) as failure:
        build(curriculum, request(tmp_path / "output", force=True))
    assert "holds a facilitator-only text (feedback): “Choice helps her take part –" in str(
        failure.value)


def test_stage_notes_may_reach_speaker_notes_but_not_slides(root: Path, tmp_path: Path):
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    deck = tmp_path / "mod-a-deck-en.pptx"
    slide = f'<p:sld xmlns:p="p" xmlns:a="{_A}"><a:p><a:r><a:t>{{}}</a:t></a:r></a:p></p:sld>'
    with zipfile.ZipFile(deck, "w") as archive:
        archive.writestr("ppt/slides/slide1.xml", slide.format("Opening"))
        archive.writestr("ppt/slides/slide2.xml", slide.format("Say: " + NOTES[:30]))
        archive.writestr("ppt/notesSlides/notesSlide1.xml", slide.format(NOTES))
        archive.writestr("ppt/notesSlides/notesSlide2.xml", slide.format(FEEDBACK))
    secrets = secret_texts(curriculum, "en")
    found = []
    module = curriculum.module("mod-a")
    assert module is not None
    (declared,) = FORMATS["deck"].outputs(module, "en")
    for part in forbidden_parts(deck, deck.name, declared):
        found += [(part.name, s.kind) for s in secrets
                  if s.kind in part.forbidden and s.needles[0] in part.text.casefold()]
    assert found == [("mod-a-deck-en.pptx (speaker notes 2)", "feedback")]


def test_a_text_also_in_a_participant_field_is_not_facilitator_only(root: Path):
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    kinds = {s.text: s.kind for s in secret_texts(curriculum, "en")}
    assert kinds == {FEEDBACK: "feedback", NOTES: "stage notes"}


def leak_message(relative: str, kind: str, start: str) -> str:
    return (f"{relative}: holds a facilitator-only text ({kind}): “{start}”; it must not reach "
            "this file, which participants may see (a bug in the format that wrote it)")


def record_guarding(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each file the leak guard reads back, with the process that read it, appended to `log`
    (a file, as forked workers write it too)."""
    def recording(real):
        def guard_files(base, files, secrets):
            with log.open("a", encoding="utf-8") as lines:
                lines.writelines(f"{os.getpid()} {relative.as_posix()}\n" for relative in files)
            return real(base, files, secrets)
        return guard_files
    monkeypatch.setattr(jobs, "guard_files", recording(jobs.guard_files))
    monkeypatch.setattr(guard, "guard_files", recording(guard.guard_files))


def guarded(log: Path) -> list[tuple[int, str]]:
    if not log.exists():
        return []
    return sorted((int(pid), relative) for pid, relative in
                  (line.split(" ", 1) for line in log.read_text(encoding="utf-8").splitlines()))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="voces builds on several cores only where processes fork")
def test_on_several_cores_each_file_is_read_back_by_the_worker_that_wrote_it(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    out, log = tmp_path / "output", tmp_path / "guarded.log"
    monkeypatch.setitem(FORMATS, "handout", replace(FORMATS["handout"], writer=handout(None)))
    both = BuildRequest(out=out, languages=["en", "es"], modules=["mod-a"], kinds=["handout"],
                        jobs=2)
    build(curriculum, both)
    before = {path: path.read_bytes() for path in out.rglob("*.docx")}

    record_guarding(monkeypatch, log)
    # English feedback is facilitator-only in English; in the Spanish handout it is no secret.
    monkeypatch.setitem(FORMATS, "handout", replace(FORMATS["handout"], writer=handout(FEEDBACK)))
    with pytest.raises(BuildFailed) as failure:
        build(curriculum, replace(both, force=True))
    assert str(failure.value) == leak_message(
        "en/mod-a/mod-a-handout-en.docx (word/document.xml)", "feedback",
        "Choice helps her take part and speak openly about what happe…")
    readers = guarded(log)
    # Which worker takes which language (and so which pid sorts first) is the pool's choice.
    assert sorted(relative for _, relative in readers) == [
        "en/mod-a/mod-a-handout-en.docx", "es/mod-a/mod-a-handout-es.docx"]
    assert os.getpid() not in {pid for pid, _ in readers}
    assert {path: path.read_bytes() for path in out.rglob("*.docx")} == before


def test_a_kept_jobs_verdict_stands_only_while_its_file_and_the_secret_texts_are_unchanged(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A format that reads no scenario is kept when a scenario changes; a text it writes that
    the edit makes facilitator-only fails the build as a build from scratch would."""
    planted = "Note in your own words what the person chose to tell you."

    def write_sheet(context: BuildContext) -> list[Path]:
        document = Document()
        document.add_paragraph(planted)
        path = context.path("sheet", "docx")
        document.save(str(path))
        return [path]

    monkeypatch.setitem(FORMATS, "zz-sheet", Format("zz-sheet", write_sheet, (
        FileSpec("sheet", DOCX, Audience.PARTICIPANT, role="handout"),), Reads(scenarios=False)))
    out, log = tmp_path / "output", tmp_path / "guarded.log"
    sheet = "en/mod-a/mod-a-sheet-en.docx"
    record_guarding(monkeypatch, log)

    def build_sheet(force: bool = False) -> list[str]:
        curriculum, _ = load_curriculum(root)
        assert curriculum is not None
        log.unlink(missing_ok=True)
        build(curriculum, BuildRequest(out=out, languages=["en"], modules=["mod-a"],
                                       kinds=["zz-sheet"], force=force))
        return [relative for _, relative in guarded(log)]

    assert build_sheet() == [sheet]
    assert build_sheet() == []  # kept: its verdict stands
    written = out / sheet
    written.write_bytes(written.read_bytes() + b"\0")  # changed by hand: written and read again
    assert build_sheet() == [sheet]
    assert build_sheet() == []

    scenario = root / "scenarios" / "case-a.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace(FEEDBACK, planted),
                        encoding="utf-8")
    before = written.read_bytes()
    leak = leak_message(f"{sheet} (word/document.xml)", "feedback",
                        "Note in your own words what the person chose to tell you.")
    for force in (False, True):
        with pytest.raises(BuildFailed) as failure:
            build_sheet(force)
        assert str(failure.value) == leak
        assert [relative for _, relative in guarded(log)] == [sheet]
        assert written.read_bytes() == before


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
