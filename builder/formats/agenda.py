"""A plain-text agenda with clock times: `<module>-agenda-<lang>.txt`, for the organiser."""

from __future__ import annotations

from pathlib import Path

from ..agenda import schedule
from ..context import BuildContext
from ..templates import render


def build(context: BuildContext) -> list[Path]:
    entries = [
        {"clock": entry.clock_range, "minutes": entry.minutes, "title": context.entry_title(entry)}
        for entry in schedule(context.curriculum, context.module)
    ]
    # A delivery's agenda (builder/delivery) carries its date and venue.
    text = render("agenda.txt.j2", context, entries=entries,
                  delivery=getattr(context, "delivery", None))
    path = context.path("agenda", "txt")
    path.write_text(text, encoding="utf-8", newline="\n")
    return [path]
