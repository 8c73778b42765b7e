"""Columns that identify a person (names, e-mail addresses, ID numbers, user names) are dropped
on reading: their values are never stored, printed or written; only how many were dropped."""

from __future__ import annotations

import re

IDENTIFYING = re.compile(
    r"^(?:surname|last ?name|family ?name|first ?name|given ?name|full ?name|name|names|"
    r"e-?mail(?: address)?|id ?number|id|user ?name|username|phone|mobile|dni|"
    r"apellido(?:s|\(s\))?|nombres?|nombre completo|nombre de usuario|surname\(s\)|"
    r"(?:direcci[oó]n(?: de)? )?(?:correo|e-?mail)(?: electr[oó]nico)?|"
    r"n[uú]mero de (?:id|identificaci[oó]n|documento)|documento|tel[eé]fono|celular)$",
    re.IGNORECASE)

CODE = re.compile(r"^[A-Z]{1,3}-?\d{1,4}$")
"""A participant code: P01, P-7, GR12. A name never matches, so it is never stored."""


def is_identifying(header: str) -> bool:
    return bool(IDENTIFYING.match(" ".join(header.split()).strip(" :")))


def as_code(value: object) -> str | None:
    """The participant code in a cell, upper-cased, or None when the cell holds no code."""
    text = str(value).strip().upper() if value is not None else ""
    return text if CODE.match(text) else None
