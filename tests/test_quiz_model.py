"""The shared quiz model: items in agenda order, seeded forms, keys, and Moodle-safe credit."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, edit
from quiz_helpers import load

from builder.context import BuildContext
from builder.quiz import credit_split, letter, option_credits, quiz_forms, quiz_items


def context_for(root: Path, lang: str = "en", module_id: str = "mod-a") -> BuildContext:
    curriculum = load(root)
    module = curriculum.module(module_id)
    assert module is not None
    return BuildContext(curriculum, module, lang, root / "unused")


def test_items_come_in_agenda_order_with_texts_in_the_language():
    items = quiz_items(context_for(FIXTURES / "quiz-special", "es"))
    assert [item.id for item in items] == ["sp-single", "sp-multiple", "sp-true-false",
                                           "sp-matching"]
    single = items[0]
    assert single.stem.startswith("Enunciado único : # { }")
    assert single.objective.id == "a-1" and single.scenario.id == "case-a"
    assert single.objective_text == "Explicar por qué importa la elección del profesional."
    assert [(o.letter, o.correct) for o in single.options] == [
        ("A", True), ("B", False), ("C", False)]
    assert single.key_letters == ("A",)
    assert single.grounding == ("qa-1",)
    assert items[2].answer is False and items[2].feedback_true.startswith("Dijo verdadero")
    assert items[3].pairs[0].left.startswith("Izquierda uno")


def test_a_scenario_listed_twice_in_the_agenda_gives_its_items_once(make_curriculum):
    root = make_curriculum("quiz-special")
    edit(root / "modules/mod-a.yaml", "  - break: 10\n", "  - break: 10\n  - scenario: case-a\n")
    assert [item.id for item in quiz_items(context_for(root))] == [
        "sp-single", "sp-multiple", "sp-true-false", "sp-matching"]


def test_forms_hold_the_same_items_in_different_orders():
    forms = quiz_forms(context_for(FIXTURES / "quiz-special"))
    assert list(forms) == ["pre", "post"]
    pre = [item.question_id for item in forms["pre"]]
    post = [item.question_id for item in forms["post"]]
    assert sorted(pre) == sorted(post) == sorted(
        ["sp-single", "sp-multiple", "sp-true-false", "sp-matching"])
    assert pre != post
    assert [item.number for item in forms["pre"]] == [1, 2, 3, 4]


def test_two_forms_of_two_items_still_differ(make_curriculum):
    root = make_curriculum("quiz-special")
    scenario = root / "scenarios/case-a.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text[:text.index("  - id: sp-true-false")], encoding="utf-8")
    for seed in range(7, 17):
        if seed > 7:
            edit(root / "modules/mod-a.yaml", f"seed: {seed - 1}", f"seed: {seed}")
        forms = quiz_forms(context_for(root))
        orders = [[item.question_id for item in items] for items in forms.values()]
        assert len(orders[0]) == 2 and orders[0] != orders[1]


def test_the_same_seed_gives_the_same_forms_and_another_seed_other_forms(make_curriculum):
    first = quiz_forms(context_for(FIXTURES / "quiz-special"))
    again = quiz_forms(context_for(FIXTURES / "quiz-special"))
    assert first == again
    root = make_curriculum("quiz-special")
    edit(root / "modules/mod-a.yaml", "seed: 7", "seed: 8")
    other = quiz_forms(context_for(root))

    def layout(forms):
        return [(i.question_id, [o.text for o in i.options], [left.text for left in i.lefts])
                for items in forms.values() for i in items]

    assert layout(other) != layout(first)


def test_form_items_carry_shuffled_letters_and_their_key():
    forms = quiz_forms(context_for(FIXTURES / "quiz-special"))
    for items in forms.values():
        for item in items:
            if item.type in ("single", "multiple"):
                assert [o.letter for o in item.options] == ["A", "B", "C"]
                assert sorted(o.text for o in item.options) == sorted(
                    o.text for o in item.item.options)
                assert item.key == ", ".join(o.letter for o in item.options if o.correct)
                assert item.key_letters == tuple(o.letter for o in item.options if o.correct)
            elif item.type == "true-false":
                assert [(o.letter, o.text, o.correct) for o in item.options] == [
                    ("A", "True", False), ("B", "False", True)]
                assert item.key == item.key_word == "False"
            else:
                assert [r.letter for r in item.rights] == ["A", "B", "C"]
                right_of = {r.letter: r.text for r in item.rights}
                pairs = {p.left: p.right for p in item.item.pairs}
                assert all(right_of[left.letter] == pairs[left.text] for left in item.lefts)
                assert item.key == ", ".join(f"{n} → {x}" for n, x in item.key_pairs)


def test_forms_are_computed_once_per_module_and_language():
    context = context_for(FIXTURES / "quiz-special")
    assert quiz_forms(context) is quiz_forms(context)
    assert context.shared["quiz_forms"] is quiz_forms(context)


def test_letters_go_on_past_z():
    assert [letter(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


@pytest.mark.parametrize(("count", "expected"), [
    (1, ["100"]), (2, ["50", "50"]), (3, ["33.33333"] * 3), (6, ["16.66667"] * 6),
    (7, ["14.28571"] * 7), (10, ["10"] * 10), (11, ["10"] * 9 + ["5"] * 2),
    (20, ["5"] * 20), (21, ["5"] * 20 + ["0"]),
])
def test_credit_splits_use_only_moodle_grades_that_add_up_to_100(count, expected):
    split = credit_split(count)
    assert split == expected
    assert abs(sum(float(grade) for grade in split) - 100) < 0.001


def test_multiple_items_share_credit_over_keys_and_charge_for_wrong_options():
    items = quiz_items(context_for(FIXTURES / "quiz-special"))
    assert option_credits(items[0]) == ["100", "0", "0"]
    assert option_credits(items[1]) == ["50", "50", "-100"]
