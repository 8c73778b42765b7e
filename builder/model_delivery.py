"""deliveries/<id>.yaml: one delivery (cohort) of a module, with its date, venue and organiser.

Beside model.py (the curriculum's own documents): a delivery is read and checked like them, and
only the per-delivery outputs, the guide's list of deliveries and `voces results` read it.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .model_values import ClockTime, Contract, Id, IsoDate, LocalText, empty_list


class Organiser(Contract):
    """Who organises a delivery: the person participants write to before the day."""

    name: str
    """A professional's name as printed in the guide, on the notice and on the certificate.
    Example: Rosa Flores"""
    contact: str
    """A work contact (office e-mail or phone); exempt from the privacy rules, like support.
    Example: training@example.org"""


class Delivery(Contract):
    """deliveries/<id>.yaml: one delivery (cohort) of a module, on one day, in one language.

    A module is delivered many times; date, venue and organiser belong to a delivery, so the
    notice, the dated agenda, the sign-in sheet, the certificate and the results-entry workbooks
    of each delivery are built from this file (product.md, "deliveries")."""

    id: Id
    """The delivery's id; the file is named after it (lima-2027-03.yaml). Example: lima-2027-03"""
    module: str
    """The id of the module delivered. Example: m1-revictimisation"""
    language: str
    """The language it is delivered in: one of curriculum.yaml's languages. Example: es"""
    date: IsoDate
    """The day, as an ISO date. Example: '2027-03-15'"""
    start_time: ClockTime | None = None
    """Clock time of the first agenda item; the curriculum's start_time when not given.
    Example: '09:00'"""
    venue: LocalText
    """Where it takes place, as the notice prints it. Example: Training room, Lima"""
    organiser: Organiser
    """Who organises it, with a work contact."""
    facilitators: list[str] = Field(default_factory=empty_list)
    """Professionals' names, printed in the guide, on the notice and on the certificate.
    Example: [Rosa Flores]"""
    participants: Annotated[int, Field(gt=0, le=500)] = 20
    """Expected number: rows of the sign-in sheet and of the results-entry workbooks.
    Example: 18"""
