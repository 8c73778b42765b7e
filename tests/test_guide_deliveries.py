"""The guide prints the module's deliveries in its language (date, times, venue, organiser,
facilitators); editing a delivery rebuilds that guide and only it; without deliveries the guide is
what it was before deliveries existed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import edit
from docx import Document
from test_build_incremental import changed, stamps

from builder.cli import main

GUIDE_ES = "es/mod-a/mod-a-guide-es.docx"
GUIDE_EN = "en/mod-a/mod-a-guide-en.docx"


@pytest.fixture
def root(make_curriculum) -> Path:
    return make_curriculum("results")


def paragraphs(path: Path) -> list[str]:
    return [paragraph.text for paragraph in Document(str(path)).paragraphs]


def section(path: Path, heading: str) -> list[str]:
    """The paragraphs from `heading` up to the next heading of level 1."""
    document = Document(str(path))
    found: list[str] = []
    for paragraph in document.paragraphs:
        if found and paragraph.style.name == "Heading 1":
            break
        if found or (paragraph.text == heading and paragraph.style.name == "Heading 1"):
            found.append(paragraph.text)
    return found


def test_the_guide_lists_its_deliveries_with_the_facilitators(root):
    assert main(["build", str(root), "--only", "guide"]) == 0
    assert section(root / "output" / GUIDE_ES, "Ediciones") == [
        "Ediciones",
        "Este módulo se imparte en estas fechas. La agenda anterior empieza a la hora de inicio "
        "del currículo; cada día se desarrolla en el horario indicado abajo. El aviso, la agenda "
        "con fecha, la hoja de asistencia, el certificado y las hojas de ingreso de resultados "
        "de cada edición están en su propia carpeta.",
        "lunes 15 de marzo de 2027: lima-1",
        "Horario: 10:00–10:55",  # the delivery's 10:00, then 15 + 30 + 10 minutes of agenda
        "Lugar: Sala de capacitación 2, Lima",
        "Organización: Training office (capacitacion@example.org)",
        "Facilitación: Facilitator One, Facilitator Two",
        "Participantes previstos: 14",
        "Archivos: es/mod-a/deliveries/lima-1/",
    ]
    english = paragraphs(root / "output" / GUIDE_EN)
    assert "Deliveries" not in english, "the delivery is in Spanish: the English guide has none"
    assert not any("Facilitator One" in text for text in english)


def test_deliveries_are_listed_by_date_and_a_missing_facilitator_is_said(root):
    later = (root / "deliveries/lima-1.yaml").read_text(encoding="utf-8")
    later = later.replace("id: lima-1", "id: cusco-1").replace("2027-03-15", "2027-02-01")
    later = later.replace("facilitators: [Facilitator One, Facilitator Two]\n", "")
    (root / "deliveries/cusco-1.yaml").write_text(later, encoding="utf-8")
    assert main(["build", str(root), "--only", "guide"]) == 0
    listed = section(root / "output" / GUIDE_ES, "Ediciones")
    headings = [text for text in listed if text.endswith(("cusco-1", "lima-1"))]
    assert headings == ["lunes 1 de febrero de 2027: cusco-1", "lunes 15 de marzo de 2027: lima-1"]
    assert "Facilitación: aún sin nombrar" in listed


def test_editing_a_delivery_rebuilds_its_guide_and_only_it(root):
    kinds = ["--only", "guide,handout,notice"]
    assert main(["build", str(root), *kinds]) == 0
    first = stamps(root / "output")
    edit(root / "deliveries/lima-1.yaml", "Facilitator Two", "Facilitator Three")
    assert main(["build", str(root), *kinds]) == 0
    after = stamps(root / "output")
    assert changed(first, after) == {GUIDE_ES}
    assert "Facilitación: Facilitator One, Facilitator Three" in paragraphs(
        root / "output" / GUIDE_ES)

    edit(root / "deliveries/lima-1.yaml", "en: \"Training room 2, Lima\"",
         "en: \"Training room 4, Lima\"")
    assert main(["build", str(root), *kinds]) == 0
    assert changed(after, stamps(root / "output")) == set(), \
        "the English venue of a Spanish delivery is printed in no guide"


def test_without_deliveries_the_guide_is_as_before_deliveries(root, tmp_path):
    assert main(["build", str(root), "--only", "guide"]) == 0
    with_deliveries = (root / "output" / GUIDE_ES).read_bytes()
    shutil.rmtree(root / "deliveries")
    assert main(["build", str(root), "--only", "guide"]) == 0
    without = root / "output" / GUIDE_ES
    assert without.read_bytes() != with_deliveries
    assert "Ediciones" not in paragraphs(without)

    # The same curriculum with the section's writer taken out gives the same bytes: nothing of
    # the deliveries' section is left behind in a guide without deliveries.
    again = tmp_path / "again"
    shutil.copytree(root, again, ignore=shutil.ignore_patterns("output"))
    from builder.formats import guide_deliveries

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(guide_deliveries, "write_deliveries", lambda document: None)
        assert main(["build", str(again), "--only", "guide"]) == 0
    assert (again / "output" / GUIDE_ES).read_bytes() == without.read_bytes()
