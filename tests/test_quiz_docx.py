"""Printable quizzes and answer keys: no key or feedback on a participant's form, everything a
facilitator needs on the key, special characters kept, the same bytes from the same seed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, libreoffice_to_pdf
from docx import Document
from quiz_helpers import build_quiz, docx_paragraphs, docx_text, load, module_questions, text_in

from builder.curriculum import Curriculum

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

KEY_WORDS = {"en": ["answer key", "(correct)", "(incorrect)", "Rationale", "Answer:"],
             "es": ["clave de respuestas", "(correcta)", "(incorrecta)", "Fundamentación",
                    "Respuesta:"]}


@pytest.fixture(scope="module")
def special(tmp_path_factory: pytest.TempPathFactory) -> tuple[Curriculum, Path]:
    root = tmp_path_factory.mktemp("special") / "quiz-special"
    shutil.copytree(FIXTURES / "quiz-special", root)
    return load(root), build_quiz(root, root / "output")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Curriculum, Path]:
    return load(REPO), build_quiz(REPO, tmp_path_factory.mktemp("example-out"))


def forms_of(curriculum: Curriculum, out: Path, kind: str):
    """(lang, module id, form, path) of every printable quiz (kind 'quiz') or key ('key')."""
    for lang in curriculum.languages:
        for module in curriculum.modules:
            for form in module.quiz.forms:
                yield lang, module.id, form, (
                    out / lang / module.id / f"{module.id}-{kind}-{form}-{lang}.docx")


def printed_lines(path: Path) -> list[str]:
    """Like docx_paragraphs, but a line break (w:br) also starts a new entry: a printable
    quiz writes a stem and its hint, and a question's options, as one unsplittable block."""
    document = Document(str(path))
    lines = []
    for paragraph in document.element.body.iter(f"{W}p"):
        lines += "".join(
            "\n" if node.tag == f"{W}br" else node.text or ""
            for node in paragraph.iter(f"{W}t", f"{W}br")
        ).split("\n")
    for section in document.sections:
        for part in (section.header, section.footer):
            lines += [p.text for p in part.paragraphs]
    return lines


def secrets(curriculum: Curriculum, module_id: str, lang: str) -> list[str]:
    """Every text that gives an answer away: feedback of every kind and the rationale."""
    found = []
    for _, question in module_questions(curriculum, module_id):
        texts = [question.feedback, question.feedback_true, question.feedback_false]
        texts += [option.feedback for option in question.options or []]
        found += [text_in(curriculum, text, lang) for text in texts if text is not None]
    return found


@pytest.mark.slow
def test_printable_quizzes_hold_no_key_and_no_feedback(example, special):
    for curriculum, out in (example, special):
        for lang, module_id, _form, path in forms_of(curriculum, out, "quiz"):
            printable = docx_text(path)
            key = docx_text(path.with_name(path.name.replace("-quiz-", "-key-")))
            for secret in [*secrets(curriculum, module_id, lang), *KEY_WORDS[lang]]:
                assert secret in key, f"the key should hold {secret!r}"
                assert secret not in printable, f"{path.name} gives away {secret!r}"


def test_a_printable_quiz_has_code_and_date_lines_numbered_items_and_lettered_options(special):
    """The participant's code, not a name: the results pair pre and post by it, and a name
    is dropped on reading (the sign-in sheet gives each participant a code)."""
    curriculum, out = special
    _, _, _, path = next(forms_of(curriculum, out, "quiz"))
    paragraphs = [p for p in printed_lines(path) if p]
    assert paragraphs[:5] == [
        "Module A", "Pre-test",
        "Participant code (from the sign-in sheet, not your name): ______________",
        "Date: ____________________",
        "Answer every question. There are 4 questions. Circle the letter of your answer, or "
        "write it on the line.",
    ]
    numbered = [p for p in paragraphs if re.match(r"\d+\. ", p)]
    assert [p.split(".")[0] for p in numbered] == ["1", "2", "3", "4"]
    true_false = paragraphs.index("True or false?")
    assert paragraphs[true_false + 1:true_false + 3] == ["A. True", "B. False"]
    assert "Write the letter of the matching entry on the right beside each number on the left." \
        in paragraphs
    assert paragraphs.count("Item") == 1 and paragraphs.count("Match") == 1


def test_matching_prints_as_two_columns_with_a_repeating_header(special):
    curriculum, out = special
    _, _, _, path = next(forms_of(curriculum, out, "quiz"))
    tables = Document(str(path)).tables
    assert len(tables) == 1
    rows = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert rows[0] == ["Item", "Match"]
    assert [row[0][:8] for row in rows[1:]] == ["____ 1. ", "____ 2. ", "____ 3. "]
    assert [row[1][:3] for row in rows[1:]] == ["A. ", "B. ", "C. "]
    assert tables[0].rows[0]._tr.trPr.xml.count("tblHeader") == 1


def test_a_question_keeps_its_stem_hint_and_options_on_one_page(special):
    """LibreOffice keeps only two neighbours together: the stem and hint are one block kept
    with the next, the options one block that never splits, matching rows never split."""
    curriculum, out = special
    _, _, _, path = next(forms_of(curriculum, out, "quiz"))
    body = Document(str(path)).element.body
    paragraphs = list(body.iterchildren(f"{W}p"))
    stems = [p for p in paragraphs if re.match(r"\d+\. ", "".join(p.itertext()))]
    assert len(stems) == 4
    for stem in stems:
        assert stem.find(f"{W}pPr/{W}keepNext") is not None
        assert stem.find(f"{W}pPr/{W}keepLines") is not None
        assert len(stem.findall(f".//{W}br")) == 1  # stem, then the hint
        following = stem.getnext()
        if following.tag == f"{W}tbl":
            rows = following.findall(f"{W}tr")
            assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        else:
            assert following.find(f"{W}pPr/{W}keepLines") is not None
            assert "".join(following.itertext()).startswith("A. ")


def test_special_characters_come_back_exactly_from_the_printable_quiz_and_the_key(special):
    curriculum, out = special
    for lang, _, _, path in forms_of(curriculum, out, "quiz"):
        printable = printed_lines(path)
        key = docx_text(path.with_name(path.name.replace("-quiz-", "-key-")))
        cells = "\n".join(printable)
        for _, question in module_questions(curriculum, "mod-a"):
            def text(value, lang=lang):
                return text_in(curriculum, value, lang)

            stem = text(question.stem)
            assert any(p.endswith(f". {stem}") and p[0].isdigit() for p in printable)
            assert stem in key and text(question.feedback) in key
            for option in question.options or []:
                assert any(p.endswith(f". {text(option.text)}") for p in printable)
                assert text(option.feedback) in key
            for pair in question.pairs or []:
                assert f". {text(pair.left)}" in cells and f". {text(pair.right)}" in cells
    assert "49" not in docx_text(path)


def test_the_key_gives_letters_scoring_objective_and_feedback(special):
    curriculum, out = special
    path = out / "en/mod-a/mod-a-key-post-en.docx"
    paragraphs = [p for p in docx_paragraphs(path) if p]
    assert paragraphs[:3] == [
        "Module A", "Post-test: answer key",
        "One point per question. Pass mark: 70% (3 of 4 questions).",
    ]
    summary = Document(str(path)).tables[0]
    rows = [[cell.text for cell in row.cells] for row in summary.rows]
    assert rows[0] == ["No.", "Answer", "Objective"]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4"]
    assert sorted(row[2] for row in rows[1:]) == ["a-1", "a-1", "a-2", "a-2"]
    assert "False" in [row[1] for row in rows[1:]]
    assert "Objective a-2: Identify who may be present at the examination." in paragraphs
    assert "Case scenario: The examination" in paragraphs
    assert any(p.startswith("A. True (incorrect): Said true : # {") for p in paragraphs)
    assert any(p.startswith("B. False (correct): Said false : # {") for p in paragraphs)


def test_key_rows_agree_with_the_printable_letters(special):
    curriculum, out = special
    for lang, _, form, path in forms_of(curriculum, out, "quiz"):
        printable = printed_lines(path)
        key = Document(str(path.with_name(path.name.replace("-quiz-", "-key-"))))
        answers = {row.cells[0].text: row.cells[1].text for row in key.tables[0].rows[1:]}
        module = curriculum.module("mod-a")
        for scenario, question in module_questions(curriculum, "mod-a"):
            if question.type != "single":
                continue
            stem = text_in(curriculum, question.stem, lang)
            number = next(p.split(".")[0] for p in printable if p.endswith(f". {stem}"))
            right = next(o for o in question.options if o.correct)
            right_text = text_in(curriculum, right.text, lang)
            line = next(p for p in printable if p.endswith(f". {right_text}"))
            assert answers[number] == line.split(".")[0], (lang, form, module.id, scenario.id)


def test_printable_forms_differ_in_order_but_hold_the_same_items(special):
    curriculum, out = special
    for lang in curriculum.languages:
        stems = {}
        for _, _, form, path in forms_of(curriculum, out, "quiz"):
            if f"-{lang}." in path.name:
                stems[form] = [p.split(". ", 1)[1] for p in printed_lines(path)
                               if p[:1].isdigit() and p[1:3] == ". "]
        assert sorted(stems["pre"]) == sorted(stems["post"]) and len(stems["pre"]) == 4
        assert stems["pre"] != stems["post"]


def test_same_seed_gives_same_bytes_for_every_docx(special, tmp_path):
    curriculum, out = special
    again = build_quiz(curriculum.root, tmp_path / "again")
    for kind in ("quiz", "key"):
        for _, _, _, path in forms_of(curriculum, out, kind):
            assert path.read_bytes() == (again / path.relative_to(out)).read_bytes()


def test_docx_files_carry_title_and_language(special):
    curriculum, out = special
    path = out / "es/mod-a/mod-a-quiz-pre-es.docx"
    properties = Document(str(path)).core_properties
    assert properties.title == "Módulo A: Prueba de entrada"
    assert properties.language == "es-PE"
    assert properties.author == "Test organisation"


@pytest.mark.office
def test_libreoffice_opens_the_printable_quiz(special, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    curriculum, out = special
    path = out / "en/mod-a/mod-a-quiz-pre-en.docx"
    pdf = libreoffice_to_pdf([path], tmp_path)[path]
    text = subprocess.run(["pdftotext", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Pre-test" in text and "{{ 7*7 }}" in text and "True" in text
