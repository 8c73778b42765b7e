"""The quiz-item rules of `voces check`: what each flags, where, with which words, and what each
leaves alone. Each test rewrites the questions of a copy of the minimal fixture; the questions
start at line 22 of scenarios/case-a.yaml. Plain-string texts are English only (the contract's
language errors they cause are not what these tests look at)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, edit

from builder.checks import check_curriculum
from builder.cli import main

FILE = "scenarios/case-a.yaml"


def quiz_findings(root: Path) -> list[str]:
    _, findings = check_curriculum(root)
    return [str(f) for f in findings if f.rule.startswith("quiz.")]


def with_questions(root: Path, block: str) -> Path:
    path = root / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("questions:\n")] + "questions:\n" + block,
                    encoding="utf-8")
    return root


SINGLE_OK = """\
  - id: a-q1
    type: single
    objective: a-1
    stem: Who should examine her?
    options:
      - {text: A professional she chose, correct: true, feedback: Her choice helps her speak.}
      - {text: Whoever is on duty, feedback: A stranger she did not choose.}
      - {text: The police officer, feedback: Not a health professional.}
    feedback: Choice helps.
"""


@pytest.mark.parametrize("fixture", ["minimal", "quiz-special"])
def test_the_fixtures_are_clean(fixture):
    assert quiz_findings(FIXTURES / fixture) == []


def test_the_example_curriculum_is_clean():
    assert quiz_findings(REPO) == []


def test_a_single_answer_question_without_a_key(make_curriculum):
    root = with_questions(make_curriculum(), SINGLE_OK.replace(", correct: true", ""))
    assert quiz_findings(root) == [
        f"{FILE}:27:7: error: the 1st question ('a-q1'), options: a single-answer question "
        "needs exactly one correct option, and none is marked; add correct: true to the key [quiz.single-key]",
    ]


def test_a_single_answer_question_with_two_keys_and_two_options(make_curriculum):
    block = SINGLE_OK.replace("feedback: A stranger", "correct: true, feedback: A stranger")
    block = block.replace(
        "      - {text: The police officer, feedback: Not a health professional.}\n", "")
    root = with_questions(make_curriculum(), block)
    assert quiz_findings(root) == [
        f"{FILE}:27:7: error: the 1st question ('a-q1'), options: a single-answer question "
        "needs at least 3 options, not 2; add plausible distractors drawn from real mistakes "
        "[quiz.options-count]",
        f"{FILE}:27:7: error: the 1st question ('a-q1'), options: a single-answer question "
        "needs exactly one correct option, and 2 are marked; keep correct: true on one, or make it type: multiple "
        "[quiz.single-key]",
    ]


def test_multiple_answer_questions_need_a_key_and_a_distractor(make_curriculum):
    without_key = SINGLE_OK.replace("type: single", "type: multiple").replace(
        ", correct: true", "")
    all_keys = (SINGLE_OK.replace("type: single", "type: multiple").replace("id: a-q1", "id: a-q2")
                .replace("feedback: A stranger", "correct: true, feedback: A stranger")
                .replace("feedback: Not a health", "correct: true, feedback: Not a health"))
    fine = (SINGLE_OK.replace("type: single", "type: multiple").replace("id: a-q1", "id: a-q3")
            .replace("feedback: A stranger", "correct: true, feedback: A stranger"))
    root = with_questions(make_curriculum(), without_key + all_keys + fine)
    assert quiz_findings(root) == [
        f"{FILE}:27:7: error: the 1st question ('a-q1'), options: a multiple-answer question "
        "needs at least one correct option; add correct: true to each right answer [quiz.multiple-key]",
        f"{FILE}:36:7: error: the 2nd question ('a-q2'), options: a multiple-answer question "
        "needs at least one option that is not correct; add a plausible distractor [quiz.multiple-key]",
    ]


MATCHING = """\
  - id: a-q2
    type: matching
    objective: a-1
    stem: Match each institution to its role.
    pairs:
      - {left: Prosecutor, right: Leads the investigation}
      - {left: Psychologist, right: Conducts the single interview}
      - {left: Línea 100, right: Gives free advice by phone}
    feedback: Each has its role.
"""


def test_matching_needs_three_distinct_pairs_without_arrows(make_curriculum):
    short = MATCHING.replace("      - {left: Línea 100, right: Gives free advice by phone}\n", "")
    repeated = (MATCHING.replace("id: a-q2", "id: a-q3")
                .replace("left: Línea 100", "left: prosecutor ")
                .replace("right: Conducts the single interview", "right: Leads the investigation"))
    arrow = MATCHING.replace("id: a-q2", "id: a-q4").replace("left: Prosecutor",
                                                             "left: Prosecutor -> court")
    root = with_questions(make_curriculum(), SINGLE_OK + short + repeated + arrow)
    assert quiz_findings(root) == [
        f"{FILE}:36:7: error: the 2nd question ('a-q2'), pairs: a matching question needs at "
        "least 3 pairs, not 2; add pairs [quiz.pairs]",
        f"{FILE}:45:37: error: the 'en' right of the 3rd question ('a-q3'), 2nd pair "
        "('Psychologist'): the same text as the right of the 1st pair; every right entry "
        "must differ [quiz.pairs]",
        f"{FILE}:46:16: error: the 'en' left of the 3rd question ('a-q3'), 3rd pair "
        "('prosecutor'): the same text as the left of the 1st pair; every left entry must "
        "differ [quiz.pairs]",
        f"{FILE}:53:16: error: the 'en' left of the 4th question ('a-q4'), 1st pair "
        "('Prosecutor -> court'): '->' cannot be written in a matching question"
        " of a GIFT file; reword it (for example with '→') [quiz.pairs]",
    ]


def test_feedback_that_is_the_same_for_every_answer_is_a_warning(make_curriculum):
    same = (SINGLE_OK.replace("Her choice helps her speak.", "Think again.")
            .replace("A stranger she did not choose.", "Think  again.")
            .replace("Not a health professional.", "think again."))
    true_false = """\
  - id: a-q2
    type: true-false
    objective: a-1
    stem: She should repeat her account to each new professional.
    answer: false
    feedback_true: {en: See the rationale., es: Vea la fundamentación.}
    feedback_false: {en: See the rationale., es: "Correcto, una sola vez."}
    feedback: Repeating the account harms her.
  - id: a-q3
    type: true-false
    objective: a-1
    stem: She may choose who examines her.
    answer: true
    feedback_true: Right.
    feedback_false: She may choose.
    feedback: Choice helps.
"""
    root = with_questions(make_curriculum(), same + true_false)
    assert quiz_findings(root) == [
        f"{FILE}:27:7: warning: the 1st question ('a-q1'), options: every option has the same "
        "en feedback; say why each option is right or wrong [quiz.feedback]",
        f"{FILE}:37:26: warning: the 'en' feedback_false of the 2nd question ('a-q2'): the same "
        "as the feedback_true; say why each answer is right or wrong [quiz.feedback]",
    ]


def test_all_and_none_of_the_above_are_refused_in_english_and_spanish(make_curriculum):
    block = SINGLE_OK.replace(
        "{text: Whoever is on duty,", "{text: All of the above,").replace(
        "{text: The police officer,",
        "{text: {en: The officer above her in rank, es: Ninguna de las anteriores},")
    root = with_questions(make_curriculum(), block)
    assert quiz_findings(root) == [
        f"{FILE}:28:16: error: the 'en' text of the 1st question ('a-q1'), 2nd option "
        "('All of the above'): 'All of the above' lets a test-wise guess score; write a plausible distractor instead "
        "[quiz.all-none-of-the-above]",
        f"{FILE}:29:56: error: the 'es' text of the 1st question ('a-q1'), 3rd option "
        "('The officer above her in rank'): 'Ninguna de las anteriores' lets a test-wise guess score; write a plausible distractor instead "
        "[quiz.all-none-of-the-above]",
    ]


def test_every_objective_must_be_assessed(make_curriculum):
    root = make_curriculum()
    edit(root / FILE, "situation:", "  - id: a-2\n    text: Identify who may attend.\nsituation:")
    assert quiz_findings(root) == [
        f"{FILE}:10:5: error: the 2nd objective ('a-2'): assessed by no quiz item; add a "
        "question with objective: a-2 [quiz.objective-assessed]",
    ]


def test_a_negative_in_capitals_in_a_stem_is_a_warning(make_curriculum):
    block = SINGLE_OK.replace("stem: Who should examine her?",
                              "stem: {en: 'Who should NOT examine her?', es: '¿Quién NO debería?'}")
    lower = (SINGLE_OK.replace("id: a-q1", "id: a-q2")
             .replace("stem: Who should examine her?",
                      "stem: {en: 'NOTE: who is not needed?', es: '¿Quién no es necesario (NNA)?'}"))
    root = with_questions(make_curriculum(), block + lower)
    assert quiz_findings(root) == [
        f"{FILE}:25:16: warning: the 'en' stem of the 1st question ('a-q1'): 'NOT' in capitals "
        "makes a negative stem, which test-takers misread; ask for the right action instead [quiz.negative-stem]",
        f"{FILE}:25:51: warning: the 'es' stem of the 1st question ('a-q1'): 'NO' in capitals "
        "makes a negative stem, which test-takers misread; ask for the right action instead [quiz.negative-stem]",
    ]


def test_an_objective_without_a_measurable_verb_is_a_warning(make_curriculum):
    root = make_curriculum()
    edit(root / FILE, "text: {en: Explain why the choice of professional matters., "
         "es: Explicar por qué",
         "text: {en: Understand why the choice of professional matters., es: Que el "
         "participante comprenda por qué")
    assert quiz_findings(root) == [
        f"{FILE}:9:16: warning: the 'en' text of the 1st objective ('a-1'): it starts with "
        "'Understand', which cannot be observed or assessed; start with what participants will do (identify, "
        "explain, apply, analyse, evaluate, describe, compare…) [quiz.measurable-verb]",
        f"{FILE}:9:72: warning: the 'es' text of the 1st objective ('a-1'): it starts with "
        "'Que', which is not a measurable verb; start with what participants will do (identificar, explicar, "
        "aplicar, analizar, evaluar, describir, comparar…) [quiz.measurable-verb]",
    ]


def test_quiz_findings_reach_the_command_line_and_strict_fails_on_warnings(make_curriculum,
                                                                            capsys):
    root = make_curriculum()
    edit(root / FILE, 'stem: {en: "Who should examine her?"',
         'stem: {en: "Who should NEVER examine her?"')
    assert main(["check", str(root)]) == 0
    assert main(["check", str(root), "--strict"]) == 1
    out = capsys.readouterr().out
    assert (f"{FILE}:25:16: warning: the 'en' stem of the 1st question ('a-q1'): 'NEVER' in "
            "capitals makes a negative stem, which test-takers misread; ask for the right action instead "
            "[quiz.negative-stem]") in out


def test_a_question_naming_an_unknown_objective_gets_one_message_not_two(make_curriculum):
    root = make_curriculum()
    edit(root / FILE, "objective: a-1", "objective: a-2")
    _, findings = check_curriculum(root)
    assert [str(f) for f in findings] == [
        f"{FILE}:24:16: error: the 1st question ('a-q1'), objective: 'a-2' is not an objective "
        "of this scenario (did you mean 'a-1'?); use one of a-1 [contract.reference]",
    ]
