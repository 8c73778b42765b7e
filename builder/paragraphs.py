"""YAML text as printed: the one place that says how a curriculum's text becomes paragraphs.

A YAML block wraps where its author pressed Enter, so a single line break is a space and a blank
line starts a new paragraph. The deck, the docx writers and the preview all print text this way,
and the module view compares texts the same way (`flatten`), so what counts as "the same key
message" is what reads the same on the page.
"""

from __future__ import annotations

import re


def flatten(text: str) -> str:
    """`text` on one line: every run of white space (line breaks too) one space, none at the
    ends."""
    return " ".join(text.split())


def split_paragraphs(text: str) -> list[str]:
    """A YAML text as paragraphs: blank lines separate them; single line breaks are spaces."""
    return [flatten(part) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
