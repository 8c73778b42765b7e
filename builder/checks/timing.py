"""Time: the agenda fits the module's duration, and breaks come at least every 90 minutes."""

from __future__ import annotations

from collections.abc import Iterator

from ..agenda import schedule
from ..curriculum import Curriculum
from ..findings import Finding, error, warning
from ..positions import name_items

MAX_MINUTES_WITHOUT_BREAK = 90


def check_agenda_fits(curriculum: Curriculum) -> Iterator[Finding]:
    for module in curriculum.modules:
        entries = schedule(curriculum, module)
        total = sum(e.minutes for e in entries)
        if total > module.duration:
            yield error(curriculum.locate(module, "duration"),
                        f"duration: the agenda takes {total} minutes but duration is "
                        f"{module.duration}; shorten the agenda or raise duration",
                        "time.over-duration")


def check_breaks(curriculum: Curriculum) -> Iterator[Finding]:
    for module in curriculum.modules:
        run = 0
        run_start = 0
        for entry in schedule(curriculum, module):
            if entry.kind == "break":
                run = 0
                continue
            if run == 0:
                run_start = entry.index
            run += entry.minutes
            if run > MAX_MINUTES_WITHOUT_BREAK:
                since = name_items(module, ("agenda", run_start)).removeprefix("the ")
                yield warning(curriculum.locate(module, "agenda", entry.index),
                              f"{name_items(module, ('agenda', entry.index))}: {run} minutes "
                              f"without a break since the {since}; add a break at least every "
                              f"{MAX_MINUTES_WITHOUT_BREAK} minutes", "time.no-break",
                              f"agenda[{entry.index}]")
                run = 0


RULES = [check_agenda_fits, check_breaks]
