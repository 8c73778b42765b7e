"""Terminology (domain.md section 1): hits and near-misses in English and Spanish."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.checks import check_curriculum
from builder.checks.terminology import find_terms, legal_term_uses, load_terms, preferred_terms

FIXTURES = Path(__file__).parent / "fixtures"

HITS = [
    ("en", "The police found child pornography on his phone.", "child pornography"),
    ("en", "He shared kiddie porn in the group.", "kiddie porn"),
    ("en", "Investigators found virtual child pornography.", "virtual child pornography"),
    ("en", "She was described as a child prostitute.", "child prostitute"),
    ("en", "Child prostitution is a crime.", "Child prostitution"),
    ("en", "The client paid the girl's exploiter.", "client"),
    ("en", "Clients who buy sex from children must be prosecuted.", "Clients"),
    ("en", "The offender said she had a relationship with the adult.", "relationship"),
    ("en", "Their relationship, the offender claimed, was love; the girl was 14.",
     "relationship"),
    ("en", "He called it a sexual relationship.", "relationship"),
    ("en", "The adult claimed it was a consensual relationship.", "consensual relationship"),
    ("en", "He said the 15-year-old girl consented.", "consented"),
    ("en", "Sextortion cases are rising.", "Sextortion"),
    ("en", "He is a paedophile.", "paedophile"),
    ("en", "She engaged in risky behaviour online.", "risky behaviour"),
    ("en", "Her older boyfriend picked her up.", "older boyfriend"),
    ("en", "The child sent pictures to an adult.", "child sent pictures to an adult"),
    ("en", "The man pressed her into sexting.", "sexting"),
    ("en", "Child sex tourism is a crime.", "Child sex tourism"),
    ("en", "Webcam child sex tourism is abuse.", "Webcam child sex tourism"),
    ("es", "El menor declaró ante la fiscal.", "menor"),
    ("es", "Los menores de edad deben ser protegidos.", "menores"),
    ("es", "Entrevistaron a la menor.", "menor"),
    ("es", "Los menores víctimas de explotación.", "menores"),
    ("es", "Una menor llegó a la comisaría.", "menor"),
    ("es", "El menor de 15 años fue entrevistado.", "menor"),
    ("es", "La protección de menores es prioridad.", "menores"),
    ("es", "La menor, de 15 años, llegó sola.", "menor"),
    ("es", "La menor denuncia que fue amenazada.", "menor"),
    ("es", "Hallaron pornografía infantil en su celular.", "pornografía infantil"),
    ("es", "La prostitución infantil es explotación.", "prostitución infantil"),
    ("es", "Una niña prostituta.", "niña prostituta"),
    ("es", "El cliente pagó al explotador.", "cliente"),
    ("es", "El agresor dijo que tenía una relación con la adolescente.", "relación"),
    ("es", "Fue una relación consentida.", "relación consentida"),
    ("es", "El adulto dijo que la niña consintió.", "consintió"),
    ("es", "La sextorsión aumenta.", "sextorsión"),
    ("es", "Es un pedófilo.", "pedófilo"),
    ("es", "Es turismo sexual.", "turismo sexual"),
    ("es", "La niña le envió fotos al adulto.", "niña le envió fotos al adulto"),
]

NEAR_MISSES = [
    ("en", "The lawyer's client asked for a delay."),
    ("en", "Attorney-client privilege applies."),
    ("en", "The defence lawyer met his client before the hearing."),
    ("en", "The relationship between the police and the prosecutor improved."),
    ("en", "A good working relationship between institutions helps."),
    ("en", "She has a relationship of trust with the professional."),
    ("en", "The girl consented to the examination."),
    ("en", "Agencies reached a consensual approach to the case."),
    ("en", "Why she sent pictures to a stranger, the officer asked."),
    ("en", "The survivor said \"child pornography\" is what the police called it."),
    ("en", "Sexting between peers is common."),
    ("en", "Sexual extortion of children is rising."),
    ("en", "Child sexual abuse material is a record of a crime."),
    ("en", "The adult groomed the child."),
    ("es", "En menor medida, la policía actuó."),
    ("es", "El menor riesgo es preferible."),
    ("es", "Un delito de menor gravedad."),
    ("es", "No tengo la menor duda."),
    ("es", "Es una persona de menor edad."),
    ("es", "Su hermano menor la acompañó."),
    ("es", "La menor de sus hijas declaró."),
    ("es", "Un menor número de casos."),
    ("es", "La menor señal de angustia importa."),
    ("es", "Con menor frecuencia."),
    ("es", "Los riesgos son mayores o menores."),
    ("es", "Son delitos menores."),
    ("es", "La abogada se reunió con su cliente."),
    ("es", "La relación entre instituciones mejoró."),
    ("es", "Una relación de confianza con la profesional."),
    ("es", "La adolescente consintió el examen."),
    ("es", "Un plan consensuado entre instituciones."),
    ("es", "En relación con el agresor, la fiscal pidió prisión."),
    ("es", "VoS-PE-05 habló de «una persona mayor (un pedófilo)» en las redes."),
    ("es", "Material de abuso sexual infantil y extorsión sexual."),
]


@pytest.mark.parametrize(("lang", "sentence", "words"), HITS)
def test_terms_to_avoid_are_found(lang: str, sentence: str, words: str):
    uses = find_terms(sentence, lang)
    assert [sentence[u.start:u.end] for u in uses] == [words]


@pytest.mark.parametrize(("lang", "sentence"), NEAR_MISSES)
def test_near_misses_are_left_alone(lang: str, sentence: str):
    uses = find_terms(sentence, lang)
    assert [sentence[u.start:u.end] for u in uses] == []


def test_every_term_gives_a_preferred_term_and_a_reason_in_its_language():
    for lang, terms in load_terms().items():
        assert terms, lang
        for term in terms:
            assert term.prefer and term.reason["en"]
            assert term.reason.get(lang), (lang, term.avoid)
    table = preferred_terms("es")
    row = next(r for r in table if "sextorsión" in r.avoid)
    assert (row.prefer, row.reason) == ("extorsión sexual", "la palabra corta minimiza el daño")
    assert preferred_terms("fr") == []


def test_a_legal_term_allows_the_statute_name_and_the_guide_can_list_it(tmp_path: Path):
    root = tmp_path / "c"
    shutil.copytree(FIXTURES / "integrity-violations", root)
    curriculum, findings = check_curriculum(root)
    assert curriculum is not None
    assert not [f for f in findings if "pornografía" in f.message]
    uses = legal_term_uses(curriculum)
    assert [(u.scenario, u.legal_term, u.lang, u.field, str(u.location)) for u in uses] == [
        ("case-b", "pornografía infantil", "es", "situation.es",
         "scenarios/case-b.yaml:17:36")]
    assert uses[0].sentence == ("El policía habló del delito de pornografía infantil "
                                "(art. 183-A).")


def test_legal_terms_do_not_reach_other_scenarios_or_the_english_term():
    sentence = "El delito de pornografía infantil."
    assert [u.legal_term for u in find_terms(sentence, "es", ["Pornografía  infantil"])] == [
        "Pornografía  infantil"]
    assert [u.legal_term for u in find_terms(sentence, "es", [])] == [None]
