"""A build's check reuses the previous build's measuring findings of unchanged parts
(`builder/check_reuse.py`), and still reports exactly what `voces check` reports: over a
series of edits that add and remove findings, a changed picture and theme font, a manifest
edited by hand or of another builder, and input that does not load."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import edit, run_voces
from PIL import Image
from test_build_incremental import two_modules

from builder.checks import deck_fit
from builder.manifest import MANIFEST

LONG_STAGE = ("Arrival at the medical-legal unit, where the examination room, the waiting area "
              "and the corridor are shared")
PICTURE = ("image:\n  file: images/room.png\n  alt: {en: The room, es: La sala}\n"
           "  credit: The test editors\n")


@pytest.fixture
def root(make_curriculum) -> Path:
    """The minimal curriculum and a second module on a scenario of its own."""
    return two_modules(make_curriculum)


@pytest.fixture
def measured(monkeypatch) -> list[str]:
    """The modules whose slide titles are measured, in this process, as they are."""
    seen: list[str] = []
    measure = deck_fit.title_fit_of

    def counted(curriculum, module):  # type: ignore[no-untyped-def]
        seen.append(module.id)
        return measure(curriculum, module)

    monkeypatch.setattr(deck_fit, "title_fit_of", counted)
    return seen


def picture(path: Path, width: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, 400), "white").save(path, format="PNG")


def same_as_check(root: Path, *options: str, force: bool = False) -> tuple[int, list[str]]:
    """Build (one process for the check, so every measurement is seen here), and compare its
    findings, their order and its exit status with `voces check`'s on the same input."""
    checked, said, _ = run_voces("check", root, *options)
    built, printed, _ = run_voces("build", root, "--jobs", "1", *options,
                                  *(["--force"] if force else []))
    findings = said.splitlines()[:-1]  # the check's summary line last
    lines = printed.splitlines()
    assert lines[:len(findings)] == findings
    rest = lines[len(findings):]
    assert len(rest) == 1, f"the build printed more than the check's findings: {rest}"
    assert (built != 0) == (checked != 0), (built, checked, printed)
    if checked:
        assert rest[0].endswith("; nothing was built")
    else:
        assert rest[0].startswith("built ")
    return built, findings


def test_an_edit_measures_only_the_modules_it_changes_and_reports_as_check(root, measured):
    assert same_as_check(root) == (0, [])
    assert sorted(measured) == ["mod-a", "mod-b"]  # nothing to reuse yet
    entries = json.loads((root / "output" / MANIFEST).read_text(encoding="utf-8"))["body"]
    assert len(entries["check"]["deck_fit"]) == 2 and len(entries["check"]["images"]) == 2

    measured.clear()
    edit(root / "scenarios/case-a.yaml", "One sentence.", "One sentence again.")
    assert same_as_check(root) == (0, [])
    assert measured == ["mod-a"]

    measured.clear()
    edit(root / "scenarios/case-a.yaml", "title: {en: Arrival,", f'title: {{en: "{LONG_STAGE}",')
    status, findings = same_as_check(root)
    assert status == 1 and measured == ["mod-a"]
    assert [f.split(": error: ")[0] for f in findings] == ["scenarios/case-a.yaml:12:17"]
    assert findings[0].endswith("[deck.title-fit]")

    measured.clear()  # the failed build wrote no manifest: the earlier one's findings hold
    edit(root / "modules/mod-b.yaml", "Module B", "Module C")
    status, again = same_as_check(root)
    assert (status, again) == (1, findings) and sorted(measured) == ["mod-a", "mod-b"]

    measured.clear()
    edit(root / "scenarios/case-a.yaml", f'title: {{en: "{LONG_STAGE}",', "title: {en: Arrival,")
    assert same_as_check(root) == (0, [])
    # mod-a is again as the last build that succeeded measured it; mod-b changed since
    assert measured == ["mod-b"]
    measured.clear()
    assert same_as_check(root, force=True) == (0, [])
    assert sorted(measured) == ["mod-a", "mod-b"], "--force reuses nothing"


def test_a_moved_finding_is_reported_at_its_new_line(root, measured):
    edit(root / "scenarios/case-a.yaml", "title: {en: Arrival,", f'title: {{en: "{LONG_STAGE}",')
    edit(root / "modules/mod-a.yaml", "case-a", "case-b")  # mod-a shows case-b, as mod-b
    picture(root / "images/room.png", 500)
    edit(root / "scenarios/case-b.yaml", "stages:\n", PICTURE + "stages:\n")
    status, first = same_as_check(root)
    assert status == 0 and [f.split(": warning: ")[0] for f in first] == [
        "scenarios/case-b.yaml:12:9"] and first[0].endswith("[image.small]")
    measured.clear()
    edit(root / "scenarios/case-b.yaml", "id: case-b\n", "id: case-b\n# a line above\n")
    status, moved = same_as_check(root)
    assert status == 0 and [f.split(": warning: ")[0] for f in moved] == [
        "scenarios/case-b.yaml:13:9"]
    assert sorted(measured) == ["mod-a", "mod-b"]


def test_pictures_warnings_strict_and_a_changed_picture(root, measured):
    picture(root / "images/room.png", 500)
    edit(root / "scenarios/case-b.yaml", "stages:\n", PICTURE + "stages:\n")
    status, findings = same_as_check(root)
    assert status == 0 and len(findings) == 1 and findings[0].endswith("[image.small]")
    measured.clear()
    edit(root / "scenarios/case-a.yaml", "One sentence.", "One sentence again.")
    assert same_as_check(root) == (0, findings), "the reused warning is still reported"
    assert measured == ["mod-a"]
    assert same_as_check(root, "--strict") == (1, findings)
    picture(root / "images/room.png", 900)  # the same name and YAML; other bytes
    assert same_as_check(root) == (0, [])
    (root / "images/room.png").unlink()
    status, missing = same_as_check(root)
    assert status == 1 and missing[0].endswith("[image.missing]")


def test_a_theme_font_added_measures_every_module_again(root, measured):
    theme = root / "brand"
    theme.mkdir()
    default = Path(deck_fit.__file__).parents[1] / "themes" / "default"
    shutil.copy(default / "deck.pptx", theme / "deck.pptx")
    edit(root / "curriculum.yaml", "languages:", "theme: brand\nlanguages:")
    assert same_as_check(root) == (0, [])
    measured.clear()
    assert same_as_check(root) == (0, [])
    assert measured == []
    (theme / "fonts").mkdir()
    shutil.copy(next((default / "fonts").glob("*.ttf")), theme / "fonts" / "Extra.ttf")
    assert same_as_check(root) == (0, [])
    assert sorted(measured) == ["mod-a", "mod-b"]


def _manifest(root: Path) -> dict:
    data: dict = json.loads((root / "output" / MANIFEST).read_text(encoding="utf-8"))
    return data


def _write(root: Path, data: dict) -> None:
    (root / "output" / MANIFEST).write_text(json.dumps(data), encoding="utf-8")


def _digest(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
                          ).hexdigest()


@pytest.mark.parametrize("how", ["by hand", "another builder"])
def test_a_manifest_not_as_this_builder_wrote_it_means_a_whole_check(root, measured, how):
    picture(root / "images/room.png", 500)
    edit(root / "scenarios/case-b.yaml", "stages:\n", PICTURE + "stages:\n")
    status, findings = same_as_check(root)
    assert status == 0 and len(findings) == 1
    data = _manifest(root)
    for family in data["body"]["check"].values():  # every reusable finding gone
        for key in family:
            family[key] = []
    if how == "another builder":
        data["body"]["builder"] = "0" * 64
        data["digest"] = _digest(data["body"])
    _write(root, data)
    measured.clear()
    edit(root / "scenarios/case-a.yaml", "One sentence.", "One sentence again.")
    assert same_as_check(root) == (0, findings)
    assert sorted(measured) == ["mod-a", "mod-b"]


def test_input_that_does_not_load_reports_as_check(root):
    assert same_as_check(root) == (0, [])
    edit(root / "scenarios/case-a.yaml", "duration: 30", "duration: [30")
    status, findings = same_as_check(root)
    assert status == 1 and findings and all("case-a.yaml" in f for f in findings[:1])
    edit(root / "scenarios/case-a.yaml", "duration: [30", "duration: 30")
    assert same_as_check(root) == (0, [])
