"""Dates as participants read them, in the words of their language: "Monday 15 March 2027",
"lunes 15 de marzo de 2027". The YAML keeps ISO dates (2027-03-15); the documents do not."""

from __future__ import annotations

from datetime import date

from .locales import Words


def long_date(words: Words, day: date) -> str:
    return words("long_date", weekday=words["weekday_names"][day.weekday()], day=day.day,
                 month=words["month_names"][day.month - 1], year=day.year)
