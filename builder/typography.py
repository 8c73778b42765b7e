"""Texts compared as words: one table of the typography that does not change what a text says.

Curly and straight quotes, guillemets, dashes, an ellipsis character and the invisible or
non-breaking spaces differ between an editor's YAML, a source's PDF and what Word or PowerPoint
files hold. The quote rules (quoted words against the bank) and the leak guard (facilitator
texts against the files built) both compare through `normalise`, so they agree on what counts
as the same words.
"""

from __future__ import annotations

import re
import unicodedata

TYPOGRAPHY = str.maketrans({
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‟": '"',
    "‘": "'", "’": "'", "‚": "'", "‹": "'", "›": "'", "‛": "'", "´": "'", "`": "'",
    "\u2026": "...", "–": "-", "—": "-", "‐": "-", "‑": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u00ad": None, "\u200b": None,
})
_SPACE_BEFORE_CLOSING = re.compile(r" (?=[,.;:!?)\]])")
_SPACE_AFTER_OPENING = re.compile(r"(?<=[(\[]) ")


def normalise(text: str) -> str:
    """Compare texts as words: one space for any white space, plain quotes and apostrophes."""
    text = unicodedata.normalize("NFC", text).translate(TYPOGRAPHY)
    text = " ".join(text.split())
    text = _SPACE_BEFORE_CLOSING.sub("", text)
    return _SPACE_AFTER_OPENING.sub("", text)
