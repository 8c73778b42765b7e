"""`voces check` end to end on a corpus of violations and near-misses, in English and Spanish:
every finding with its exact location and message, and nothing for the near-misses.

What the fixture (tests/fixtures/integrity-corpus) holds and why some of it passes:
- verbatim: an exact excerpt, one with […] joining parts in order, apostrophes (don’t,
  O’Brien’s) straight or curly, an editor's insertion ([she]), the bank's own insertion left out,
  «…» against the Spanish translation, nested single quotes for dialogue inside a quote, and a
  quote of the source's own (English) text in a Spanish field: the contract allows "one bank
  quote's text, or of its translation in the field's language", so the original passes anywhere
  while a translation passes only in its language.
- fails: parts out of order, a changed word, a dropped word (“I did not”), a dropped accent
  (“que” for “qué”), a quote cut inside a word (“aware” of “unaware”, “elped”), words that run
  across the bank's own elision, and scare quotes around a word no source has ("boyfriend").
- near-misses: Línea 100, Chat 100, 09:00, 1 de enero de 2021, Ley N.° 30364, a court file
  number (Exp. N.° 01234-2021-0-1801-JR-PE-01), a Supreme Court appeal (R.N. N.° 1234-2019),
  "en menor medida", "la víctima menor de edad" (an adjective), "la clienta del abogado", "a
  lawyer's client", "Say ‘exploiter’, not ‘client’" (the word discussed, not used), "the
  relationship between the prosecutor's office and the police", "pederasta" (not in domain.md's
  table and not a clinical label), grooming, the scenario's legal term written without its accent
  (pornografia infantil), and a source quote that says "child pornography".
- speakers: VoS-PE-04, FW-PE-01 and P-12 are codes; "Participant 3", "VoS PE 04" and
  "Ana-María" are not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "integrity-corpus"

EXPECTED = [
    "scenarios/case-c.yaml:14:53: error: the 'en' situation: the parts joined by […] in “I felt it was my fault [...] I didn't know what…” stand in another order in quote 'qc-1'; keep the source's order [quote.not-verbatim]",
    "scenarios/case-c.yaml:15:26: error: the 'en' situation: quoted words not found in any source: “I did not know what to do”; the nearest is quote 'qc-1', which has 'didn't' where you wrote 'did': copy its words exactly, or write a fictional case's dialogue in single quotes (‘…’) [quote.not-verbatim]",
    "scenarios/case-c.yaml:15:58: error: the 'en' situation: quoted words not found in any source: “I knew what to do”; the nearest is quote 'qc-1', which has 'didn't' where you wrote 'knew': copy its words exactly, or write a fictional case's dialogue in single quotes (‘…’) [quote.not-verbatim]",
    "scenarios/case-c.yaml:26:9: error: the 'en' text of the 1st stage ('At the counter'): quoted words not found in any source: “boyfriend”; quote from sources/, or write a fictional case's dialogue in single quotes (‘…’) [quote.not-verbatim]",
    "scenarios/case-c.yaml:26:33: error: the 'en' text of the 1st stage ('At the counter'): quoted words not found in any source: “helped me and then I could speak”; quote from sources/, or write a fictional case's dialogue in single quotes (‘…’) [quote.not-verbatim]",
    "scenarios/case-c.yaml:26:72: error: the 'en' text of the 1st stage ('At the counter'): quoted words not found in any source: “aware of the risk”; quote from sources/, or write a fictional case's dialogue in single quotes (‘…’) [quote.not-verbatim]",
    "scenarios/case-c.yaml:28:14: error: the 'es' text of the 1st stage ('At the counter'): quoted words not found in any source: “No sabía que hacer”; the nearest is quote 'qc-1', which has 'qué' where you wrote 'que': copy its words exactly, or write a fictional case's dialogue in single quotes (‘…’) [quote.not-verbatim]",
    "scenarios/case-c.yaml:28:77: error: the 'es' text of the 1st stage ('At the counter'): quoted words not found in any source: “elped me”; the nearest is quote 'qc-1', which has 'helped' where you wrote 'elped': copy its words exactly, or write a fictional case's dialogue in single quotes (‘…’) [quote.not-verbatim]",
    "scenarios/case-c.yaml:29:27: error: the 'es' text of the 1st stage ('At the counter'): e-mail address 'ana [at] gmail [dot] com'; remove it: contact details can identify a person (a support service's contact belongs in curriculum.yaml support) [privacy.email]",
    "scenarios/case-c.yaml:29:63: error: the 'es' text of the 1st stage ('At the counter'): phone number '(+51) 987-654-321'; remove it: contact details can identify a person (a support service's contact belongs in curriculum.yaml support) [privacy.phone]",
    "scenarios/case-c.yaml:33:13: error: the 'en' notes of the 1st stage ('At the counter'): avoid 'girl sent nude photos to her abuser': it puts the act on the child; children cannot consent to their own abuse; write 'the adult groomed / targeted the child' instead [terminology.avoid]",
    "scenarios/case-c.yaml:33:54: error: the 'en' notes of the 1st stage ('At the counter'): avoid 'older boyfriend': it masks grooming; write 'adult perpetrator' instead [terminology.avoid]",
    'scenarios/case-c.yaml:33:80: error: the \'en\' notes of the 1st stage (\'At the counter\'): avoid \'sexting\': it hides the adult; keep "sharing nudes" for exchanges between peers; write \'name the offence (grooming, sexual extortion, child sexual abuse material)\' instead [terminology.avoid]',
    'scenarios/case-c.yaml:36:12: error: the \'es\' notes of the 1st stage (\'At the counter\'): avoid \'menor\': "menor" defines a child by what she lacks; the rights-based convention in Spanish is "niñas, niños y adolescentes"; write \'niña, niño o adolescente (NNA)\' instead [terminology.avoid]',
    "scenarios/case-c.yaml:38:41: error: the 'es' notes of the 1st stage ('At the counter'): avoid 'conductas de riesgo': it blames the child for the adult's crime; write 'niña, niño o adolescente en riesgo de explotación por …' instead [terminology.avoid]",
    "scenarios/case-c.yaml:43:71: error: the 'en' text of the 1st key message ('Call Línea 100 or Chat 100 at 09:00; gr…'): social-media handle 'facebook.com/ana.q'; remove it: contact details can identify a person (a support service's contact belongs in curriculum.yaml support) [privacy.handle]",
    "scenarios/case-c.yaml:49:27: error: the 'en' stem of the 1st question ('c-q1'): avoid 'consented': children cannot consent to their own abuse; write 'sexual abuse; the adult groomed / targeted the child' instead [terminology.avoid]",
    "scenarios/case-c.yaml:49:64: error: the 'es' stem of the 1st question ('c-q1'): avoid 'consintió': children cannot consent to their own abuse; write 'abuso sexual; el adulto captó / manipuló a la niña, niño o adolescente' instead [terminology.avoid]",
    "scenarios/case-c.yaml:51:30: error: the 'en' feedback_true of the 1st question ('c-q1'): avoid 'child-sex tourism': it is not tourism but a crime; write 'sexual exploitation of children in the context of travel and tourism' instead [terminology.avoid]",
    "scenarios/case-c.yaml:51:52: error: the 'en' feedback_true of the 1st question ('c-q1'): avoid 'kiddie-porn': it implies consent and a legitimate kind of pornography; it is a record of a crime; write 'child sexual abuse material (CSAM)' instead; if it names a statute, list it in this scenario's legal_terms [terminology.avoid]",
    "scenarios/case-c.yaml:51:87: error: the 'es' feedback_true of the 1st question ('c-q1'): avoid 'turismo sexual infantil': it is not tourism but a crime; write 'explotación sexual de niñas, niños y adolescentes en viajes y turismo' instead [terminology.avoid]",
    "scenarios/case-c.yaml:52:43: error: the 'en' feedback_false of the 1st question ('c-q1'): avoid 'relationship': it frames abuse as a relationship between equals; children cannot consent to their own abuse; write 'sexual abuse; the adult groomed / targeted the child' instead [terminology.avoid]",
    "scenarios/case-c.yaml:52:97: error: the 'es' feedback_false of the 1st question ('c-q1'): avoid 'clientes': it frames a crime as a trade; write 'explotador' instead [terminology.avoid]",
    "scenarios/case-c.yaml:53:98: error: the 'es' feedback of the 1st question ('c-q1'): avoid 'Pornografía de menores': it implies consent and a legitimate kind of pornography; it is a record of a crime; write 'material de abuso sexual infantil' instead; if it names a statute, list it in this scenario's legal_terms [terminology.avoid]",
    "sources/src-c.yaml:34:14: error: the 4th quote ('qc-4'), speaker: 'Participant 3' is not a participant code like VoS-PE-04 (it does not match speaker_pattern); attribute a quote by the code its source gives, never by a name [quote.speaker-code]",
    "sources/src-c.yaml:40:14: error: the 5th quote ('qc-5'), speaker: 'VoS PE 04' is not a participant code like VoS-PE-04 (it does not match speaker_pattern); attribute a quote by the code its source gives, never by a name [quote.speaker-code]",
    "sources/src-c.yaml:46:14: error: the 6th quote ('qc-6'), speaker: 'Ana-María' is not a participant code like VoS-PE-04 (it does not match speaker_pattern); attribute a quote by the code its source gives, never by a name [quote.speaker-code]",
    "sources/src-c.yaml:48:26: error: the text of the 6th quote ('qc-6'): phone number '987 654 321'; remove it: contact details can identify a person (a support service's contact belongs in curriculum.yaml support) [privacy.phone]",
    "sources/src-c.yaml:50:36: error: the 'es' translation of the 6th quote ('qc-6'): phone number '987 654 321'; remove it: contact details can identify a person (a support service's contact belongs in curriculum.yaml support) [privacy.phone]",
    'checked 4 files: 29 errors, 0 warnings',
]


def test_the_corpus_reports_each_violation_once_and_no_near_miss(
    capsys: pytest.CaptureFixture[str],
):
    status = main(["check", str(FIXTURE)])
    assert capsys.readouterr().out.splitlines() == EXPECTED
    assert status == 1
