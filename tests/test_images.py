"""Pictures: `voces check` refuses a bad picture at its line, and the deck, the handout and the
guide show a good one with its alternative text in the file; nothing else copies it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from deck_helpers import copy_fixture
from guide_helpers import build_documents
from PIL import Image

from builder.checks import check_curriculum

ALT = {"en": "Diagram of the two rooms", "es": "Diagrama de las dos salas"}
CREDIT = "Diagram by the test editors"
IMAGE_BLOCK = (
    "image:\n  file: {file}\n  alt: {{en: {en}, es: {es}}}\n  credit: {credit}\n")
SCENARIO = Path("scenarios/case-a.yaml")


def picture(path: Path, width: int = 1200, height: int = 675, kind: str = "PNG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (width, height), "white")
    for x in range(0, width, 40):  # something to see, so the file is not trivially small
        image.putpixel((x, height // 2), (11, 79, 92))
    image.save(path, format=kind)
    return path


def with_image(tmp_path: Path, file: str = "images/rooms.png", en: str = ALT["en"],
               es: str = ALT["es"], credit: str = CREDIT, make: bool = True) -> Path:
    root = copy_fixture("minimal", tmp_path / "curriculum")
    if make:
        picture(root / "images" / "rooms.png")
    scenario = root / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    block = IMAGE_BLOCK.format(file=file, en=en, es=es, credit=credit)
    scenario.write_text(text.replace("stages:\n", block + "stages:\n", 1), encoding="utf-8")
    return root


def findings_of(root: Path) -> list[str]:
    _, findings = check_curriculum(root)
    return [str(f) for f in findings]


def test_a_good_picture_passes(tmp_path: Path) -> None:
    assert findings_of(with_image(tmp_path)) == []


@pytest.mark.parametrize(("file", "expected"), [
    ("images/none.png", "scenarios/case-a.yaml:12:9: error: image.file: no file "
     "'images/none.png'; add it to images/ or correct the name [image.missing]"),
    ("pictures/rooms.png", "scenarios/case-a.yaml:12:9: error: image.file: 'pictures/rooms.png' "
     "is outside the curriculum's images/ folder; put the picture in images/ and write "
     "images/<name> [image.outside]"),
    ("images/../curriculum.yaml", "scenarios/case-a.yaml:12:9: error: image.file: "
     "'images/../curriculum.yaml' is outside the curriculum's images/ folder; put the picture "
     "in images/ and write images/<name> [image.outside]"),
])
def test_a_missing_or_outside_file_is_an_error_at_its_line(
        tmp_path: Path, file: str, expected: str) -> None:
    assert findings_of(with_image(tmp_path, file=file)) == [expected]


def test_a_file_that_is_no_png_or_jpeg_is_an_error(tmp_path: Path) -> None:
    root = with_image(tmp_path)
    picture(root / "images" / "rooms.png", kind="GIF")
    assert findings_of(root) == [
        "scenarios/case-a.yaml:12:9: error: image.file: 'images/rooms.png' is not a PNG or JPEG "
        "picture; save it as PNG or JPEG [image.format]"]


def test_a_truncated_picture_is_an_error(tmp_path: Path) -> None:
    root = with_image(tmp_path)
    file = root / "images" / "rooms.png"
    file.write_bytes(file.read_bytes()[:200])
    assert findings_of(root) == [
        "scenarios/case-a.yaml:12:9: error: image.file: 'images/rooms.png' is a corrupt or "
        "truncated PNG; save it again [image.corrupt]"]


def test_a_picture_over_5_mb_is_an_error(tmp_path: Path) -> None:
    root = with_image(tmp_path)
    file = root / "images" / "rooms.png"
    file.write_bytes(file.read_bytes() + b"\0" * (5 * 1024 * 1024))
    assert findings_of(root) == [
        "scenarios/case-a.yaml:12:9: error: image.file: 'images/rooms.png' is 5.0 MB (at most "
        "5 MB); save it smaller [image.too-large]"]


def test_alt_text_missing_in_a_language_is_an_error(tmp_path: Path) -> None:
    root = with_image(tmp_path)
    scenario = root / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace(f", es: {ALT['es']}}}", "}"), encoding="utf-8")
    found = findings_of(root)
    assert len(found) == 1 and found[0].startswith("scenarios/case-a.yaml:13:") and (
        "the 'es' image.alt is missing" in found[0]), found
    assert found[0].endswith("[contract.language]")


def test_a_missing_or_empty_credit_is_an_error(tmp_path: Path) -> None:
    root = with_image(tmp_path / "missing")
    scenario = root / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace(f"  credit: {CREDIT}\n", ""), encoding="utf-8")
    assert findings_of(root) == [
        "scenarios/case-a.yaml:12:3: error: image: missing required field 'credit' "
        "[contract.required]"]
    assert findings_of(with_image(tmp_path / "empty", credit="' '")) == [
        "scenarios/case-a.yaml:14:11: error: image.credit: the credit is empty; say who made the "
        "picture (and its licence if not the editors') [image.credit]"]


def test_a_narrow_picture_and_a_long_alt_text_are_warnings(tmp_path: Path) -> None:
    root = with_image(tmp_path, en="x" * 251)
    picture(root / "images" / "rooms.png", width=640, height=360)
    assert findings_of(root) == [
        "scenarios/case-a.yaml:12:9: warning: image.file: 'images/rooms.png' is 640 px wide, too "
        "small to project (at least 800 px) [image.small]",
        "scenarios/case-a.yaml:13:13: warning: image.alt.en: 251 characters of alternative text "
        "(at most 250); say the rest in the text itself [image.alt-long]"]


def test_a_stages_picture_is_checked_at_its_own_line(tmp_path: Path) -> None:
    root = copy_fixture("minimal", tmp_path / "curriculum")
    scenario = root / SCENARIO
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace(
        "    notes: {en: Listen for choice., es: Escuchar la elección.}\n",
        "    notes: {en: Listen for choice., es: Escuchar la elección.}\n"
        "    image: {file: images/stage.png, alt: {en: A room, es: Una sala}, credit: Editors}\n"),
        encoding="utf-8")
    assert findings_of(root) == [
        "scenarios/case-a.yaml:16:19: error: stages[0].image.file: no file 'images/stage.png'; "
        "add it to images/ or correct the name [image.missing]"]


# --- the built files ---------------------------------------------------------------------

KINDS = ["deck", "guide", "handout", "notice", "quiz", "gift", "moodle", "qti", "agenda"]


def pictures_in(path: Path) -> list[tuple[str, str]]:
    """(alt text, media part) of every picture in a pptx or docx."""
    found = []
    with zipfile.ZipFile(path) as archive:
        media = sorted(n for n in archive.namelist() if "/media/" in n)
        for name in archive.namelist():
            if re.fullmatch(r"(ppt/slides/slide\d+|word/document)\.xml", name):
                xml = archive.read(name).decode()
                found += [(alt, name) for alt in
                          re.findall(r'<(?:p:cNvPr|wp:docPr)[^>]*descr="([^"]*)"', xml)]
    assert len(media) <= len(found) or not media, (path.name, media, found)
    return found


def test_the_picture_is_in_deck_handout_and_guide_with_alt_text_and_nowhere_else(
        tmp_path: Path) -> None:
    root = with_image(tmp_path)
    first = build_documents(root, tmp_path / "one", kinds=KINDS)
    second = build_documents(root, tmp_path / "two", kinds=KINDS)
    for lang in ("en", "es"):
        folder = tmp_path / "one" / lang / "mod-a"
        for kind in ("deck", "guide", "handout"):
            (built,) = folder.glob(f"mod-a-{kind}-{lang}.*x")
            assert [alt for alt, _ in pictures_in(built)] == [ALT[lang]], built.name
            with zipfile.ZipFile(built) as archive:
                text = " ".join(archive.read(n).decode() for n in archive.namelist()
                                if n.endswith(".xml"))
                assert CREDIT in text
        for other in folder.iterdir():  # the notice, quizzes and LMS packages: no picture
            if other.is_file() and zipfile.is_zipfile(other) and \
                    not re.search(r"-(deck|guide|handout)-", other.name):
                with zipfile.ZipFile(other) as archive:
                    assert not [n for n in archive.namelist() if "media/" in n], other.name
    assert sorted(first.files) == sorted(second.files)
    for relative in first.files:
        one, two = tmp_path / "one" / relative, tmp_path / "two" / relative
        assert one.read_bytes() == two.read_bytes(), relative


@pytest.mark.skipif(not (REPO / "images").is_dir(), reason="the example has no images/")
def test_the_examples_pictures_are_in_every_deck_handout_and_guide_that_has_their_case(
        tmp_path: Path) -> None:
    staged = build_documents(REPO, tmp_path / "out", kinds=["deck", "guide", "handout"])
    shown = 0
    curriculum = staged.curriculum
    for module in curriculum.modules:
        for lang in curriculum.languages:
            images = [s.image for s in curriculum.scenarios_of(module) if s.image is not None]
            folder = tmp_path / "out" / lang / module.id
            for kind in ("deck", "guide", "handout"):
                (built,) = folder.glob(f"*-{kind}-{lang}.*x")
                alts = [alt for alt, _ in pictures_in(built)]
                expected = [" ".join(curriculum.text(i.alt, lang).split()) for i in images]
                assert alts == expected, built.name
                shown += len(alts)
    assert shown >= 2 * 3 * 2  # two pictures, three files, two languages
