"""`terminology.avoid`: the terms to avoid (domain.md section 1), in every text field, in its
language; the terms and how they match are the domain module `builder/terminology.py`."""

from __future__ import annotations

from collections.abc import Iterator

from ..curriculum import Curriculum
from ..findings import Finding, error, warning
from ..model import Scenario
from ..terminology import TermUse, find_terms
from ..text_fields import TextField, text_fields
from .quotes import text_documents


def check_terminology(curriculum: Curriculum) -> Iterator[Finding]:
    severity = curriculum.settings.terminology
    if severity == "off":
        return
    report = error if severity == "error" else warning
    documents: list[object] = [curriculum.settings, *text_documents(curriculum)]
    for text in text_fields(curriculum, documents):
        legal_terms = text.document.legal_terms if isinstance(text.document, Scenario) else None
        for use in find_terms(text.value, text.lang, legal_terms, text.quotation):
            if use.legal_term is None:
                yield report(text.locate(use.start), _message(text, use, legal_terms),
                             "terminology.avoid", text.yaml_path)


def _message(text: TextField, use: TermUse, legal_terms: object) -> str:
    term = use.term
    words = " ".join(text.value[use.start:use.end].split())
    message = (f"{text.where}: avoid '{words}': {term.reason['en']}; write "
               f"'{term.prefer}' instead")
    if term.statutory and legal_terms is not None:
        message += "; if it names a statute, list it in this scenario's legal_terms"
    return message


RULES = [check_terminology]
