"""Privacy: no e-mail address, phone number or social-media handle in a quote, scenario or module.

domain.md section 4: no identifying details. Support resources in curriculum.yaml carry the
contacts participants need and are exempt. Numbers that only look like phones are left alone:
law and decree numbers (Ley 30364, DL 1297, DS 009-2016-MIMP), years and year ranges, dates,
amounts written with thousands separators, percentages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..curriculum import Curriculum
from ..findings import Finding, error
from ..text_fields import text_fields
from .quotes import text_documents

EMAIL = re.compile(
    r"(?<![\w.+-])[\w.%+-]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?![\w@])")
# An address written to dodge harvesters: "ana [at] gmail [dot] com", "ana (arroba) gmail.com".
_AT_SIGN = r"[\[(<{]\s*(?:at|arroba)\s*[\])>}]"
_AT = rf"\s*{_AT_SIGN}\s*"
_DOT = r"(?:\s*[\[(<{]\s*(?:dot|punto)\s*[\])>}]\s*|\.)"
OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.%+-]*\w{_AT}[^\W_][\w-]*(?:{_DOT}[^\W_][\w-]*)*{_DOT}[^\W\d_]{{2,}}"
    r"(?![\w@])", re.IGNORECASE)
_OBFUSCATED_AT = re.compile(_AT_SIGN, re.IGNORECASE)
"""The written-out at sign alone, which no obfuscated address is without."""
_DIGIT = re.compile(r"\d")
HANDLE = re.compile(r"(?<![\w@./])@(?=[\w.]*[^\W\d_])[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
SOCIAL_SITES = (
    r"facebook\.com|fb\.com|fb\.me|m\.me|messenger\.com|instagram\.com|instagr\.am|"
    r"tiktok\.com|twitter\.com|x\.com|t\.me|telegram\.me|telegram\.dog|wa\.me|"
    r"api\.whatsapp\.com|chat\.whatsapp\.com|snapchat\.com|linkedin\.com|youtube\.com|"
    r"threads\.net|reddit\.com|discord\.gg|discord\.com|twitch\.tv|onlyfans\.com|kick\.com|"
    r"vk\.com|ok\.ru|tumblr\.com|pinterest\.com"
)
SOCIAL_URL = re.compile(
    rf"(?<![\w.@-])(?:https?://)?(?:(?:www|m|web|mobile|vm|vt)\.)?(?:{SOCIAL_SITES})"
    r"/[^\s\"”»)\],;]*[^\W_][^\s\"”»)\],;]*", re.IGNORECASE)

# A run of digits with the separators phones are written with; checked further in `is_phone`.
PHONE_CANDIDATE = re.compile(
    r"(?<![\w/.,:-])(?:\(?\+\s?)?\(?\d[\d\s().\-–]*\d\)?(?![\w/%‰])")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 7, 15
LEGAL_CONTEXT = 80
"""How many characters before a number are read for a law's name (Ley N.° …)."""

_LEGAL_PREFIX = re.compile(
    r"(?:\b(?:ley(?:es)?|laws?|acts?|decretos?|decrees?|legislativos?|legislative|supremos?|"
    r"supreme|d\.?\s?l(?:eg)?|d\.?\s?s|d\.?\s?u|resoluci[oó]n(?:es)?|resolutions?|r\.?\s?m|"
    r"r\.?\s?d|r\.?\s?a|ordenanzas?|ordinances?|art[ií]culos?|articles?|arts?|inc|incisos?|"
    r"expedientes?|exp|casos?|cases?|files?|isbn|issn|doi|c[oó]digo|code|convenios?|"
    r"conventions?|protocol[oe]?s?|oficios?|informes?|reports?|ruc|r\.\s?n|nulidad|"
    r"casaci[oó]n(?:es)?|sentencias?|acuerdos?(?:\s+plenarios?)?|plenarios?|"
    r"carpetas?(?:\s+fiscal(?:es)?)?|stc|judgments?|rulings?)\.?\s*"
    r"(?:(?:n\.?\s?[°ºo]\.?|nro\.?|n[uú]m\.?|n[uú]mero|number|no\.|#)\s*)?"
    r"(?:\d[\d.\-–\s]*(?:,|y|e|and|or|o)\s*)*)$", re.IGNORECASE)
_NORM_SUFFIX = re.compile(r"^-[A-Z]{2,}")
_YEAR = r"(?:1[89]|20)\d\d"
_YEAR_RANGE = re.compile(rf"{_YEAR}\s*[-–]\s*(?:{_YEAR}|\d\d)")
# A document's number and year, as Peru numbers files and rulings: 1234-2019, 00123-2020-15-…
# (a Lima landline splits 3-4, so 419-2019 stays a phone).
_NUMBER_AND_YEAR = re.compile(rf"(?:\d{{1,2}}|\d{{4,}})-{_YEAR}(?:-[\d-]*)?")
_DATE = re.compile(r"\d{1,2}[-.]\d{1,2}[-.](?:\d{4}|\d{2})|\d{4}[-.]\d{1,2}[-.]\d{1,2}")
_THOUSANDS = re.compile(r"\d{1,3}(?:([ .])\d{3})(?:\1\d{3})*")
_CURRENCY_BEFORE = re.compile(r"(?:S/\.?|US\$|\$|€|£|USD|PEN|EUR|soles|d[oó]lares)\s*$",
                              re.IGNORECASE)


@dataclass(frozen=True)
class Contact:
    offset: int
    text: str
    kind: str
    """'email', 'phone' or 'handle' (the rule id's last part)."""


def find_contacts(text: str) -> list[Contact]:
    """E-mail addresses, phone numbers and social-media handles in `text`, in order."""
    found: list[Contact] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str) -> None:
        if any(start < stop and begin < end for begin, stop in taken):
            return
        taken.append((start, end))
        found.append(Contact(start, text[start:end], kind))

    # Each pattern is read only where what it cannot match without is there (an @, a /, a
    # digit): its leading look-behind makes it try every character, and most texts hold none.
    at_sign = "@" in text
    for match in EMAIL.finditer(text) if at_sign else ():
        add(match.start(), match.end(), "email")
    for match in OBFUSCATED_EMAIL.finditer(text) if _OBFUSCATED_AT.search(text) else ():
        add(match.start(), match.end(), "email")
    for match in SOCIAL_URL.finditer(text) if "/" in text else ():
        # A sentence's full stop after an address is not part of it.
        add(match.start(), match.start() + len(match.group().rstrip(".,;:!?")), "handle")
    for match in HANDLE.finditer(text) if at_sign else ():
        add(match.start(), match.end(), "handle")
    for match in PHONE_CANDIDATE.finditer(text) if _DIGIT.search(text) else ():
        start, end = _trim(text, match.start(), match.end())
        if is_phone(text, start, end):
            add(start, end, "phone")
    return sorted(found, key=lambda contact: contact.offset)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a bracket that does not pair inside the candidate: "(987 654 321)" keeps none."""
    candidate = text[start:end]
    if candidate.endswith(")") and candidate.count(")") > candidate.count("("):
        end -= 1
    candidate = text[start:end]
    if candidate.startswith("(") and candidate.count("(") > candidate.count(")"):
        start += 1
    return start, end


def is_phone(text: str, start: int, end: int) -> bool:
    candidate = text[start:end].strip()
    digits = re.sub(r"\D", "", candidate)
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        return False
    international = candidate.lstrip("(").startswith("+")
    before, after = text[:start], text[end:]
    if not international:
        if _LEGAL_PREFIX.search(before[-LEGAL_CONTEXT:]) or _NORM_SUFFIX.match(after):
            return False
        if (_YEAR_RANGE.fullmatch(candidate) or _DATE.fullmatch(candidate)
                or _NUMBER_AND_YEAR.fullmatch(candidate)):
            return False
        if _only_years(candidate):
            return False
        if _THOUSANDS.fullmatch(candidate) and not _mobile(digits):
            return False
        if _CURRENCY_BEFORE.search(before) or re.match(r"\s*%", after):
            return False
    return True


def _only_years(candidate: str) -> bool:
    """"2015 2016" or "2019-2021-2023": years side by side, not a phone."""
    groups = re.split(r"[\s.\-–]+", candidate)
    return len(groups) > 1 and all(re.fullmatch(_YEAR, group) for group in groups)


def _mobile(digits: str) -> bool:
    """A Peruvian mobile number: nine digits starting with 9 (987 654 321)."""
    return len(digits) == 9 and digits.startswith("9")


_MESSAGES = {
    "email": "e-mail address",
    "phone": "phone number",
    "handle": "social-media handle",
}


def check_contacts(curriculum: Curriculum) -> Iterator[Finding]:
    documents = [*curriculum.sources, *text_documents(curriculum)]
    for text in text_fields(curriculum, documents):
        for contact in find_contacts(text.value):
            yield error(text.locate(contact.offset), f"{text.where}: {_MESSAGES[contact.kind]} "
                        f"'{contact.text}'; remove it: contact details can identify a person (a "
                        "support service's contact belongs in curriculum.yaml support)",
                        f"privacy.{contact.kind}", text.yaml_path)


RULES = [check_contacts]
