"""`quote.restricted` on a corpus of real leaks and everyday near-misses, in English and Spanish.

tests/fixtures/restricted-corpus holds three restricted trainer-panel quotes (qp-1 and qp-2
stored in Spanish with an English translation, qp-3 likewise) and, in scenario case-l, texts
that leak them:
- five and more of a quote's own words in a row, with its punctuation changed (dashes, commas,
  an exclamation mark: situation.en) and without (situation.es, stages[1].text.es);
- two leaks in one field, each reported at its own line (situation.es);
- the quote split across two fields: the end of stages[0].text goes on, in the quote's order, at
  the start of stages[0].notes, neither half a leak alone (both languages);
- the quote translated back: key_messages[0].en is the stored English translation of a quote
  kept in Spanish;
- a long run of few distinctive words, caught for its length (key_messages[1].en).
Scenario case-r (also the whole of tests/fixtures/restricted-near-misses) shares everyday phrases
with the same quotes and must pass: the names of services and institutions (Línea 100, Centro
Emergencia Mujer, Ministerio Público, Cámara Gesell) and the phrases of a training room ("el
número de la línea de ayuda", "antes de empezar", "en voz alta", "before we start", "after the
first question", "nobody asked her").
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, edit

from builder.checks import check_curriculum
from builder.checks.restricted import RestrictedWords, words_of
from builder.cli import main
from builder.model import iter_texts

CORPUS = FIXTURES / "restricted-corpus"
NEAR_MISSES = FIXTURES / "restricted-near-misses"
ADVICE = ("a restricted quote reaches facilitators only through grounding, in the guide: remove "
          "these words here, or keep ordinary wording by changing the matched words "
          "[quote.restricted]")

EXPECTED = [
    "scenarios/case-l.yaml:12:53: error: the 'en' situation: words of restricted quote 'qp-1': “always leave — the helpline number, on the…” (matched: 'always', 'leave', 'helpline', 'number', 'whiteboard', 'start'); "
    + ADVICE,
    "scenarios/case-l.yaml:15:54: error: the 'es' situation: words of restricted quote 'qp-1': “siempre dejo el número de la línea de ayuda en la…” (matched: 'siempre', 'dejo', 'número', 'línea', 'ayuda', 'pizarra', 'antes', 'empezar'); "
    + ADVICE,
    "scenarios/case-l.yaml:18:24: error: the 'es' situation: words of restricted quote 'qp-1': “porque nadie se atreve a pedirlo en voz alta” (matched: 'atreve', 'pedirlo', 'voz', 'alta'); "
    + ADVICE,
    "scenarios/case-l.yaml:22:24: error: the 'en' text of the 1st stage ('The interview'): words of restricted quote 'qp-3': “the silence after the first question” (matched: 'silence', 'first', 'question'; more of the quote in the 'en' notes of the 1st stage ('The interview')); "
    + ADVICE,
    "scenarios/case-l.yaml:23:26: error: the 'es' text of the 1st stage ('The interview'): words of restricted quote 'qp-3': “el silencio después de la primera pregunta” (matched: 'silencio', 'después', 'primera', 'pregunta'; more of the quote in the 'es' notes of the 1st stage ('The interview')); "
    + ADVICE,
    "scenarios/case-l.yaml:26:11: error: the 'en' notes of the 1st stage ('The interview'): words of restricted quote 'qp-3': “When the girl looks at the door” (matched: 'girl', 'looks', 'door'; more of the quote in the 'en' text of the 1st stage ('The interview')); "
    + ADVICE,
    "scenarios/case-l.yaml:27:11: error: the 'es' notes of the 1st stage ('The interview'): words of restricted quote 'qp-3': “Cuando la niña mira la puerta” (matched: 'niña', 'mira', 'puerta'; more of the quote in the 'es' text of the 1st stage ('The interview')); "
    + ADVICE,
    "scenarios/case-l.yaml:31:23: error: the 'es' text of the 2nd stage ('The room'): words of restricted quote 'qp-2': “ya había preparado la Cámara Gesell y nadie le…” (matched: 'preparado', 'pidió', 'repitiera', 'historia'); "
    + ADVICE,
    "scenarios/case-l.yaml:36:24: error: the 'en' text of the 1st key message ('The prosecutor had already prepared the…'): words of restricted quote 'qp-2': “had already prepared the Gesell chamber and…” (matched: 'already', 'prepared', 'chamber', 'asked', 'repeat', 'story'); "
    + ADVICE,
    "scenarios/case-l.yaml:38:20: error: the 'en' text of the 2nd key message ('Remember: when we took her to the Centr…'): words of restricted quote 'qp-2': “when we took her to the Centro Emergencia Mujer,…” (matched: 'took', 'prosecutor'); "
    + ADVICE,
    'checked 6 files: 10 errors, 0 warnings',
]


def test_every_leak_is_reported_at_its_own_line_in_one_run(capsys: pytest.CaptureFixture[str]):
    status = main(["check", str(CORPUS)])
    assert capsys.readouterr().out.splitlines() == EXPECTED
    assert status == 1


def test_a_curriculum_sharing_everyday_phrases_with_restricted_quotes_passes(
    capsys: pytest.CaptureFixture[str],
):
    assert main(["check", str(NEAR_MISSES)]) == 0
    assert capsys.readouterr().out == "checked 5 files: no problems\n"


def test_the_near_misses_do_share_long_runs_with_the_restricted_quotes():
    """The near-misses are near: runs of six and more of a restricted quote's words, which a rule
    counting any six words in a row would refuse."""
    curriculum, findings = check_curriculum(NEAR_MISSES)
    assert curriculum is not None and findings == []
    restricted = RestrictedWords(curriculum)
    longest = 0
    for document in [*curriculum.scenarios, *curriculum.modules]:
        for _, text in iter_texts(document):
            for value in text.values():
                pieces = restricted.pieces(words_of(value))
                longest = max([longest, *(p.last + 1 - p.first for p in pieces)])
    assert longest >= 6


def test_changing_the_matched_words_keeps_the_ordinary_wording(make_curriculum):
    root = make_curriculum("restricted-corpus")
    edit(root / "scenarios" / "case-l.yaml", "the helpline number", "a support line")
    _, findings = check_curriculum(root)
    assert [f.location.line for f in findings] == [15, 18, 22, 23, 26, 27, 31, 36, 38]
