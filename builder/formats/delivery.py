"""Each delivery's own files, in `<lang>/<module>/deliveries/<id>/` (product.md): the notice
with date, venue and organiser; the agenda with the real date and start time; the sign-in sheet;
the certificate of attendance; one results-entry workbook per quiz form. Only deliveries of this
module in this language; without deliveries/ it writes nothing."""

from __future__ import annotations

from pathlib import Path

from ..context import BuildContext
from ..delivery import certificate, entry_workbook, sign_in
from ..delivery.context import delivery_context
from . import agenda, notice


def build(context: BuildContext) -> list[Path]:
    written: list[Path] = []
    for delivery in context.curriculum.deliveries:
        if delivery.module != context.module.id or delivery.language != context.lang:
            continue
        folder = context.folder / "deliveries" / delivery.id
        folder.mkdir(parents=True, exist_ok=True)
        own = delivery_context(context.curriculum, delivery, folder)
        own.date = context.date
        written += notice.build(own)
        written += agenda.build(own)
        written.append(sign_in.build(own))
        written.append(certificate.build(own))
        written += entry_workbook.build(own)
    return written
