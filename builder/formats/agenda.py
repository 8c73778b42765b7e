"""A plain-text agenda with clock times: `<module>-agenda-<lang>.txt`, for the organiser."""

from __future__ import annotations

from pathlib import Path

from ..agenda import schedule
from ..context import BuildContext
from ..dates import long_date
from ..templates import render


def build(context: BuildContext) -> list[Path]:
    path = context.path("agenda", "txt")
    path.write_text(agenda_text(context), encoding="utf-8", newline="\n")
    return [path]


def agenda_text(context: BuildContext) -> str:
    """The agenda as its template renders it (`voces check` renders a curriculum's own
    template this way, so that a name it is not given is found before a build)."""
    entries = [
        {"clock": entry.clock_range, "minutes": entry.minutes, "title": context.entry_title(entry)}
        for entry in schedule(context.curriculum, context.module)
    ]
    # A delivery's agenda (builder/delivery) carries its date and venue.
    delivery = getattr(context, "delivery", None)
    return render("agenda.txt.j2", context, entries=entries, delivery=delivery,
                  date_text=long_date(context.words, delivery.date) if delivery else "")
