"""Terminology (domain.md section 1): hits and near-misses in English and Spanish."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from builder import terminology
from builder.checks import check_curriculum
from builder.terminology import find_terms, legal_term_uses, load_terms, preferred_terms

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
    ("en", "Sextorted children rarely report.", "Sextorted"),
    ("en", "He was sextorting her for months.", "sextorting"),
    ("es", "Fue sextorsionada por un adulto.", "sextorsionada"),
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
    # Inflections, capitals, hyphens and variants (a hidden corpus of the same kind is run).
    ("en", "The police seized child-pornography files.", "child-pornography"),
    ("en", "Child Pornography is a crime.", "Child Pornography"),
    ("en", "He kept kiddie-porn on a drive.", "kiddie-porn"),
    ("en", "The child pornographer was sentenced.", "child pornographer"),
    ("en", "Child-prostitution rings operate here.", "Child-prostitution"),
    ("en", "Child sex workers were rescued.", "Child sex workers"),
    ("en", "She was called a child-sex-worker.", "child-sex-worker"),
    ("en", "A 16-year-old prostitute was found.", "16-year-old prostitute"),
    ("en", "The prostitute, aged 15, was rescued.", "prostitute, aged 15"),
    ("en", "Prostituted children are victims.", "Prostituted children"),
    ("en", "At 15 she was working as a prostitute.", "working as a prostitute"),
    ("en", "He was arrested for child-sex tourism.", "child-sex tourism"),
    ("en", "Child sex tourists target the region.", "Child sex tourists"),
    ("en", "Webcam sex tourism is live abuse.", "Webcam sex tourism"),
    ("en", "He is a pedophile.", "pedophile"),
    ("en", "Her older boy-friend picked her up.", "older boy-friend"),
    ("en", "Her boyfriend, a 25-year-old man, picked her up.", "boyfriend"),
    ("en", "The girl had a boyfriend who was 24.", "boyfriend"),
    ("en", "The child was engaging in risky online behaviour.", "risky online behaviour"),
    ("en", "Her risky sexual behavior was noted.", "risky sexual behavior"),
    ("en", "She put herself at risk.", "put herself at risk"),
    ("en", "The 14-year-old sent explicit images to an adult.",
     "14-year-old sent explicit images to an adult"),
    ("en", "The girl sent him nude pictures.", "girl sent him nude pictures"),
    ("en", "The teenager shared intimate images with the man.",
     "teenager shared intimate images with the man"),
    ("en", "The 12-year-old was sexting with him.", "sexting"),
    ("en", "He engaged the girl in sexting.", "sexting"),
    ("en", "He had a relationship with a 14-year-old.", "relationship"),
    ("en", "The girl's relationship with the trafficker lasted a year.", "relationship"),
    ("en", "The accused said she consented.", "consented"),
    ("en", "He claimed she was consenting.", "consenting"),
    ("en", "It was consensual, he said.", "consensual"),
    ("en", "The defence argued that the 15-year-old had given consent.", "given consent"),
    ("en", "His clients included a judge who paid for sex with the girl.", "clients"),
    ("en", "The lawyer said the clients paid for sex with the girl.", "clients"),
    ("es", "Pornografía Infantil", "Pornografía Infantil"),
    ("es", "Se halló pornografia infantil sin tilde.", "pornografia infantil"),
    ("es", "El pornógrafo infantil fue condenado.", "pornógrafo infantil"),
    ("es", "La prostitución de menores es un delito.", "prostitución de menores"),
    ("es", "Rescataron a niñas prostituidas.", "niñas prostituidas"),
    ("es", "La trabajadora sexual infantil.", "trabajadora sexual infantil"),
    ("es", "La adolescente se dedicaba a la prostitución.", "se dedicaba a la prostitución"),
    ("es", "La niña de 13 años se prostituía.", "se prostituía"),
    ("es", "Turismo Sexual Infantil en la costa.", "Turismo Sexual Infantil"),
    ("es", "Los turistas sexuales llegan a Cusco.", "turistas sexuales"),
    ("es", "La sextorsion sin tilde.", "sextorsion"),
    ("es", "El adulto le pidió sexting a la niña.", "sexting"),
    ("es", "Es una pedófila.", "pedófila"),
    ("es", "Red de pedófilos.", "pedófilos"),
    ("es", "Fueron relaciones consentidas.", "relaciones consentidas"),
    ("es", "La relación fue consentida.", "relación fue consentida"),
    ("es", "El imputado dijo que ella consintió.", "consintió"),
    ("es", "El acusado sostuvo que fue consentido.", "consentido"),
    ("es", "La defensa alegó que la adolescente de 15 años dio su consentimiento.",
     "dio su consentimiento"),
    ("es", "La relación con el tratante duró meses.", "relación"),
    ("es", "La niña tenía un novio de 25 años.", "novio de 25 años"),
    ("es", "Su enamorado, un hombre de 30 años, la recogía.", "enamorado"),
    ("es", "La adolescente tenía conductas de riesgo.", "conductas de riesgo"),
    ("es", "Se ponía en riesgo al chatear.", "Se ponía en riesgo"),
    ("es", "La niña de 14 años envió fotos al adulto.", "niña de 14 años envió fotos al adulto"),
    ("es", "La adolescente le mandó al agresor fotos íntimas.",
     "adolescente le mandó al agresor fotos"),
    ("es", "Se tomó fotos y se las envió al agresor.", "se las envió al agresor"),
    ("es", "Los clientes pagaban al tratante.", "clientes"),
    ("es", "La menor de edad declaró.", "menor"),
    ("es", "Hay menores de edad en riesgo.", "menores"),
    ("es", "Es un menor de edad.", "menor"),
    ("es", "Tres menores declararon.", "menores"),
    ("es", "Menores de 14 años no pueden consentir.", "Menores"),
]

NEAR_MISSES = [
    ("en", "The recording was distorted by noise."),
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
    ("en", "Consensual decision-making among professionals."),
    ("en", "The team reached a consensual decision."),
    ("en", "The client base of the CEM grew."),
    ("en", "Our client asked for a delay."),
    ("en", "Say ‘exploiter’, not ‘client’."),
    ("en", "Avoid ‘child prostitute’, ‘child sex worker’ and ‘client’."),
    ("en", "The term ‘child pornography’ implies consent."),
    ("en", "The girl gave her consent to the medical examination."),
    ("en", "The psychologist built a relationship with the child."),
    ("en", "The perpetrator, aged 35, posed as her boyfriend online."),
    ("en", "Her boyfriend from school, aged 14, was questioned."),
    ("en", "She was prostituted by her aunt."),
    ("en", "The woman worked as a prostitute."),
    ("en", "The girl sent photos to her mother."),
    ("en", "Grooming is how an adult prepares a child for abuse."),
    ("en", "Call Chat 100 for support."),
    ("en", "Risk factors include poverty."),
    ("es", "La clienta del abogado."),
    ("es", "Diga ‘explotador’, no ‘cliente’."),
    ("es", "El menor número de casos."),
    ("es", "Una persona menor de edad."),
    ("es", "La víctima, menor de edad, declaró."),
    ("es", "Hijos menores de edad."),
    ("es", "Como era menor de edad, no podía consentir."),
    ("es", "Niños, niñas y adolescentes menores de 14 años."),
    ("es", "Menor es el riesgo si se actúa pronto."),
    ("es", "La madre dio su consentimiento para el examen."),
    ("es", "La relación entre la fiscalía y la policía."),
    ("es", "El agresor, de 35 años, se hizo pasar por su enamorado."),
    ("es", "El hombre de 35 años estaba enamorado de ella."),
    ("es", "El agresor pone en riesgo a la niña."),
    ("es", "El tratante la prostituía."),
    ("es", "El pederasta fue condenado."),
    ("es", "La niña le envió un mensaje al agresor."),
    ("es", "Llame a Chat 100 o a la Línea 100."),
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


def test_a_legal_term_ignores_accents_both_ways():
    assert [u.legal_term for u in find_terms(
        "El delito de pornografia infantil.", "es", ["pornografía infantil"])] == [
        "pornografía infantil"]
    assert [u.legal_term for u in find_terms(
        "El delito de pornografía infantil.", "es", ["pornografia infantil"])] == [
        "pornografia infantil"]


def test_legal_terms_do_not_reach_other_scenarios_or_the_english_term():
    sentence = "El delito de pornografía infantil."
    assert [u.legal_term for u in find_terms(sentence, "es", ["Pornografía  infantil"])] == [
        "Pornografía  infantil"]
    assert [u.legal_term for u in find_terms(sentence, "es", [])] == [None]


def test_preferred_terms_table_keeps_whole_labels_and_merges_same_advice():
    spanish = {avoid for row in preferred_terms("es") for avoid in row.avoid}
    assert "ejercer la prostitución (una niña, niño o adolescente)" in spanish
    assert "niño o adolescente)" not in spanish
    english = [row for row in preferred_terms("en") if row.prefer == "adult perpetrator"]
    assert [row.avoid for row in english] == [("older boyfriend", "boyfriend (an adult with a child)")]


def test_the_term_list_is_parsed_once_for_terms_mentions_and_the_table(
        monkeypatch: pytest.MonkeyPatch):
    from builder import terminology

    parsed: list[str] = []
    real = terminology.yaml.load

    def counting(stream: str, Loader: object) -> object:  # noqa: N803 (PyYAML's name)
        parsed.append(stream[:20])
        return real(stream, Loader=Loader)

    caches = [terminology._term_file, terminology.load_terms, terminology._mention_before]
    for cached in caches:
        cached.cache_clear()
    monkeypatch.setattr(terminology.yaml, "load", counting)
    try:
        assert find_terms("Write ‘exploiter’, not ‘client’.", "en") == []  # a mention
        assert [u.term.prefer for u in find_terms("The client paid.", "en")] == [
            "perpetrator; exploiter"]
        assert preferred_terms("es")
    finally:
        for cached in caches:
            cached.cache_clear()
    assert len(parsed) == 1


def test_the_term_list_is_compiled_once_and_only_as_far_as_the_texts_need(monkeypatch):
    """A text without a term to avoid is read by one pattern per language; a term's own
    pattern and its contexts are compiled when a text first needs them, then never again."""
    terminology.compiled.cache_clear()
    terminology.term_screen.cache_clear()
    compiles: list[str] = []
    real = re.compile

    def counting(pattern, flags=0):
        compiles.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    assert find_terms("The prosecutor met the girl and her mother.", "en") == []
    assert find_terms("She chose a psychologist.", "en") == []
    assert len(compiles) == 1
    hit = "The police found child pornography on his phone."
    assert [hit[u.start:u.end] for u in find_terms(hit, "en")] == ["child pornography"]
    needed = len(compiles)
    assert 1 < needed < sum(1 + len(t.only_when) + len(t.unless) for t in load_terms()["en"])
    assert [hit[u.start:u.end] for u in find_terms(hit, "en")] == ["child pornography"]
    assert find_terms("El fiscal habló con la niña.", "es") == []
    assert len(compiles) == needed + 1
