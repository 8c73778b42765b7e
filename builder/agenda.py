"""A module's agenda with clock times: each item's start, minutes and what it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .curriculum import Curriculum
from .model import Activity, Module, Scenario

ItemKind = Literal["activity", "scenario", "break"]


@dataclass(frozen=True)
class AgendaEntry:
    index: int
    kind: ItemKind
    start: int
    """Minutes after midnight."""
    minutes: int
    activity: Activity | None = None
    scenario: Scenario | None = None

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def clock(self) -> str:
        return clock(self.start)

    @property
    def clock_range(self) -> str:
        return f"{clock(self.start)}–{clock(self.end)}"


def clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def start_minutes(curriculum: Curriculum) -> int:
    hours, minutes = curriculum.settings.start_time.split(":")
    return int(hours) * 60 + int(minutes)


def schedule(curriculum: Curriculum, module: Module) -> list[AgendaEntry]:
    """The agenda in order with clock times from `start_time`; unknown scenarios take 0 minutes."""
    entries: list[AgendaEntry] = []
    now = start_minutes(curriculum)
    for index, item in enumerate(module.agenda):
        if item.activity is not None:
            minutes = item.activity.duration
            entry = AgendaEntry(index, "activity", now, minutes, activity=item.activity)
        elif item.scenario is not None:
            scenario = curriculum.scenario(item.scenario)
            minutes = scenario.duration if scenario else 0
            entry = AgendaEntry(index, "scenario", now, minutes, scenario=scenario)
        else:
            entry = AgendaEntry(index, "break", now, item.break_ or 0)
        entries.append(entry)
        now = entry.end
    return entries
