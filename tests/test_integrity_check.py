"""`voces check` end to end on a curriculum that breaks every integrity rule once, and on the
shipped example, which must pass every rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from builder.checks import check_curriculum
from builder.cli import main

RESTRICTED_ADVICE = ("a restricted quote reaches facilitators only through grounding, in the "
                     "guide: remove these words here, or keep ordinary wording by changing the "
                     "matched words [quote.restricted]")
CONTACT_ADVICE = ("remove it: contact details can identify a person (a support service's "
                  "contact belongs in curriculum.yaml support)")

EXPECTED = [
    "scenarios/case-b.yaml:14:54: error: the 'en' situation: quoted words not found in any source: "
    "“assign me a woman”; the nearest is quote 'qa-1', which has 'a' where you wrote 'me': copy "
    "its words exactly, or write a fictional case's dialogue in single quotes (‘…’) "
    "[quote.not-verbatim]",
    "scenarios/case-b.yaml:18:17: error: the 'es' situation: quotation mark \" is never closed; close "
    "the quotation, or write a fictional case's dialogue in single quotes (‘…’) "
    "[quote.unbalanced]",
    "scenarios/case-b.yaml:22:33: error: the 'en' text of the 1st stage ('At the counter'): words of restricted quote 'qb-1': "
    "“nobody at the station explained to me what would…” (matched: 'station', 'explained', "
    f"'happen'); {RESTRICTED_ADVICE}",
    "scenarios/case-b.yaml:23:40: error: the 'es' text of the 1st stage ('At the counter'): e-mail address "
    f"'ana.quispe@example.com'; {CONTACT_ADVICE} [privacy.email]",
    "scenarios/case-b.yaml:23:74: error: the 'es' text of the 1st stage ('At the counter'): phone number '987 654 321'; "
    f"{CONTACT_ADVICE} [privacy.phone]",
    "scenarios/case-b.yaml:25:21: error: the 'en' notes of the 1st stage ('At the counter'): avoid 'client': it frames a crime "
    "as a trade; write 'perpetrator; exploiter' instead [terminology.avoid]",
    "scenarios/case-b.yaml:25:64: error: the 'es' notes of the 1st stage ('At the counter'): avoid 'menores': \"menor\" defines a "
    "child by what she lacks; the rights-based convention in Spanish is \"niñas, niños y "
    "adolescentes\"; write 'niña, niño o adolescente (NNA)' instead [terminology.avoid]",
    "scenarios/case-b.yaml:30:82: error: the 'es' text of the 1st key message ('Follow Ley 30364 and call Línea 100.'): social-media handle '@ana_q'; "
    f"{CONTACT_ADVICE} [privacy.handle]",
    "scenarios/case-b.yaml:37:30: error: the 'en' feedback_true of the 1st question ('b-q1'): words of restricted "
    f"quote 'qb-2': “We had no room to talk” (matched: 'room', 'talk'); {RESTRICTED_ADVICE}",
    "scenarios/case-b.yaml:39:20: error: the 'en' feedback of the 1st question ('b-q1'): avoid 'Child pornography': "
    "it implies consent and a legitimate kind of pornography; it is a record of a crime; write "
    "'child sexual abuse material (CSAM)' instead; if it names a statute, list it in this "
    "scenario's legal_terms [terminology.avoid]",
    "sources/src-b.yaml:8:14: error: the 1st quote ('qb-1'), speaker: 'Maria Quispe' is not a participant "
    "code like VoS-PE-04 (it does not match speaker_pattern); attribute a quote by the code its "
    "source gives, never by a name [quote.speaker-code]",
    "checked 6 files: 11 errors, 0 warnings",
]


def test_every_integrity_rule_reports_once_with_its_location(capsys: pytest.CaptureFixture[str]):
    status = main(["check", str(FIXTURES / "integrity-violations")])
    assert capsys.readouterr().out.splitlines() == EXPECTED
    assert status == 1


def test_the_minimal_fixture_passes_the_integrity_rules():
    _, findings = check_curriculum(FIXTURES / "minimal")
    assert [str(f) for f in findings] == []


def test_the_example_curriculum_passes_every_rule():
    _, findings = check_curriculum(REPO)
    assert [str(f) for f in findings] == []


def test_terminology_warning_and_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    root = tmp_path / "c"
    shutil.copytree(FIXTURES / "integrity-violations", root)
    settings = root / "curriculum.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + "terminology: warning\n", encoding="utf-8")
    _, findings = check_curriculum(root)
    severities = {f.severity.value for f in findings if f.rule == "terminology.avoid"}
    assert severities == {"warning"}
    # Quoted: YAML reads a bare off as false (reported to the lead as a contract trap).
    settings.write_text(text + 'terminology: "off"\n', encoding="utf-8")
    _, findings = check_curriculum(root)
    assert [f for f in findings if f.rule == "terminology.avoid"] == []
    assert len(findings) == 8  # the other rules are not affected
