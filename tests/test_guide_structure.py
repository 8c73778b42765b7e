"""The guide, handout and notice as docx: structure read from the XML, no leaks, theme fallback."""

from __future__ import annotations

import shutil
import typing
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES
from guide_helpers import NS, W, all_text, build_documents, docx_part, example_root, headings, load
from pydantic import BaseModel

from builder.formats.guide_reference import field_label
from builder.locales import Words
from builder.model import Scenario, Text, iter_texts
from builder.model_values import unwrap_annotation

RESTRICTED = FIXTURES / "guide-restricted"


@pytest.fixture(scope="module")
def restricted_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("guide-restricted") / "output"
    build_documents(RESTRICTED, out)
    return out


def documents(out: Path) -> list[Path]:
    return sorted(out.glob("*/*/*-guide-*.docx")) + sorted(out.glob("*/*/*-handout-*.docx")) + \
        sorted(out.glob("*/*/*-notice-*.docx"))


def test_every_module_and_language_has_three_documents(restricted_build: Path) -> None:
    names = sorted(path.relative_to(restricted_build).as_posix()
                   for path in documents(restricted_build))
    assert names == [
        "en/mod-a/mod-a-guide-en.docx", "en/mod-a/mod-a-handout-en.docx",
        "en/mod-a/mod-a-notice-en.docx", "es/mod-a/mod-a-guide-es.docx",
        "es/mod-a/mod-a-handout-es.docx", "es/mod-a/mod-a-notice-es.docx",
    ]


def test_headings_start_at_one_and_never_skip_a_level(restricted_build: Path) -> None:
    for path in documents(restricted_build):
        levels = [level for level, _ in headings(path)]
        assert levels and levels[0] == 1, path.name
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{path.name}: level {after} after {before}"


def test_every_table_has_a_repeating_header_row_and_first_row_look(restricted_build: Path) -> None:
    counted = 0
    for path in documents(restricted_build):
        body = docx_part(path, "word/document.xml")
        for table in body.iter(f"{{{W}}}tbl"):
            counted += 1
            first_row = table.find("w:tr", NS)
            assert first_row.find("w:trPr/w:tblHeader", NS) is not None, path.name
            look = table.find("w:tblPr/w:tblLook", NS)
            assert look.get(f"{{{W}}}firstRow") == "1", path.name
    assert counted >= 12  # agenda, objectives, key, traceability, support, terminology, ...


def test_title_language_paper_header_and_page_numbers_are_set(restricted_build: Path) -> None:
    for path in documents(restricted_build):
        lang = path.stem.rsplit("-", 1)[1]
        tag = {"en": "en-GB", "es": "es-PE"}[lang]
        document = docx.Document(str(path))
        assert document.core_properties.title.startswith({"en": "Module A", "es": "Módulo A"}[lang])
        assert document.core_properties.language == tag
        assert document.core_properties.author == "Test organisation"
        styles = docx_part(path, "word/styles.xml")
        default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
        assert default.get(f"{{{W}}}val") == tag
        section = document.sections[-1]
        assert (section.page_width, section.page_height) == (7772400, 10058400)  # letter
        assert {"en": "Module A", "es": "Módulo A"}[lang] in section.header.paragraphs[0].text
        assert " PAGE " in _footer_instructions(path)


def _footer_instructions(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(name).decode("utf-8") for name in archive.namelist()
            if name.startswith("word/footer"))


def test_guide_sections_follow_the_manuals_order(restricted_build: Path) -> None:
    top = [text for level, text in headings(restricted_build / "en/mod-a/mod-a-guide-en.docx")
           if level == 1]
    assert top == [
        "About this module", "Learning objectives",
        "Audience, prerequisites, group size and duration", "Materials and room",
        "Preparation checklist", "Ground rules", "Agenda", "Session plans",
        "Trauma-informed facilitation", "Answer key", "Traceability", "Evaluation and follow-up",
        "Statutory terms", "Sources",
    ]


def test_guide_lists_its_contents_visibly(restricted_build: Path) -> None:
    guide = restricted_build / "es/mod-a/mod-a-guide-es.docx"
    lines = all_text(guide).split("\n")
    start = lines.index("Contenido") + 1
    top = [text for level, text in headings(guide) if level == 1]
    assert lines[start:start + len(top)] == top
    assert top[:3] == [
        "Sobre este módulo", "Objetivos de aprendizaje",
        "Público, requisitos previos, tamaño del grupo y duración"]


def test_guide_attributes_quotes_and_marks_restricted_ones(restricted_build: Path) -> None:
    text = all_text(restricted_build / "en/mod-a/mod-a-guide-en.docx")
    assert "“The waiting room was next to the cells, so she saw the man again.”" in text
    assert (
        "— FW-PE-2, frontline worker. Facilitator interviews (2022). The code FW-PE-2 was "
        "assigned by the editors; the source gives none. FOR FACILITATORS ONLY: restricted "
        "source; do not show or hand out.") in text
    spanish = all_text(restricted_build / "es/mod-a/mod-a-guide-es.docx")
    assert "“Deberían asignar una psicóloga, una mujer para hablar con una mujer.”" in spanish
    assert "Traducción al español de Test team." in spanish


def test_guide_answer_key_and_traceability(restricted_build: Path) -> None:
    text = all_text(restricted_build / "en/mod-a/mod-a-guide-en.docx")
    assert "Form: Pre-test" in text and "Form: Post-test" in text
    assert "Rationale: Rationale marker foxtrot about choice." in text
    assert "B. False — False-feedback marker hotel on single interview." in text
    assert "a-1: Explain why the choice of professional matters.\nThe examination\n" \
        "VoS-PE-06 (qa-1), FW-PE-2 (qr-1)\na-q1, a-q2" in text  # the speakers, as the deck


def facilitator_only_texts(root: Path) -> dict[str, str]:
    """Every feedback, rationale, note, listen-for point and restricted quote of the model,
    in every language, with where it comes from."""
    curriculum = load(root)
    found: dict[str, str] = {}
    facilitator_fields = {"feedback", "feedback_true", "feedback_false", "notes", "listen_for"}
    for scenario in curriculum.scenarios:
        for path, text in iter_texts(scenario):
            if facilitator_fields & {part for part in path if isinstance(part, str)}:
                for value in text.values():
                    found[value.strip()] = f"{scenario.id}: {path}"
    for source, quote in curriculum.quotes():
        if source.access == "restricted":
            found[quote.text] = f"restricted quote {quote.id}"
            for translation in quote.translations.values():
                found[translation.text] = f"restricted quote {quote.id} translation"
    return found


# Texts this short ("Yes.", "No.") occur in ordinary prose; longer ones are the model's own.
SHORTEST_DISTINCTIVE = 12


def assert_no_leaks(out: Path, root: Path) -> int:
    secrets = {text: where for text, where in facilitator_only_texts(root).items()
               if len(text) >= SHORTEST_DISTINCTIVE}
    assert secrets
    participant_files = sorted(out.glob("*/*/*-handout-*.docx")) + \
        sorted(out.glob("*/*/*-notice-*.docx"))
    assert participant_files
    for path in participant_files:
        text = " ".join(all_text(path).split())
        for secret, where in secrets.items():
            assert " ".join(secret.split()) not in text, f"{path.name} holds {where}"
    return len(secrets)


def test_handout_and_notice_hold_nothing_for_facilitators_only(restricted_build: Path) -> None:
    checked = assert_no_leaks(restricted_build, RESTRICTED)
    assert checked == 20  # per language 5 feedbacks, 2 rationales, 1 note, 1 listen-for; 2 quotes
    handout = all_text(restricted_build / "en/mod-a/mod-a-handout-en.docx")
    assert "“They should assign a psychologist, a woman to speak to a woman.”" in handout


@pytest.mark.slow
def test_example_handouts_and_notices_hold_nothing_for_facilitators_only(
    tmp_path: Path,
) -> None:
    root = example_root()
    out = tmp_path / "output"
    build_documents(root, out, kinds=["handout", "notice"])
    assert assert_no_leaks(out, root) > 0


def test_notice_says_content_note_opt_out_and_practical_details(restricted_build: Path) -> None:
    text = all_text(restricted_build / "en/mod-a/mod-a-notice-en.docx")
    for expected in (
        "References to sexual abuse and a forensic examination.",
        "You may opt out of an activity, or step out of the room at any time, without giving a "
        "reason; nobody will ask you why.",
        "Línea 100\n100\nFree helpline",
        "Starts at: 09:00", "Duration: 75 minutes", "Group size: 12-20",
        "The session uses: projector, flip chart",
    ):
        assert expected in text


@pytest.mark.slow
def test_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_documents(FIXTURES / "minimal", tmp_path / "one")
    build_documents(FIXTURES / "minimal", tmp_path / "two")
    names = sorted(str(p) for p in first.files)
    assert len(names) == 6
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_user_theme_missing_a_style_falls_back_with_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "curriculum"
    shutil.copytree(FIXTURES / "minimal", root)
    (root / "brand").mkdir()
    theme = docx.Document(str(Path(docx.__file__).parent / "templates" / "default.docx"))
    for style in list(theme.styles):
        if style.name in ("Heading 3", "Writing Line"):
            style.element.getparent().remove(style.element)
    theme.save(str(root / "brand" / "guide.docx"))
    with (root / "curriculum.yaml").open("a", encoding="utf-8") as settings:
        settings.write("theme: brand\n")
    staged = build_documents(root, tmp_path / "output")
    messages = sorted({str(finding) for finding in staged.warnings})
    assert (
        "curriculum.yaml:10:8: warning: the theme's guide.docx has no style 'Heading 3'; "
        "Module A — facilitator guide uses a copy of Voces's default style [build.theme-style]"
    ) in messages
    assert (
        "curriculum.yaml:10:8: warning: the theme's guide.docx has no style 'Writing Line'; "
        "Module A — participant handout uses a copy of Voces's default style [build.theme-style]"
    ) in messages
    guide = tmp_path / "output/en/mod-a/mod-a-guide-en.docx"
    assert (3, "Steps") in headings(guide)


def table_rows(path: Path) -> list[list[str]]:
    document = docx.Document(str(path))
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_guide_lists_each_legal_term_with_where_it_is_used(restricted_build: Path) -> None:
    spanish = table_rows(restricted_build / "es/mod-a/mod-a-guide-es.docx")
    row = next(r for r in spanish if r[0] == "pornografía infantil")
    assert row[1] == (
        "El examen (case-a)\n"
        "Situación: “La fiscalía investiga un delito de pornografía infantil, como lo nombra "
        "el Código Penal.”")
    english = table_rows(restricted_build / "en/mod-a/mod-a-guide-en.docx")
    row = next(r for r in english if r[0] == "pornografía infantil")
    assert row[1] == ("The examination (case-a)\nAllowed in this case as the statute names it; "
                      "not used in this language.")


def scenario_text_fields(model: type[BaseModel] = Scenario, names: tuple[str, ...] = ()
                         ) -> list[str]:
    """Every text field a scenario can hold, as `stages.prompt`, read from the model itself."""
    found = []
    for name, field in model.model_fields.items():
        annotation = unwrap_annotation(field.annotation)
        if typing.get_origin(annotation) is list:
            annotation = unwrap_annotation(typing.get_args(annotation)[0])
        if annotation is Text:
            found.append(".".join((*names, field.alias or name)))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found += scenario_text_fields(annotation, (*names, field.alias or name))
    return found


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_guide_words_every_text_field_of_a_case_for_a_reader(lang: str) -> None:
    fields = scenario_text_fields()
    assert "stages.prompt" in fields and "questions.options.feedback" in fields
    words = Words(lang)
    for name in fields:
        path: list[str | int] = []
        for part in name.split("."):
            path += [part, 1] if part in ("stages", "questions", "options", "pairs",
                                          "discussion", "listen_for", "key_messages",
                                          "objectives") else [part]
        label = field_label(words, (*path, lang))
        assert "." not in label and "[" not in label and "{" not in label, (name, label)
    assert field_label(Words("en"), ("stages", 1, "prompt", "en")) == "Stage 2, prompt"
    assert field_label(Words("es"), ("questions", 0, "options", 2, "text", "es")) == (
        "Pregunta del cuestionario 1, opción 3")
    assert field_label(Words("en"), ("unknown", 0, "field", "en")) == "unknown[0].field.en"


def test_handout_terminology_table_comes_from_the_term_list(restricted_build: Path) -> None:
    from builder.terminology import preferred_terms

    rows = table_rows(restricted_build / "es/mod-a/mod-a-handout-es.docx")
    for term in preferred_terms("es"):
        assert [", ".join(term.avoid), term.prefer, term.reason] in rows


def test_the_content_note_script_reads_each_warning_as_a_sentence(tmp_path: Path) -> None:
    """m3 has two cases: the script reads on into the first warning ("includes references
    to…") and starts the second with its capital, never ". references to"."""
    build_documents(example_root(), tmp_path / "out", kinds=["guide"])
    for lang, opening, second in (("en", "this session includes references to", ". References"),
                                  ("es", "esta sesión incluye referencias", ". Referencias")):
        text = all_text(next((tmp_path / "out" / lang).glob(
            "m3-*/m3-*-guide-*.docx")))
        script = next(line for line in text.splitlines() if opening in line)
        assert second in script
        assert not any(f". {w}" in script for w in ("references", "referencias")), script


def test_a_case_says_who_it_is_written_for_in_the_guides_language(tmp_path: Path) -> None:
    """The professions as words of the guide's language, never the YAML's ids."""
    build_documents(example_root(), tmp_path / "out", kinds=["guide"])
    expected = {"en": "Written for: police investigators, prosecutors, CEM staff",
                "es": "Escrito para: policías investigadores, fiscales, personal del CEM"}
    for lang, line in expected.items():
        texts = [all_text(path) for path in sorted((tmp_path / "out" / lang).glob("*/*-guide-*"))]
        assert any(line in text for text in texts), lang
        labels = [row for text in texts for row in text.splitlines()
                  if row.startswith(line.split(":")[0] + ":")]
        assert len(labels) >= 7, labels  # one per case of the example
        for ids in ("cem-staff", "social-worker", "forensic-examiner", "court-staff"):
            assert not any(ids in row for row in labels), (ids, labels)
        if lang == "es":
            assert not any("prosecutor" in row or "lawyer" in row for row in labels), labels
