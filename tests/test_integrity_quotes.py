"""Quoted words are verbatim (elisions, insertions, typography), marks pair, speakers are codes."""

from __future__ import annotations

import re

import pytest
from conftest import edit

from builder.checks import check_curriculum
from builder.checks.verbatim import bank_text, is_verbatim
from builder.model import DEFAULT_SPEAKER_PATTERN
from builder.quotation import find_quotation
from builder.typography import normalise

QUOTE = ("They should assign a psychologist [in the legal medical examination], a woman to "
         "speak to a woman, or a man to speak to a man, because you could feel strange when a "
         "man comes to deal with you. I wish my grandmother was there [...] to help me.")
TRANSLATION = ("Deberían asignar un psicólogo [en el examen médico legal], una mujer para "
               "hablar con una mujer, o un hombre para hablar con un hombre.")
BANK = [bank_text(QUOTE), bank_text(TRANSLATION), bank_text("At that age, we won’t know.")]

VERBATIM = [
    "a woman to speak to a woman",
    "a woman to speak to\n   a woman",  # white space of a folded YAML line
    "They should assign a psychologist, a woman",  # the bank's own insertion left out
    "They should assign a psychologist [in the legal medical examination], a woman",
    "They should assign [the unit] a psychologist",  # an editor's insertion
    "[T]hey should assign a psychologist",  # an insertion standing for a letter
    "[she] could feel strange",  # an insertion standing for a word ("you")
    "a woman to speak to a woman [...] because you could feel strange",
    "a woman to speak to a woman […] a man comes to deal with you",
    "[…] a woman to speak to a woman […]",
    "…a woman to speak to a woman…",
    "a man to speak to a man.",  # punctuation inside the closing mark
    "they should assign a psychologist",  # a capital letter lowered at the start
    "una mujer para hablar con una mujer",  # the translation
    "we won't know",  # a straight apostrophe for the bank's curly one
    "I wish my grandmother was there [...] to help me",
    "[she] wish[ed] my grandmother was there",  # insertions touching words stand in for letters
]

DIALOGUE = ("I didn’t know what to do. The officer said: ‘Why did you send him photos?’ and I felt "
            "it was my fault. O’Brien’s team [the NGO] helped me […] and then I could speak.")
DIALOGUE_ES = ("No sabía qué hacer. El policía dijo: «¿Por qué le mandaste fotos?» y sentí que era "
               "mi culpa.")
DIALOGUE_BANK = [bank_text(DIALOGUE), bank_text(DIALOGUE_ES)]

VERBATIM_DIALOGUE = [
    "I didn't know what to do",  # a straight apostrophe for the curly one
    "I didn’t know what to do [...] I felt it was my fault.",
    "The officer said: 'Why did you send him photos?'",  # nested single quotes, straight
    "The officer said: ‘Why did you send him photos?’",
    "O'Brien's team [the NGO] helped me [...] and then I could speak",
    "O’Brien’s team helped me",  # the bank's own insertion left out
    "¿Por qué le mandaste fotos?",
    "No sabía qué hacer. El policía dijo",
    "didn't know what to do",  # whole words at both ends
]

NOT_VERBATIM_DIALOGUE = [
    "I felt it was my fault [...] I didn't know what to do",  # parts out of order
    "I did not know what to do",  # a changed word
    "I didn't what to do",  # a dropped word
    "helped me and then I could speak",  # runs across the bank's elision
    "idn't know what to do",  # starts inside a word
    "I didn't know what to d",  # ends inside a word
    "n't know",
    "elped me",
    "No sabía que hacer",  # an accent dropped
]

NOT_VERBATIM = [
    "a woman to talk to a woman",  # altered
    "a woman should speak to a woman",  # altered
    "I want a psychologist who listens",  # invented
    "a man to speak to a woman",  # words of the quote out of order
    "a man comes to deal with you [...] a woman to speak to a woman",  # parts out of order
    "there to help me",  # runs across the bank's elision without marking it
    "They should assign [a doctor and] a nurse, a woman",  # an insertion hiding changed words
    "a woman, a woman, a woman",
    "una mujer para hablar con un hombre",
]


@pytest.mark.parametrize("words", VERBATIM)
def test_verbatim_quotations_pass(words: str):
    assert is_verbatim(words, BANK)


@pytest.mark.parametrize("words", NOT_VERBATIM)
def test_invented_and_altered_quotations_fail(words: str):
    assert not is_verbatim(words, BANK)


@pytest.mark.parametrize("words", VERBATIM_DIALOGUE)
def test_verbatim_dialogue_and_apostrophes_pass(words: str):
    assert is_verbatim(words, DIALOGUE_BANK)


@pytest.mark.parametrize("words", NOT_VERBATIM_DIALOGUE)
def test_altered_dialogue_and_cut_words_fail(words: str):
    assert not is_verbatim(words, DIALOGUE_BANK)


def test_a_part_of_a_word_is_not_a_quotation_of_it():
    bank = [bank_text("They are unaware of the risk.")]
    assert is_verbatim("unaware of the risk", bank)
    assert not is_verbatim("aware of the risk", bank)


def test_quotation_marks_pair_and_nest():
    text = 'She said “a woman” and «una “mujer”» and "x" and \'dialogue\' and ‘more’.'
    found = find_quotation(text)
    assert [span.words for span in found.spans] == ["a woman", "una “mujer”", "x"]
    assert found.stray == []


@pytest.mark.parametrize("text", [
    "She didn’t say it; the officer’s tone was harsh.",  # curly apostrophes inside words
    "The officer said ‘sit down’ and ‘wait here’.",  # dialogue in single quotes
    "The officer said 'sit down'.",
])
def test_apostrophes_and_dialogue_are_not_quotations(text: str):
    found = find_quotation(text)
    assert (found.spans, found.stray) == ([], [])


@pytest.mark.parametrize(("text", "stray"), [
    ('He said "wait.', [(8, '"', True)]),
    ("He said “wait.", [(8, "“", True)]),
    ("He said wait”.", [(12, "”", False)]),
    ("«Espere, dijo.", [(0, "«", True)]),
    ("“one” two”", [(9, "”", False)]),
])
def test_unbalanced_marks_are_found(text: str, stray: list[tuple[int, str, bool]]):
    found = find_quotation(text)
    assert [(m.offset, m.mark, m.opening) for m in found.stray] == stray


def test_an_unclosed_quotation_is_masked_to_the_end():
    text = 'It was "child pornography, he said'
    assert find_quotation(text).masked(text) == "It was " + " " * (len(text) - 7)


def test_normalise_makes_typography_plain():
    assert normalise("“Don’t”  —\n wait …") == "\"Don't\" - wait..."


@pytest.mark.parametrize(("speaker", "passes"), [
    ("VoS-PE-04", True), ("FW-PE-01", True), ("P12", False), ("Ana-María", False),
    ("Maria Quispe", False), ("VoS-PE", False), ("VoS-PE-04 (Ana)", False),
    ("P-12", True), ("Participant 3", False), ("VoS PE 04", False), ("Ana", False),
])
def test_the_default_speaker_pattern_demands_a_code(speaker: str, passes: bool):
    assert bool(re.search(DEFAULT_SPEAKER_PATTERN, speaker)) is passes


def test_parts_joined_out_of_order_are_named_as_such(make_curriculum):
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml",
         "situation: {en: Fictional composite case. A girl of 15 arrives.,",
         "situation: {en: 'Fictional composite case. She said \"a woman to speak to a woman "
         "[...] They should assign a psychologist\".',")
    _, findings = check_curriculum(root)
    assert [str(f) for f in findings] == [
        "scenarios/case-a.yaml:10:53: error: the 'en' situation: the parts joined by […] in “a woman "
        "to speak to a woman [...] They should…” stand in another order in quote 'qa-1'; keep "
        "the source's order [quote.not-verbatim]"]


def test_a_broken_source_file_does_not_make_every_quotation_an_error(make_curriculum):
    """With a source file that fails its contract, its quotes are not in the bank: the words a
    scenario quotes from it are not reported as invented, only the file's own mistake is."""
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml", 'prompt: {en: "What do you do?"',
         'prompt: {en: "She said: “They should assign a psychologist.” What do you do?"')
    _, findings = check_curriculum(root)
    assert [f.rule for f in findings] == [], [str(f) for f in findings]
    edit(root / "sources/src-a.yaml", "access: public", "access: secret")
    _, findings = check_curriculum(root)
    assert [f.rule for f in findings] == ["contract.value"], [str(f) for f in findings]
    edit(root / "sources/src-a.yaml", "access: secret", "access: public")
    edit(root / "scenarios/case-a.yaml", "They should assign a psychologist.",
         "They must assign a psychologist.")
    _, findings = check_curriculum(root)
    assert [f.rule for f in findings] == ["quote.not-verbatim"], "still found once it loads"


def test_a_source_name_that_is_no_file_does_not_make_quotations_errors(make_curriculum):
    """A link to nothing in sources/ may be the file the quotes come from: only it is said."""
    root = make_curriculum()
    (root / "sources" / "src-a.yaml").rename(root / "src-a.yaml")
    (root / "sources" / "src-a.yaml").symlink_to(root / "moved-away.yaml")
    edit(root / "scenarios/case-a.yaml", 'prompt: {en: "What do you do?"',
         'prompt: {en: "She said: “They should assign a psychologist.” What do you do?"')
    _, findings = check_curriculum(root)
    assert "quote.not-verbatim" not in [f.rule for f in findings], [str(f) for f in findings]
    assert "contract.file-name" in [f.rule for f in findings]
