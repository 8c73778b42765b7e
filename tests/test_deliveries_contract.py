"""deliveries/<id>.yaml: checked like the other kinds; without the folder nothing changes."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import run_voces

from builder.checks import check_curriculum

DELIVERY = """\
id: lima-1
module: mod-a
language: es
date: 2027-03-15
start_time: "10:00"
venue: {en: Training room 2, es: Sala de capacitación 2}
organiser: {name: Training office, contact: capacitacion@example.org}
facilitators: [Facilitator One]
participants: 12
"""


def write_delivery(root: Path, text: str = DELIVERY, name: str = "lima-1.yaml") -> None:
    (root / "deliveries").mkdir(exist_ok=True)
    (root / "deliveries" / name).write_text(text, encoding="utf-8")


def check_lines(root: Path) -> tuple[int, list[str]]:
    status, out, errors = run_voces("check", root)
    assert "Traceback" not in errors
    return status, out.rstrip("\n").split("\n")


def test_a_delivery_loads_with_its_fields(make_curriculum):
    root = make_curriculum()
    write_delivery(root)
    curriculum, findings = check_curriculum(root)
    assert findings == []
    assert curriculum is not None
    delivery = curriculum.delivery("lima-1")
    assert delivery is not None
    assert delivery.date == datetime.date(2027, 3, 15)
    assert (delivery.start_time, delivery.participants) == ("10:00", 12)
    assert delivery.organiser.contact == "capacitacion@example.org"
    assert delivery.venue["es"] == "Sala de capacitación 2"


def test_without_deliveries_folder_the_curriculum_has_none(make_curriculum):
    curriculum, findings = check_curriculum(make_curriculum())
    assert findings == [] and curriculum is not None and curriculum.deliveries == ()


def test_the_organisers_work_contact_is_not_a_privacy_finding(make_curriculum):
    root = make_curriculum()
    write_delivery(root, DELIVERY.replace("capacitacion@example.org",
                                          "\"capacitacion@example.org, +51 1 219 0000\""))
    assert check_lines(root) == (0, ["checked 5 files: no problems"])


BROKEN = {
    "missing venue and organiser": (
        DELIVERY.replace("venue: {en: Training room 2, es: Sala de capacitación 2}\n", "")
        .replace("organiser: {name: Training office, contact: capacitacion@example.org}\n", ""),
        ["deliveries/lima-1.yaml:1:1: error: missing required field 'organiser' "
         "[contract.required]",
         "deliveries/lima-1.yaml:1:1: error: missing required field 'venue' [contract.required]"]),
    "unknown module": (
        DELIVERY.replace("module: mod-a", "module: mod-b"),
        ["deliveries/lima-1.yaml:2:9: error: module: no module has id 'mod-b' (did you mean "
         "'mod-a'?); use the id of a file in modules/ [contract.reference]"]),
    "language not the curriculum's": (
        DELIVERY.replace("language: es", "language: qu"),
        ["deliveries/lima-1.yaml:3:11: error: language: 'qu' is not one of the curriculum's "
         "languages (en, es); deliver in one of them or add it to languages in curriculum.yaml "
         "[contract.value]"]),
    "impossible date": (
        DELIVERY.replace("2027-03-15", "2027-13-15"),
        ["deliveries/lima-1.yaml:4:7: error: date: expected a date like 2027-03-15 "
         "(year-month-day), got '2027-13-15' [contract.value]"]),
    "date in another order": (
        DELIVERY.replace("2027-03-15", "15/03/2027"),
        ["deliveries/lima-1.yaml:4:7: error: date: expected a date like 2027-03-15 "
         "(year-month-day), got '15/03/2027' [contract.value]"]),
    "start time without quotes": (
        DELIVERY.replace('"10:00"', "10:00"),
        ["deliveries/lima-1.yaml:5:13: error: start_time: expected a clock time in quotes like "
         "\"09:00\" (24-hour HH:MM), got the number 600 [contract.value]"]),
    "venue missing a language": (
        DELIVERY.replace("{en: Training room 2, es: Sala de capacitación 2}",
                         "{en: Training room 2}"),
        ["deliveries/lima-1.yaml:6:8: error: the 'es' venue is missing; write it as a map of "
         "every language, {en: Training room 2, es: ...}, or set fallback: true in "
         "curriculum.yaml [contract.language]"]),
    "no participants": (
        DELIVERY.replace("participants: 12", "participants: 0"),
        ["deliveries/lima-1.yaml:9:15: error: participants: 0 is impossible here; it must be "
         "greater than 0 [contract.value]"]),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_delivery_gets_one_clear_message(make_curriculum, name):
    root = make_curriculum()
    text, expected = BROKEN[name]
    write_delivery(root, text)
    status, lines = check_lines(root)
    assert status == 1
    assert lines[:-1] == expected


def test_file_named_after_its_id_and_ids_unique(make_curriculum):
    root = make_curriculum()
    write_delivery(root, DELIVERY.replace("id: lima-1", "id: mod-a"), name="lima-2.yaml")
    status, lines = check_lines(root)
    assert status == 1
    assert lines[:-1] == [
        "deliveries/lima-2.yaml:1:5: error: id 'mod-a' is already used by the module at "
        "modules/mod-a.yaml:1:5; ids must be unique across the whole curriculum "
        "[contract.duplicate-id]",
        "deliveries/lima-2.yaml:1:5: error: file lima-2.yaml holds id 'mod-a'; name the file "
        "mod-a.yaml or change the id [contract.file-name]",
    ]
