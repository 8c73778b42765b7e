"""The title of every slide of a pptx, read back from the file, for the slide pictures' alt text.

Read from the deck itself rather than the slide plan, so pictures kept from an earlier build are
described by the deck they were made from.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError


def slide_titles(deck: Path) -> list[str]:
    """One title per slide, in order ('' for a slide without one); [] when the file is no deck."""
    try:
        presentation = Presentation(str(deck))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        return []
    titles = []
    for slide in presentation.slides:
        title = slide.shapes.title
        text = title.text_frame.text if title is not None and title.has_text_frame else ""
        titles.append(" ".join(text.split()))
    return titles
