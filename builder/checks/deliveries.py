"""Deliveries: each names a module of the curriculum and one of its languages.

The shape of a delivery (required fields, ISO date, clock time) is the model's; ids, file names
and texts in every language are checked with the other kinds in `contract`. The organiser's
contact is a work contact participants need, so the privacy rules leave deliveries alone, as
they leave curriculum.yaml's support resources.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..curriculum import Curriculum
from ..findings import Finding, error
from .scaffold import is_placeholder


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_delivery_references(curriculum: Curriculum) -> Iterator[Finding]:
    module_ids = [module.id for module in curriculum.modules]
    languages = curriculum.languages
    for delivery in curriculum.deliveries:
        if delivery.module not in module_ids and not curriculum.is_broken(
                delivery.module, "modules") and not is_placeholder(delivery.module):
            yield error(curriculum.locate(delivery, "module"),
                        f"module: no module has id '{delivery.module}'"
                        f"{_suggest(delivery.module, module_ids)}; use the id of a file in "
                        "modules/", "contract.reference")
        if delivery.language not in languages:
            yield error(curriculum.locate(delivery, "language"),
                        f"language: '{delivery.language}' is not one of the curriculum's "
                        f"languages ({', '.join(languages)}); deliver in one of them or add it "
                        "to languages in curriculum.yaml", "contract.value")


RULES = [check_delivery_references]
