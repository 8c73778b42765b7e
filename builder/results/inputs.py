"""One input file read: each participant's answers, by item id, as the item's own options."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .answers import Answer
from .findings import refuse

READ_HINT = "give a filled entry workbook (.xlsx) or Moodle's Responses report (.csv)"


@dataclass
class FormAnswers:
    form: str
    """The form's name in the module's quiz.forms (pre, post)."""
    participants: dict[str, dict[str, Answer]] = field(default_factory=dict)
    """Participant code → item id → answer (None: blank)."""
    dropped_columns: int = 0
    """Name, e-mail and ID columns dropped on reading."""


def kind_of(path: Path, shown: str) -> str:
    """'xlsx' or 'csv', from the file's first bytes; an empty or other file is refused."""
    try:
        head = path.open("rb").read(8)
    except OSError as exc:
        raise refuse(f"{shown}: cannot be read ({exc.strerror or exc}); {READ_HINT}") from exc
    if not head:
        raise refuse(f"{shown}: the file is empty; {READ_HINT}")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".pdf", ".docx", ".ods"):
        raise refuse(f"{shown}: not an xlsx workbook or a CSV file; {READ_HINT}")
    return "csv"
