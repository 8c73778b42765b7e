"""Composition, measured on the slide plan: a slide with little text sets it at the largest size
of the type scale that fits, low in the box rather than in its top third; full slides paginate
as before; stage slides say where they are; the agenda is a timeline with breaks set apart."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from builder.context import BuildContext
from builder.formats.deck_plan import plan_slides
from builder.layout.measure import usable_height
from builder.layout.pagination import body_box, paragraph_height
from builder.layout.slides import Slide, SlidePlan
from builder.load import load_curriculum
from builder.themes.deck import BODY_SIZES, GROW_SIZES

CURRICULA = {name: FIXTURES / name for name in ("minimal", "deck-long", "guide-restricted")}
if (REPO / "curriculum.yaml").is_file() and (REPO / "modules").is_dir():
    CURRICULA["example"] = REPO


def plans(root: Path) -> list[SlidePlan]:
    curriculum, findings = load_curriculum(root)
    assert curriculum is not None, [str(f) for f in findings]
    return [plan_slides(BuildContext(curriculum, module, lang, Path()))
            for module in curriculum.modules for lang in curriculum.languages]


def height(slide: Slide, plan: SlidePlan, size: float) -> float:
    box = body_box(slide, plan.theme)
    assert box is not None
    return sum(paragraph_height(p, box, size, plan.theme, i == 0)
               for i, p in enumerate(slide.paragraphs))


@pytest.mark.parametrize("name", sorted(CURRICULA))
def test_a_slide_with_little_text_sets_it_at_the_largest_size_that_fits(name: str) -> None:
    checked = 0
    for plan in plans(CURRICULA[name]):
        for slide in plan.slides:
            box = body_box(slide, plan.theme)
            if box is None or not slide.paragraphs or slide.parts > 1:
                continue
            filled = height(slide, plan, slide.body_size) / usable_height(box, slide.body_size)
            assert filled <= 1, (slide.number, slide.title)
            larger = [s for s in (*GROW_SIZES[slide.layout], *BODY_SIZES[slide.layout])
                      if s > slide.body_size]
            fits_larger = [s for s in larger
                           if height(slide, plan, s) <= usable_height(box, s)]
            assert fits_larger == [], (name, slide.number, slide.title, slide.body_size)
            if filled < 1 / 3:
                assert slide.body_size == max((*GROW_SIZES[slide.layout],
                                               *BODY_SIZES[slide.layout])), slide.title
            if slide.layout == "content":  # set down from the top: 40 % of the free room
                room = usable_height(box, slide.body_size) - height(slide, plan, slide.body_size)
                assert slide.body_offset == pytest.approx(room * 0.4, abs=0.1), slide.title
            checked += 1
    assert checked > 0


def test_full_slides_keep_their_pagination_at_the_first_body_size() -> None:
    for plan in plans(FIXTURES / "deck-long"):
        continued = [s for s in plan.slides if s.parts > 1]
        assert continued
        assert {s.body_size for s in continued} == {BODY_SIZES["content"][0]}
        assert {s.body_offset for s in continued} == {0.0}


def test_stage_slides_say_which_stage_of_how_many() -> None:
    expected = {"en": "Stage {k} of {n}", "es": "Etapa {k} de {n}"}
    plans_by_lang = {lang: plans(FIXTURES / "guide-restricted")[i]
                     for i, lang in enumerate(("en", "es"))}
    for lang, plan in plans_by_lang.items():
        stages = plan.of_kind("stage")
        assert len(stages) >= 2
        for slide in stages:
            assert slide.stage_index is not None
            count = len([s for s in stages if s.scenario_id == slide.scenario_id])
            assert slide.paragraphs[0].text == expected[lang].format(
                k=slide.stage_index + 1, n=count)


def test_the_agenda_is_a_timeline_with_breaks_set_apart() -> None:
    plan = plans(REPO)[0]
    agenda = plan.of_kind("agenda")[0]
    markers = [p.marker for p in agenda.paragraphs]
    assert set(markers) == {"item", "break"}
    for i, paragraph in enumerate(agenda.paragraphs):
        after_break = i > 0 and markers[i - 1] == "break"
        assert paragraph.set_apart == (paragraph.marker == "break" or after_break)
        assert paragraph.italic == (paragraph.marker == "break")
        assert paragraph.space_before(24) == (24.0 if paragraph.set_apart else 8.4)
    assert replace(agenda.paragraphs[0], marker="").indent == 0.0
