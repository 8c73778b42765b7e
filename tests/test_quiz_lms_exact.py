"""Every GIFT and Moodle XML file read as Moodle's importers read it (gift-pegjs; libxml2 with
Moodle's whitespace-dropping character-data handler, `lms_readings`), for the example, every
fixture that builds, and a curriculum whose every text starts with GIFT syntax (`%30%`, `[html]`):
every text, answer, credit and feedback comes back exactly, in both languages, as plain text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from lms_readings import (
    LEADING,
    assert_read_exactly,
    credit_problems,
    gift_reading,
    leading_syntax_curriculum,
    moodle_reading,
    moodle_xml_tree,
    xml_mix_curriculum,
)
from lxml import etree
from quiz_helpers import build_quiz, load

from builder.curriculum import Curriculum

# Fixtures that stop at `voces check` on purpose, so they have no quiz files to read.
FAILING_ON_PURPOSE = {"integrity-corpus", "integrity-violations", "restricted-corpus"}


@pytest.fixture(scope="module")
def leading(tmp_path_factory: pytest.TempPathFactory) -> tuple[Curriculum, Path]:
    root = leading_syntax_curriculum(tmp_path_factory.mktemp("leading") / "leading")
    return load(root), build_quiz(root, root / "output")


def quiz_files(curriculum: Curriculum, out: Path, suffix: str):
    """(module id, lang, path) of every GIFT or Moodle XML file of a build."""
    for lang in curriculum.languages:
        for module in curriculum.modules:
            yield module.id, lang, out / lang / module.id / f"{module.id}-quiz-{lang}.{suffix}"


# --- the readings themselves ------------------------------------------------------------------


def test_the_moodle_reading_drops_whitespace_between_references_as_moodle_does(tmp_path):
    """The emulation can fail a file: spaces between escaped characters are lost, as in Moodle,
    while the same text as CDATA comes back whole."""
    escaped, cdata = tmp_path / "escaped.xml", tmp_path / "cdata.xml"
    escaped.write_text("<quiz><text>ages 12 &amp; &lt; 15 &gt; ñ</text></quiz>", "utf-8")
    cdata.write_text("<quiz><text><![CDATA[ages 12 & < 15 > ñ]]></text></quiz>", "utf-8")
    assert moodle_xml_tree(escaped).findtext("text") == "ages 12 &< 15 >ñ"
    assert moodle_xml_tree(cdata).findtext("text") == "ages 12 & < 15 > ñ"


def test_the_leading_syntax_curriculum_starts_every_kind_of_text_with_each_prefix(leading):
    curriculum, _ = leading
    questions = {q.id: q for s in curriculum.scenarios for q in s.questions}
    for name, prefix in LEADING.items():
        for base in ("sp-single", "sp-multiple", "sp-true-false", "sp-matching"):
            question = questions[f"{base}-{name}"]
            texts = [question.stem, question.feedback, question.feedback_true,
                     question.feedback_false]
            texts += [t for o in question.options or [] for t in (o.text, o.feedback)]
            texts += [t for p in question.pairs or [] for t in (p.left, p.right)]
            for lang in curriculum.languages:
                assert all(curriculum.text(t, lang).startswith(prefix) for t in texts if t)


# --- GIFT -------------------------------------------------------------------------------------


@pytest.mark.office
def test_gift_reads_every_leading_percent_and_format_marker_as_text(leading, gift_parser):
    curriculum, out = leading
    for module_id, lang, path in quiz_files(curriculum, out, "gift.txt"):
        assert_read_exactly(curriculum, module_id, lang, gift_reading(gift_parser.parse(path)),
                            "plain")


@pytest.mark.office
def test_without_its_plain_markers_the_same_gift_would_be_misread(leading, gift_parser,
                                                                  tmp_path):
    """What the markers prevent: a wrong option read as a weight earns credit, a marker of
    the text's own becomes its format."""
    curriculum, out = leading
    _, lang, path = next(quiz_files(curriculum, out, "gift.txt"))
    unmarked = re.sub(r"([=~#]|%-?[0-9.]+%)\[plain\]", r"\1", path.read_text("utf-8"))
    blocks = unmarked.split("\n\n")
    # gift-pegjs refuses a weight that is no number at all; leave those questions out.
    kept = [b for b in blocks if "%of all%" not in b]
    (tmp_path / "unmarked.gift").write_text("\n\n".join(kept), encoding="utf-8")
    read = gift_reading(gift_parser.parse(tmp_path / "unmarked.gift"))
    assert "sp-single-pct-30 option 2: 30%" in credit_problems(curriculum, "mod-a", read)
    assert read["sp-multiple-html"].formats == {"plain", "html"}
    assert read["sp-matching-markdown"].pairs[0][0].startswith("*never* Left one")


def test_gift_marks_every_formatted_text_plain_and_leaves_matching_answers_unmarked(leading):
    curriculum, out = leading
    _, _, path = next(quiz_files(curriculum, out, "gift.txt"))
    gift = path.read_text("utf-8")
    assert "\t~[plain]%30% Option wrong one \\: " in gift
    assert "#[plain]%30% Feedback wrong one \\: " in gift
    assert "\t~%50%[plain]%-50% Choice right one \\: " in gift
    assert "\t=[plain][html] <i>never</i> Left one \\: " in gift
    assert " -> [html] <i>never</i> Right one \\: " in gift
    assert "\tFALSE#[plain][markdown] *never* Said true \\: " in gift
    assert "\t####[plain][moodle] General single \\: " in gift


# --- the example and every fixture, both readings ---------------------------------------------


def curricula_that_build() -> list[Path]:
    fixtures = sorted(p for p in FIXTURES.iterdir() if (p / "curriculum.yaml").is_file())
    assert FAILING_ON_PURPOSE <= {p.name for p in fixtures}
    return [REPO, *(p for p in fixtures if p.name not in FAILING_ON_PURPOSE)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """Each curriculum's quiz files, built once for the tests below."""
    cache: dict[Path, tuple[Curriculum, Path]] = {}

    def build(root: Path) -> tuple[Curriculum, Path]:
        if root not in cache:
            cache[root] = load(root), build_quiz(root, tmp_path_factory.mktemp(root.name))
        return cache[root]

    return build


@pytest.mark.office
@pytest.mark.parametrize("root", curricula_that_build(), ids=lambda p: p.name)
def test_every_gift_file_is_read_exactly(root, built, gift_parser):
    curriculum, out = built(root)
    files = list(quiz_files(curriculum, out, "gift.txt"))
    assert len(files) == len(curriculum.languages) * len(curriculum.modules) > 0
    for module_id, lang, path in files:
        assert_read_exactly(curriculum, module_id, lang, gift_reading(gift_parser.parse(path)),
                            "plain")


@pytest.mark.parametrize("root", curricula_that_build(), ids=lambda p: p.name)
def test_every_moodle_xml_file_is_read_exactly(root, built):
    curriculum, out = built(root)
    files = list(quiz_files(curriculum, out, "moodle.xml"))
    assert len(files) == len(curriculum.languages) * len(curriculum.modules) > 0
    for module_id, lang, path in files:
        assert_read_exactly(curriculum, module_id, lang, moodle_reading(path), "plain_text")


# --- Moodle XML: escaped characters and spaces ------------------------------------------------


@pytest.fixture(scope="module")
def xml_mix(tmp_path_factory: pytest.TempPathFactory) -> tuple[Curriculum, Path]:
    root = xml_mix_curriculum(tmp_path_factory.mktemp("mix") / "mix")
    return load(root), build_quiz(root, root / "output")


def test_moodle_xml_reads_every_mix_of_escaped_characters_and_spaces_exactly(xml_mix):
    curriculum, out = xml_mix
    for module_id, lang, path in quiz_files(curriculum, out, "moodle.xml"):
        assert_read_exactly(curriculum, module_id, lang, moodle_reading(path), "plain_text")


def test_moodle_xml_reads_leading_gift_syntax_exactly(leading):
    curriculum, out = leading
    for module_id, lang, path in quiz_files(curriculum, out, "moodle.xml"):
        assert_read_exactly(curriculum, module_id, lang, moodle_reading(path), "plain_text")


@pytest.mark.office
def test_gift_reads_every_mix_of_xml_characters_and_spaces(xml_mix, gift_parser):
    """gift-pegjs turns every run of whitespace in a plain text into one space (its
    removeNewLinesDuplicateSpaces); Moodle's qformat_gift only trims, so the runs are compared
    as single spaces here, and everything else exactly."""
    curriculum, out = xml_mix

    def runs_as_one_space(text: str) -> str:
        return re.sub(r"\s\s+", " ", text.replace("\n", "\0")).replace("\0", "\n")

    for module_id, lang, path in quiz_files(curriculum, out, "gift.txt"):
        assert_read_exactly(curriculum, module_id, lang, gift_reading(gift_parser.parse(path)),
                            "plain", runs_as_one_space)


def test_the_same_texts_written_with_references_would_lose_their_spaces(xml_mix, tmp_path):
    """What CDATA prevents: lxml's own escaping, read as Moodle reads it."""
    curriculum, out = xml_mix
    _, lang, path = next(quiz_files(curriculum, out, "moodle.xml"))
    escaped = tmp_path / "escaped.xml"
    escaped.write_bytes(etree.tostring(etree.parse(str(path)), xml_declaration=True,
                                       encoding="UTF-8"))
    assert b"CDATA" not in escaped.read_bytes()
    stem = moodle_reading(escaped)["sp-single"].stem
    assert stem.startswith("ages 12 &< 15 Stem single : # { } ~ = <>& ")


def test_moodle_xml_writes_cdata_only_where_a_text_holds_an_escaped_character(xml_mix,
                                                                             built):
    """Unwrapped, each CDATA section is what lxml writes without CDATA, and the rest of the file
    is byte for byte what lxml writes; no reference is left outside CDATA, and a `]]>` splits
    its CDATA section, as Moodle's exporter splits it."""
    cdata = re.compile(rb"<!\[CDATA\[(.*?)\]\]>", re.S)

    def escaped(section: re.Match[bytes]) -> bytes:
        return section[1].replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")

    for curriculum, out in (xml_mix, built(REPO)):
        for _, _, path in quiz_files(curriculum, out, "moodle.xml"):
            written = path.read_bytes()
            plain = etree.tostring(etree.parse(str(path)), xml_declaration=True,
                                   encoding="UTF-8") + b"\n"
            assert cdata.sub(escaped, written) == plain
            assert not re.search(rb"&(amp|lt|gt|#[0-9]+);", cdata.sub(b"", written))
            for text in re.findall(rb"<text>((?:<!\[CDATA\[.*?\]\]>)+)</text>", written, re.S):
                assert re.search(rb"[&<>]", b"".join(cdata.findall(text)))
    _, _, path = next(quiz_files(*xml_mix, "moodle.xml"))
    assert b"<![CDATA[1 ]]]]><![CDATA[> 2 & 3 " in path.read_bytes()
